/**
 * Who changed an annotation, what and when, from the shared library's repository
 * (core/sync/history.ts), newest first as core lists it: the side panel's "Change history",
 * drawn as its other sections are (editor-section, section-title). Read again when the
 * annotation changes and after each sync (a sync commits work without changing the
 * annotation). A library that is not shared has no history to show, and says so.
 */
import { useEffect, useId, useState } from 'react';
import type { OpOutput } from '../../../core/api';
import { useLibraryChange } from '../../app/events';
import { useStore } from '../../app/store';
import { glossa } from '../../glossa';
import { messagesNow, useMessages } from '../../i18n';
import { formatDate } from '../../ui/format';
import { syncMessages } from './messages';
import { syncView } from './syncState';
import './sync.css';

type Entry = OpOutput<'annotationHistory'>[number];

/** "fields.verdict" → "verdict", "evidenceNote" → "evidence note", in the window's language. */
function fieldWord(key: string): string {
  return messagesNow(syncMessages).fieldWord(key.replace(/^fields\./, ''));
}

export function describeEntry(entry: Entry): string {
  const m = messagesNow(syncMessages);
  return entry.change === 'changed' ? m.changedFields(entry.fields.map(fieldWord)) : m.change[entry.change];
}

export function AnnotationHistory({ snapshotId, annotationId }: { snapshotId: string; annotationId: string }) {
  const headingId = useId();
  const m = useMessages(syncMessages);
  const [entries, setEntries] = useState<Entry[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const generation = useStore(syncView).generation;
  const [changes, setChanges] = useState(0);

  useLibraryChange(
    (list) => {
      if (list.some((c) => c.entity === 'annotation' && c.snapshotId === snapshotId && c.ids.includes(annotationId))) setChanges((n) => n + 1);
    },
    ['annotation'],
  );

  useEffect(() => {
    let live = true;
    glossa()
      .annotationHistory({ snapshotId, annotationId })
      .then(
        (list) => {
          if (!live) return;
          setEntries(list);
          setError(null);
        },
        (e: unknown) => live && setError(e instanceof Error ? e.message : String(e)),
      );
    return () => {
      live = false;
    };
  }, [snapshotId, annotationId, generation, changes]);

  return (
    <section className="editor-section annotation-history" aria-labelledby={headingId}>
      <h3 id={headingId} className="section-title">
        {m.changeHistory}
      </h3>
      {error ? (
        <p className="inline-error" role="alert">
          {m.couldNotReadHistory(error)}
        </p>
      ) : entries === null ? null : entries.length === 0 ? (
        <p className="annotation-history-empty">{m.noHistory}</p>
      ) : (
        <ol className="annotation-history-list">
          {entries.map((e) => {
            const who = e.modifiedBy ?? e.author.name;
            return (
              <li key={e.commit}>
                <span className="annotation-history-who">{who || m.someoneUnnamed}</span> {describeEntry(e)}
                <span className="annotation-history-meta">
                  <time dateTime={e.at}>{formatDate(e.at, true)}</time>
                  {e.author.name && e.author.name !== who ? m.syncedBy(e.author.name) : ''}
                </span>
              </li>
            );
          })}
        </ol>
      )}
    </section>
  );
}
