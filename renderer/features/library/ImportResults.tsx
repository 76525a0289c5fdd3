/** The outcome of the latest import, one line per file: imported, already there, or why not. */
import { hrefFor } from '../../app/route';
import { useStore } from '../../app/store';
import { plural } from '../../ui/format';
import { lastImport, type FileResult } from './importFiles';
import { isDuplicate, snapshotIdOf, titleOf } from './outcome';

export function ImportResults() {
  const batch = useStore(lastImport);
  if (!batch) return null;
  const failed = batch.results.filter((r) => !r.ok).length;
  const summary = failed
    ? `${plural(batch.results.length - failed, 'file')} imported, ${failed} could not be imported`
    : `${plural(batch.results.length, 'file')} imported`;
  return (
    <section className={failed ? 'import-results has-errors' : 'import-results'} aria-label="Import results">
      <div className="import-results-head">
        <div role="status">
          <h2>{summary}</h2>
        </div>
        <button type="button" className="icon-button" aria-label="Dismiss import results" onClick={() => lastImport.set(null)}>
          ×
        </button>
      </div>
      <ul>
        {batch.results.map((r, i) => (
          <ResultLine key={`${batch.id}-${i}`} result={r} />
        ))}
      </ul>
    </section>
  );
}

function ResultLine({ result }: { result: FileResult }) {
  if (!result.ok) {
    return (
      <li className="result result-error">
        <span className="result-name">{result.name}</span>
        <span className="result-status">{result.error.message}</span>
      </li>
    );
  }
  const id = snapshotIdOf(result);
  const duplicate = isDuplicate(result);
  return (
    <li className={duplicate ? 'result result-duplicate' : 'result result-ok'}>
      <span className="result-name">{result.name}</span>
      <span className="result-status">
        {duplicate ? 'Already in library' : 'Imported'}
        {id ? (
          <>
            {' — '}
            <a href={hrefFor({ view: 'reader', snapshotId: id })}>{titleOf(result) || 'open'}</a>
          </>
        ) : null}
      </span>
    </li>
  );
}
