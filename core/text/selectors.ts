/**
 * W3C selectors on the canonical text. Offsets are UTF-16 code units (JavaScript string
 * indices), and the invariant every stored annotation keeps is
 * `text.slice(position.start, position.end) === quote.exact`.
 */
import { GlossaError } from '../model/errors.js';
import type { TextTarget } from '../model/annotation.js';
import { fold, toSource } from './find.js';

/** Context kept either side of the quote, in UTF-16 units (a pair is never cut, so it may be one less). */
export const CONTEXT_LENGTH = 32;

const isHigh = (c: number) => c >= 0xd800 && c <= 0xdbff;
const isLow = (c: number) => c >= 0xdc00 && c <= 0xdfff;

/** True when offset i falls between the two halves of a surrogate pair. */
export function splitsSurrogatePair(text: string, i: number): boolean {
  return i > 0 && i < text.length && isHigh(text.charCodeAt(i - 1)) && isLow(text.charCodeAt(i));
}

/** Throws INVALID_INPUT unless [start, end) is a non-empty span of whole characters inside the text. */
export function assertSpan(text: string, start: number, end: number): void {
  if (!Number.isInteger(start) || !Number.isInteger(end)) {
    throw new GlossaError('INVALID_INPUT', `A text span needs whole-number offsets; got start ${start} and end ${end}.`);
  }
  if (start < 0 || end > text.length) {
    throw new GlossaError('INVALID_INPUT', `The span ${start}–${end} lies outside the text, which has ${text.length} characters (offsets 0–${text.length}).`);
  }
  if (end < start) throw new GlossaError('INVALID_INPUT', `The span ${start}–${end} is reversed: its end comes before its start.`);
  if (end === start) throw new GlossaError('INVALID_INPUT', `The span ${start}–${end} is empty: select at least one character.`);
  for (const [name, i] of [
    ['start', start],
    ['end', end],
  ] as const) {
    if (splitsSurrogatePair(text, i)) {
      throw new GlossaError(
        'INVALID_INPUT',
        `The span's ${name} (${i}) falls inside a character that takes two code units (such as an emoji); move it by one.`,
      );
    }
  }
}

/** Builds the quote + position target of [start, end); throws INVALID_INPUT for a bad span. */
export function makeTarget(text: string, start: number, end: number): TextTarget {
  assertSpan(text, start, end);
  let from = Math.max(0, start - CONTEXT_LENGTH);
  if (splitsSurrogatePair(text, from)) from++;
  let to = Math.min(text.length, end + CONTEXT_LENGTH);
  if (splitsSurrogatePair(text, to)) to--;
  return {
    quote: { type: 'TextQuoteSelector', exact: text.slice(start, end), prefix: text.slice(from, start), suffix: text.slice(end, to) },
    position: { type: 'TextPositionSelector', start, end },
  };
}

/**
 * True when the target still anchors in this text exactly where it says: the position is a
 * valid span, it holds the quote, and the context (of whatever length) surrounds it.
 */
export function verifyTarget(text: string, target: TextTarget): boolean {
  const { start, end } = target.position;
  const { exact, prefix, suffix } = target.quote;
  if (!Number.isInteger(start) || !Number.isInteger(end) || start < 0 || end > text.length || end <= start) return false;
  return text.slice(start, end) === exact && start - prefix.length >= 0 && text.startsWith(prefix, start - prefix.length) && text.startsWith(suffix, end);
}

/** Where `exact` occurs in the text; one-based `occurrence`, counting matches that do not overlap (as Find does). */
export function findOccurrence(text: string, exact: string, occurrence = 1): { start: number; end: number } {
  if (exact.length === 0) throw new GlossaError('INVALID_INPUT', 'Give the exact text to look for; it is empty.');
  if (!Number.isInteger(occurrence) || occurrence < 1) {
    throw new GlossaError('INVALID_INPUT', `The occurrence must be a whole number from 1 up; got ${occurrence}.`);
  }
  const starts = allOccurrences(text, exact);
  const found = starts[occurrence - 1];
  if (found !== undefined) return { start: found, end: found + exact.length };
  const shown = quoteForMessage(exact);
  if (starts.length === 0) {
    const near = looseMatch(text, exact);
    const hint = near
      ? ` A passage differing only in spaces or quote marks is at ${near.start}–${near.end}: ${quoteForMessage(text.slice(near.start, near.end))}. Copy the text exactly (it may hold non-breaking spaces or curly quotes).`
      : ' Check the spelling, spaces and quote marks against the article text.';
    throw new GlossaError('NOT_FOUND', `The text does not contain ${shown} (0 occurrences).${hint}`);
  }
  const times = starts.length === 1 ? 'once' : `${starts.length} times`;
  throw new GlossaError(
    'NOT_FOUND',
    `The text contains ${shown} ${times}, so there is no occurrence ${occurrence}; choose ${starts.length === 1 ? '1' : `1 to ${starts.length}`}.`,
  );
}

function allOccurrences(text: string, exact: string): number[] {
  const starts: number[] = [];
  for (let i = text.indexOf(exact); i >= 0; i = text.indexOf(exact, i + exact.length)) starts.push(i);
  return starts;
}

/** Quoted for an error message; invisible spaces (NBSP and kin) are spelled out so a person can see them. */
const quoteForMessage = (s: string) =>
  JSON.stringify(s.length > 80 ? `${s.slice(0, 77)}…` : s).replace(
    /[\u00a0\u1680\u2000-\u200b\u202f\u205f\u3000\ufeff]/g,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );

/** The first passage that differs from `exact` only in spaces, quote marks or dashes (Find's folding, case kept). */
function looseMatch(text: string, exact: string): { start: number; end: number } | null {
  const needle = fold(exact.trim(), false).text;
  if (needle === '' || needle === ' ') return null;
  const folded = fold(text, false);
  const k = folded.text.indexOf(needle);
  return k < 0 ? null : toSource(folded, k, needle.length);
}
