import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { type DiffOp, type TextDiff, diffTexts } from '../../../core/text/diff.js';
import { HAVE_NYPD, NYPD_TXT, prng } from './shared.js';

/** Both texts rebuilt from the ops, checking every offset on the way. */
function rebuild(ops: DiffOp[]): { oldText: string; newText: string } {
  let oldText = '';
  let newText = '';
  for (const o of ops) {
    expect(o.text.length).toBeGreaterThan(0);
    expect(o.oldStart).toBe(oldText.length);
    expect(o.newStart).toBe(newText.length);
    if (o.op !== 'insert') oldText += o.text;
    if (o.op !== 'delete') newText += o.text;
  }
  return { oldText, newText };
}

function expectExact(a: string, b: string): TextDiff {
  const d = diffTexts(a, b);
  expect(rebuild(d.ops)).toEqual({ oldText: a, newText: b });
  for (const o of d.ops) {
    // No op cuts a surrogate pair.
    expect(/^[\uDC00-\uDFFF]/.test(o.text) || /[\uD800-\uDBFF]$/.test(o.text)).toBe(false);
  }
  return d;
}

const brief = (d: TextDiff) => d.ops.map((o) => (o.op === 'equal' ? o.text : `${o.op === 'insert' ? '+' : '-'}[${o.text}]`)).join('');

describe('diffTexts', () => {
  it('shows a changed word as one delete and one insert, with offsets into both texts', () => {
    const d = expectExact('The mayor said the budget would grow.', 'The mayor says the budget will grow.');
    expect(brief(d)).toBe('The mayor -[said]+[says] the budget -[would]+[will] grow.');
    expect(d.ops[2]).toEqual({ op: 'insert', text: 'says', oldStart: 14, newStart: 10 });
    expect(d.words).toEqual({ inserted: 2, deleted: 2, equal: 5 });
    expect(d.stats).toEqual({ inserted: 8, deleted: 9, equal: 28 });
    expect(d.granularity).toBe('word');
  });

  it('joins changes separated only by spaces or punctuation into one replacement', () => {
    const d = expectExact('We need one, two three now.', 'We need four, five six now.');
    expect(brief(d)).toBe('We need -[one, two three]+[four, five six] now.');
    expect(d.words).toEqual({ inserted: 3, deleted: 3, equal: 3 });
  });

  it('counts a change of punctuation alone, which has no words', () => {
    const d = expectExact('Yes, he said.', 'Yes; he said!');
    expect(d.words).toEqual({ inserted: 0, deleted: 0, equal: 3 });
    expect(d.stats).toEqual({ inserted: 2, deleted: 2, equal: 11 });
  });

  it('handles identical, empty and one-sided texts', () => {
    expect(expectExact('Same text.', 'Same text.')).toEqual({
      ops: [{ op: 'equal', text: 'Same text.', oldStart: 0, newStart: 0 }],
      stats: { inserted: 0, deleted: 0, equal: 10 },
      words: { inserted: 0, deleted: 0, equal: 2 },
      granularity: 'word',
    });
    expect(expectExact('', '').ops).toEqual([]);
    expect(expectExact('', 'All new.').ops).toEqual([{ op: 'insert', text: 'All new.', oldStart: 0, newStart: 0 }]);
    expect(expectExact('All gone.', '').ops).toEqual([{ op: 'delete', text: 'All gone.', oldStart: 0, newStart: 0 }]);
  });

  it('diffs CJK character by character and keeps figures, contractions, emoji and accents whole', () => {
    const d = expectExact('市长说预算会增长。', '市长说预算将增长。');
    expect(brief(d)).toBe('市长说预算-[会]+[将]增长。');
    expect(d.words.deleted).toBe(1);
    expect(brief(expectExact('Réaction 😀 très forte', 'Réaction 😢 très forte'))).toBe('Réaction -[😀]+[😢] très forte');
    expect(brief(expectExact('naïve café', 'naïve cafés'))).toBe('naïve -[café]+[cafés]');
    expect(brief(expectExact('It’s 1,526 requests.', 'It was 1,562 requests.'))).toBe('-[It’s 1,526]+[It was 1,562] requests.');
  });

  it('rebuilds both texts exactly for random edits (seeded)', () => {
    const rand = prng(42);
    const vocab = ['the', 'mayor', 'said', ',', '.', ' ', '\n\n', 'budget', '“', '”', '1,526', 'Ünïcode', '😀', '市长', '\u00a0', 'police'];
    const pick = () => vocab[Math.floor(rand() * vocab.length)]!;
    for (let round = 0; round < 200; round++) {
      const words = Array.from({ length: Math.floor(rand() * 60) }, () => pick() + (rand() < 0.7 ? ' ' : ''));
      const edited = [...words];
      for (let k = Math.floor(rand() * 8); k > 0; k--) {
        const i = Math.floor(rand() * (edited.length + 1));
        const r = rand();
        if (r < 0.33) edited.splice(i, 0, pick());
        else if (r < 0.66) edited.splice(i, 1);
        else edited[i] = pick();
      }
      const d = expectExact(words.join(''), edited.join(''));
      const changed = d.stats.inserted + d.stats.deleted > 0;
      expect(changed).toBe(words.join('') !== edited.join(''));
    }
  });

  it.skipIf(!HAVE_NYPD)(
    'diffs the NYPD sample against an edited version: note on top, words changed, a paragraph gone (skipped when ../shared/fixtures/nypd-ice-2017 is absent)',
    () => {
      const original = readFileSync(NYPD_TXT, 'utf8');
      const start = original.indexOf('\n\nThe New York City law says');
      const end = original.indexOf('\n\n“The police response');
      const edited = ('Editor’s note: updated.\n\n' + original.slice(0, start) + original.slice(end)).replace('irrespective of', 'regardless of');
      const d = expectExact(original, edited);
      const inserted = d.ops.filter((o) => o.op === 'insert').map((o) => o.text);
      const deleted = d.ops.filter((o) => o.op === 'delete').map((o) => o.text);
      expect(inserted[0]).toBe('Editor’s note: updated.\n\n');
      expect(inserted).toContain('regardless');
      expect(deleted).toContain('irrespective');
      expect(deleted.some((t) => t.includes('The New York City law says that prisoners'))).toBe(true);
      expect(d.words.inserted).toBe(4);
    },
  );

  it('diffs a 20,000-word text with a few edits word by word (time reported, not asserted)', () => {
    const rand = prng(7);
    const words = Array.from({ length: 20_000 }, (_, i) => `word${Math.floor(rand() * 5000)}${i % 15 === 14 ? '.\n\n' : ' '}`);
    const oldText = words.join('');
    const edited = [...words];
    edited.splice(100, 0, 'An ', 'inserted ', 'phrase ');
    edited[5000] = 'changed ';
    edited.splice(12_000, 30);
    edited.push('The end.');
    const newText = edited.join('');
    const t = performance.now();
    const d = diffTexts(oldText, newText);
    const ms = performance.now() - t;
    expect(rebuild(d.ops)).toEqual({ oldText, newText });
    expect(d.granularity).toBe('word');
    expect(d.words.inserted).toBe(3 + 1 + 2);
    expect(d.words.deleted).toBe(1 + 30);
    console.info(`[diff] 20,000 words (${oldText.length} chars), 4 edits: ${ms.toFixed(1)} ms, ${d.ops.length} ops`);
  });

  it('falls back to paragraphs for a rewrite, still exact and bounded in time', () => {
    const rand = prng(9);
    const para = () => Array.from({ length: 40 }, () => `w${Math.floor(rand() * 100_000)}`).join(' ');
    const oldText = Array.from({ length: 500 }, para).join('\n\n');
    const newText = Array.from({ length: 500 }, para).join('\n\n');
    const t = performance.now();
    const d = expectExact(oldText, newText);
    const ms = performance.now() - t;
    expect(d.granularity).toBe('paragraph');
    console.info(`[diff] full rewrite of 20,000 words: ${ms.toFixed(0)} ms`);
    // Half the paragraphs rewritten, half kept: kept ones stay equal, the rest is diffed within budget.
    const mixed = oldText
      .split('\n\n')
      .map((p, i) => (i % 2 ? para() : p))
      .join('\n\n');
    const m = expectExact(oldText, mixed);
    expect(m.words.equal).toBeGreaterThanOrEqual(250 * 40);
  });
});
