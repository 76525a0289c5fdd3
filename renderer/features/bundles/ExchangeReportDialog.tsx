/** What importing annotations from another tool (W3C JSON-LD, Hypothesis, REFI-QDA) did. */
import { Dialog } from '../../ui/Dialog';
import { plural } from '../../ui/format';
import type { ExchangeReport } from './importBundle';
import './bundles.css';

const FORMAT = { w3c: 'W3C Web Annotations', qdpx: 'REFI-QDA project' } as const;

export function ExchangeReportDialog({ report, onClose }: { report: ExchangeReport; onClose(): void }) {
  const parts = [
    report.snapshotsAdded ? `${plural(report.snapshotsAdded, 'article')} added` : null,
    `${plural(report.annotationsAdded, 'annotation')} added`,
    report.annotationsUpdated ? `${plural(report.annotationsUpdated, 'annotation')} updated` : null,
    report.annotationsSkipped ? `${plural(report.annotationsSkipped, 'annotation')} already here` : null,
    report.unmatched.length ? `${plural(report.unmatched.length, 'annotation')} could not be placed` : null,
  ].filter(Boolean);
  return (
    <Dialog
      title={`Imported ${FORMAT[report.format]}`}
      onClose={onClose}
      wide
      actions={
        <button type="button" className="button button-primary" onClick={onClose}>
          Done
        </button>
      }
    >
      <p className="import-summary" role="status">
        {parts.join(', ')}.
      </p>
      <dl className="bundle-origin">
        <dt>File</dt>
        <dd className="path">{report.path}</dd>
      </dl>
      {report.unmatched.length ? (
        <section aria-labelledby="exchange-unmatched">
          <h3 id="exchange-unmatched" className="section-title">
            Not placed (no article here holds the quoted words)
          </h3>
          <ul className="preview-notes">
            {report.unmatched.slice(0, 50).map((u, i) => (
              <li key={i}>
                <q>{u.what}</q> — {u.reason}
              </li>
            ))}
            {report.unmatched.length > 50 ? <li>…and {plural(report.unmatched.length - 50, 'more')}</li> : null}
          </ul>
        </section>
      ) : null}
      {report.problems.length ? (
        <section aria-labelledby="exchange-problems">
          <h3 id="exchange-problems" className="section-title">
            Notes
          </h3>
          <ul className="preview-notes">
            {report.problems.slice(0, 50).map((p, i) => (
              <li key={i}>{p}</li>
            ))}
          </ul>
        </section>
      ) : null}
    </Dialog>
  );
}
