/**
 * A table that stays smooth at 100,000 rows: rows have one fixed height, so only the ones in
 * view (and a few either side) are in the DOM, between two spacer rows that keep the scroll
 * height true. It stays a real <table> (screen readers get aria-rowcount / aria-rowindex).
 *
 * Keyboard: each row's first link is its handle (roving tabindex: Tab enters the table once);
 * ↑/↓, PageUp/PageDown, Home/End move between rows, scrolling as needed; Enter follows the
 * link. Sortable columns are buttons in their headers, with aria-sort.
 */
import { useEffect, useLayoutEffect, useRef, useState, type HTMLAttributes, type KeyboardEvent, type ReactNode } from 'react';
import { useMessages } from '../../i18n';
import { commonMessages } from '../../i18n/common';
import { nextRow, scrollToRow, visibleRows } from './windowing';

/** The sorted column's arrow (not words). */
const ARROW = { asc: '▲', desc: '▼' } as const;

export interface Column<T> {
  id: string;
  label: string;
  /** On the header and every cell (widths, alignment). */
  className?: string;
  sortable?: boolean;
  /** The row's link (its keyboard handle) wraps this column's content. */
  primary?: boolean;
  cell(row: T): ReactNode;
  /** Shown after the link in a primary cell (a badge). */
  after?(row: T): ReactNode;
  /** The cell's full text as a tooltip, when it may be cut off. */
  title?(row: T): string | undefined;
}

export interface TableSort {
  column: string;
  dir: 'asc' | 'desc';
}

interface Props<T> {
  caption: string;
  columns: readonly Column<T>[];
  count: number;
  /** The row at an index; undefined while it is being loaded. */
  row(index: number): T | undefined;
  rowKey(row: T): string;
  href(row: T): string;
  rowHeight: number;
  sort?: TableSort;
  onSort?(column: string): void;
  /** The rows in view changed (for loading pages on demand). */
  onVisible?(from: number, to: number): void;
  className?: string;
  testId?: string;
  /** Extra attributes of a row (the library's selection: aria-selected, clicks, dragging). */
  rowProps?(row: T, index: number): HTMLAttributes<HTMLTableRowElement>;
  /** A key moved the current row (Shift held: the library extends its selection). Without it, Shift+arrows are left alone. */
  onMove?(index: number, event: KeyboardEvent, from: number): void;
}

export function VirtualTable<T>({
  caption,
  columns,
  count,
  row,
  rowKey,
  href,
  rowHeight,
  sort,
  onSort,
  onVisible,
  className,
  testId,
  rowProps,
  onMove,
}: Props<T>) {
  const common = useMessages(commonMessages);
  const scroller = useRef<HTMLDivElement>(null);
  const head = useRef<HTMLTableSectionElement>(null);
  const [scrollTop, setScrollTop] = useState(0);
  const [viewport, setViewport] = useState(600);
  const [header, setHeader] = useState(34);
  const [active, setActive] = useState(0);
  /** Set by a key: focus that row's link once it is drawn. */
  const focusNext = useRef(false);

  useLayoutEffect(() => {
    const el = scroller.current;
    if (!el) return;
    const measure = () => {
      setViewport(el.clientHeight);
      setHeader(head.current?.offsetHeight ?? 0);
    };
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(el);
    return () => observer.disconnect();
  }, []);

  const current = Math.min(active, Math.max(0, count - 1));
  const { from, to } = visibleRows(scrollTop, viewport - header, rowHeight, count);

  useEffect(() => {
    onVisible?.(from, to);
  }, [from, to, onVisible]);

  useEffect(() => {
    if (!focusNext.current) return;
    const link = scroller.current?.querySelector<HTMLElement>(`tr[data-index="${current}"] .vt-link`);
    if (link) {
      focusNext.current = false;
      link.focus({ preventScroll: true });
    }
  });

  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    if (e.altKey || e.ctrlKey || e.metaKey || (e.shiftKey && !onMove)) return;
    if (!(e.target instanceof Element) || !e.target.closest('tbody')) return;
    const pageRows = Math.max(1, Math.floor((viewport - header) / rowHeight));
    const next = nextRow(e.key, current, count, pageRows);
    if (next === null) return;
    e.preventDefault();
    const el = scroller.current;
    if (el) {
      const top = scrollToRow(next, el.scrollTop, el.clientHeight, rowHeight, header);
      if (top !== null) {
        el.scrollTop = top;
        setScrollTop(top);
      }
    }
    focusNext.current = true;
    setActive(next);
    onMove?.(next, e, current);
  };

  const rows: ReactNode[] = [];
  for (let i = from; i < to; i++) {
    const r = row(i);
    const extra = r ? rowProps?.(r, i) : undefined;
    rows.push(
      <tr
        key={r ? rowKey(r) : `loading-${i}`}
        {...extra}
        data-index={i}
        aria-rowindex={i + 2}
        className={`${i === current ? 'vt-row vt-current' : 'vt-row'}${extra?.className ? ` ${extra.className}` : ''}`}
        style={{ height: rowHeight }}
        onFocus={() => setActive(i)}
      >
        {columns.map((c) => (
          <td key={c.id} className={c.className} title={r ? c.title?.(r) : undefined}>
            {!r ? (
              c.primary ? (
                <span className="muted">{common.loading}</span>
              ) : null
            ) : c.primary ? (
              <>
                <a className="vt-link" href={href(r)} tabIndex={i === current ? 0 : -1}>
                  {c.cell(r)}
                </a>
                {c.after?.(r)}
              </>
            ) : (
              c.cell(r)
            )}
          </td>
        ))}
      </tr>,
    );
  }
  const before = from * rowHeight;
  const after = Math.max(0, (count - to) * rowHeight);

  return (
    <div
      ref={scroller}
      className={`vt-scroll ${className ?? ''}`}
      onScroll={(e) => setScrollTop(e.currentTarget.scrollTop)}
      onKeyDown={onKeyDown}
      data-testid={testId}
    >
      <table className="vt-table" aria-rowcount={count + 1}>
        <caption className="visually-hidden">{caption}</caption>
        <thead ref={head}>
          <tr aria-rowindex={1}>
            {columns.map((c) => {
              const sorted = sort?.column === c.id ? sort.dir : null;
              return (
                <th key={c.id} scope="col" className={c.className} aria-sort={sorted === 'asc' ? 'ascending' : sorted === 'desc' ? 'descending' : undefined}>
                  {c.sortable && onSort ? (
                    <button type="button" className="vt-sort" onClick={() => onSort(c.id)}>
                      {c.label}
                      <span className="vt-arrow" aria-hidden="true">
                        {sorted ? ARROW[sorted] : null}
                      </span>
                    </button>
                  ) : (
                    c.label
                  )}
                </th>
              );
            })}
          </tr>
        </thead>
        <tbody>
          {before > 0 ? (
            <tr aria-hidden="true" className="vt-spacer">
              <td colSpan={columns.length} style={{ height: before }} />
            </tr>
          ) : null}
          {rows}
          {after > 0 ? (
            <tr aria-hidden="true" className="vt-spacer">
              <td colSpan={columns.length} style={{ height: after }} />
            </tr>
          ) : null}
        </tbody>
      </table>
    </div>
  );
}
