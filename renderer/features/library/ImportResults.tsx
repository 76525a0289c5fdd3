/** The outcome of the latest import, one line per file: imported, already there, or why not — with what to check. */
import { explainError } from '../../app/messages';
import { useEffect, useState } from 'react';
import { recordNotification } from '../../app/notifications';
import { hrefFor, navigate, parseRoute } from '../../app/route';
import { useStore } from '../../app/store';
import { glossa } from '../../glossa';
import { messagesNow, useMessages } from '../../i18n';
import { lastImport, type FileResult, type ImportBatch } from './importFiles';
import { libraryMessages } from './messages';

/** One line for a batch: "2 articles imported, 1 could not be imported". */
function headline(batch: ImportBatch): string {
  const outcomes = batch.results.filter((r) => r.ok || r.error.code !== 'CANCELLED');
  const failed = outcomes.filter((r) => !r.ok).length;
  const cancelled = batch.results.length - outcomes.length;
  return messagesNow(libraryMessages).headline(outcomes.length - failed, failed, cancelled);
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
      label: messagesNow(libraryMessages).showResults,
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
  const m = useMessages(libraryMessages);
  useGoneOnLeaving(batch);
  if (!batch) return null;
  // Files a cancel stopped are one folded line: a long batch would otherwise bury the outcomes.
  const cancelledNames = batch.results.flatMap((r) => (!r.ok && r.error.code === 'CANCELLED' ? [r.name] : []));
  const outcomes = batch.results.filter((r) => r.ok || r.error.code !== 'CANCELLED');
  const failed = outcomes.filter((r) => !r.ok).length;
  const cancelled = cancelledNames.length;
  return (
    <section className={failed ? 'import-results has-errors' : 'import-results'} aria-label={m.importResults}>
      <div className="import-results-head">
        <div role="status">
          <h2>{headline(batch)}</h2>
        </div>
        <button type="button" className="icon-button" aria-label={m.dismissResults} onClick={() => lastImport.set(null)}>
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
          <summary>{m.cancelledFiles(cancelled)}</summary>
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
  const m = useMessages(libraryMessages);
  if (!result.ok) {
    return (
      <li className="result result-error">
        <span className="result-name">{result.name}</span>
        <span className="result-status">{explainError(result.error.code, result.error.message)}</span>
      </li>
    );
  }
  const status = result.duplicate ? m.alreadyInLibrary : result.previousVersionId ? m.newVersion : m.imported;
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
        <a href={hrefFor({ view: 'reader', snapshotId: result.snapshotId })}>{result.title || m.open}</a>
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
              {m.trimmed} <a href={hrefFor({ view: 'reader', snapshotId: trimmed.id })}>{m.openTrimmed}</a> {m.trimmedKept}
            </span>
          ) : (
            <>
              <span>{m.debris(result.debris.marker, result.debris.words)}</span>{' '}
              <button type="button" className="button button-small" onClick={() => void trim()}>
                {m.trim}
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
