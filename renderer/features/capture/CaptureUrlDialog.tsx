/** Capture a web page by its address. The main process fetches it; offline, it says so and nothing is created. */
import { useState } from 'react';
import { navigate } from '../../app/route';
import { Dialog } from '../../ui/Dialog';
import { DialogActions } from '../../ui/DialogActions';
import { InlineError } from '../../ui/InlineError';
import { useBusyAction } from '../../ui/useBusyAction';
import { glossa } from '../../glossa';
import { useMessages } from '../../i18n';
import { commonMessages } from '../../i18n/common';
import { showOutcome } from '../library/importFiles';
import { TaskProgress } from '../library/TaskProgress';
import { captureMessages } from './messages';

export function CaptureUrlDialog({ onClose }: { onClose(): void }) {
  const m = useMessages(captureMessages);
  const common = useMessages(commonMessages);
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
      title={m.title}
      onClose={onClose}
      actions={
        <DialogActions
          form="capture-url-form"
          cancelLabel={common.close}
          confirmLabel={busy ? m.capturing : m.capture}
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
          <span className="field-label">{m.address}</span>
          <input
            type="url"
            inputMode="url"
            value={url}
            onChange={(e) => setUrl(e.target.value)}
            placeholder={m.addressPlaceholder}
            autoComplete="off"
            autoFocus
            required
          />
        </label>
        <p className="field-hint">{m.hint}</p>
        {busy ? <TaskProgress task="capture" /> : null}
        <InlineError message={error} />
      </form>
    </Dialog>
  );
}
