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
      .catch((e: unknown) => reportError(e, 'Could not read the trash'));
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
  const restore = (e: TrashEntry) =>
    void undoStack
      .perform(() => glossa().restoreAnnotation({ snapshotId: e.snapshotId, id: e.annotation.id }))
      .catch((err: unknown) => reportError(err, 'Could not restore the annotation'));
  if (entries.length === 0) return <p className="panel-empty">The trash is empty. Deleted annotations wait here until you restore them.</p>;
  return (
    <ul className="trash-list" aria-label="Deleted annotations">
      {entries.map((e) => (
        <li key={e.annotation.id} className="trash-item">
          <div className="summary-top">
            <KindBadge kind={e.annotation.kind} />
            {summarize(e.annotation.fields, e.annotation.kind) ? (
              <span className="summary-fields">{summarize(e.annotation.fields, e.annotation.kind)}</span>
            ) : null}
            <span className="muted small">deleted {formatDate(e.annotation.deletedAt, true)}</span>
          </div>
          <p className="excerpt trash-exact">{e.annotation.target.image ? annotationText(e.annotation) : quotedExcerpt(annotationText(e.annotation))}</p>
          {showSnapshot ? (
            <p className="small">
              in <a href={hrefFor({ view: 'reader', snapshotId: e.snapshotId })}>{e.snapshotTitle || 'Untitled'}</a>
            </p>
          ) : null}
          <button type="button" className="button button-small" onClick={() => restore(e)}>
            Restore {e.annotation.kind}
          </button>
        </li>
      ))}
    </ul>
  );
}
