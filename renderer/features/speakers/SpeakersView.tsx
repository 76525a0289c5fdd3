/**
 * The speaker registry: everyone quoted in the library, with aliases, role, organisation and
 * how many quotes name them; names on quotes that are not registered yet can be added in one
 * go. Each speaker opens a page of everything they said.
 */
import { useState } from 'react';
import type { OpOutput } from '../../../core/api';
import type { Speaker } from '../../../core/model';
import { reportError } from '../../app/messages';
import { hrefFor } from '../../app/route';
import { undoStack } from '../../app/undo';
import { glossa } from '../../glossa';
import { messagesNow, useMessages } from '../../i18n';
import { commonMessages } from '../../i18n/common';
import { useLibraryValue } from '../../ui/useLibraryValue';
import '../../ui/workbench-ui.css';
import { speakersMessages } from './messages';
import { SpeakerDialog } from './SpeakerDialog';
import { speakerQuery } from '../search/query';
import { useSpeakers } from './useSpeakers';
import './speakers.css';

type Usage = OpOutput<'speakerUsage'>;

export const useSpeakerUsage = (): Usage | null => useLibraryValue<Usage | null>(() => glossa().speakerUsage({}), null);

export function SpeakersView() {
  const m = useMessages(speakersMessages);
  const common = useMessages(commonMessages);
  const { speakers, loaded } = useSpeakers();
  const usage = useSpeakerUsage();
  const [editing, setEditing] = useState<Speaker | 'new' | null>(null);
  const register = (name: string) =>
    void undoStack.perform(() => glossa().createSpeaker({ name })).catch((e: unknown) => reportError(e, messagesNow(speakersMessages).couldNotAdd));

  return (
    <div className="page">
      <div className="page-inner">
        <div className="page-head">
          <h1>{m.title}</h1>
          <button type="button" className="button button-primary" onClick={() => setEditing('new')}>
            {m.newSpeaker}
          </button>
        </div>
        <p className="page-note">{m.pageNote}</p>
        {loaded && speakers.length === 0 ? <p className="muted">{m.noSpeakers}</p> : null}
        {speakers.length ? (
          <table className="speaker-table">
            <thead>
              <tr>
                <th scope="col">{m.name}</th>
                <th scope="col">{m.alsoKnownAs}</th>
                <th scope="col">{m.role}</th>
                <th scope="col">{m.organisation}</th>
                <th scope="col">{m.quotes}</th>
                <th scope="col">
                  <span className="visually-hidden">{m.actions}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {speakers.map((s) => (
                <tr key={s.id}>
                  <th scope="row">
                    <a href={hrefFor({ view: 'speaker', speakerId: s.id })}>{s.name}</a>
                  </th>
                  <td>{s.aliases.join(', ') || <span className="muted">—</span>}</td>
                  <td>{s.role ?? <span className="muted">—</span>}</td>
                  <td>{s.organisation ?? <span className="muted">—</span>}</td>
                  <td className="num">{usage ? <QuoteCount n={usage.counts[s.id] ?? 0} name={s.name} /> : ''}</td>
                  <td>
                    <button type="button" className="button button-small" onClick={() => setEditing(s)} aria-label={m.editSpeakerLabel(s.name)}>
                      {common.edit}
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        ) : null}
        {usage && usage.unregistered.length ? (
          <section className="unregistered" aria-labelledby="unregistered-title">
            <h2 id="unregistered-title">{m.unregisteredTitle}</h2>
            <ul className="plain-list">
              {usage.unregistered.map((u) => (
                <li key={u.name} className="unregistered-row">
                  <span>
                    {u.name}{' '}
                    <a className="muted" href={hrefFor({ view: 'library', query: speakerQuery(u.name) })}>
                      ({m.quoteCount(u.quotes)})
                    </a>
                  </span>
                  <button type="button" className="button button-small" onClick={() => register(u.name)} aria-label={m.registerLabel(u.name)}>
                    {m.register}
                  </button>
                </li>
              ))}
            </ul>
          </section>
        ) : null}
      </div>
      {editing ? <SpeakerDialog speaker={editing === 'new' ? null : editing} speakers={speakers} onClose={() => setEditing(null)} /> : null}
    </div>
  );
}

/** A speaker's number of quotes, opening the search for them (zero is plain text: there is nothing to find). */
function QuoteCount({ n, name }: { n: number; name: string }) {
  const m = useMessages(speakersMessages);
  if (n === 0) return <>0</>;
  return (
    <a href={hrefFor({ view: 'library', query: speakerQuery(name) })} title={m.searchFor(speakerQuery(name))}>
      {n}
    </a>
  );
}
