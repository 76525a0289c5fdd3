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
  const cut = (window === null) ? { start: 0, end: source.length } : { start: from === 0 ? 0 : tokens[from]!.start, end: to === tokens.length ? source.length : tokens[to - 1]!.end };
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
