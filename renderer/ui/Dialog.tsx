/**
 * A modal built on <dialog>: the browser gives focus containment, Escape and the inert
 * background. Mount it to open it; `onClose` runs however it closes.
 */
import { useEffect, useId, useRef, type ReactNode } from 'react';
import { useMessages } from '../i18n';
import { commonMessages } from '../i18n/common';
import './dialog.css';

interface Props {
  title: string;
  onClose(): void;
  children: ReactNode;
  /** Buttons at the bottom right. */
  actions?: ReactNode;
  wide?: boolean;
}

/** The field a dialog opens on: one marked data-autofocus, else its first text field. */
const AUTOFOCUS = '[data-autofocus], .dialog-body input:is([type=text], [type=url], [type=search], [type=email], :not([type])), .dialog-body textarea';

export function Dialog({ title, onClose, children, actions, wide }: Props) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const closeRef = useRef(onClose);
  const common = useMessages(commonMessages);
  closeRef.current = onClose;

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    dialog.showModal();
    // showModal focuses the first control (the close button); a field the dialog asks for
    // (autoFocus, which React applied while the dialog was still closed) is focused instead.
    dialog.querySelector<HTMLElement>(AUTOFOCUS)?.focus();
    const handleClose = () => closeRef.current();
    dialog.addEventListener('close', handleClose);
    return () => {
      dialog.removeEventListener('close', handleClose);
      if (dialog.open) dialog.close();
    };
  }, []);

  return (
    <dialog ref={ref} className={wide ? 'dialog dialog-wide' : 'dialog'} aria-labelledby={titleId}>
      <div className="dialog-head">
        <h2 id={titleId}>{title}</h2>
        <button type="button" className="icon-button" aria-label={common.close} onClick={() => ref.current?.close()}>
          ×
        </button>
      </div>
      <div className="dialog-body">{children}</div>
      {actions ? <div className="dialog-actions">{actions}</div> : null}
    </dialog>
  );
}
