/**
 * The library's article list with a selection: click, Shift+click, Ctrl/Cmd+click, Shift+arrows
 * (Ctrl/Cmd+A and Delete are the view's keys). The title link still opens the article; chosen
 * rows are dragged onto a collection in the sidebar to file them.
 */
import type { MouseEvent } from 'react';
import type { CodeTag } from '../../../core/model';
import { hrefFor } from '../../app/route';
import { isMac } from '../../app/keyboard';
import { describeSource, formatDate, formatNumber } from '../../ui/format';
import { TagChip } from '../../ui/TagChip';
import { VirtualTable, type Column } from '../search/VirtualTable';
import type { LibraryColumn, LibrarySort } from '../library/sortRows';
import { ARTICLES_TYPE, type DraggedArticles } from './actions';
import { choose, gestureOf, type Selection } from './selection';
import type { ArticleRow } from './shelf';

const ROW_HEIGHT = 38;

const count = (n: number, kind: string) => <span className={n > 0 ? `count count-${kind}` : 'count count-zero'}>{formatNumber(n)}</span>;

function columns(tags: readonly CodeTag[]): Column<ArticleRow>[] {
  return [
    {
      id: 'title',
      label: 'Title',
      className: 'col-title',
      sortable: true,
      primary: true,
      cell: (s) => s.title || 'Untitled',
      title: (s) => (s.versions > 1 ? `${s.title} — ${s.versions} captures of this article; this is the newest` : s.title),
      after: (s) => (
        <>
          {s.conflict ? (
            <span className="conflict-mark" title="Deleted elsewhere while edited here">
              Deleted elsewhere
            </span>
          ) : null}
          {s.versions > 1 ? <span className="version-badge">{s.versions} versions</span> : null}
          {s.tags.length ? (
            <span className="row-tags">
              {s.tags.map((id) => (
                <TagChip key={id} tag={tags.find((t) => t.id === id)} fallbackId={id} />
              ))}
            </span>
          ) : null}
        </>
      ),
    },
    {
      id: 'source',
      label: 'Source',
      className: 'col-source',
      sortable: true,
      cell: (s) => describeSource(s),
      title: (s) => s.sourceUrl ?? s.sourceFile ?? undefined,
    },
    { id: 'captured', label: 'Captured', className: 'col-date', sortable: true, cell: (s) => <time dateTime={s.capturedAt}>{formatDate(s.capturedAt)}</time> },
    { id: 'words', label: 'Words', className: 'num', sortable: true, cell: (s) => formatNumber(s.wordCount) },
    { id: 'quote', label: 'Quotes', className: 'num', sortable: true, cell: (s) => count(s.counts.quote, 'quote') },
    { id: 'claim', label: 'Claims', className: 'num', sortable: true, cell: (s) => count(s.counts.claim, 'claim') },
    { id: 'figure', label: 'Figures', className: 'num', sortable: true, cell: (s) => count(s.counts.figure, 'figure') },
  ];
}

interface Props {
  rows: ArticleRow[];
  tags: readonly CodeTag[];
  sort: LibrarySort;
  onSort(column: LibraryColumn): void;
  selection: Selection;
  onSelect(next: Selection): void;
  /** What a drag of `row` carries: the selection when the row is in it, else the row alone. */
  dragged(row: ArticleRow): DraggedArticles;
}

export function ArticleList({ rows, tags, sort, onSort, selection, onSelect, dragged }: Props) {
  const order = rows.map((r) => r.id);
  const onRowClick = (row: ArticleRow, e: MouseEvent) => {
    const gesture = gestureOf(e, isMac);
    // A plain click on the title opens the article (and chooses it); with Shift or Ctrl/Cmd it only chooses.
    if (gesture !== 'only') e.preventDefault();
    onSelect(choose(selection, order, row.id, gesture));
  };
  return (
    <VirtualTable
      caption="Articles in this library; choose several with Shift or Ctrl and click, drag them onto a collection"
      className="snapshot-table"
      testId="library-table"
      columns={columns(tags)}
      count={rows.length}
      row={(i) => rows[i]}
      rowKey={(r) => r.id}
      href={(r) => hrefFor({ view: 'reader', snapshotId: r.id })}
      rowHeight={ROW_HEIGHT}
      sort={sort}
      onSort={(c) => onSort(c as LibraryColumn)}
      onMove={(i, e, from) => {
        const row = rows[i];
        if (!row) return;
        // Shift+arrow from a row nothing has chosen yet: the range starts at the row the keyboard was on.
        const start = e.shiftKey && selection.anchor === null && rows[from] ? { ids: new Set([rows[from].id]), anchor: rows[from].id } : selection;
        onSelect(choose(start, order, row.id, e.shiftKey ? 'range' : 'only'));
      }}
      rowProps={(r) => ({
        'aria-selected': selection.ids.has(r.id),
        className: selection.ids.has(r.id) ? 'is-chosen' : undefined,
        draggable: true,
        onClick: (e) => onRowClick(r, e),
        onDragStart: (e) => {
          const what = dragged(r);
          // A drag that starts on the title link carries its address, which the window would capture as a new article.
          e.dataTransfer.clearData();
          e.dataTransfer.setData(ARTICLES_TYPE, JSON.stringify(what));
          e.dataTransfer.setData('text/plain', `${what.rows} article${what.rows === 1 ? '' : 's'}`);
          e.dataTransfer.effectAllowed = 'copy';
        },
      })}
    />
  );
}
