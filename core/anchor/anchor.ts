/**
 * Finds where a quote + position target belongs in a (possibly edited) text, the way the
 * Hypothesis client does: the stored offsets first, then the exact quote, then a fuzzy match
 * (Myers' bit-parallel search from approx-string-match), each place scored on the quote,
 * its prefix and suffix, and its nearness to the old offsets. Between exact and fuzzy, the
 * quote is looked for folded as Find folds it (core/text/find.ts: curly and straight quote
 * marks, dashes, runs of white space alike; case kept), the one folding table Glossa has.
 * A place is only taken when its surroundings vouch for it (or the quote is long and found
 * once); otherwise the answer is "not placed" with a reason, never a guess.
 */
import search from 'approx-string-match';
import { GlossaError } from '../model/errors.js';
import type { TextTarget } from '../model/annotation.js';
import type { SnapshotImage } from '../model/snapshot.js';
import { fold, type Folded, toSource } from '../text/find.js';
import { makeTarget, splitsSurrogatePair } from '../text/selectors.js';
import { placeImageTarget } from './image.js';
import { type ContextScore, contextScore, contextVouches, editDistance } from './similarity.js';

/** 'image': a figure tagged on an image, found by the image's hash. */
export type AnchorHow = 'position' | 'quote' | 'fuzzy' | 'image';
export interface Anchored {
  start: number;
  end: number;
  how: AnchorHow;
  /** 0..1: 1 for an untouched place, lower as quote, context or position differ. */
  score: number;
}
export interface AnchorOptions {
  /** Edits allowed in a fuzzy match, as a share of the quote's length (0–0.5; default 0.25). */
  maxErrorRate?: number;
}
export interface PlaceOptions extends AnchorOptions {
  /** The new text's images: figures tagged on an image are placed by its hash among them. */
  images?: readonly Pick<SnapshotImage, 'hash' | 'offset'>[];
}

export const DEFAULT_MAX_ERROR_RATE = 0.25;
/** A quote with this many matching characters, found in one place only, needs no context to vouch for it. */
const DISTINCTIVE_CHARS = 32;
/** Places scored per stage (nearest the old offsets first): bounds the work for a quote like "the". */
const MAX_CANDIDATES = 1000;
/** Longer quotes keep approx-string-match's own boundaries instead of trying the alternatives (quadratic). */
const MAX_REFINED_QUOTE = 1000;
/** Hypothesis's weights: the quote counts most, then each side of context, a little for position. */
const WEIGHT = { quote: 50, prefix: 20, suffix: 20, position: 2 };

const IMAGE_NOT_BY_TEXT = 'it is tagged on an image, which is found by the image, not by text; the images of this version were not given';

interface Candidate {
  start: number;
  end: number;
  errors: number;
  context: ContextScore;
  score: number;
}

/** Where the target belongs in `text`, or null when no place is trustworthy (an orphan). */
export function anchor(text: string, target: TextTarget, opts?: AnchorOptions): Anchored | null {
  const found = locate(text, target, opts);
  return 'reason' in found ? null : found;
}

/** Like anchor, with a fresh target for the new text, or the reason a person reads when it cannot be placed. */
export function placeTarget(text: string, target: TextTarget, opts?: PlaceOptions): (Anchored & { target: TextTarget }) | { reason: string } {
  if (target.image) {
    if (!opts?.images) return { reason: IMAGE_NOT_BY_TEXT };
    const placed = placeImageTarget(text, opts.images, target);
    if ('reason' in placed) return placed;
    const { start, end } = placed.target.position;
    return { start, end, how: 'image', score: 1, target: placed.target };
  }
  const found = locate(text, target, opts);
  return 'reason' in found ? found : { ...found, target: makeTarget(text, found.start, found.end) };
}

/** anchor, saying why when the target cannot be placed. */
export function locate(text: string, target: TextTarget, opts?: AnchorOptions): Anchored | { reason: string } {
  if (target.image) return { reason: IMAGE_NOT_BY_TEXT };
  const { exact, prefix, suffix } = target.quote;
  if (exact.length === 0) throw new GlossaError('INVALID_INPUT', 'The target has an empty quote, so there is nothing to look for; select the text again.');
  const rate = opts?.maxErrorRate ?? DEFAULT_MAX_ERROR_RATE;
  if (!(rate >= 0 && rate <= 0.5)) {
    throw new GlossaError('INVALID_INPUT', `The fuzzy error rate must be between 0 and 0.5 (a share of the quote's length); got ${rate}.`);
  }
  const { start, end } = target.position;
  const expected = Number.isFinite(start) ? Math.min(Math.max(0, start), text.length) : 0;
  const scoreAt = (s: number, e: number, errors: number): Candidate => {
    const context = contextScore(text, s, e, prefix, suffix);
    const position = 1 - Math.min(1, Math.abs(s - expected) / Math.max(1, text.length));
    let sum = WEIGHT.quote * (1 - errors / exact.length) + WEIGHT.position * position;
    let weights = WEIGHT.quote + WEIGHT.position;
    if (context.prefix !== null) [sum, weights] = [sum + WEIGHT.prefix * context.prefix, weights + WEIGHT.prefix];
    if (context.suffix !== null) [sum, weights] = [sum + WEIGHT.suffix * context.suffix, weights + WEIGHT.suffix];
    return { start: s, end: e, errors, context, score: sum / weights };
  };

  // 1. The stored offsets still hold the quote in its old surroundings.
  if (
    Number.isInteger(start) &&
    Number.isInteger(end) &&
    start >= 0 &&
    end - start === exact.length &&
    text.startsWith(exact, start) &&
    wholeChars(text, start, end)
  ) {
    const { context } = scoreAt(start, end, 0);
    if ((context.prefix ?? 1) === 1 && (context.suffix ?? 1) === 1) return { start, end, how: 'position', score: 1 };
  }

  // 2. The exact quote elsewhere (or at the old offsets with changed surroundings).
  const starts = occurrences(text, exact).filter((s) => wholeChars(text, s, s + exact.length));
  const exactHit = best(
    nearest(starts, expected).map((s) => scoreAt(s, s + exact.length, 0)),
    () => starts.length === 1 && exact.length >= DISTINCTIVE_CHARS,
  );
  if (exactHit) return { start: exactHit.start, end: exactHit.end, how: 'quote', score: exactHit.score };

  // 2b. The quote typed differently: other quote marks, dashes or spaces (a web page's text vs the canonical text).
  if (starts.length === 0) {
    const looseStarts = foldedSpans(text, exact, MAX_CANDIDATES).filter((c) => wholeChars(text, c.start, c.end));
    const looseHit = best(
      looseStarts.map((c) =>
        scoreAt(c.start, c.end, Math.min(exact.length, exact.length > MAX_REFINED_QUOTE ? 1 : editDistance(exact, text.slice(c.start, c.end)))),
      ),
      () => looseStarts.length === 1 && exact.length >= DISTINCTIVE_CHARS,
    );
    if (looseHit) return { start: looseHit.start, end: looseHit.end, how: 'quote', score: looseHit.score };
  }

  // 3. A passage within the error budget; exact occurrences already turned down are masked out
  // so the search can reach the edited original behind them.
  const maxErrors = Math.floor(exact.length * rate);
  const times = starts.length === 1 ? 'once' : `${starts.length} times`;
  const turnedDown = `its text appears ${times} in this version, but not in the surroundings it had`;
  if (maxErrors < 1) return { reason: starts.length ? turnedDown : 'its text is no longer in this version' };
  const haystack = starts.length ? mask(text, starts, exact.length) : text;
  const fuzzy = fuzzyCandidates(haystack, exact, maxErrors, expected)
    .filter((c) => c.errors > 0 && wholeChars(text, c.start, c.end))
    .map((c) => scoreAt(c.start, c.end, c.errors));
  const fuzzyHit = best(fuzzy, (c) => exact.length - c.errors >= DISTINCTIVE_CHARS && fuzzy.every((o) => overlaps(o, c)));
  if (fuzzyHit) return { start: fuzzyHit.start, end: fuzzyHit.end, how: 'fuzzy', score: fuzzyHit.score };
  if (starts.length) return { reason: turnedDown };
  if (fuzzy.length) {
    const closest = fuzzy.reduce((a, b) => (b.errors < a.errors ? b : a));
    return { reason: `the closest passage differs by ${closest.errors} character${closest.errors === 1 ? '' : 's'} and is not in the surroundings it had` };
  }
  return { reason: `neither its text nor a passage within ${Math.round(rate * 100)}% of it is in this version` };
}

/** The best-scoring candidate that its context vouches for (or `distinctive` lets through); ties go to the nearer. */
function best(candidates: Candidate[], distinctive: (c: Candidate) => boolean): Candidate | null {
  let top: Candidate | null = null;
  for (const c of candidates) {
    if (!contextVouches(c.context) && !distinctive(c)) continue;
    if (!top || c.score > top.score) top = c;
  }
  return top;
}

/**
 * Every lowest-error match of `exact`, with each start the end allows (approx-string-match
 * gives only the longest), so context scoring can pick the right boundaries.
 */
function fuzzyCandidates(haystack: string, exact: string, maxErrors: number, expected: number): Omit<Candidate, 'context' | 'score'>[] {
  const matches = search(haystack, exact, maxErrors);
  const byEnd = new Map(matches.map((m) => [m.end, m]));
  const ends = nearest([...byEnd.keys()], expected);
  if (exact.length > MAX_REFINED_QUOTE) return ends.map((e) => byEnd.get(e)!);
  const reversed = reverse(exact);
  const out: Omit<Candidate, 'context' | 'score'>[] = [];
  for (const end of ends) {
    const m = byEnd.get(end)!;
    const from = Math.max(0, end - exact.length - m.errors);
    const starts = new Set([m.start, ...search(reverse(haystack.slice(from, end)), reversed, m.errors).map((r) => end - r.end)]);
    for (const start of starts) {
      if (start >= end) continue;
      const errors = editDistance(exact, haystack.slice(start, end));
      if (errors <= maxErrors) out.push({ start, end, errors });
    }
  }
  return out;
}

const foldedTexts = new Map<string, Folded>();
/** The text folded with case kept; the last few are kept, as one article is worked on at a time. */
function foldedText(text: string): Folded {
  let f = foldedTexts.get(text);
  if (!f) {
    f = fold(text, false);
    if (foldedTexts.size > 4) foldedTexts.delete(foldedTexts.keys().next().value as string);
    foldedTexts.set(text, f);
  }
  return f;
}

/**
 * Spans of `text` that equal `exact` once both are folded (quote marks, dashes, white space
 * runs; case kept), at most `limit`, in text order. Exact occurrences are among them.
 */
export function foldedSpans(text: string, exact: string, limit: number): { start: number; end: number }[] {
  const needle = fold(exact.trim(), false).text;
  if (needle === '' || needle === ' ') return [];
  const f = foldedText(text);
  const out: { start: number; end: number }[] = [];
  for (let k = f.text.indexOf(needle); k >= 0 && out.length < limit; k = f.text.indexOf(needle, k + 1)) out.push(toSource(f, k, needle.length));
  return out;
}

/** Start of every occurrence, overlapping ones included ("aa" in "aaa" twice). */
function occurrences(text: string, exact: string): number[] {
  const out: number[] = [];
  for (let i = text.indexOf(exact); i >= 0; i = text.indexOf(exact, i + 1)) out.push(i);
  return out;
}

/** The MAX_CANDIDATES offsets nearest `expected`. */
function nearest(offsets: number[], expected: number): number[] {
  if (offsets.length <= MAX_CANDIDATES) return offsets;
  return [...offsets].sort((a, b) => Math.abs(a - expected) - Math.abs(b - expected)).slice(0, MAX_CANDIDATES);
}

/** The text with each occurrence blanked by NULs (never in canonical text), keeping every offset. */
function mask(text: string, starts: number[], length: number): string {
  let out = '';
  let last = 0;
  for (const s of starts) {
    const from = Math.max(s, last);
    out += text.slice(last, from) + '\0'.repeat(s + length - from);
    last = s + length;
  }
  return out + text.slice(last);
}

const reverse = (s: string) => s.split('').reverse().join('');
const overlaps = (a: { start: number; end: number }, b: { start: number; end: number }) => a.start < b.end && b.start < a.end;
const wholeChars = (text: string, start: number, end: number) => !splitsSurrogatePair(text, start) && !splitsSurrogatePair(text, end);
