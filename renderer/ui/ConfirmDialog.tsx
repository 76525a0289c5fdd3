/**
 * A question before a change that touches more than what is on screen (deleting or merging
 * tags, speakers): the body says what will happen; the confirm button names the action.
 */
import type { ReactNode } from 'react';
import { Dialog } from './Dialog';
import { DialogActions } from './DialogActions';
import { InlineError } from './InlineError';
import { useBusyAction } from './useBusyAction';

interface Props {
  title: string;
  children: ReactNode;
  confirmLabel: string;
  danger?: boolean;
  onConfirm(): Promise<void>;
  onClose(): void;
}

export function ConfirmDialog({ title, children, confirmLabel, danger, onConfirm, onClose }: Props) {
  const { busy, error, run } = useBusyAction();
  return (
    <Dialog
      title={title}
      onClose={onClose}
      actions={
        <DialogActions
          confirmLabel={confirmLabel}
          danger={danger}
          disabled={busy}
          onCancel={onClose}
          onConfirm={() =>
            void run(async () => {
              await onConfirm();
              onClose();
            })
          }
        />
      }
    >
      {children}
      <InlineError message={error} />
    </Dialog>
  );
}
