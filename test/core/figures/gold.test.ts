/**
 * The shared NYPD sample: every gold figure parses to the gold value, unit and qualifier,
 * and the one relation in the article (1,526 ÷ 80 against "almost 20 times") is found.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { checkFigureRelations, parseFigure, type FigureInput } from '../../../core/figures/index.js';
import { HAVE_NYPD, NYPD_TXT, loadGold } from '../../shared-fixtures.js';

if (!HAVE_NYPD) console.warn(`[skip] ${NYPD_TXT} is missing: figure tests on the NYPD sample article are skipped.`);

const CONTEXT = 60;

describe.skipIf(!HAVE_NYPD)('figures of the NYPD sample article (gold) (skipped when ../shared/fixtures/nypd-ice-2017 is absent)', () => {
  const text = HAVE_NYPD ? readFileSync(NYPD_TXT, 'utf8') : '';
  const gold = HAVE_NYPD ? loadGold().filter((g) => g.kind === 'figure') : [];
  const inputs = (): FigureInput[] =>
    gold.map((g, i) => ({ id: `fig-${i}`, value: g.value ?? null, unit: g.unit ?? null, qualifier: g.qualifier ?? null, exact: g.exact, start: g.start }));

  it('has the figures the tests rely on', () => {
    expect(gold.length).toBeGreaterThanOrEqual(7);
    for (const g of gold) expect(text.slice(g.start, g.end)).toBe(g.exact);
  });

  it.each(
    HAVE_NYPD
      ? loadGold()
          .filter((g) => g.kind === 'figure')
          .map((g) => [g.exact, g] as const)
      : [],
  )('parses “%s” like the gold', (_exact, g) => {
    const f = parseFigure(g.exact, { before: text.slice(Math.max(0, g.start - CONTEXT), g.start), after: text.slice(g.end, g.end + CONTEXT) });
    expect({ value: f.value, unit: f.unit, qualifier: f.qualifier }).toEqual({ value: g.value, unit: g.unit ?? null, qualifier: g.qualifier ?? null });
  });

  it('reads the years the gold leaves out as years, not counts', () => {
    const at = text.indexOf('in 2016');
    const f = parseFigure('2016', { before: text.slice(at - 30, at + 3), after: text.slice(at + 7, at + 40) });
    expect(f).toMatchObject({ value: 2016, unit: null, kind: 'year' });
    expect(parseFigure('first year').value).toBeNull();
  });

  it('finds 1,526 ÷ 80 ≈ 19.1 against “almost 20 times” and says it agrees', () => {
    const rels = checkFigureRelations(inputs(), text);
    expect(rels).toHaveLength(1);
    const [r] = rels;
    const id = (exact: string) => `fig-${gold.findIndex((g) => g.exact === exact)}`;
    expect(r).toMatchObject({ kind: 'ratio', stated: 20, agrees: true, figures: [id('almost 20 times'), id('1,526 requests'), id('80 requests')] });
    expect(r!.expected).toBeCloseTo(19.075, 3);
    expect(r!.explanation).toContain('1,526 ÷ 80 = 19.1');
  });

  it('says a mutated "almost 15 times" does not agree', () => {
    const mutated = text.replace('almost 20 times', 'almost 15 times');
    const figs = inputs().map((f) => (f.exact === 'almost 20 times' ? { ...f, exact: 'almost 15 times', value: 15 } : f));
    const [r] = checkFigureRelations(figs, mutated);
    expect(r).toMatchObject({ kind: 'ratio', stated: 15, agrees: false });
    expect(r!.explanation).toContain('does not agree');
  });

  it('says a mutated count (3,526 requests) does not agree with “almost 20 times”', () => {
    const mutated = text.replace('1,526 requests', '3,526 requests');
    const figs = inputs().map((f) => (f.exact === '1,526 requests' ? { ...f, exact: '3,526 requests', value: 3526 } : f));
    const [r] = checkFigureRelations(figs, mutated);
    expect(r).toMatchObject({ kind: 'ratio', agrees: false });
    expect(r!.expected).toBeCloseTo(44.075, 3);
  });

  it('finds the same ratio from positions alone, without the text', () => {
    const rels = checkFigureRelations(inputs());
    expect(rels.map((r) => [r.kind, r.agrees])).toEqual([['ratio', true]]);
  });

  it('fills in values from the exact text when a figure was tagged without fields', () => {
    const bare = gold.map((g, i) => ({ id: `fig-${i}`, exact: g.exact, start: g.start }) as unknown as FigureInput);
    const [r] = checkFigureRelations(bare, text);
    expect(r).toMatchObject({ kind: 'ratio', agrees: true, stated: 20 });
  });
});
