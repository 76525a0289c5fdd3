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
import { messagesNow, useMessages } from '../../i18n';
import { commonMessages } from '../../i18n/common';
import { TaskProgress } from '../library/TaskProgress';
import type { PickedBundle } from './importBundle';
import { bundlesMessages } from './messages';
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
  const m = useMessages(bundlesMessages);
  const common = useMessages(commonMessages);
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
    else if (next.kind === 'done') notify(messagesNow(bundlesMessages).bundleImported(describeImport(next.report)));
    else if (next.kind === 'failed') notify(messagesNow(bundlesMessages).couldNotImportBundleBecause(next.message), 'error');
  }

  const shown = phase.kind === 'done' ? phase.report : preview;
  const conflicts = shown.annotations.conflicts.length;
  const done = phase.kind === 'done';
  const busy = phase.kind === 'importing';

  return (
    <Dialog
      title={done ? m.bundleImportedTitle : m.importTitle}
      onClose={onClose}
      wide
      actions={
        <>
          {done && conflicts > 0 ? (
            <button type="button" className="button" onClick={onReviewConflicts}>
              {m.reviewConflicts}
            </button>
          ) : null}
          <button type="button" className="button" onClick={onClose}>
            {done ? common.done : common.close}
          </button>
          {done ? null : (
            <button type="button" className="button button-primary" disabled={phase.kind !== 'preview' || !preview.changed} onClick={() => void importNow()}>
              {busy ? m.importing : m.importButton}
            </button>
          )}
        </>
      }
    >
      <dl className="bundle-origin">
        <dt>{m.file}</dt>
        <dd className="path">{fileName(preview.path)}</dd>
        {preview.scope ? (
          <>
            <dt>{m.contents}</dt>
            <dd>{preview.scope}</dd>
          </>
        ) : null}
        {preview.created ? (
          <>
            <dt>{m.made}</dt>
            <dd>
              {formatDate(preview.created, true)}
              {preview.appVersion ? m.withGlossa(preview.appVersion) : ''}
            </dd>
          </>
        ) : null}
      </dl>
      {done ? (
        <p className="import-summary" role="status">
          {m.bundleImported(describeImport(phase.report))}
        </p>
      ) : (
        <p className="dialog-intro">{preview.changed ? m.previewIntro : m.previewNothingNew}</p>
      )}
      <PreviewTable preview={shown} done={done} />
      <PreviewNotes preview={shown} />
      {busy ? <TaskProgress task="import-bundle" /> : null}
      {phase.kind === 'cancelled' ? <p className="export-note">{m.importCancelled}</p> : null}
      {phase.kind === 'failed' ? (
        <p className="inline-error" role="alert">
          {phase.message}
        </p>
      ) : null}
    </Dialog>
  );
}
