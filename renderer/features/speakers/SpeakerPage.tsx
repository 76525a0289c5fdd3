/** One speaker: who they are, and everything they said across the library, each quote linked into its article. */
import { useCallback, useEffect, useState } from 'react';
import type { OpOutput } from '../../../core/api';
import { useLibraryChange } from '../../app/events';
import { hrefFor } from '../../app/route';
import { glossa } from '../../glossa';
import { useMessages } from '../../i18n';
import { speakerQuery } from '../search/query';
import { formatDate } from '../../ui/format';
import '../../ui/workbench-ui.css';
import { speakersMessages } from './messages';
import { SpeakerDialog } from './SpeakerDialog';
import { useSpeakers } from './useSpeakers';
import './speakers.css';

type Said = OpOutput<'speakerQuotes'>;
/** Quotes fetched per page: the page grows by this much with "Show more". */
const PAGE = 200;

/** The first `count` quotes, a page at a time (the op answers at most a page per call). */
async function loadPages(id: string, count: number): Promise<Said> {
  const first = await glossa().speakerQuotes({ id, limit: PAGE, offset: 0 });
  const quotes = [...first.quotes];
  while (quotes.length < Math.min(count, first.total)) {
    const next = await glossa().speakerQuotes({ id, limit: PAGE, offset: quotes.length });
    if (next.quotes.length === 0) break;
    quotes.push(...next.quotes);
  }
  return { ...first, quotes };
}

export function SpeakerPage({ speakerId }: { speakerId: string }) {
  const m = useMessages(speakersMessages);
  const { speakers } = useSpeakers();
  const [said, setSaid] = useState<Said | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [editing, setEditing] = useState(false);
  const [shown, setShown] = useState(PAGE);
  useEffect(() => setShown(PAGE), [speakerId]);

  const reload = useCallback(() => {
    loadPages(speakerId, shown)
      .then((s) => {
        setSaid(s);
        setError(null);
      })
      .catch((e: Error) => setError(e.message));
  }, [speakerId, shown]);
  useEffect(reload, [reload]);
  // Quotes anywhere, the registry, new articles: any of them can change what this person said.
  useLibraryChange(reload);

  if (error) {
    return (
      <div className="page">
        <div className="page-inner" role="alert">
          <p>{error}</p>
          <a href={hrefFor({ view: 'speakers' })}>{m.allSpeakers}</a>
        </div>
      </div>
    );
  }
  if (!said) return <p className="reader-status">{m.opening}</p>;
  const { speaker, quotes, total } = said;
  // The articles of the quotes shown, in the order they come (newest first).
  const articles = [...new Set(quotes.map((q) => q.snapshotId))];

  return (
    <div className="page">
      <div className="page-inner">
        <p className="breadcrumb">
          <a href={hrefFor({ view: 'speakers' })}>{m.title}</a>
        </p>
        <div className="page-head">
          <h1>{speaker.name}</h1>
          <button type="button" className="button" onClick={() => setEditing(true)}>
            {m.editButton}
          </button>
        </div>
        <p className="speaker-facts">
          {[speaker.role, speaker.organisation].filter(Boolean).join(', ') || <span className="muted">{m.noRoleOrOrganisation}</span>}
          {speaker.aliases.length ? <span className="muted">{m.also(speaker.aliases)}</span> : null}
        </p>
        <h2 className="said-title">
          {total ? (
            <a href={hrefFor({ view: 'library', query: speakerQuery(speaker.name) })} title={m.openInSearch}>
              {m.quotesInArticles(total, said.articles)}
            </a>
          ) : (
            m.quotesInArticles(total, said.articles)
          )}
        </h2>
        {articles.map((snapshotId) => {
          const here = quotes.filter((q) => q.snapshotId === snapshotId);
          return (
            <section key={snapshotId} className="said-article" aria-label={here[0]!.snapshotTitle || m.untitled}>
              <h3>
                <a href={hrefFor({ view: 'reader', snapshotId })}>{here[0]!.snapshotTitle || m.untitled}</a>{' '}
                <span className="muted small">{m.captured(formatDate(here[0]!.capturedAt))}</span>
              </h3>
              <ul className="plain-list said-list">
                {here.map((q) => (
                  <li key={q.id}>
                    <a className="said-quote excerpt" href={hrefFor({ view: 'reader', snapshotId, annotationId: q.id })}>
                      {q.exact || m.quoteOnImage}
                    </a>
                    <span className="muted small">{[q.quoteType, q.role].filter(Boolean).join(' · ')}</span>
                  </li>
                ))}
              </ul>
            </section>
          );
        })}
        {quotes.length < total ? (
          <p>
            <button type="button" className="button" onClick={() => setShown((n) => n + PAGE)}>
              {m.showMore(quotes.length, total)}
            </button>
          </p>
        ) : null}
        {total === 0 ? <p className="muted">{m.noQuotes(speaker.name)}</p> : null}
      </div>
      {editing ? <SpeakerDialog speaker={speaker} speakers={speakers} onClose={() => setEditing(false)} /> : null}
    </div>
  );
}
