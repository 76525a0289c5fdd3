/** Fixed-row-height windowing and list keys, kept pure so they are tested without a browser. */

export interface Window {
  /** First and one-past-last row to render. */
  from: number;
  to: number;
}

/** The rows that intersect the viewport, with `overscan` rows either side. */
export function visibleRows(scrollTop: number, viewport: number, rowHeight: number, count: number, overscan = 8): Window {
  if (count <= 0 || rowHeight <= 0) return { from: 0, to: 0 };
  const first = Math.floor(Math.max(0, scrollTop) / rowHeight);
  const last = Math.ceil((Math.max(0, scrollTop) + Math.max(0, viewport)) / rowHeight);
  return { from: Math.max(0, Math.min(count - 1, first - overscan)), to: Math.min(count, last + overscan) };
}

/** The row a navigation key moves to from `index` (-1: none yet), or null when the key is not one. */
export function nextRow(key: string, index: number, count: number, pageRows: number): number | null {
  if (count <= 0) return null;
  const page = Math.max(1, pageRows - 1);
  const clamp = (i: number) => Math.max(0, Math.min(count - 1, i));
  switch (key) {
    case 'ArrowDown':
      return index < 0 ? 0 : clamp(index + 1);
    case 'ArrowUp':
      return index < 0 ? 0 : clamp(index - 1);
    case 'PageDown':
      return clamp(index + page);
    case 'PageUp':
      return clamp(index - page);
    case 'Home':
      return 0;
    case 'End':
      return count - 1;
    default:
      return null;
  }
}

/** The scrollTop that brings row `index` fully into a viewport of `viewport` px (below a `header` px sticky header), or null if it already is. */
export function scrollToRow(index: number, scrollTop: number, viewport: number, rowHeight: number, header = 0): number | null {
  const top = index * rowHeight;
  const bottom = top + rowHeight;
  const visible = viewport - header;
  if (top < scrollTop) return top;
  if (bottom > scrollTop + visible) return bottom - visible;
  return null;
}
