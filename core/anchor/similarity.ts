/**
 * How much the text around a candidate looks like the context a selector remembered. Pure;
 * strings here are short (a selector's prefix or suffix, ~32 code units).
 */

/** Levenshtein distance between a and b (UTF-16 code units), two rows of memory. */
export function editDistance(a: string, b: string): number {
  if (a === b) return 0;
  if (a.length === 0) return b.length;
  if (b.length === 0) return a.length;
  let prev = new Uint32Array(b.length + 1);
  let cur = new Uint32Array(b.length + 1);
  for (let j = 0; j <= b.length; j++) prev[j] = j;
  for (let i = 1; i <= a.length; i++) {
    cur[0] = i;
    const ca = a.charCodeAt(i - 1);
    for (let j = 1; j <= b.length; j++) {
      const cost = ca === b.charCodeAt(j - 1) ? 0 : 1;
      cur[j] = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + cost);
    }
    [prev, cur] = [cur, prev];
  }
  return prev[b.length]!;
}

/** 1 when `actual` equals `expected`, falling towards 0 with each edit; null when nothing was expected. */
export function similarity(expected: string, actual: string): number | null {
  if (expected.length === 0) return null;
  return Math.max(0, 1 - editDistance(expected, actual) / expected.length);
}

export interface ContextScore {
  prefix: number | null;
  suffix: number | null;
}

/** The remembered prefix against the text just before `start`, and the suffix against the text just after `end`. */
export function contextScore(text: string, start: number, end: number, prefix: string, suffix: string): ContextScore {
  return {
    prefix: similarity(prefix, text.slice(Math.max(0, start - prefix.length), start)),
    suffix: similarity(suffix, text.slice(end, end + suffix.length)),
  };
}

/** Random English passages of 32 characters score ~0.3–0.45, so these leave a wide margin. */
const ONE_SIDE_STRONG = 0.8;
const BOTH_SIDES_FAIR = 0.6;

/**
 * True when the surroundings vouch for the place: one side nearly intact, or both sides
 * fairly similar. A target with no context at all (it spanned the whole text) never does.
 */
export function contextVouches({ prefix, suffix }: ContextScore): boolean {
  const sides = [prefix, suffix].filter((s): s is number => s !== null);
  if (sides.length === 0) return false;
  return Math.max(...sides) >= ONE_SIDE_STRONG || sides.reduce((a, b) => a + b, 0) / sides.length >= BOTH_SIDES_FAIR;
}
