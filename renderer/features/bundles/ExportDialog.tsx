/**
 * File ▸ Export: the window chooses what (library, snapshots, a tag, a speaker, a search)
 * and in which format, sees the size and counts before anything is written, and the native
 * save dialog chooses where. Progress with Cancel while a bundle is written; the result
 * (path, size, counts) or the error stays in the dialog.
 */
import { useEffect, useMemo, useRef, useState } from 'react';
import { inTrash } from '../../../core/model';
import { notify } from '../../app/messages';
import { Dialog } from '../../ui/Dialog';
import { DialogActions } from '../../ui/DialogActions';
import { glossa } from '../../glossa';
import { messagesNow, useMessages } from '../../i18n';
import { commonMessages } from '../../i18n/common';
import { TaskProgress } from '../library/TaskProgress';
import { latestVersions } from '../library/latestVersions';
import { useSnapshots } from '../library/useSnapshots';
import { estimateInput, FORMATS, isOpenFormat, scopeOf, startingChoices, type Choices } from './exportChoices';
import { EstimateLine, ExportResult, type Written } from './ExportParts';
import { bundlesMessages } from './messages';
import { ScopeFields } from './ScopeFields';
import { describeExport, isCancelled, messageOf } from './summary';
import { useEstimate } from './useEstimate';
import './bundles.css';

type Outcome = { kind: 'written'; written: Written } | { kind: 'cancelled' } | { kind: 'error'; message: string } | null;

/** `initial`: choices to start from over the defaults (the annotation browser passes its search). */
export function ExportDialog({ onClose, initial }: { onClose(): void; initial?: Partial<Choices> }) {
  const m = useMessages(bundlesMessages);
  const common = useMessages(commonMessages);
  // Articles in the trash are never offered, nor counted in the library's export.
  const { snapshots: all } = useSnapshots();
  const snapshots = useMemo(() => all.filter((s) => !inTrash(s.article)), [all]);
  const rows = useMemo(() => latestVersions(snapshots).sort((a, b) => b.capturedAt.localeCompare(a.capturedAt)), [snapshots]);
  const [choices, setChoices] = useState<Choices>(() => startingChoices(initial));
  // The search scope is offered only to a dialog opened with one; switching away keeps it offered.
  const [searchQuery] = useState(() => (choices.scope === 'search' ? choices.searchQuery : ''));
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<Outcome>(null);
  const change = (patch: Partial<Choices>) => {
    setChoices((c) => ({ ...c, ...patch }));
    setOutcome(null);
  };

  const chosen = scopeOf(choices);
  const input = 'scope' in chosen ? estimateInput(choices, chosen.scope) : null;
  const estimate = useEstimate(input);
  const open = isOpenFormat(choices.format);
  // A bundle another Glossa would refuse to import is not written at all.
  const tooLarge = open ? null : (estimate.estimate?.tooLarge ?? null);
  // Kinds are known per snapshot, so only for the scopes that take whole snapshots.
  const kinds = useMemo(() => {
    if (choices.scope !== 'library' && choices.scope !== 'snapshots') return null;
    const ids = choices.scope === 'snapshots' ? new Set(choices.snapshotIds) : null;
    return snapshots
      .filter((s) => !ids || ids.has(s.id))
      .reduce(
        (t, s) => ({ quote: t.quote + s.counts.quote, claim: t.claim + s.counts.claim, figure: t.figure + s.counts.figure, note: t.note + s.counts.note }),
        { quote: 0, claim: 0, figure: 0, note: 0 },
      );
  }, [choices.scope, choices.snapshotIds, snapshots]);

  // Closed while exporting: the export goes on, and its outcome goes to the message bar.
  const mounted = useRef(true);
  useEffect(() => {
    mounted.current = true;
    return () => {
      mounted.current = false;
    };
  }, []);
  const finish = (next: Outcome) => {
    if (mounted.current) setOutcome(next);
    else if (next?.kind === 'written') notify(messagesNow(bundlesMessages).writtenNotice(next.written.format, next.written.path));
    else if (next?.kind === 'error') notify(messagesNow(bundlesMessages).couldNotExport(next.message), 'error');
  };

  async function exportNow() {
    if (!('scope' in chosen)) return;
    setBusy(true);
    setOutcome(null);
    try {
      if (isOpenFormat(choices.format)) {
        const scope = chosen.scope.kind === 'library' ? undefined : chosen.scope;
        const out = await glossa().exportFormatDialog({ format: choices.format, scope, bom: choices.format === 'csv' ? choices.bom : undefined });
        const name = messagesNow(bundlesMessages).formatLabel[choices.format];
        finish(out.cancelled ? null : { kind: 'written', written: { path: out.path, bytes: out.bytes, format: name, contents: describeExport(out) } });
      } else {
        const out = await glossa().exportBundleDialog({
          scope: chosen.scope,
          includeOriginals: choices.includeOriginals,
          includeImages: choices.includeImages,
        });
        const name = messagesNow(bundlesMessages).bundleFormatName;
        finish(
          out.cancelled
            ? null
            : { kind: 'written', written: { path: out.path, bytes: out.bytes, format: name, contents: describeExport(out), scope: out.scope } },
        );
      }
    } catch (e) {
      finish(isCancelled(e) ? { kind: 'cancelled' } : { kind: 'error', message: messageOf(e) });
    } finally {
      if (mounted.current) setBusy(false);
    }
  }

  const written = outcome?.kind === 'written';
  return (
    <Dialog
      title={m.exportTitle}
      onClose={onClose}
      wide
      actions={
        <DialogActions
          cancelLabel={written ? common.done : common.close}
          confirmLabel={busy ? m.exporting : m.exportButton}
          disabled={busy || !input || !estimate.estimate || tooLarge !== null}
          onCancel={onClose}
          onConfirm={() => void exportNow()}
        />
      }
    >
      <div className="export-grid">
        <ScopeFields choices={choices} rows={rows} change={change} disabled={busy} searchQuery={searchQuery} />
        <div className="export-format">
          <div className="field">
            <label className="field-label" htmlFor="export-format">
              {m.format}
            </label>
            <select id="export-format" value={choices.format} disabled={busy} onChange={(e) => change({ format: e.target.value as Choices['format'] })}>
              {FORMATS.map((f) => (
                <option key={f} value={f}>
                  {m.formatLabel[f]}
                </option>
              ))}
            </select>
          </div>
          <p className="field-note">{m.formatNote[choices.format]}</p>
          {open ? null : (
            <fieldset className="scope">
              <legend>{m.include}</legend>
              <label className="choice">
                <input type="checkbox" checked={choices.includeOriginals} disabled={busy} onChange={(e) => change({ includeOriginals: e.target.checked })} />
                {m.includeOriginals}
              </label>
              <label className="choice">
                <input type="checkbox" checked={choices.includeImages} disabled={busy} onChange={(e) => change({ includeImages: e.target.checked })} />
                {m.includeImages}
              </label>
            </fieldset>
          )}
          {choices.format === 'csv' ? (
            <label className="choice">
              <input type="checkbox" checked={choices.bom} disabled={busy} onChange={(e) => change({ bom: e.target.checked })} />
              {m.excelFriendly}
            </label>
          ) : null}
        </div>
      </div>
      <EstimateLine kinds={kinds} open={open} state={estimate} hint={'missing' in chosen ? chosen.missing : null} />
      {tooLarge ? (
        <p className="inline-error" role="alert" data-testid="export-too-large">
          {tooLarge}
        </p>
      ) : null}
      {busy && !open ? <TaskProgress task="export" /> : null}
      {outcome?.kind === 'cancelled' ? <p className="export-note">{m.exportCancelled}</p> : null}
      {outcome?.kind === 'error' ? (
        <p className="inline-error" role="alert">
          {outcome.message}
        </p>
      ) : null}
      {outcome?.kind === 'written' ? <ExportResult written={outcome.written} /> : null}
    </Dialog>
  );
}
