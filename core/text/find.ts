/**
 * Find in the canonical text, forgiving in the ways people type: case, runs of white space
 * (NBSP included), straight or curly quote marks and apostrophes, and dashes are all
 * equal. A query with an ellipsis ("The police response … their police") matches from the
 * first part to the nearest following occurrence of the second (the shortest such passage), so a long quote can be
 * found by its two ends. Pure (shared with the reader); offsets are canonical UTF-16 units.
 *
 * The folding here is the one table of "the same character, typed differently": core/anchor
 * (re-anchoring, W3C import) folds with it too, without case, so Find and anchoring agree.
 */

export interface Match {
  start: number;
  end: number;
}

/** How far (in characters) the end part of an ellipsis query may lie after its start part. */
export const MAX_ELLIPSIS_SPAN = 5000;

/** Quote marks, apostrophes, primes and dashes → their ASCII form. */
export const FOLD: Readonly<Record<string, string>> = {
  '‘': "'",
  '’': "'",
  '‚': "'",
  '‛': "'",
  '′': "'",
  ʼ: "'",
  '“': '"',
  '”': '"',
  '„': '"',
  '‟': '"',
  '″': '"',
  '«': '"',
  '»': '"',
  '‐': '-',
  '‑': '-',
  '‒': '-',
  '–': '-',
  '—': '-',
  '―': '-',
  '−': '-',
};
const SPACE = /\s/;

/** One UTF-16 unit folded: FOLD's marks, then (when `caseless`) lower case where that stays one unit. */
export function foldChar(c: string, caseless = true): string {
  const folded = FOLD[c];
  if (folded) return folded;
  if (!caseless) return c;
  const lower = c.toLowerCase();
  // Only one-for-one foldings, so every folded unit maps back to one source unit.
  return lower.length === 1 ? lower : c;
}

export interface Folded {
  text: string;
  /** map[k]: offset in the source of folded unit k; map[length]: the source length. */
  map: number[];
}

/**
 * Folds text for matching (white space runs become one space), keeping where each folded unit
 * came from. `caseless: false` keeps case (anchoring: a quote's case is part of what it says).
 */
export function fold(source: string, caseless = true): Folded {
  let text = '';
  const map: number[] = [];
  let inSpace = false;
  for (let i = 0; i < source.length; i++) {
    const c = source.charAt(i);
    if (SPACE.test(c)) {
      if (!inSpace) {
        text += ' ';
        map.push(i);
      }
      inSpace = true;
      continue;
    }
    inSpace = false;
    text += foldChar(c, caseless);
    map.push(i);
  }
  map.push(source.length);
  return { text, map };
}

const cache = new Map<string, Folded>();
function foldedText(text: string): Folded {
  let f = cache.get(text);
  if (!f) {
    f = fold(text);
    // One article at a time is searched; keep the last few.
    if (cache.size > 4) cache.delete(cache.keys().next().value as string);
    cache.set(text, f);
  }
  return f;
}

const foldQuery = (q: string) => fold(q.trim()).text;

/** Source span of folded [k, k + length). */
export function toSource(f: Folded, k: number, length: number): Match {
  const start = f.map[k]!;
  const lastUnit = f.map[k + length - 1]!;
  return { start, end: lastUnit + 1 };
}

function allIndexes(haystack: string, needle: string, limit: number): number[] {
  const found: number[] = [];
  for (let i = haystack.indexOf(needle); i >= 0 && found.length < limit; i = haystack.indexOf(needle, i + 1)) found.push(i);
  return found;
}

/**
 * Every match of the query in text order (at most `limit`). An empty query matches nothing.
 * Matches of an ellipsis query never overlap each other.
 */
export function findInText(text: string, query: string, limit = 1000): Match[] {
  const parts = query.split(/\s*(?:…|\.\.\.)\s*/).map(foldQuery);
  const f = foldedText(text);
  if (parts.length === 2 && parts[0] && parts[1]) {
    const [head, tail] = parts as [string, string];
    const matches: Match[] = [];
    let from = 0;
    while (matches.length < limit) {
      const h = f.text.indexOf(head, from);
      if (h < 0) break;
      const t = f.text.indexOf(tail, h + head.length);
      if (t < 0) break;
      // The shortest passage: the last start part before this end part.
      const last = Math.max(h, f.text.lastIndexOf(head, t - head.length));
      const m = { start: toSource(f, last, head.length).start, end: toSource(f, t, tail.length).end };
      if (m.end - m.start > MAX_ELLIPSIS_SPAN) {
        from = h + 1;
        continue;
      }
      matches.push(m);
      from = t + tail.length;
    }
    return matches;
  }
  const needle = foldQuery(query);
  if (!needle) return [];
  return allIndexes(f.text, needle, limit).map((k) => toSource(f, k, needle.length));
}
