/**
 * Deleted articles: when each was deleted and what it holds; restore some (undoable) or empty
 * the trash for good after a question that says exactly what goes.
 */
import { useState } from 'react';
import type { SnapshotSummary } from '../../../core/model';
import { notify } from '../../app/messages';
import { glossa } from '../../glossa';
import { ConfirmDialog } from '../../ui/ConfirmDialog';
import { describeSource, formatBytes, formatDate, plural } from '../../ui/format';
import { restoreFromTrash } from './actions';

const annotationsOf = (r: SnapshotSummary) => r.counts.quote + r.counts.claim + r.counts.figure + r.counts.note;
const titleOf = (r: SnapshotSummary) => r.article?.meta.title ?? r.title ?? 'Untitled';

export function ArticleTrash({ rows }: { rows: SnapshotSummary[] }) {
  const [chosen, setChosen] = useState<ReadonlySet<string>>(new Set());
  const [confirming, setConfirming] = useState(false);
  const listed = rows.filter((r) => chosen.has(r.id)).map((r) => r.id);
  const annotations = rows.reduce((n, r) => n + annotationsOf(r), 0);

  const toggle = (id: string, on: boolean) =>
    setChosen((s) => {
      const next = new Set(s);
      if (on) next.add(id);
      else next.delete(id);
      return next;
    });

  return (
    <section className="article-trash" aria-labelledby="trash-articles">
      <div className="page-head trash-head">
        <h2 id="trash-articles">Deleted articles</h2>
        <div className="toolbar-group">
          <button
            type="button"
            className="button"
            disabled={listed.length === 0}
            onClick={() => void restoreFromTrash(listed).then(() => setChosen(new Set()))}
          >
            {listed.length ? `Restore ${plural(listed.length, 'article')}` : 'Restore'}
          </button>
          <button type="button" className="button button-danger" disabled={rows.length === 0} onClick={() => setConfirming(true)}>
            Empty trash…
          </button>
        </div>
      </div>
      {rows.length === 0 ? (
        <p className="panel-empty">No deleted articles. Deleted articles wait here with their annotations until you restore them or empty the trash.</p>
      ) : (
        <table className="trash-table">
          <caption className="visually-hidden">Deleted articles</caption>
          <thead>
            <tr>
              <th scope="col" className="col-check">
                <input
                  type="checkbox"
                  aria-label="Choose every deleted article"
                  checked={listed.length === rows.length}
                  onChange={(e) => setChosen(e.target.checked ? new Set(rows.map((r) => r.id)) : new Set())}
                />
              </th>
              <th scope="col">Title</th>
              <th scope="col">Source</th>
              <th scope="col">Deleted</th>
              <th scope="col" className="num">
                Annotations
              </th>
              <th scope="col">
                <span className="visually-hidden">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.id} aria-selected={chosen.has(r.id)}>
                <td className="col-check">
                  <input type="checkbox" aria-label={`Choose ${titleOf(r)}`} checked={chosen.has(r.id)} onChange={(e) => toggle(r.id, e.target.checked)} />
                </td>
                <td className="trash-title">{titleOf(r)}</td>
                <td className="col-source">{describeSource(r)}</td>
                <td>
                  <time dateTime={r.article?.deletedAt ?? undefined}>{formatDate(r.article?.deletedAt, true)}</time>
                </td>
                <td className="num">{annotationsOf(r)}</td>
                <td>
                  <button type="button" className="button button-small" onClick={() => void restoreFromTrash([r.id])} aria-label={`Restore ${titleOf(r)}`}>
                    Restore
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {confirming ? (
        <ConfirmDialog
          title="Empty the trash?"
          confirmLabel="Empty trash"
          danger
          onClose={() => setConfirming(false)}
          onConfirm={async () => {
            const done = await glossa().emptyTrash({ ids: rows.map((r) => r.id) });
            notify(
              `Removed ${plural(done.removed.length, 'article')} and ${plural(done.annotations, 'annotation')} for good${done.bytesFreed ? `; ${formatBytes(done.bytesFreed)} freed` : ''}.`,
            );
          }}
        >
          <p className="confirm-what">
            {plural(rows.length, 'article')} and {plural(annotations, 'annotation')} will be removed for good, with the stored pages no other article uses.
          </p>
          <p>
            <strong>This cannot be undone.</strong>
          </p>
        </ConfirmDialog>
      ) : null}
    </section>
  );
}
