import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { countWords, snapToWords } from '../../../core/text/words.js';
import { HAVE_NYPD, NYPD_TXT, prng } from './shared.js';

/** Snaps the selection written as [ ... ] inside `marked` and returns the snapped text. */
function snap(marked: string): string {
  const start = marked.indexOf('[');
  const end = marked.indexOf(']') - 1;
  const text = marked.replace('[', '').replace(']', '');
  const r = snapToWords(text, start, end);
  return text.slice(r.start, r.end);
}

describe('snapToWords', () => {
  it.each([
    ['The qu[ick bro]wn fox', 'quick brown'],
    ['The [  quick  ] fox', 'quick'],
    ['[ The quick ]', 'The quick'],
    ['It[’s] important', 'It’s'],
    ["It['s] important", "It's"],
    ['the law-ab[id]ing citizens', 'law-abiding'],
    ['got 1,5[2]6 requests', '1,526'],
    ['almost 2[0] times', '20'],
    ['year 20[17.]', '2017.'],
    ['[“The police] response', '“The police'],
    ['their police,[” the] NYPD', '” the'],
    ['Fox[ News]\u00a0 reports', 'News'],
    ['Fox [News\u00a0 ]reports', 'News'],
    ['a ‘[quoted’] word', 'quoted’'],
    ['smile 😀[😀] now', '😀'],
    ['Cafe\u0301 is ope[n]', 'open'],
    ['Caf[e]\u0301 bar', 'Cafe\u0301'],
    ['na\u0308[ive] text', 'na\u0308ive'],
    ['Київ[с]ький', 'Київський'],
    ['𝐀𝐁[𝐂] x', '𝐀𝐁𝐂'],
  ])('%s → %s', (marked, expected) => {
    expect(snap(marked)).toBe(expected);
  });

  it('collapses a selection of only white space', () => {
    const r = snapToWords('a   b', 1, 4);
    expect(r.start).toBe(r.end);
  });

  it('orders and clamps its input', () => {
    expect(snapToWords('hello world', 8, 2)).toEqual({ start: 0, end: 11 });
    expect(snapToWords('hello', -5, 99)).toEqual({ start: 0, end: 5 });
  });

  it('on random selections: stays in the text, never splits a pair, is trimmed, covers the trimmed selection, and is stable', () => {
    const rand = prng(3);
    const parts = ['a', 'bc', ' ', '’', '-', ',', '1', '😀', '\u0301', '\u00a0', '“', '\n', '𝐀'];
    const splits = (t: string, i: number) => i > 0 && i < t.length && /[\uD800-\uDBFF]/.test(t.charAt(i - 1)) && /[\uDC00-\uDFFF]/.test(t.charAt(i));
    for (let n = 0; n < 500; n++) {
      const text = Array.from({ length: 1 + Math.floor(rand() * 20) }, () => parts[Math.floor(rand() * parts.length)]).join('');
      const a = Math.floor(rand() * (text.length + 1));
      const b = Math.floor(rand() * (text.length + 1));
      const r = snapToWords(text, a, b);
      expect(0 <= r.start && r.start <= r.end && r.end <= text.length).toBe(true);
      expect(splits(text, r.start) || splits(text, r.end)).toBe(false);
      const body = text.slice(r.start, r.end);
      expect(body.trim()).toBe(body);
      if (r.start < r.end) {
        // The selection's own non-space content is all inside the result.
        const lo = Math.min(a, b);
        const hi = Math.max(a, b);
        const trimmedLo = lo + (text.slice(lo, hi).length - text.slice(lo, hi).trimStart().length);
        const trimmedHi = hi - (text.slice(lo, hi).length - text.slice(lo, hi).trimEnd().length);
        expect(r.start).toBeLessThanOrEqual(trimmedLo);
        expect(r.end).toBeGreaterThanOrEqual(trimmedHi - (splits(text, trimmedHi) ? 1 : 0));
        // Snapping a snapped selection changes nothing.
        expect(snapToWords(text, r.start, r.end)).toEqual(r);
      }
    }
  });
});

describe('countWords', () => {
  const segmenterCount = (t: string) => [...new Intl.Segmenter('und', { granularity: 'word' }).segment(t)].filter((s) => s.isWordLike).length;

  it('counts words, not punctuation or spaces', () => {
    expect(countWords('“It’s important,” the NYPD director said — 1,526 times.')).toBe(8);
    expect(countWords('law-abiding U.S. citizens')).toBe(4);
    expect(countWords('')).toBe(0);
    expect(countWords(' — … ')).toBe(0);
  });

  it('counts like Intl.Segmenter on text written with spaces', () => {
    const samples = [
      'The number of requests for 2017 was almost 20 times higher than the 80 requests received in 2016.',
      '“The people they’re seeking are essentially anybody,”\u00a0regardless of the nature of the crime',
      'Le gouvernement a dépensé 1,5 milliard d’euros; l’État paiera 3.2%.',
      'Київ: 12 000 осіб, Ελλάδα και Cafe\u0301 — naïve',
    ];
    for (const t of samples) expect(countWords(t), t).toBe(segmenterCount(t));
  });

  it.skipIf(!HAVE_NYPD)('counts the NYPD article like Intl.Segmenter (skipped when ../shared/fixtures/nypd-ice-2017 is absent)', () => {
    const text = readFileSync(NYPD_TXT, 'utf8');
    expect(countWords(text)).toBe(segmenterCount(text));
  });

  it('uses the dictionary for scripts written without spaces, also inside long mixed text', () => {
    const zh = '我们今天去北京看朋友';
    expect(countWords(zh)).toBe(segmenterCount(zh));
    expect(countWords(zh)).toBeGreaterThan(1);
    const mixed = `${'Some English words here. '.repeat(40)}${zh} ${'More words. '.repeat(40)}`;
    expect(countWords(mixed)).toBe(40 * 4 + segmenterCount(zh) + 40 * 2);
  });
});
