/**
 * Annotations whose place in the text no longer holds (their target does not verify). They
 * are never dropped: each is listed with its text, and can be put back where its quote is
 * found now, or deleted. (Annotations of an earlier version that did not carry over are
 * listed by the version bar above the article.)
 */
import { useEffect, useRef, useState } from 'react';
import type { OpOutput } from '../../../core/api';
import type { Annotation } from '../../../core/model';
import { reportError } from '../../app/messages';
import { undoStack } from '../../app/undo';
import { glossa } from '../../glossa';
import { annotationText, quotedExcerpt } from '../../ui/annotationText';
import { KindBadge } from '../../ui/KindBadge';
import { isUnsaved } from './saving';
import { messagesNow, useMessages } from '../../i18n';
import { annotateMessages } from './messages';

export type Orphan = OpOutput<'listUnanchored'>[number];

/** How long after a change the orphans are asked for again (checking goes through every annotation). */
const SETTLE_MS = 150;

export function useOrphans(snapshotId: string, annotations: readonly Annotation[]): Orphan[] {
  const [orphans, setOrphans] = useState<Orphan[]>([]);
  const lastKey = useRef<string | null>(null);
  // Asked again whenever the stored annotations change (a bundle import, an undo), a moment
  // after the change is drawn, so the reader's own frames never wait for it.
  useEffect(() => {
    const timer = setTimeout(() => {
      let key = snapshotId;
      for (const a of annotations) if (!isUnsaved(a.id)) key += `,${a.id}@${a.updatedAt}`;
      if (key === lastKey.current) return;
      lastKey.current = key;
      glossa()
        .listUnanchored({ snapshotId })
        .then((o) => lastKey.current === key && setOrphans(o))
        .catch(() => undefined);
    }, SETTLE_MS);
    return () => clearTimeout(timer);
  }, [snapshotId, annotations]);
  return orphans;
}

export function OrphanList({ orphans }: { orphans: Orphan[] }) {
  const m = useMessages(annotateMessages);
  const place = (o: Orphan) =>
    void undoStack
      .perform(() =>
        glossa().updateAnnotation({ snapshotId: o.annotation.snapshotId, id: o.annotation.id, patch: { start: o.suggestion!.start, end: o.suggestion!.end } }),
      )
      .catch((e: unknown) => reportError(e, messagesNow(annotateMessages).couldNotPlace));
  const remove = (o: Orphan) =>
    void undoStack
      .perform(() => glossa().deleteAnnotation({ snapshotId: o.annotation.snapshotId, id: o.annotation.id }))
      .catch((e: unknown) => reportError(e, messagesNow(annotateMessages).couldNotDelete));
  return (
    <ul className="trash-list" aria-label={m.orphansList}>
      {orphans.map((o) => (
        <li key={o.annotation.id} className="trash-item">
          <KindBadge kind={o.annotation.kind} />
          <p className="excerpt trash-exact">{o.annotation.target.image ? annotationText(o.annotation) : quotedExcerpt(annotationText(o.annotation))}</p>
          <p className="small muted">{o.suggestion ? m.foundOnce : m.notFound}</p>
          {o.suggestion ? (
            <button type="button" className="button button-small" onClick={() => place(o)}>
              {m.putBack}
            </button>
          ) : null}{' '}
          <button type="button" className="button button-small button-danger" onClick={() => remove(o)}>
            {m.moveToTrash}
          </button>
        </li>
      ))}
    </ul>
  );
}
