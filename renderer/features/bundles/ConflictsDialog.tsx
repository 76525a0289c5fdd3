/**
 * Annotations changed both here and in an imported bundle, each shown side by side (the
 * version the library shows beside the one kept with it, only the fields that differ), with
 * a choice per conflict. Nothing is decided without the person; a choice that changes what
 * the library shows goes on the undo stack.
 */
import { useMemo, useState } from 'react';
import type { Annotation } from '../../../core/model';
import { reportError } from '../../app/messages';
import { undoStack } from '../../app/undo';
import { Dialog } from '../../ui/Dialog';
import { formatDate } from '../../ui/format';
import { glossa } from '../../glossa';
import { messagesNow, useMessages } from '../../i18n';
import { commonMessages } from '../../i18n/common';
import { useCodebook } from '../codebook/useCodebook';
import { useSnapshots } from '../library/useSnapshots';
import { useSpeakers } from '../speakers/useSpeakers';
import { differingRows, type Names } from './conflictDiff';
import { bundlesMessages } from './messages';
import { useConflicts, type Conflict } from './useConflicts';
import './bundles.css';

const excerpt = (s: string) => (s.length > 80 ? `${s.slice(0, 77)}…` : s);

export function ConflictsDialog({ onClose }: { onClose(): void }) {
  const m = useMessages(bundlesMessages);
  const common = useMessages(commonMessages);
  const { conflicts, loaded } = useConflicts();
  const { snapshots } = useSnapshots();
  const { tags } = useCodebook();
  const { speakers } = useSpeakers();
  const [done, setDone] = useState<string | null>(null);
  const [busy, setBusy] = useState<string | null>(null);

  const titles = useMemo(() => new Map(snapshots.map((s) => [s.id, s.title || m.untitled])), [snapshots, m.untitled]);
  const names = useMemo<Names>(() => {
    const tagNames = new Map(tags.map((t) => [t.id, t.name]));
    const speakerNames = new Map(speakers.map((s) => [s.id, s.name]));
    return { tag: (id) => tagNames.get(id) ?? id, speaker: (id) => speakerNames.get(id) ?? id };
  }, [tags, speakers]);

  async function keep(conflict: Conflict, version: Annotation, index: number) {
    const key = `${conflict.snapshotId}/${conflict.annotationId}`;
    setBusy(key);
    try {
      await undoStack.perform(() => glossa().resolveConflict({ snapshotId: conflict.snapshotId, annotationId: conflict.annotationId, version }));
      const now = messagesNow(bundlesMessages);
      setDone(now.resolved(messagesNow(commonMessages).kindName[conflict.current.kind], excerpt(conflict.current.target.quote.exact), index === 0));
    } catch (e) {
      reportError(e, messagesNow(bundlesMessages).couldNotResolve);
    } finally {
      setBusy(null);
    }
  }

  return (
    <Dialog
      title={m.conflictsTitle}
      onClose={onClose}
      wide
      actions={
        <button type="button" className="button" onClick={onClose}>
          {common.close}
        </button>
      }
    >
      <p className="dialog-intro">{m.conflictsIntro}</p>
      {done ? (
        <p className="import-summary" role="status">
          {done}
        </p>
      ) : null}
      {loaded && conflicts.length === 0 ? <p className="export-note">{m.noConflictsLeft}</p> : null}
      {conflicts.map((c) => {
        const versions = [c.current, ...c.others];
        const rows = differingRows(versions, names, (iso) => formatDate(iso, true));
        const key = `${c.snapshotId}/${c.annotationId}`;
        const headingId = `conflict-${c.annotationId}`;
        return (
          <section key={key} className="conflict" aria-labelledby={headingId}>
            <h3 id={headingId} className="conflict-title">
              {m.conflictHeading(common.kindLabel[c.current.kind], excerpt(c.current.target.quote.exact))}{' '}
              <span className="conflict-where">{m.inArticle(titles.get(c.snapshotId) ?? c.snapshotId)}</span>
            </h3>
            <table className="conflict-table">
              <thead>
                <tr>
                  <th scope="col">{m.field}</th>
                  {versions.map((_, i) => (
                    <th key={i} scope="col">
                      {m.columnName(i, versions.length)}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {rows.map((r) => (
                  <tr key={r.label}>
                    <th scope="row">{r.label}</th>
                    {r.values.map((v, i) => (
                      <td key={i}>{v}</td>
                    ))}
                  </tr>
                ))}
                <tr className="conflict-actions">
                  <td />
                  {versions.map((v, i) => (
                    <td key={i}>
                      <button
                        type="button"
                        className={i === 0 ? 'button' : 'button button-primary'}
                        disabled={busy !== null}
                        onClick={() => void keep(c, v, i)}
                      >
                        {i === 0 ? m.keepShown : m.takeOther(i, versions.length)}
                      </button>
                    </td>
                  ))}
                </tr>
              </tbody>
            </table>
          </section>
        );
      })}
    </Dialog>
  );
}
