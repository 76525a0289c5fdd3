/** Paste text: an article copied from anywhere becomes a snapshot (capture method "paste"). */
import { useState } from 'react';
import { navigate } from '../../app/route';
import { useBusyAction } from '../../ui/useBusyAction';
import { Dialog } from '../../ui/Dialog';
import { glossa } from '../../glossa';
import { snapshotIdOf } from './outcome';

export function PasteDialog({ onClose }: { onClose(): void }) {
  const [text, setText] = useState('');
  const [title, setTitle] = useState('');
  const { busy, error, run } = useBusyAction();

  const submit = () =>
    run(async () => {
      const outcome = await glossa().importText({ text, title: title.trim() || undefined });
      onClose();
      const id = snapshotIdOf(outcome);
      if (id) navigate({ view: 'reader', snapshotId: id });
    });

  return (
    <Dialog
      title="Paste text"
      onClose={onClose}
      wide
      actions={
        <>
          <button type="button" className="button" onClick={onClose}>
            Cancel
          </button>
          <button type="button" className="button button-primary" disabled={busy || text.trim() === ''} onClick={() => void submit()}>
            {busy ? 'Adding…' : 'Add to library'}
          </button>
        </>
      }
    >
      <div className="form-stack">
        <label className="field">
          <span className="field-label">Title (optional — otherwise the first line)</span>
          <input type="text" value={title} onChange={(e) => setTitle(e.target.value)} autoComplete="off" />
        </label>
        <label className="field">
          <span className="field-label">Article text</span>
          <textarea
            className="paste-area"
            value={text}
            onChange={(e) => setText(e.target.value)}
            rows={14}
            autoFocus
            spellCheck={false}
            placeholder="Paste the article here. Blank lines separate paragraphs."
          />
        </label>
        {error ? (
          <p className="inline-error" role="alert">
            {error}
          </p>
        ) : null}
      </div>
    </Dialog>
  );
}
