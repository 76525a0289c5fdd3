/** What changed between two captures, word by word: deletions struck through, insertions marked. */
import { useEffect, useState } from 'react';
import type { OpOutput } from '../../../core/api';
import { formatDate } from '../../ui/format';
import { glossa } from '../../glossa';
import { useMessages } from '../../i18n';
import { versionsMessages } from './messages';

/** Unchanged stretches longer than this are folded to their ends, so the changes stand out. */
const CONTEXT_CHARS = 160;
/** Where unchanged text is folded away (the same in every language). */
const FOLD_MARK = ' […] ';

export function DiffView({ fromId, toId }: { fromId: string; toId: string }) {
  const m = useMessages(versionsMessages);
  const [diff, setDiff] = useState<OpOutput<'diffVersions'> | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    glossa()
      .diffVersions({ fromId, toId })
      .then((d) => live && setDiff(d))
      .catch((e: Error) => live && setError(e.message));
    return () => {
      live = false;
    };
  }, [fromId, toId]);
  if (error)
    return (
      <p className="inline-error" role="alert">
        {error}
      </p>
    );
  if (!diff) return <p>{m.comparing}</p>;
  const { stats, words } = diff;
  return (
    <div className="diff-view" aria-label={m.changesLabel}>
      <p className="diff-summary">
        {m.summary(formatDate(diff.from.capturedAt), formatDate(diff.to.capturedAt), words.inserted, words.deleted, diff.granularity === 'paragraph')}
      </p>
      <div className="diff-text">
        {stats.inserted === 0 && stats.deleted === 0 ? <p>{m.same}</p> : null}
        {diff.ops.map((op, i) => {
          if (op.op === 'insert') return <ins key={i}>{op.text}</ins>;
          if (op.op === 'delete') return <del key={i}>{op.text}</del>;
          if (op.text.length <= CONTEXT_CHARS * 2) return <span key={i}>{op.text}</span>;
          return (
            <span key={i}>
              {i > 0 ? op.text.slice(0, CONTEXT_CHARS) : ''}
              <span className="diff-fold" aria-label={m.folded}>
                {FOLD_MARK}
              </span>
              {i < diff.ops.length - 1 ? op.text.slice(-CONTEXT_CHARS) : ''}
            </span>
          );
        })}
      </div>
    </div>
  );
}
