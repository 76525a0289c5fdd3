/** Deleted annotations, restorable: per article in the reader's panel, or library-wide on the trash page. */
import { useCallback, useEffect, useState } from 'react';
import type { OpOutput } from '../../../core/api';
import { useLibraryChange } from '../../app/events';
import { reportError } from '../../app/messages';
import { hrefFor } from '../../app/route';
import { undoStack } from '../../app/undo';
import { glossa } from '../../glossa';
import { formatDate } from '../../ui/format';
import { annotationText, quotedExcerpt } from '../../ui/annotationText';
import { KindBadge } from '../../ui/KindBadge';
import { summarize } from './fields';
import { messagesNow, useMessages } from '../../i18n';
import { commonMessages } from '../../i18n/common';
import { annotateMessages } from './messages';

export type TrashEntry = OpOutput<'listTrash'>[number];

/** After opening, the trash is read once the article is drawn (it is not on the first screen). */
const FIRST_READ_DELAY = 150;

/**
 * The trash (of one snapshot, or all): read again when core announces a change to the
 * annotations it covers (deleting, restoring, a bundle import).
 */
export function useTrash(snapshotId?: string): TrashEntry[] {
  const [entries, setEntries] = useState<TrashEntry[]>([]);
  const reload = useCallback(() => {
    glossa()
      .listTrash(snapshotId ? { snapshotId } : {})
      .then(setEntries)
      .catch((e: unknown) => reportError(e, messagesNow(annotateMessages).couldNotReadTrash));
  }, [snapshotId]);
  useEffect(() => {
    const timer = setTimeout(reload, FIRST_READ_DELAY);
    return () => clearTimeout(timer);
  }, [reload]);
  useLibraryChange(
    (changes) => {
      if (changes.some((c) => c.entity === 'snapshot' || (c.entity === 'annotation' && (!snapshotId || c.snapshotId === snapshotId)))) reload();
    },
    ['annotation', 'snapshot'],
  );
  return entries;
}

export function TrashList({ entries, showSnapshot }: { entries: TrashEntry[]; showSnapshot: boolean }) {
  const m = useMessages(annotateMessages);
  const c = useMessages(commonMessages);
  const restore = (e: TrashEntry) =>
    void undoStack
      .perform(() => glossa().restoreAnnotation({ snapshotId: e.snapshotId, id: e.annotation.id }))
      .catch((err: unknown) => reportError(err, messagesNow(annotateMessages).couldNotRestore));
  if (entries.length === 0) return <p className="panel-empty">{m.trashEmpty}</p>;
  return (
    <ul className="trash-list" aria-label={m.deletedAnnotations}>
      {entries.map((e) => (
        <li key={e.annotation.id} className="trash-item">
          <div className="summary-top">
            <KindBadge kind={e.annotation.kind} />
            {summarize(e.annotation.fields, e.annotation.kind) ? (
              <span className="summary-fields">{summarize(e.annotation.fields, e.annotation.kind)}</span>
            ) : null}
            <span className="muted small">{m.deletedAt(formatDate(e.annotation.deletedAt, true))}</span>
          </div>
          <p className="excerpt trash-exact">{e.annotation.target.image ? annotationText(e.annotation) : quotedExcerpt(annotationText(e.annotation))}</p>
          {showSnapshot ? (
            <p className="small">
              {m.inSnapshot}
              <a href={hrefFor({ view: 'reader', snapshotId: e.snapshotId })}>{e.snapshotTitle || m.untitled}</a>
            </p>
          ) : null}
          <button type="button" className="button button-small" onClick={() => restore(e)}>
            {m.restoreKind(c.kindName[e.annotation.kind])}
          </button>
        </li>
      ))}
    </ul>
  );
}
