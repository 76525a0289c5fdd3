/**
 * File ▸ Import bundle, step 2: what the import would add, update, skip and keep side by side
 * (nothing written yet); "Import" commits it all or nothing, with progress and Cancel; then
 * what it did, with the way to the conflicts if there are any.
 */
import { useEffect, useRef, useState } from 'react';
import type { BundlePreview } from '../../../core/bundle';
import { notify } from '../../app/messages';
import { Dialog } from '../../ui/Dialog';
import { formatDate } from '../../ui/format';
import { glossa } from '../../glossa';
import { TaskProgress } from '../library/TaskProgress';
import type { PickedBundle } from './importBundle';
import { PreviewNotes, PreviewTable } from './PreviewTable';
import { describeImport, isCancelled, messageOf } from './summary';
import './bundles.css';

type Phase =
  { kind: 'preview' } | { kind: 'importing' } | { kind: 'cancelled' } | { kind: 'failed'; message: string } | { kind: 'done'; report: BundlePreview };

const fileName = (path: string) => path.split(/[\\/]/).pop() ?? path;

interface Props {
  picked: PickedBundle;
  onClose(): void;
  /** Opens the conflicts dialog (after an import that kept versions side by side). */
  onReviewConflicts(): void;
}

export function ImportPreviewDialog({ picked, onClose, onReviewConflicts }: Props) {
  const [phase, setPhase] = useState<Phase>({ kind: 'preview' });
  const { preview } = picked;
  const mounted = useRef(true);
  useEffect(() => {
    mounted.current = true;
    return () => {
      mounted.current = false;
    };
  }, []);

  async function importNow() {
    setPhase({ kind: 'importing' });
    let next: Phase;
    try {
      next = { kind: 'done', report: await glossa().importPreviewed({ token: picked.token }) };
    } catch (e) {
      next = isCancelled(e) ? { kind: 'cancelled' } : { kind: 'failed', message: messageOf(e) };
    }
    if (mounted.current) setPhase(next);
    // Closed meanwhile: the outcome goes to the message bar.
    else if (next.kind === 'done') notify(`Bundle imported: ${describeImport(next.report)}.`);
    else if (next.kind === 'failed') notify(`Could not import the bundle: ${next.message}`, 'error');
  }

  const shown = phase.kind === 'done' ? phase.report : preview;
  const conflicts = shown.annotations.conflicts.length;
  const done = phase.kind === 'done';
  const busy = phase.kind === 'importing';

  return (
    <Dialog
      title={done ? 'Bundle imported' : 'Import annotation bundle'}
      onClose={onClose}
      wide
      actions={
        <>
          {done && conflicts > 0 ? (
            <button type="button" className="button" onClick={onReviewConflicts}>
              Review conflicts…
            </button>
          ) : null}
          <button type="button" className="button" onClick={onClose}>
            {done ? 'Done' : 'Close'}
          </button>
          {done ? null : (
            <button type="button" className="button button-primary" disabled={phase.kind !== 'preview' || !preview.changed} onClick={() => void importNow()}>
              {busy ? 'Importing…' : 'Import'}
            </button>
          )}
        </>
      }
    >
      <dl className="bundle-origin">
        <dt>File</dt>
        <dd className="path">{fileName(preview.path)}</dd>
        {preview.scope ? (
          <>
            <dt>Contents</dt>
            <dd>{preview.scope}</dd>
          </>
        ) : null}
        {preview.created ? (
          <>
            <dt>Made</dt>
            <dd>
              {formatDate(preview.created, true)}
              {preview.appVersion ? ` with Glossa ${preview.appVersion}` : ''}
            </dd>
          </>
        ) : null}
      </dl>
      {done ? (
        <p className="import-summary" role="status">
          Bundle imported: {describeImport(phase.report)}.
        </p>
      ) : (
        <p className="dialog-intro">
          {preview.changed
            ? 'Nothing has been written yet. This is what importing the bundle would do:'
            : 'Nothing new: this library already holds everything in the bundle.'}
        </p>
      )}
      <PreviewTable preview={shown} done={done} />
      <PreviewNotes preview={shown} />
      {busy ? <TaskProgress task="import-bundle" /> : null}
      {phase.kind === 'cancelled' ? <p className="export-note">Import cancelled — nothing in your library changed.</p> : null}
      {phase.kind === 'failed' ? (
        <p className="inline-error" role="alert">
          {phase.message}
        </p>
      ) : null}
    </Dialog>
  );
}
