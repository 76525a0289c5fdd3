/**
 * Snippets: a passage of the original text around the matched words, with the words'
 * ranges. Matching uses the same folding as the index (fold.ts), and every range is mapped
 * back to the original text, so the reader can highlight exactly what was found.
 */
import { foldWithMap, TOKEN } from './fold.js';
import type { Term } from './query.js';

export interface Highlighted {
  text: string;
  /** Offset of `text` in the whole source (the canonical text for article snippets). */
  start: number;
  /** Matched words, as offsets into `text`. */
  highlights: { start: number; end: number }[];
  /** Text was left out before / after the passage. */
  before: boolean;
  after: boolean;
}

interface Matcher {
  exact: Set<string>;
  prefixes: string[];
}

function matcherOf(terms: readonly Term[]): Matcher {
  const exact = new Set<string>();
  const prefixes: string[] = [];
  for (const t of terms) {
    t.tokens.forEach((tok, i) => {
      if (t.prefix && i === t.tokens.length - 1) prefixes.push(tok);
      else exact.add(tok);
    });
  }
  return { exact, prefixes };
}

const hits = (m: Matcher, token: string) => m.exact.has(token) || m.prefixes.some((p) => token.startsWith(p));

/**
 * The source with its matched words. `window`: how many words to keep around the densest run
 * of matches (null: all of it).
 */
export function highlight(source: string, terms: readonly Term[], window: number | null): Highlighted {
  const whole = (): Highlighted => ({ text: source, start: 0, highlights: [], before: false, after: false });
  if (!source) return whole();
  const m = matcherOf(terms);
  const { text: folded, map } = foldWithMap(source);
  const tokens: { start: number; end: number; hit: boolean }[] = [];
  const sourceEnd = (foldedEnd: number) => {
    const at = map[foldedEnd - 1]!;
    return at + (source.codePointAt(at)! > 0xffff ? 2 : 1);
  };
  for (const match of folded.matchAll(TOKEN)) {
    const s = match.index;
    tokens.push({ start: map[s]!, end: sourceEnd(s + match[0].length), hit: terms.length > 0 && hits(m, match[0]) });
  }
  let from = 0;
  let to = tokens.length;
  if (window !== null && tokens.length > window) {
    // The window holding the most matched words; it starts a few words before the first.
    const hitAt = tokens.flatMap((t, i) => (t.hit ? [i] : []));
    let best = 0;
    let bestCount = 0;
    for (let i = 0, j = 0; i < hitAt.length; i++) {
      while (j < hitAt.length && hitAt[j]! < hitAt[i]! + window - 4) j++;
      if (j - i > bestCount) {
        bestCount = j - i;
        best = hitAt[i]!;
      }
    }
    from = Math.max(0, Math.min(best - 4, tokens.length - window));
    to = Math.min(tokens.length, from + window);
  }
  if (!tokens.length) return whole();
  const cut =
    window === null
      ? { start: 0, end: source.length }
      : { start: from === 0 ? 0 : tokens[from]!.start, end: to === tokens.length ? source.length : tokens[to - 1]!.end };
  const highlights: Highlighted['highlights'] = [];
  for (let i = from; i < to; i++) {
    const t = tokens[i]!;
    if (!t.hit) continue;
    const last = highlights[highlights.length - 1];
    // Adjacent matched words joined by a space or punctuation read as one highlight.
    if (last && t.start - cut.start - last.end <= 1 && /^[\s'’‘‐‑–—-]?$/.test(source.slice(last.end + cut.start, t.start))) last.end = t.end - cut.start;
    else highlights.push({ start: t.start - cut.start, end: t.end - cut.start });
  }
  return { text: source.slice(cut.start, cut.end), start: cut.start, highlights, before: cut.start > 0, after: cut.end < source.length };
}

const WORD_CHAR = /[\p{L}\p{N}\p{Co}]/u;

/**
 * What highlight(source, terms, window) gives, for an article's whole text, without folding
 * all of it: the matched words are first looked for in the lower-cased text, and only a
 * passage around the densest run of them is folded and cut. Text whose matches only folding
 * finds (lodz in Łódź) is folded whole, as before.
 */
export function snippet(source: string, terms: readonly Term[], window: number): Highlighted {
  const reach = window * 24;
  if (source.length <= reach * 3) return highlight(source, terms, window);
  const lower = source.toLowerCase();
  if (lower.length !== source.length) return highlight(source, terms, window);
  const m = matcherOf(terms);
  const at: number[] = [];
  const wordAt = (i: number) => i >= 0 && i < lower.length && WORD_CHAR.test(lower[i]!);
  const look = (needle: string, whole: boolean) => {
    for (let i = lower.indexOf(needle); i >= 0 && at.length < 5000; i = lower.indexOf(needle, i + 1)) {
      // A word, not part of one (a prefix may run on).
      if (!wordAt(i - 1) && (!whole || !wordAt(i + needle.length))) at.push(i);
    }
  };
  for (const needle of m.exact) look(needle, true);
  for (const needle of m.prefixes) look(needle, false);
  if (!at.length) return highlight(source, terms, window);
  at.sort((a, b) => a - b);
  // The densest stretch about a window long (words average well under 8 characters).
  let best = at[0]!;
  let bestCount = 0;
  for (let i = 0, j = 0; i < at.length; i++) {
    while (j < at.length && at[j]! < at[i]! + window * 6) j++;
    if (j - i > bestCount) {
      bestCount = j - i;
      best = at[i]!;
    }
  }
  // A passage well beyond the window on both sides, cut at white space so no word is split.
  let from = Math.max(0, best - reach);
  let to = Math.min(source.length, best + reach);
  if (from > 0) {
    const space = source.slice(from, best).search(/\s/);
    from = space < 0 ? best : from + space + 1;
  }
  if (to < source.length) {
    const space = source.slice(best, to).search(/\s\S*$/);
    to = space < 0 ? to : best + space;
  }
  const part = highlight(source.slice(from, to), terms, window);
  // Lower-casing found what folding does not count as the word: fold it all after all.
  if (!part.highlights.length) return highlight(source, terms, window);
  const start = from + part.start;
  return { ...part, start, before: start > 0, after: start + part.text.length < source.length };
}
