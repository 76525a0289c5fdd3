import { describe, expect, it } from 'vitest';
import { GlossaError } from '../../../core/model/index.js';
import { canonicalFromPlainText } from '../../../core/text/canonical.js';
import { CONTEXT_LENGTH, findOccurrence, makeTarget, verifyTarget } from '../../../core/text/selectors.js';
import { prng } from './shared.js';

function glossaError(fn: () => unknown): GlossaError {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(GlossaError);
    return e as GlossaError;
  }
  throw new Error('expected a GlossaError');
}

const isPairSplit = (t: string, i: number) => i > 0 && i < t.length && /[\uD800-\uDBFF]/.test(t.charAt(i - 1)) && /[\uDC00-\uDFFF]/.test(t.charAt(i));

// Raw input as a researcher might paste or save it: CRLF, NBSP, curly quotes, emoji, combining marks.
const RAW =
  '\uFEFFCafe\u0301 talk\r\n\r\n“It’s fine,”\u00a0she said 😀 — about 1,526 requests.\r\n' +
  'Second line with 👩‍👩‍👧 and na\u0308ive text.\r\rA CR-only paragraph 🇺🇦.\r\n';
const TEXT = canonicalFromPlainText(RAW);

describe('makeTarget on text with NBSP, curly quotes, emoji, CRLF and combining marks', () => {
  it('offsets refer to the LF canonical text', () => {
    expect(TEXT).not.toMatch(/\r/);
    const { start, end } = findOccurrence(TEXT, '“It’s fine,”\u00a0she said 😀');
    const t = makeTarget(TEXT, start, end);
    expect(TEXT.slice(t.position.start, t.position.end)).toBe('“It’s fine,”\u00a0she said 😀');
    expect(t.quote.prefix.endsWith('talk\n\n')).toBe(true);
  });

  it('keeps text.slice(start, end) === exact and verifies, for every valid span of the text', () => {
    let checked = 0;
    for (let s = 0; s < TEXT.length; s++) {
      for (let e = s + 1; e <= TEXT.length; e++) {
        if (isPairSplit(TEXT, s) || isPairSplit(TEXT, e)) continue;
        const t = makeTarget(TEXT, s, e);
        expect(t.quote.exact).toBe(TEXT.slice(s, e));
        expect(t.position).toEqual({ type: 'TextPositionSelector', start: s, end: e });
        expect(t.quote.prefix).toBe(TEXT.slice(s - t.quote.prefix.length, s));
        expect(t.quote.suffix).toBe(TEXT.slice(e, e + t.quote.suffix.length));
        expect(verifyTarget(TEXT, t)).toBe(true);
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(1000);
  });

  it('gives ~32 units of context, one less rather than half an emoji', () => {
    const text = `${'x'.repeat(40)}QUOTE${'y'.repeat(40)}`;
    const s = text.indexOf('QUOTE');
    const t = makeTarget(text, s, s + 5);
    expect(t.quote.prefix).toBe('x'.repeat(CONTEXT_LENGTH));
    expect(t.quote.suffix).toBe('y'.repeat(CONTEXT_LENGTH));

    // A pair straddles the 32-unit edge on both sides.
    const emoji = `a😀${'p'.repeat(31)}Q${'s'.repeat(31)}😀b`;
    const q = emoji.indexOf('Q');
    const e = makeTarget(emoji, q, q + 1);
    expect(e.quote.prefix).toBe('p'.repeat(31));
    expect(e.quote.suffix).toBe('s'.repeat(31));
  });

  it('context at the ends of the text is what there is', () => {
    const t = makeTarget('abc', 0, 3);
    expect([t.quote.prefix, t.quote.suffix]).toEqual(['', '']);
  });

  it('refuses empty, reversed, out-of-range, fractional and pair-splitting spans with INVALID_INPUT', () => {
    const text = 'ab😀cd';
    const cases: [number, number, RegExp][] = [
      [1, 1, /empty/],
      [3, 1, /reversed/],
      [-1, 2, /outside the text/],
      [0, 99, /outside the text.*6 characters/],
      [0.5, 2, /whole-number/],
      [3, 5, /start \(3\).*two code units/],
      [0, 3, /end \(3\).*two code units/],
    ];
    for (const [s, e, message] of cases) {
      const err = glossaError(() => makeTarget(text, s, e));
      expect(err.code).toBe('INVALID_INPUT');
      expect(err.message).toMatch(message);
    }
    expect(makeTarget(text, 2, 4).quote.exact).toBe('😀');
  });
});

describe('verifyTarget', () => {
  const text = 'The quick brown fox jumps over the lazy dog.';
  const t = makeTarget(text, 4, 9);

  it('accepts a matching target, also with shorter context (made by another tool)', () => {
    expect(verifyTarget(text, t)).toBe(true);
    expect(verifyTarget(text, { ...t, quote: { ...t.quote, prefix: 'The ', suffix: '' } })).toBe(true);
  });

  it('rejects a moved position, a changed quote or context, and out-of-range positions', () => {
    expect(verifyTarget(text, { ...t, position: { ...t.position, start: 5, end: 10 } })).toBe(false);
    expect(verifyTarget(text, { ...t, quote: { ...t.quote, exact: 'quick' } })).toBe(true);
    expect(verifyTarget(text, { ...t, quote: { ...t.quote, exact: 'quack' } })).toBe(false);
    expect(verifyTarget(text, { ...t, quote: { ...t.quote, prefix: 'A ' } })).toBe(false);
    expect(verifyTarget(text, { ...t, quote: { ...t.quote, suffix: ' red' } })).toBe(false);
    expect(verifyTarget(text, { ...t, quote: { ...t.quote, prefix: 'xxThe ' } })).toBe(false);
    expect(verifyTarget('quick', t)).toBe(false);
    expect(verifyTarget(text.replace('quick', 'QUICK'), t)).toBe(false);
  });
});

describe('findOccurrence', () => {
  const text = 'said the police; the police said: “the police”.';

  it('finds the n-th occurrence (1-based) and its offsets satisfy the invariant', () => {
    for (const n of [1, 2, 3]) {
      const { start, end } = findOccurrence(text, 'the police', n);
      expect(text.slice(start, end)).toBe('the police');
      expect(text.slice(0, start).split('the police').length).toBe(n);
    }
    expect(findOccurrence(text, 'said')).toEqual({ start: 0, end: 4 });
  });

  it('counts matches that do not overlap, as Find does', () => {
    expect(findOccurrence('aaaa', 'aa', 2)).toEqual({ start: 2, end: 4 });
    expect(glossaError(() => findOccurrence('aaaa', 'aa', 3)).message).toMatch(/2 times/);
  });

  it('says how many occurrences exist when asked for one too many', () => {
    const err = glossaError(() => findOccurrence(text, 'the police', 4));
    expect(err.code).toBe('NOT_FOUND');
    expect(err.message).toMatch(/3 times.*no occurrence 4.*1 to 3/);
    expect(glossaError(() => findOccurrence(text, 'said:', 2)).message).toMatch(/once.*choose 1\b/);
  });

  it('says 0 occurrences, and points at a near match that differs only in spaces or quote marks', () => {
    const nbsp = 'Fox News\u00a0 reports that “It’s fine”.';
    const err = glossaError(() => findOccurrence(nbsp, 'Fox News reports that "It\'s fine"'));
    expect(err.code).toBe('NOT_FOUND');
    expect(err.message).toMatch(/0 occurrences/);
    expect(err.message).toContain(`at 0–${nbsp.indexOf('”') + 1}`);
    // The NBSP is spelled out, not shown as an invisible space.
    expect(err.message).toContain('"Fox News\\u00a0 reports that “It’s fine”"');
    expect(err.message).toMatch(/non-breaking spaces or curly quotes/);
    expect(glossaError(() => findOccurrence(nbsp, 'CNN')).message).toMatch(/0 occurrences.*Check the spelling/);
  });

  it('refuses an empty needle or a bad occurrence number with INVALID_INPUT', () => {
    expect(glossaError(() => findOccurrence(text, '')).code).toBe('INVALID_INPUT');
    expect(glossaError(() => findOccurrence(text, 'said', 0)).code).toBe('INVALID_INPUT');
    expect(glossaError(() => findOccurrence(text, 'said', 1.5)).code).toBe('INVALID_INPUT');
  });

  it('agrees with a brute-force scan on random texts', () => {
    const rand = prng(11);
    const alphabet = ['a', 'b', ' ', '😀', '\u00a0'];
    for (let n = 0; n < 300; n++) {
      const pick = (len: number) => Array.from({ length: len }, () => alphabet[Math.floor(rand() * alphabet.length)]).join('');
      const hay = pick(Math.floor(rand() * 30));
      const needle = pick(1 + Math.floor(rand() * 3));
      const expected: number[] = [];
      for (let i = 0; i + needle.length <= hay.length;) {
        if (hay.startsWith(needle, i)) {
          expected.push(i);
          i += needle.length;
        } else i++;
      }
      expected.forEach((start, k) => expect(findOccurrence(hay, needle, k + 1)).toEqual({ start, end: start + needle.length }));
      expect(() => findOccurrence(hay, needle, expected.length + 1)).toThrow(GlossaError);
    }
  });
});
