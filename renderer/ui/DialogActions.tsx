/**
 * The two buttons at the foot of a dialog that asks for something: one that leaves without
 * doing it, and the primary action. With `form` the action submits that form, so Enter in a
 * field and the button do the same thing.
 */
import type { ReactNode } from 'react';
import { useMessages } from '../i18n';
import { commonMessages } from '../i18n/common';

interface Props {
  confirmLabel: ReactNode;
  onCancel(): void;
  /** Some dialogs only report once done; they leave with "Close" or "Done". */
  cancelLabel?: ReactNode;
  /** The id of the form the action submits; otherwise `onConfirm` runs on click. */
  form?: string;
  onConfirm?(): void;
  disabled?: boolean;
  danger?: boolean;
}

export function DialogActions({ confirmLabel, onCancel, cancelLabel, form, onConfirm, disabled, danger }: Props) {
  const common = useMessages(commonMessages);
  return (
    <>
      <button type="button" className="button" onClick={onCancel}>
        {cancelLabel ?? common.cancel}
      </button>
      <button
        type={form ? 'submit' : 'button'}
        form={form}
        className={danger ? 'button button-danger' : 'button button-primary'}
        disabled={disabled}
        onClick={form ? undefined : onConfirm}
      >
        {confirmLabel}
      </button>
    </>
  );
}
