import { describe, expect, it } from 'vitest';
import { anchor, locate, placeTarget } from '../../../core/anchor/index.js';
import { GlossaError } from '../../../core/model/errors.js';
import { makeTarget, verifyTarget } from '../../../core/text/selectors.js';

const ARTICLE = [
  'City Hall Reviews Budget',
  'The mayor said the budget would grow by 4 percent next year, according to officials.',
  'Critics said the increase was too small. "We need more teachers," said Ana Ruiz, a union leader.',
  'The council will vote on Thursday. The mayor said the vote would be close.',
  'A spokesperson declined to comment on the negotiations with the state.',
].join('\n\n');

/** The target of the first occurrence of `exact` in `text` (or the n-th, counting from 0). */
function targetOf(text: string, exact: string, nth = 0) {
  let at = -1;
  for (let i = 0; i <= nth; i++) at = text.indexOf(exact, at + 1);
  if (at < 0) throw new Error(`test setup: ${exact} not in text`);
  return makeTarget(text, at, at + exact.length);
}

describe('anchor', () => {
  it('places every target in the unchanged text by position, with score 1', () => {
    for (let start = 0; start < ARTICLE.length - 10; start += 7) {
      const end = Math.min(ARTICLE.length, start + 1 + (start % 40));
      const found = anchor(ARTICLE, makeTarget(ARTICLE, start, end));
      expect(found).toEqual({ start, end, how: 'position', score: 1 });
    }
  });

  it('finds the quote at shifted offsets after a paragraph is inserted before it', () => {
    const target = targetOf(ARTICLE, 'We need more teachers');
    const note = "Editor's note: this article was updated on Friday with the council's schedule.\n\n";
    const edited = note + ARTICLE;
    const found = anchor(edited, target);
    expect(found).toMatchObject({ start: target.position.start + note.length, end: target.position.end + note.length, how: 'quote' });
    expect(found!.score).toBeGreaterThan(0.95);
    expect(found!.score).toBeLessThan(1);
  });

  it('places a quote at the very start of the text when a note is inserted above it (empty prefix)', () => {
    const target = targetOf(ARTICLE, 'City Hall Reviews Budget');
    expect(target.quote.prefix).toBe('');
    const edited = 'Update: corrected.\n\n' + ARTICLE;
    expect(anchor(edited, target)).toMatchObject({ start: 20, end: 44, how: 'quote' });
  });

  it('follows a typo fixed inside the quote with a fuzzy match of exactly the edited span', () => {
    const typo = ARTICLE.replace('grow by 4 percent', 'grwo by 4 percent');
    const target = targetOf(typo, 'the budget would grwo by 4 percent next year');
    const fixed = ARTICLE;
    const found = anchor(fixed, target);
    const expected = 'the budget would grow by 4 percent next year';
    expect(found?.how).toBe('fuzzy');
    expect(fixed.slice(found!.start, found!.end)).toBe(expected);
    expect(found!.start).toBe(fixed.indexOf(expected));
    expect(found!.score).toBeGreaterThan(0.9);
  });

  it('keeps fuzzy boundaries exact when a word at the edge of the quote changes', () => {
    const target = targetOf(ARTICLE, 'declined to comment on the negotiations');
    for (const [edit, expected] of [
      ['the negotiation', 'declined to comment on the negotiation'],
      ['the talks', 'declined to comment on the talks'],
    ] as const) {
      const edited = ARTICLE.replace('the negotiations', edit).replace('A spokesperson', 'A spokesman');
      const found = anchor(edited, target);
      expect(found?.how).toBe('fuzzy');
      expect(edited.slice(found!.start, found!.end)).toBe(expected);
    }
    // Past the 25% budget (a 39-character quote allows 9 edits): an orphan, not a guess.
    expect(anchor(ARTICLE.replace('declined to comment on the negotiations', 'would not discuss the talks'), target)).toBeNull();
  });

  it('trims a fuzzy match to the words, not the space a dropped quote mark leaves', () => {
    const old = 'Officials said “The plan was approved by all,” then left for the day.';
    const target = targetOf(old, '“The plan was approved by all,”');
    const edited = 'Officials said The plan was approved by all, then left for the day.';
    const found = anchor(edited, target);
    expect(found?.how).toBe('fuzzy');
    // approx-string-match alone prefers the longest start (' The…', one substitution for “).
    expect(edited.slice(found!.start, found!.end)).toBe('The plan was approved by all,');
  });

  it('finds a lightly edited quote behind an exact occurrence elsewhere that its context rejects', () => {
    const target = targetOf(ARTICLE, 'The mayor said', 1);
    const edited = ARTICLE.replace('The mayor said the vote', 'The mayor says the vote');
    const found = anchor(edited, target);
    expect(found?.how).toBe('fuzzy');
    expect(found!.start).toBe(edited.indexOf('The mayor says'));
    expect(found!.end).toBe(found!.start + 'The mayor says'.length);
  });

  it('places a quote longer than 1,000 characters after a typo fix inside it', () => {
    const long = Array.from({ length: 30 }, (_, i) => `Sentence ${i} of the long statement goes on.`).join(' ');
    const text = `Before it.\n\n${long.replace('Sentence 7 of', 'Sentense 7 of')}\n\nAfter it.`;
    const target = targetOf(text, long.replace('Sentence 7 of', 'Sentense 7 of'));
    expect(target.quote.exact.length).toBeGreaterThan(1000);
    const edited = `A new opening.\n\n${text.replace('Sentense', 'Sentence')}`;
    const found = anchor(edited, target);
    expect(found?.how).toBe('fuzzy');
    expect(edited.slice(found!.start, found!.end)).toBe(long);
  });

  it('finds a short quote whose quote marks, dashes and spaces were retyped, folded as Find folds them (case kept)', () => {
    const old = 'The chair said: “We need 12 more days — at least,” and left.\n\nOthers said “We need 12 more days” too.';
    const target = targetOf(old, '“We need 12 more days — at least,”');
    // Straight quotes, a hyphen for the dash, a no-break space: too many edits for a 25% fuzzy budget on so short a quote.
    const edited = 'The chair said: "We need 12 more\u00a0days - at least," and left.\n\nOthers said "We need 12 more days" too.';
    const found = anchor(edited, target, { maxErrorRate: 0.1 });
    expect(found?.how).toBe('quote');
    expect(edited.slice(found!.start, found!.end)).toBe('"We need 12 more\u00a0days - at least,"');
    expect(found!.score).toBeLessThan(1);
    // Case is part of the quote: retyped in capitals it is not the same words.
    expect(anchor(edited.toUpperCase(), target, { maxErrorRate: 0.1 })).toBeNull();
  });

  it('returns null (an orphan) when the quoted passage is deleted', () => {
    const target = targetOf(ARTICLE, 'Critics said the increase was too small.');
    const edited = ARTICLE.replace('Critics said the increase was too small. ', '');
    expect(anchor(edited, target)).toBeNull();
    expect(locate(edited, target)).toEqual({ reason: 'neither its text nor a passage within 25% of it is in this version' });
  });

  it('does not attach a short quote to another occurrence when its own was deleted', () => {
    // "The mayor said" occurs twice; delete the second sentence and anchor the second occurrence.
    const target = targetOf(ARTICLE, 'The mayor said', 1);
    const edited = ARTICLE.replace(' The mayor said the vote would be close.', '');
    expect(edited.includes('The mayor said')).toBe(true);
    expect(anchor(edited, target)).toBeNull();
    expect(locate(edited, target)).toEqual({ reason: 'its text appears once in this version, but not in the surroundings it had' });
  });

  it('disambiguates a repeated phrase by its prefix and suffix, wherever the text moved', () => {
    const first = targetOf(ARTICLE, 'The mayor said', 0);
    const second = targetOf(ARTICLE, 'The mayor said', 1);
    // Swap paragraphs so the old offsets point at the wrong occurrence.
    const paras = ARTICLE.split('\n\n');
    const edited = [paras[0], paras[3], paras[2], paras[1], paras[4]].join('\n\n');
    for (const [t, sentence] of [
      [first, 'The mayor said the budget'],
      [second, 'The mayor said the vote'],
    ] as const) {
      const found = anchor(edited, t)!;
      expect(found.how).toBe('quote');
      expect(found.start).toBe(edited.indexOf(sentence));
      // The old offsets no longer hold the phrase: only the quote and its context place it.
      expect(edited.startsWith('The mayor said', t.position.start)).toBe(false);
    }
  });

  it('prefers the occurrence nearest the old offsets when the surroundings are identical', () => {
    const block = 'Repeat after me: the same words here. ';
    const text = block.repeat(6);
    const target = makeTarget(text, block.length * 4 + 17, block.length * 4 + 36);
    const edited = 'Intro. ' + text;
    expect(anchor(edited, target)).toMatchObject({ start: target.position.start + 7, how: 'quote' });
  });

  it('refuses a fuzzy look-alike elsewhere when the surroundings disagree', () => {
    const target = targetOf(ARTICLE, 'Ana Ruiz');
    const edited = ARTICLE.replace('said Ana Ruiz, a union leader', 'said a union leader').replace('A spokesperson', 'Ana Ruis, a spokesperson,');
    expect(anchor(edited, target)).toBeNull();
  });

  it('keeps surrogate pairs whole', () => {
    const text = 'Reaction 😀 was mixed 😀😀 and loud.';
    const target = makeTarget(text, text.indexOf('mixed'), text.indexOf(' and'));
    const edited = 'Note. ' + text.replace('mixed', 'mixd');
    const found = anchor(edited, target);
    expect(found).not.toBeNull();
    const placed = placeTarget(edited, target);
    expect('target' in placed && verifyTarget(edited, placed.target)).toBe(true);
  });

  it('handles empty and malformed input', () => {
    const target = targetOf(ARTICLE, 'budget');
    expect(anchor('', target)).toBeNull();
    expect(() => anchor(ARTICLE, { ...target, quote: { ...target.quote, exact: '' } })).toThrow(GlossaError);
    expect(() => anchor(ARTICLE, target, { maxErrorRate: 0.9 })).toThrow(/between 0 and 0.5/);
    expect(() => anchor(ARTICLE, target, { maxErrorRate: Number.NaN })).toThrow(GlossaError);
    // Offsets from a foreign bundle that make no sense: ignored, the quote still finds its place.
    const wild = { ...target, position: { type: 'TextPositionSelector' as const, start: -5, end: 1e12 } };
    expect(anchor(ARTICLE, wild)).toMatchObject({ start: target.position.start, how: 'quote' });
  });

  it('places quotes in a ~6 MB text, and a one-letter quote among 270,000 occurrences', () => {
    const closing = '\n\nA unique closing line about the ferry schedule.';
    const big = ARTICLE.repeat(15_000) + closing;
    const target = targetOf(big, 'about the ferry schedule');
    const note = 'Inserted paragraph at the top.\n\n';
    let t = performance.now();
    expect(anchor(note + big, target)).toMatchObject({ start: target.position.start + note.length, how: 'quote' });
    const quoteMs = performance.now() - t;
    t = performance.now();
    expect(anchor(big.slice(0, -closing.length), target)).toBeNull();
    const orphanMs = performance.now() - t;
    const letter = makeTarget(big, 5000, 5001);
    t = performance.now();
    expect(anchor('>' + big, letter)).toMatchObject({ start: 5001, how: 'quote' });
    const letterMs = performance.now() - t;
    console.info(
      `[anchor] ${big.length} chars: shifted quote ${quoteMs.toFixed(0)} ms, orphan after fuzzy search ${orphanMs.toFixed(0)} ms, one letter ${letterMs.toFixed(0)} ms`,
    );
  });
});
