/** Capture a web page by its address. The main process fetches it; offline, it says so and nothing is created. */
import { useState } from 'react';
import { navigate } from '../../app/route';
import { Dialog } from '../../ui/Dialog';
import { DialogActions } from '../../ui/DialogActions';
import { InlineError } from '../../ui/InlineError';
import { useBusyAction } from '../../ui/useBusyAction';
import { glossa } from '../../glossa';
import { showOutcome } from '../library/importFiles';
import { TaskProgress } from '../library/TaskProgress';

export function CaptureUrlDialog({ onClose }: { onClose(): void }) {
  const [url, setUrl] = useState('');
  const { busy, error, run } = useBusyAction();

  const submit = () =>
    run(async () => {
      const outcome = await glossa().captureUrl({ url: url.trim() });
      showOutcome({ name: outcome.finalUrl, ok: true, ...outcome });
      onClose();
      navigate({ view: 'reader', snapshotId: outcome.snapshotId });
    });

  return (
    <Dialog
      title="Capture a web page"
      onClose={onClose}
      actions={
        <DialogActions
          form="capture-url-form"
          cancelLabel="Close"
          confirmLabel={busy ? 'Capturing…' : 'Capture'}
          disabled={busy || url.trim() === ''}
          onCancel={onClose}
        />
      }
    >
      <form
        id="capture-url-form"
        className="form-stack"
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
      >
        <label className="field">
          <span className="field-label">Address of the article</span>
          <input
            type="url"
            inputMode="url"
            value={url}
            onChange={(e) => setUrl(e.target.value)}
            placeholder="https://…"
            autoComplete="off"
            autoFocus
            required
          />
        </label>
        <p className="field-hint">
          Glossa downloads the page and its pictures once and keeps them on this computer. Capturing the same address again later keeps both versions and shows
          what changed.
        </p>
        {busy ? <TaskProgress task="capture" /> : null}
        <InlineError message={error} />
      </form>
    </Dialog>
  );
}
