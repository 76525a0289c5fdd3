/**
 * The library's article list with a selection: click, Shift+click, Ctrl/Cmd+click, Shift+arrows
 * (Ctrl/Cmd+A and Delete are the view's keys). The title link still opens the article; chosen
 * rows are dragged onto a collection in the sidebar to file them.
 */
import type { MouseEvent } from 'react';
import type { CodeTag } from '../../../core/model';
import { hrefFor } from '../../app/route';
import { useMessages, type Translation } from '../../i18n';
import { isMac } from '../../app/keyboard';
import { describeSource, formatDate, formatNumber } from '../../ui/format';
import { TagChip } from '../../ui/TagChip';
import { VirtualTable, type Column } from '../search/VirtualTable';
import type { LibraryColumn, LibrarySort } from '../library/sortRows';
import { ARTICLES_TYPE, type DraggedArticles } from './actions';
import { archiveMessages } from './messages';
import { choose, gestureOf, type Selection } from './selection';
import type { ArticleRow } from './shelf';

const ROW_HEIGHT = 38;

const count = (n: number, kind: string) => <span className={n > 0 ? `count count-${kind}` : 'count count-zero'}>{formatNumber(n)}</span>;

function columns(tags: readonly CodeTag[], m: Translation<(typeof archiveMessages)['en']>): Column<ArticleRow>[] {
  return [
    {
      id: 'title',
      label: m.colTitle,
      className: 'col-title',
      sortable: true,
      primary: true,
      cell: (s) => s.title || m.untitled,
      title: (s) => (s.versions > 1 ? m.titleWithVersions(s.title, s.versions) : s.title),
      after: (s) => (
        <>
          {s.conflict ? (
            <span className="conflict-mark" title={m.conflictsLabel}>
              {m.deletedElsewhere}
            </span>
          ) : null}
          {s.versions > 1 ? <span className="version-badge">{m.versionsBadge(s.versions)}</span> : null}
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
      label: m.colSource,
      className: 'col-source',
      sortable: true,
      cell: (s) => describeSource(s),
      title: (s) => s.sourceUrl ?? s.sourceFile ?? undefined,
    },
    {
      id: 'captured',
      label: m.colCaptured,
      className: 'col-date',
      sortable: true,
      cell: (s) => <time dateTime={s.capturedAt}>{formatDate(s.capturedAt)}</time>,
    },
    { id: 'words', label: m.colWords, className: 'num', sortable: true, cell: (s) => formatNumber(s.wordCount) },
    { id: 'quote', label: m.colQuotes, className: 'num', sortable: true, cell: (s) => count(s.counts.quote, 'quote') },
    { id: 'claim', label: m.colClaims, className: 'num', sortable: true, cell: (s) => count(s.counts.claim, 'claim') },
    { id: 'figure', label: m.colFigures, className: 'num', sortable: true, cell: (s) => count(s.counts.figure, 'figure') },
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
  const m = useMessages(archiveMessages);
  const order = rows.map((r) => r.id);
  const onRowClick = (row: ArticleRow, e: MouseEvent) => {
    const gesture = gestureOf(e, isMac);
    // A plain click on the title opens the article (and chooses it); with Shift or Ctrl/Cmd it only chooses.
    if (gesture !== 'only') e.preventDefault();
    onSelect(choose(selection, order, row.id, gesture));
  };
  return (
    <VirtualTable
      caption={m.listCaption}
      className="snapshot-table"
      testId="library-table"
      columns={columns(tags, m)}
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
          e.dataTransfer.setData('text/plain', m.draggedArticles(what.rows));
          e.dataTransfer.effectAllowed = 'copy';
        },
      })}
    />
  );
}
