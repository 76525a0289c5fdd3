/**
 * Which rows of the library list are chosen, as a file manager does it: a click chooses one
 * row, Shift+click a range from the anchor, Ctrl/Cmd+click toggles one, Shift+arrow extends.
 * Pure, over row ids in display order, so it is tested without a browser.
 */
export interface Selection {
  ids: ReadonlySet<string>;
  /** Where a Shift range starts (the last row chosen without Shift). */
  anchor: string | null;
}

export const EMPTY_SELECTION: Selection = { ids: new Set(), anchor: null };

export type Gesture = 'only' | 'toggle' | 'range';

export function gestureOf(e: { shiftKey: boolean; ctrlKey: boolean; metaKey: boolean }, mac: boolean): Gesture {
  if (e.shiftKey) return 'range';
  if (mac ? e.metaKey : e.ctrlKey) return 'toggle';
  return 'only';
}

export function choose(current: Selection, order: readonly string[], id: string, gesture: Gesture): Selection {
  if (gesture === 'toggle') {
    const ids = new Set(current.ids);
    if (ids.has(id)) ids.delete(id);
    else ids.add(id);
    return { ids, anchor: id };
  }
  if (gesture === 'range') {
    const anchor = current.anchor !== null && order.includes(current.anchor) ? current.anchor : id;
    const a = order.indexOf(anchor);
    const b = order.indexOf(id);
    if (b < 0) return current;
    const [from, to] = a <= b ? [a, b] : [b, a];
    return { ids: new Set(order.slice(from, to + 1)), anchor };
  }
  return { ids: new Set([id]), anchor: id };
}

export const selectAll = (order: readonly string[]): Selection => ({ ids: new Set(order), anchor: order[0] ?? null });

/** Drops ids no longer listed (deleted, filtered away), so actions never name rows the user cannot see. */
export function keepListed(current: Selection, order: readonly string[]): Selection {
  const listed = new Set(order);
  const ids = [...current.ids].filter((id) => listed.has(id));
  if (ids.length === current.ids.size) return current;
  return { ids: new Set(ids), anchor: current.anchor !== null && listed.has(current.anchor) ? current.anchor : null };
}

/** The chosen ids in display order. */
export const chosenInOrder = (current: Selection, order: readonly string[]): string[] => order.filter((id) => current.ids.has(id));
