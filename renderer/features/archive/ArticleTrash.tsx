/**
 * Deleted articles: when each was deleted and what it holds; restore some (undoable) or empty
 * the trash for good after a question that says exactly what goes.
 */
import { useState } from 'react';
import type { SnapshotSummary } from '../../../core/model';
import { notify } from '../../app/messages';
import { glossa } from '../../glossa';
import { ConfirmDialog } from '../../ui/ConfirmDialog';
import { messagesNow, useMessages } from '../../i18n';
import { describeSource, formatBytes, formatDate } from '../../ui/format';
import { restoreFromTrash } from './actions';
import { archiveMessages } from './messages';

const annotationsOf = (r: SnapshotSummary) => r.counts.quote + r.counts.claim + r.counts.figure + r.counts.note;
const titleOf = (r: SnapshotSummary, untitled: string) => r.article?.meta.title ?? r.title ?? untitled;

export function ArticleTrash({ rows }: { rows: SnapshotSummary[] }) {
  const m = useMessages(archiveMessages);
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
        <h2 id="trash-articles">{m.deletedArticles}</h2>
        <div className="toolbar-group">
          <button
            type="button"
            className="button"
            disabled={listed.length === 0}
            onClick={() => void restoreFromTrash(listed).then(() => setChosen(new Set()))}
          >
            {listed.length ? m.restoreCount(listed.length) : m.restore}
          </button>
          <button type="button" className="button button-danger" disabled={rows.length === 0} onClick={() => setConfirming(true)}>
            {m.emptyTrashAsk}
          </button>
        </div>
      </div>
      {rows.length === 0 ? (
        <p className="panel-empty">{m.trashEmpty}</p>
      ) : (
        <table className="trash-table">
          <caption className="visually-hidden">{m.deletedArticles}</caption>
          <thead>
            <tr>
              <th scope="col" className="col-check">
                <input
                  type="checkbox"
                  aria-label={m.chooseEveryDeleted}
                  checked={listed.length === rows.length}
                  onChange={(e) => setChosen(e.target.checked ? new Set(rows.map((r) => r.id)) : new Set())}
                />
              </th>
              <th scope="col">{m.colTitle}</th>
              <th scope="col">{m.colSource}</th>
              <th scope="col">{m.colDeleted}</th>
              <th scope="col" className="num">
                {m.colAnnotations}
              </th>
              <th scope="col">
                <span className="visually-hidden">{m.colActions}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.id} aria-selected={chosen.has(r.id)}>
                <td className="col-check">
                  <input
                    type="checkbox"
                    aria-label={m.chooseTitle(titleOf(r, m.untitled))}
                    checked={chosen.has(r.id)}
                    onChange={(e) => toggle(r.id, e.target.checked)}
                  />
                </td>
                <td className="trash-title">{titleOf(r, m.untitled)}</td>
                <td className="col-source">{describeSource(r)}</td>
                <td>
                  <time dateTime={r.article?.deletedAt ?? undefined}>{formatDate(r.article?.deletedAt, true)}</time>
                </td>
                <td className="num">{annotationsOf(r)}</td>
                <td>
                  <button
                    type="button"
                    className="button button-small"
                    onClick={() => void restoreFromTrash([r.id])}
                    aria-label={m.restoreTitle(titleOf(r, m.untitled))}
                  >
                    {m.restore}
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {confirming ? (
        <ConfirmDialog
          title={m.emptyTrashTitle}
          confirmLabel={m.emptyTrash}
          danger
          onClose={() => setConfirming(false)}
          onConfirm={async () => {
            const done = await glossa().emptyTrash({ ids: rows.map((r) => r.id) });
            notify(messagesNow(archiveMessages).emptiedTrash(done.removed.length, done.annotations, done.bytesFreed ? formatBytes(done.bytesFreed) : null));
          }}
        >
          <p className="confirm-what">{m.emptyTrashWhat(rows.length, annotations)}</p>
          <p>
            <strong>{m.cannotUndo}</strong>
          </p>
        </ConfirmDialog>
      ) : null}
    </section>
  );
}
