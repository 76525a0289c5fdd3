/**
 * Paste text: an article copied from anywhere becomes a snapshot (capture method "paste").
 * When the clipboard also holds HTML (copied from a browser), that is what is imported, so
 * paragraphs, headings and lists survive; the researcher can choose the plain text instead.
 */
import { useState } from 'react';
import { navigate } from '../../app/route';
import { useBusyAction } from '../../ui/useBusyAction';
import { Dialog } from '../../ui/Dialog';
import { DialogActions } from '../../ui/DialogActions';
import { InlineError } from '../../ui/InlineError';
import { glossa } from '../../glossa';
import { useMessages } from '../../i18n';
import { showOutcome } from './importFiles';
import { libraryMessages } from './messages';

export function PasteDialog({ onClose }: { onClose(): void }) {
  const [text, setText] = useState('');
  const [title, setTitle] = useState('');
  const [html, setHtml] = useState<string | null>(null);
  const { busy, error, run } = useBusyAction();
  const m = useMessages(libraryMessages);

  const submit = () =>
    run(async () => {
      const outcome = await glossa().importText({ text, html, title: title.trim() || undefined });
      showOutcome({ name: m.pastedName, ok: true, ...outcome });
      onClose();
      navigate({ view: 'reader', snapshotId: outcome.snapshotId });
    });

  return (
    <Dialog
      title={m.pasteTitle}
      onClose={onClose}
      wide
      actions={
        <DialogActions
          confirmLabel={busy ? m.adding : m.addToLibrary}
          disabled={busy || text.trim() === ''}
          onCancel={onClose}
          onConfirm={() => void submit()}
        />
      }
    >
      <div className="form-stack">
        <label className="field">
          <span className="field-label">{m.pasteTitleField}</span>
          <input type="text" value={title} onChange={(e) => setTitle(e.target.value)} autoComplete="off" />
        </label>
        <label className="field">
          <span className="field-label">{m.pasteTextField}</span>
          <textarea
            className="paste-area"
            value={text}
            onChange={(e) => {
              setText(e.target.value);
              if (e.target.value.trim() === '') setHtml(null);
            }}
            onPaste={(e) => {
              const pasted = e.clipboardData.getData('text/html');
              if (pasted.trim()) setHtml(pasted);
            }}
            rows={14}
            autoFocus
            spellCheck={false}
            placeholder={m.pastePlaceholder}
          />
        </label>
        {html ? (
          <p className="field-hint" role="status">
            {m.pastedFormatted}{' '}
            <button type="button" className="link-button" onClick={() => setHtml(null)}>
              {m.usePlain}
            </button>
          </p>
        ) : null}
        <InlineError message={error} />
      </div>
    </Dialog>
  );
}
