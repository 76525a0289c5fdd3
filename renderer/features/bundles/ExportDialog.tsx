/**
 * File ▸ Export: the window chooses what goes in the bundle, the native save dialog chooses
 * where; the result (path, size, counts) or the error stays visible in the dialog.
 */
import { useMemo, useState } from 'react';
import type { OpOutput } from '../../../core/api';
import type { SnapshotSummary } from '../../../core/model';
import { useBusyAction } from '../../ui/useBusyAction';
import { Dialog } from '../../ui/Dialog';
import { formatBytes, plural } from '../../ui/format';
import { glossa } from '../../glossa';
import { describeExport } from './summary';
import './bundles.css';

type Result = Extract<OpOutput<'exportBundleDialog'>, { cancelled: false }>;

const annotationCount = (s: SnapshotSummary) => s.counts.quote + s.counts.claim + s.counts.figure + s.counts.note;

export function ExportDialog({ snapshots, onClose }: { snapshots: SnapshotSummary[]; onClose(): void }) {
  const [scope, setScope] = useState<'all' | 'chosen'>('all');
  const [chosen, setChosen] = useState<Set<string>>(() => new Set());
  const { busy, error, run } = useBusyAction();
  const [result, setResult] = useState<Result | null>(null);
  const [cancelled, setCancelled] = useState(false);

  const included = useMemo(() => (scope === 'all' ? snapshots : snapshots.filter((s) => chosen.has(s.id))), [scope, snapshots, chosen]);
  const totals = useMemo(
    () =>
      included.reduce(
        (t, s) => ({ quote: t.quote + s.counts.quote, claim: t.claim + s.counts.claim, figure: t.figure + s.counts.figure, note: t.note + s.counts.note }),
        { quote: 0, claim: 0, figure: 0, note: 0 },
      ),
    [included],
  );
  const annotations = totals.quote + totals.claim + totals.figure + totals.note;

  function toggle(id: string, on: boolean) {
    setChosen((prev) => {
      const next = new Set(prev);
      if (on) next.add(id);
      else next.delete(id);
      return next;
    });
  }

  const exportNow = () =>
    run(async () => {
      setResult(null);
      setCancelled(false);
      const outcome = await glossa().exportBundleDialog(scope === 'all' ? {} : { snapshotIds: included.map((s) => s.id) });
      if (outcome.cancelled) setCancelled(true);
      else setResult(outcome);
    });

  return (
    <Dialog
      title="Export annotation bundle"
      onClose={onClose}
      wide
      actions={
        <>
          <button type="button" className="button" onClick={onClose}>
            {result ? 'Done' : 'Cancel'}
          </button>
          <button type="button" className="button button-primary" disabled={busy || included.length === 0} onClick={() => void exportNow()}>
            {busy ? 'Exporting…' : 'Export…'}
          </button>
        </>
      }
    >
      <p className="dialog-intro">
        A <strong>.glossa</strong> bundle holds the articles, their annotations as W3C Web Annotations and a CSV table. Anyone with Glossa can
        import it with identical ids and offsets.
      </p>
      <fieldset className="scope">
        <legend>What to export</legend>
        <label className="choice">
          <input type="radio" name="scope" checked={scope === 'all'} onChange={() => setScope('all')} />
          All snapshots ({snapshots.length})
        </label>
        <label className="choice">
          <input type="radio" name="scope" checked={scope === 'chosen'} onChange={() => setScope('chosen')} />
          Selected snapshots{scope === 'chosen' ? ` (${included.length})` : ''}
        </label>
        {scope === 'chosen' ? (
          <ul className="snapshot-checklist" aria-label="Snapshots to export">
            {snapshots.map((s) => (
              <li key={s.id}>
                <label className="choice">
                  <input type="checkbox" checked={chosen.has(s.id)} onChange={(e) => toggle(s.id, e.target.checked)} />
                  <span className="checklist-title">{s.title || 'Untitled'}</span>
                  <span className="checklist-count">{plural(annotationCount(s), 'annotation')}</span>
                </label>
              </li>
            ))}
          </ul>
        ) : null}
      </fieldset>
      <p className="export-totals" aria-live="polite">
        {plural(included.length, 'snapshot')} · {plural(annotations, 'annotation')}
        {annotations > 0 ? ` (${plural(totals.quote, 'quote')}, ${plural(totals.claim, 'claim')}, ${plural(totals.figure, 'figure')})` : ''}
      </p>
      {cancelled ? <p className="export-note">Export cancelled — nothing was written.</p> : null}
      {error ? (
        <p className="inline-error" role="alert">
          {error}
        </p>
      ) : null}
      {result ? <ExportResult result={result} /> : null}
    </Dialog>
  );
}

function ExportResult({ result }: { result: Result }) {
  return (
    <div className="export-result" role="status">
      <p className="export-result-title">Bundle written</p>
      <dl>
        <dt>File</dt>
        <dd className="path">{result.path}</dd>
        <dt>Size</dt>
        <dd>{formatBytes(result.bytes)}</dd>
        <dt>Contents</dt>
        <dd>{describeExport(result)}</dd>
      </dl>
    </div>
  );
}
