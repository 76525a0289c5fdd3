/** What importing annotations from another tool (W3C JSON-LD, Hypothesis, REFI-QDA) did. */
import { Dialog } from '../../ui/Dialog';
import { useMessages } from '../../i18n';
import { commonMessages } from '../../i18n/common';
import type { ExchangeReport } from './importBundle';
import { bundlesMessages } from './messages';
import './bundles.css';

export function ExchangeReportDialog({ report, onClose }: { report: ExchangeReport; onClose(): void }) {
  const m = useMessages(bundlesMessages);
  const common = useMessages(commonMessages);
  const parts = [
    report.snapshotsAdded ? m.articlesAdded(report.snapshotsAdded) : null,
    m.annotationsAdded(report.annotationsAdded),
    report.annotationsUpdated ? m.annotationsUpdated(report.annotationsUpdated) : null,
    report.annotationsSkipped ? m.annotationsAlreadyHere(report.annotationsSkipped) : null,
    report.unmatched.length ? m.annotationsNotPlaced(report.unmatched.length) : null,
  ].filter(Boolean);
  return (
    <Dialog
      title={m.importedTitle(report.format)}
      onClose={onClose}
      wide
      actions={
        <button type="button" className="button button-primary" onClick={onClose}>
          {common.done}
        </button>
      }
    >
      <p className="import-summary" role="status">
        {parts.join(', ')}.
      </p>
      <dl className="bundle-origin">
        <dt>{m.file}</dt>
        <dd className="path">{report.path}</dd>
      </dl>
      {report.unmatched.length ? (
        <section aria-labelledby="exchange-unmatched">
          <h3 id="exchange-unmatched" className="section-title">
            {m.notPlacedTitle}
          </h3>
          <ul className="preview-notes">
            {report.unmatched.slice(0, 50).map((u, i) => (
              <li key={i}>
                <q>{u.what}</q> — {u.reason}
              </li>
            ))}
            {report.unmatched.length > 50 ? <li>{m.andMore(report.unmatched.length - 50)}</li> : null}
          </ul>
        </section>
      ) : null}
      {report.problems.length ? (
        <section aria-labelledby="exchange-problems">
          <h3 id="exchange-problems" className="section-title">
            {m.notesTitle}
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
