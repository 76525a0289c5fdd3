/**
 * A dialog that edits one record through a form (a tag, a speaker): Cancel and a submit
 * button below, the error of the last try under the form. `after` holds controls that act on
 * their own (merge, remove) and must not submit the form.
 */
import type { ReactNode } from 'react';
import { Dialog } from './Dialog';
import { DialogActions } from './DialogActions';
import { InlineError } from './InlineError';

interface Props {
  title: string;
  formId: string;
  submitLabel: string;
  canSubmit: boolean;
  busy: boolean;
  error: string | null;
  onSubmit(): void;
  onClose(): void;
  children: ReactNode;
  after?: ReactNode;
}

export function FormDialog({ title, formId, submitLabel, canSubmit, busy, error, onSubmit, onClose, children, after }: Props) {
  return (
    <Dialog
      title={title}
      onClose={onClose}
      actions={<DialogActions form={formId} confirmLabel={submitLabel} disabled={busy || !canSubmit} onCancel={onClose} />}
    >
      <form
        id={formId}
        className="form-stack"
        onSubmit={(e) => {
          e.preventDefault();
          onSubmit();
        }}
      >
        {children}
      </form>
      {after}
      <InlineError message={error} />
    </Dialog>
  );
}
