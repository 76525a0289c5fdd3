/** Pieces of the export dialog: the estimate shown before exporting, and what was written. */
import { formatBytes, plural } from '../../ui/format';
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
  const parts = [plural(kinds.quote, 'quote'), plural(kinds.claim, 'claim'), plural(kinds.figure, 'figure')];
  if (kinds.note) parts.push(plural(kinds.note, 'note'));
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
  const { estimate, error, loading } = state;
  let body;
  if (hint) body = <span className="estimate-hint">{hint}</span>;
  else if (error) body = <span className="estimate-error">{error}</span>;
  else if (!estimate) body = <span className="estimate-hint">Counting…</span>;
  else {
    const extras = [
      estimate.tombstones ? `${plural(estimate.tombstones, 'deletion')} carried along` : null,
      estimate.conflicts ? plural(estimate.conflicts, 'unresolved conflict') : null,
    ].filter(Boolean);
    const bodies = [
      estimate.originals.count ? `${plural(estimate.originals.count, 'original page')} (${formatBytes(estimate.originals.bytes)})` : null,
      estimate.images.count ? `${plural(estimate.images.count, 'image')} (${formatBytes(estimate.images.bytes)})` : null,
    ].filter(Boolean);
    body = (
      <>
        {open ? null : (
          <strong className="estimate-size" data-testid="export-size">
            About {formatBytes(estimate.bytes)}
          </strong>
        )}
        <span data-testid="export-counts">
          {plural(estimate.snapshots, 'snapshot')} · {plural(estimate.annotations, 'annotation')}
          {breakdown(kinds, estimate.annotations)}
          {extras.length ? ` · ${extras.join(', ')}` : ''}
        </span>
        {!open && bodies.length ? <span className="estimate-bodies">with {bodies.join(' and ')}</span> : null}
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
  return (
    <div className="export-result" role="status">
      <p className="export-result-title">{written.format} written</p>
      <dl>
        <dt>File</dt>
        <dd className="path">{written.path}</dd>
        <dt>Size</dt>
        <dd>{formatBytes(written.bytes)}</dd>
        <dt>Contents</dt>
        <dd>
          {written.contents}
          {written.scope ? ` — ${written.scope}` : ''}
        </dd>
      </dl>
    </div>
  );
}
