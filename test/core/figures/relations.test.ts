import { describe, expect, it } from 'vitest';
import { checkFigureRelations, parseFigure, type FigureInput } from '../../../core/figures/index.js';
import { GlossaError } from '../../../core/model/errors.js';

/**
 * Article text with each figure written as [[…]]; returns the plain text and the figures
 * (ids f0, f1, … in order), their fields read by parseFigure as a suggestion would.
 */
function tagged(marked: string): { text: string; figs: FigureInput[] } {
  const figs: FigureInput[] = [];
  let text = '';
  let last = 0;
  for (const m of marked.matchAll(/\[\[(.+?)\]\]/g)) {
    text += marked.slice(last, m.index);
    const exact = m[1]!;
    figs.push({ id: `f${figs.length}`, exact, start: text.length, value: null, unit: null, qualifier: null });
    text += exact;
    last = m.index + m[0].length;
  }
  text += marked.slice(last);
  for (const f of figs) {
    const p = parseFigure(f.exact, {
      before: text.slice(Math.max(0, f.start - 40), f.start),
      after: text.slice(f.start + f.exact.length, f.start + f.exact.length + 40),
    });
    Object.assign(f, { value: p.value, unit: p.unit, qualifier: p.qualifier });
  }
  return { text, figs };
}
const check = (marked: string) => {
  const { text, figs } = tagged(marked);
  return checkFigureRelations(figs, text);
};
const verdicts = (marked: string) => check(marked).map((r) => [r.kind, r.figures.join(','), r.agrees]);

describe('ratios', () => {
  it.each([
    ['Police got [[1,526 requests]] in 2017. That was [[almost 20 times]] the [[80 requests]] of 2016.', true],
    ['Police got [[1,526 requests]] in 2017. That was [[almost 15 times]] the [[80 requests]] of 2016.', false],
    ['Police got [[1,526 requests]] in 2017. That was [[20 times]] the [[80 requests]] of 2016.', false],
    ['Police got [[1,600 requests]] in 2017. That was [[20 times]] the [[80 requests]] of 2016.', true],
    ['Police got [[1,526 requests]] in 2017. That was [[about 20 times]] the [[80 requests]] of 2016.', true],
    ['Police got [[1,526 requests]] in 2017. That was [[about 17 times]] the [[80 requests]] of 2016.', false],
    ['Police got [[1,526 requests]] in 2017. That was [[more than 15 times]] the [[80 requests]] of 2016.', true],
    ['Police got [[1,526 requests]] in 2017. That was [[more than 25 times]] the [[80 requests]] of 2016.', false],
    ['Police got [[1,526 requests]] in 2017. That was [[19.1 times]] the [[80 requests]] of 2016.', true],
    ['Police got [[1,526 requests]] in 2017. That was [[19.2 times]] the [[80 requests]] of 2016.', false],
  ])('%s → agrees %s', (marked, agrees) => {
    const rels = check(marked);
    expect(rels).toHaveLength(1);
    expect(rels[0]).toMatchObject({ kind: 'ratio', figures: ['f1', 'f0', 'f2'], agrees });
  });

  it('takes both counts from the ratio’s own sentence first', () => {
    expect(verdicts('Once [[9 people]] came. Now [[200 people]] is [[twice]] the [[100 people]] of last year.')).toEqual([['ratio', 'f2,f1,f3', true]]);
  });

  it('prefers a count stated exactly over a bound (“more than 1,500”)', () => {
    expect(verdicts('[[More than 1,500 requests]] came; [[1,526 requests]] in all. It is [[almost 20 times]] the [[80 requests]] before.')).toEqual([
      ['ratio', 'f2,f1,f3', true],
    ]);
  });

  it('reads "N times fewer than" the other way round', () => {
    expect(verdicts('In 2016 there were [[80 requests]], [[almost 20 times]] fewer than the [[1,526 requests]] of 2017.')).toEqual([
      ['ratio', 'f1,f0,f2', true],
    ]);
  });

  it('does not pair a ratio with counts of another kind or currency', () => {
    expect(check('Spent [[$300]] on [[4 times]] as many [[75 apples]].')).toEqual([]);
    expect(check('It cost [[€500]], [[5 times]] the [[$100]] of last year.')).toEqual([]);
  });

  it('ignores a ratio with no base count after it in the sentence', () => {
    expect(check('[[1,526 requests]] came. Requests rose [[almost 20 times]].')).toEqual([]);
  });

  it('reports what it computed and the range the qualifier allows', () => {
    const [r] = check('[[1,526 requests]] came, [[almost 20 times]] the [[80 requests]] of 2016.');
    expect(r).toMatchObject({ stated: 20, accepted: [18, 20] });
    expect(r!.explanation).toBe('1,526 ÷ 80 = 19.1; “almost 20 times” allows 18 to 20: agrees.');
  });
});

describe('totals', () => {
  it.each([
    ['A total of [[12 people]] were hurt: [[5]] in Leeds and [[7]] in York.', true],
    ['A total of [[12 people]] were hurt: [[5]] in Leeds and [[8]] in York.', false],
    ['[[5 men]] and [[7 women]], [[12 people]] in all, were hurt.', true],
    ['[[5 men]] and [[6 women]], [[12 people]] altogether, were hurt.', false],
    ['[[About 12 people]] in total were hurt: [[5]] in Leeds and [[8]] in York.', true],
    ['[[12 people]] in total were hurt, including [[5]] in Leeds and [[4]] in York.', true],
    ['[[12 people]] in total were hurt, including [[5]] in Leeds and [[9]] in York.', false],
    ['It cost [[$12m]] in total: [[$5m]] for roads and [[$7m]] for rail.', true],
  ])('%s → agrees %s', (marked, agrees) => {
    const rels = check(marked).filter((r) => r.kind === 'total');
    expect(rels).toHaveLength(1);
    expect(rels[0]!.agrees).toBe(agrees);
  });

  it('looks for parts in the next sentence of the same paragraph, not the next paragraph', () => {
    expect(verdicts('A total of [[12 people]] were hurt. [[5]] were in Leeds and [[7]] in York.')).toEqual([['total', 'f0,f1,f2', true]]);
    expect(check('A total of [[12 people]] were hurt.\n[[5]] were in Leeds and [[7]] in York.')).toEqual([]);
  });

  it('needs a total cue and at least two parts', () => {
    expect(check('[[12 people]] were hurt: [[5]] in Leeds and [[7]] in York.')).toEqual([]);
    expect(check('A total of [[12 people]] were hurt, [[5]] in Leeds.')).toEqual([]);
  });

  it('does not add money to counts', () => {
    expect(check('A total of [[12 people]] paid [[$5]] and [[$7]].')).toEqual([]);
  });
});

describe('differences (percent change)', () => {
  it.each([
    ['Sales rose from [[80 units]] to [[100 units]], a [[25%]] increase.', true],
    ['Sales rose from [[80 units]] to [[100 units]], a [[30%]] increase.', false],
    ['Sales rose [[about 24%]], from [[80 units]] to [[100 units]].', true],
    ['Sales fell [[20%]], from [[100 units]] to [[80 units]].', true],
    ['Sales fell [[25%]], from [[80 units]] to [[100 units]].', false],
    ['Sales rose [[25%]] [[from 80 to 100]].', true],
    ['Support fell from [[40%]] to [[35%]], [[5 percentage points]].', true],
    ['Support fell from [[40%]] to [[35%]], [[6 percentage points]].', false],
  ])('%s → agrees %s', (marked, agrees) => {
    const rels = check(marked).filter((r) => r.kind === 'difference');
    expect(rels).toHaveLength(1);
    expect(rels[0]!.agrees).toBe(agrees);
  });

  it('says why a change in the wrong direction does not agree', () => {
    const [r] = check('Sales fell [[25%]], from [[80 units]] to [[100 units]].');
    expect(r!.explanation).toContain('the text says it fell');
  });

  it('needs "from … to" in the sentence', () => {
    expect(check('Sales were [[80 units]] and [[100 units]], a [[25%]] gap.')).toEqual([]);
  });
});

describe('checkFigureRelations input', () => {
  it('returns nothing for no figures, or figures without values', () => {
    expect(checkFigureRelations([])).toEqual([]);
    expect(checkFigureRelations([{ id: 'a', exact: 'many', start: 0, value: null, unit: null, qualifier: null }], 'many')).toEqual([]);
  });

  it('skips figures whose exact text is not at their offset', () => {
    const { text, figs } = tagged('[[1,526 requests]] came, [[almost 20 times]] the [[80 requests]] of 2016.');
    const moved = figs.map((f) => (f.id === 'f2' ? { ...f, start: f.start + 1 } : f));
    expect(checkFigureRelations(moved, text)).toEqual([]);
  });

  it('skips non-finite values and hostile entries without throwing', () => {
    const figs = [
      { id: 'a', exact: '∞ times', start: 0, value: Infinity, unit: 'ratio', qualifier: null },
      { id: 'b', exact: '0 requests', start: 10, value: 0, unit: 'requests', qualifier: null },
      null,
      { id: 'c', exact: 'x', start: -1, value: 1, unit: null, qualifier: null },
      { id: 'd', exact: '5 times', start: 20, value: 5, unit: 'ratio', qualifier: 'whatever' },
      { id: 'e', exact: '0 requests', start: 30, value: 0, unit: 'requests', qualifier: null },
    ] as unknown as FigureInput[];
    expect(() => checkFigureRelations(figs)).not.toThrow();
    expect(checkFigureRelations(figs)).toEqual([]);
  });

  it('refuses what is not a list with a GlossaError a person can act on', () => {
    expect(() => checkFigureRelations('nope' as unknown as FigureInput[])).toThrow(GlossaError);
    expect(() => checkFigureRelations('nope' as unknown as FigureInput[])).toThrow(/list of figures/);
  });

  it('keeps unbounded ranges JSON-safe (null, not Infinity)', () => {
    const [r] = check('[[1,526 requests]] came, [[more than 15 times]] the [[80 requests]] of 2016.');
    expect(r!.accepted).toEqual([15, null]);
    expect(JSON.parse(JSON.stringify(r))).toEqual(r);
  });

  it('checks an article of 2,000 figures in well under a second', () => {
    const parts = Array.from(
      { length: 500 },
      (_, i) => `In ${i} there were [[${1000 + i} requests]], [[about 10 times]] the [[${100 + i} requests]] before. A total of [[${i + 2} people]] came.`,
    );
    const { text, figs } = tagged(parts.join(' '));
    const t0 = performance.now();
    const rels = checkFigureRelations(figs, text);
    expect(performance.now() - t0).toBeLessThan(1000);
    expect(rels.filter((r) => r.kind === 'ratio')).toHaveLength(500);
  });
});
