/** The outcome of the latest import, one line per file: imported, already there, or why not — with what to check. */
import { useEffect, useState } from 'react';
import { recordNotification } from '../../app/notifications';
import { hrefFor, navigate, parseRoute } from '../../app/route';
import { useStore } from '../../app/store';
import { formatNumber, plural } from '../../ui/format';
import { glossa } from '../../glossa';
import { lastImport, type FileResult, type ImportBatch } from './importFiles';

/** One line for a batch: "2 articles imported, 1 could not be imported". */
function headline(batch: ImportBatch): string {
  const outcomes = batch.results.filter((r) => r.ok || r.error.code !== 'CANCELLED');
  const failed = outcomes.filter((r) => !r.ok).length;
  const cancelled = batch.results.length - outcomes.length;
  const parts = [`${plural(outcomes.length - failed, 'article')} imported`];
  if (failed) parts.push(`${formatNumber(failed)} could not be imported`);
  if (cancelled) parts.push(`${formatNumber(cancelled)} not imported (cancelled)`);
  return parts.join(', ');
}

// Every batch is also kept in the notification list, from which its card can come back.
let recorded: ImportBatch | null = null;
lastImport.subscribe(() => {
  const batch = lastImport.get();
  if (!batch || batch === recorded) return;
  recorded = batch;
  const failed = batch.results.some((r) => !r.ok && r.error.code !== 'CANCELLED');
  recordNotification({
    tone: failed ? 'error' : 'notice',
    text: headline(batch),
    action: {
      label: 'Show results',
      run: () => {
        lastImport.set(batch);
        navigate({ view: 'library' });
      },
    },
  });
});

/**
 * The card is for the import just made: once it has been on screen, it goes when the user
 * moves on to another page (to one of its articles, say); the notification list keeps it. A
 * search stays in the library. One listener for the window: the card itself unmounts on the
 * very change it has to see.
 */
let shown: ImportBatch | null = null;
window.addEventListener('hashchange', () => {
  if (shown && shown === lastImport.get() && parseRoute(window.location.hash).view !== 'library') {
    shown = null;
    lastImport.set(null);
  }
});

function useGoneOnLeaving(batch: ImportBatch | null): void {
  useEffect(() => {
    shown = batch;
  }, [batch]);
}

export function ImportResults() {
  const batch = useStore(lastImport);
  useGoneOnLeaving(batch);
  if (!batch) return null;
  // Files a cancel stopped are one folded line: a long batch would otherwise bury the outcomes.
  const cancelledNames = batch.results.flatMap((r) => (!r.ok && r.error.code === 'CANCELLED' ? [r.name] : []));
  const outcomes = batch.results.filter((r) => r.ok || r.error.code !== 'CANCELLED');
  const failed = outcomes.filter((r) => !r.ok).length;
  const cancelled = cancelledNames.length;
  return (
    <section className={failed ? 'import-results has-errors' : 'import-results'} aria-label="Import results">
      <div className="import-results-head">
        <div role="status">
          <h2>{headline(batch)}</h2>
        </div>
        <button type="button" className="icon-button" aria-label="Dismiss import results" onClick={() => lastImport.set(null)}>
          ×
        </button>
      </div>
      <ul>
        {outcomes.map((r, i) => (
          <ResultLine key={`${batch.id}-${i}`} result={r} />
        ))}
      </ul>
      {cancelled ? (
        <details className="result-cancelled">
          <summary>{plural(cancelled, 'file')} not imported: the import was cancelled. Import them again when you are ready.</summary>
          <ul>
            {cancelledNames.map((name, i) => (
              <li key={`${batch.id}-c${i}`} className="result-name">
                {name}
              </li>
            ))}
          </ul>
        </details>
      ) : null}
    </section>
  );
}

function ResultLine({ result }: { result: FileResult }) {
  const [trimmed, setTrimmed] = useState<{ id: string } | { error: string } | null>(null);
  if (!result.ok) {
    return (
      <li className="result result-error">
        <span className="result-name">{result.name}</span>
        <span className="result-status">{result.error.message}</span>
      </li>
    );
  }
  const status = result.duplicate ? 'Already in library' : result.previousVersionId ? 'New version' : 'Imported';
  const trim = async () => {
    try {
      const out = await glossa().trimDebris({ snapshotId: result.snapshotId });
      setTrimmed({ id: out.snapshotId });
    } catch (e) {
      setTrimmed({ error: (e as Error).message });
    }
  };
  return (
    <li className={result.duplicate ? 'result result-duplicate' : 'result result-ok'}>
      <span className="result-name">{result.name}</span>
      <span className="result-status">
        {status}
        {' — '}
        <a href={hrefFor({ view: 'reader', snapshotId: result.snapshotId })}>{result.title || 'open'}</a>
      </span>
      {result.notices?.length ? (
        <ul className="result-notices">
          {result.notices.map((n) => (
            <li key={n}>{n}</li>
          ))}
        </ul>
      ) : null}
      {result.debris && !result.duplicate ? (
        <div className="result-debris">
          {trimmed && 'id' in trimmed ? (
            <span>
              Trimmed: <a href={hrefFor({ view: 'reader', snapshotId: trimmed.id })}>open the trimmed version</a> (the captured one is kept as its earlier
              version).
            </span>
          ) : (
            <>
              <span>
                It ends with what looks like a comment form (“{result.debris.marker}”, {plural(result.debris.words, 'word')}).
              </span>{' '}
              <button type="button" className="button button-small" onClick={() => void trim()}>
                Trim it
              </button>
              {trimmed && 'error' in trimmed ? (
                <span className="inline-error" role="alert">
                  {trimmed.error}
                </span>
              ) : null}
            </>
          )}
        </div>
      ) : null}
    </li>
  );
}
