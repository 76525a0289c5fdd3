/** Sorting the library table by a column (clicking its header); ties keep the newest capture first. */
import { messagesNow } from '../../i18n';
import { describeSource } from '../../ui/format';
import { libraryMessages } from './messages';
import type { Row } from './latestVersions';

export type LibraryColumn = 'title' | 'source' | 'captured' | 'words' | 'quote' | 'claim' | 'figure';
export type Direction = 'asc' | 'desc';
export interface LibrarySort {
  column: LibraryColumn;
  dir: Direction;
}

export const DEFAULT_SORT: LibrarySort = { column: 'captured', dir: 'desc' };

/** Clicking a header: the same column flips; another starts in its natural order (numbers and dates high first, text A–Z). */
export function toggleSort(current: LibrarySort, column: LibraryColumn): LibrarySort {
  if (current.column === column) return { column, dir: current.dir === 'asc' ? 'desc' : 'asc' };
  return { column, dir: column === 'title' || column === 'source' ? 'asc' : 'desc' };
}

const collator = new Intl.Collator(undefined, { sensitivity: 'base', numeric: true });

/** The value a row is sorted by (computed once per row: 100,000 rows sort in well under a second). */
function keyOf(row: Row, column: LibraryColumn, untitled: string): string | number {
  switch (column) {
    case 'title':
      return row.title || untitled;
    case 'source':
      return describeSource(row);
    case 'captured':
      return row.capturedAt;
    case 'words':
      return row.wordCount;
    default:
      return row.counts[column];
  }
}

const compareKeys = (a: string | number, b: string | number) =>
  typeof a === 'number' && typeof b === 'number' ? a - b : collator.compare(String(a), String(b));

/** A sorted copy. */
export function sortRows<R extends Row>(rows: readonly R[], sort: LibrarySort): R[] {
  const sign = sort.dir === 'asc' ? 1 : -1;
  const untitled = messagesNow(libraryMessages).untitled;
  const keyed = rows.map((row) => ({ row, key: keyOf(row, sort.column, untitled) }));
  keyed.sort((a, b) => sign * compareKeys(a.key, b.key) || b.row.capturedAt.localeCompare(a.row.capturedAt) || a.row.id.localeCompare(b.row.id));
  return keyed.map((k) => k.row);
}
