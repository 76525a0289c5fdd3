/** Pieces of the export dialog: the estimate shown before exporting, and what was written. */
import { messagesNow, useMessages } from '../../i18n';
import { commonMessages } from '../../i18n/common';
import { formatBytes, formatNumber } from '../../ui/format';
import { bundlesMessages } from './messages';
import type { EstimateState } from './useEstimate';

export interface KindCounts {
  quote: number;
  claim: number;
  figure: number;
  note: number;
}

/** "(3 quotes, 0 claims, 7 figures)", when the counts are of what the estimate counted. */
function breakdown(kinds: KindCounts | null, annotations: number): string {
  if (!kinds || annotations === 0 || kinds.quote + kinds.claim + kinds.figure + kinds.note !== annotations) return '';
  const { kindCount } = messagesNow(commonMessages);
  const count = (kind: keyof KindCounts) => kindCount(kind, formatNumber(kinds[kind]), kinds[kind] === 1);
  const parts = [count('quote'), count('claim'), count('figure')];
  if (kinds.note) parts.push(count('note'));
  return ` (${parts.join(', ')})`;
}

export interface Written {
  path: string;
  bytes: number;
  /** The format's name, for people. */
  format: string;
  contents: string;
  scope?: string;
}

/** Counts and the expected size, or why there is nothing to export yet. */
export function EstimateLine({ state, open, hint, kinds }: { state: EstimateState; open: boolean; hint: string | null; kinds: KindCounts | null }) {
  const m = useMessages(bundlesMessages);
  const { estimate, error, loading } = state;
  let body;
  if (hint) body = <span className="estimate-hint">{hint}</span>;
  else if (error) body = <span className="estimate-error">{error}</span>;
  else if (!estimate) body = <span className="estimate-hint">{m.counting}</span>;
  else {
    const extras = [
      estimate.tombstones ? m.deletionsCarried(estimate.tombstones) : null,
      estimate.conflicts ? m.unresolvedConflicts(estimate.conflicts) : null,
    ].filter(Boolean);
    const bodies = [
      estimate.originals.count ? m.originalPages(estimate.originals.count, formatBytes(estimate.originals.bytes)) : null,
      estimate.images.count ? m.images(estimate.images.count, formatBytes(estimate.images.bytes)) : null,
    ].filter((b): b is string => b !== null);
    body = (
      <>
        {open ? null : (
          <strong className="estimate-size" data-testid="export-size">
            {m.about(formatBytes(estimate.bytes))}
          </strong>
        )}
        <span data-testid="export-counts">
          {m.snapshots(estimate.snapshots)} · {m.annotations(estimate.annotations)}
          {breakdown(kinds, estimate.annotations)}
          {extras.length ? ` · ${extras.join(', ')}` : ''}
        </span>
        {!open && bodies.length ? <span className="estimate-bodies">{m.withBodies(bodies)}</span> : null}
        <span className="estimate-scope">{estimate.scope}</span>
      </>
    );
  }
  return (
    <p className={loading && !hint ? 'export-totals is-loading' : 'export-totals'} aria-live="polite" data-testid="export-estimate">
      {body}
    </p>
  );
}

export function ExportResult({ written }: { written: Written }) {
  const m = useMessages(bundlesMessages);
  return (
    <div className="export-result" role="status">
      <p className="export-result-title">{m.writtenTitle(written.format)}</p>
      <dl>
        <dt>{m.file}</dt>
        <dd className="path">{written.path}</dd>
        <dt>{m.size}</dt>
        <dd>{formatBytes(written.bytes)}</dd>
        <dt>{m.contents}</dt>
        <dd>
          {written.contents}
          {written.scope ? ` — ${written.scope}` : ''}
        </dd>
      </dl>
    </div>
  );
}
