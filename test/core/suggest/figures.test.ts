import { describe, expect, it } from 'vitest';
import { byExact, claims, figures } from './helpers.js';

describe('figures', () => {
  it('reads counts with units, money, percentages and ratios through the figure parser', () => {
    const text = 'The city spent $3.4 billion on 1,526 new buses, 12% more than planned, almost 20 times the 2010 budget.';
    const fs = figures(text);
    expect(byExact(fs, '$3.4 billion')?.fields).toMatchObject({ value: 3.4e9, unit: 'USD' });
    expect(byExact(fs, '1,526 new buses')?.fields).toMatchObject({ value: 1526, unit: 'buses' });
    expect(byExact(fs, '12%')?.fields).toMatchObject({ value: 12, unit: '%' });
    expect(byExact(fs, 'almost 20 times')?.fields).toMatchObject({ value: 20, unit: 'ratio', qualifier: 'almost' });
  });

  it('reads counts written in words, with their qualifier', () => {
    const fs = figures('The police responded to only two requests last year.');
    expect(fs).toHaveLength(1);
    expect(fs[0]).toMatchObject({ exact: 'only two requests', fields: { value: 2, unit: 'requests', qualifier: 'only' } });
  });

  it('leaves years, dates, times, ordinals and numbers in names alone', () => {
    const text = 'In 2016, on March 5 at 4:30 p.m., the 3rd COVID-19 briefing began; the F-35 flew over in 1999.';
    expect(figures(text)).toEqual([]);
  });

  it('reads percent written as a word and money in euros', () => {
    const fs = figures('Turnout fell 4.5 percent while the fund lost €2 million.');
    expect(byExact(fs, '4.5 percent')?.fields).toMatchObject({ value: 4.5, unit: '%' });
    expect(byExact(fs, '€2 million')?.fields).toMatchObject({ value: 2e6, unit: 'EUR' });
  });
});

describe('claims', () => {
  it('suggests sentences with figures, comparisons or causes, ranked, and not plain narrative', () => {
    const text =
      'The number of requests for 2017 was almost 20 times higher than the 80 requests received in 2016. The mayor walked to the podium and smiled at the crowd. Crime fell because the city hired 300 more officers.';
    const cs = claims(text);
    expect(cs.map((c) => c.exact).sort()).toEqual([
      'Crime fell because the city hired 300 more officers.',
      'The number of requests for 2017 was almost 20 times higher than the 80 requests received in 2016.',
    ]);
    expect(cs.some((c) => c.exact.startsWith('The mayor walked'))).toBe(false);
    for (const c of cs) expect(c.fields.checkworthiness).toBeGreaterThanOrEqual(0);
    for (let i = 1; i < cs.length; i++) expect(cs[i - 1]!.fields.checkworthiness!).toBeGreaterThanOrEqual(cs[i]!.fields.checkworthiness!);
  });

  it('scores a question lower than the same statement', () => {
    const [s] = claims('Unemployment rose to 7 percent in the region last year.');
    const q = claims('Did unemployment rise to 7 percent in the region last year?');
    expect(s).toBeDefined();
    expect(q[0]?.fields.checkworthiness ?? 0).toBeLessThan(s!.fields.checkworthiness!);
  });
});
