import { describe, expect, it } from 'vitest';
import { MAX_FIGURE_TEXT, parseFigure, type ParsedFigure } from '../../../core/figures/index.js';
import { prng } from '../text/shared.js';

type Want = Partial<Pick<ParsedFigure, 'value' | 'unit' | 'qualifier' | 'kind' | 'multiplier' | 'range' | 'period'>>;

const check = (text: string, want: Want, context?: Parameters<typeof parseFigure>[1]) => {
  const got = parseFigure(text, context);
  const picked = Object.fromEntries(Object.keys(want).map((k) => [k, got[k as keyof ParsedFigure]]));
  expect(picked).toEqual(want);
};

describe('parseFigure: numbers', () => {
  it.each<[string, Want]>([
    ['1,526', { value: 1526, unit: null, kind: 'count' }],
    ['1.526', { value: 1.526 }],
    ['1.526.000', { value: 1526000 }],
    ['3.4', { value: 3.4, kind: 'other' }],
    ['0', { value: 0 }],
    ['1,526...', { value: 1526 }],
    ['007 agents', { value: 7, unit: 'agents' }],
    ['two', { value: 2 }],
    ['twenty-five', { value: 25 }],
    ['Twenty five', { value: 25 }],
    ['a dozen', { value: 12 }],
    ['two dozen eggs', { value: 24, unit: 'eggs' }],
    ['a hundred', { value: 100 }],
    ['three hundred and twelve thousand', { value: 312000 }],
    ['one and a half million', { value: 1.5e6 }],
    ['half a million', { value: 5e5 }],
    ['two million people', { value: 2e6, unit: 'people' }],
    ['1.5 million people', { value: 1.5e6, unit: 'people', multiplier: 1e6 }],
    ['25 thousand', { value: 25000 }],
    ['50k', { value: 50000 }],
    ['-5', { value: -5 }],
    ['minus 3 degrees', { value: -3, unit: 'degrees' }],
  ])('%s', (text, want) => check(text, want));

  it('reads German separators when the article is German', () => {
    check('1.526', { value: 1526 }, { locale: 'de' });
    check('3,4 Millionen', { value: 3.4e6 }, { locale: 'de-AT' });
    check('1.526,5', { value: 1526.5 }, { locale: 'de' });
    check('1,526', { value: 1.526 }, { locale: 'de' });
  });

  it('reads "1,5" in English text as a guessed decimal comma, with low confidence', () => {
    const f = parseFigure('1,5');
    expect(f.value).toBe(1.5);
    expect(f.confidence).toBeLessThan(0.7);
  });
});

describe('parseFigure: units and kinds', () => {
  it.each<[string, Want]>([
    ['$3.4 billion', { value: 3.4e9, unit: 'USD', kind: 'money', multiplier: 1e9 }],
    ['€5m', { value: 5e6, unit: 'EUR', kind: 'money' }],
    ['£120,000', { value: 120000, unit: 'GBP' }],
    ['US$5m', { value: 5e6, unit: 'USD' }],
    ['C$10', { value: 10, unit: 'CAD' }],
    ['3.4bn dollars', { value: 3.4e9, unit: 'USD' }],
    ['$3.4 bn', { value: 3.4e9, unit: 'USD' }],
    ['€2 Mio.', { value: 2e6, unit: 'EUR' }],
    ['5 million euros', { value: 5e6, unit: 'EUR' }],
    ['EUR 300', { value: 300, unit: 'EUR' }],
    ['12%', { value: 12, unit: '%', kind: 'percent' }],
    ['12 percent', { value: 12, unit: '%' }],
    ['12 per cent', { value: 12, unit: '%' }],
    ['12.5 %', { value: 12.5, unit: '%' }],
    ['3 percentage points', { value: 3, unit: 'percentage points', kind: 'percent' }],
    ['almost 20 times', { value: 20, unit: 'ratio', qualifier: 'almost', kind: 'ratio' }],
    ['20-fold', { value: 20, unit: 'ratio' }],
    ['20x', { value: 20, unit: 'ratio' }],
    ['twice', { value: 2, unit: 'ratio', kind: 'ratio' }],
    ['nearly half', { value: 0.5, unit: 'fraction', qualifier: 'nearly', kind: 'ratio' }],
    ['a third', { value: 1 / 3, unit: 'fraction' }],
    ['two-thirds of voters', { value: 2 / 3, unit: 'fraction' }],
    ['three quarters', { value: 0.75 }],
    ['more than 300 people', { value: 300, unit: 'people', qualifier: 'more than', kind: 'count' }],
    ['300 new jobs', { value: 300, unit: 'jobs' }],
    ['80 requests received', { value: 80, unit: 'requests' }],
    ['1,500 Federal Requests', { value: 1500, unit: 'requests' }],
    ['12-month', { value: 12, unit: 'month' }],
    ['ran 100m', { value: 100, unit: 'm', multiplier: 1 }],
    ['5m people', { value: 5e6, unit: 'people' }],
    ['in 2016', { value: 2016, unit: null, kind: 'year' }],
    ['2016', { value: 2016, unit: null, kind: 'year' }],
    ['the 1990s', { value: 1990, kind: 'year' }],
    ['2016 requests', { value: 2016, unit: 'requests', kind: 'count' }],
    ['In 2017, 1,526 requests', { value: 1526, unit: 'requests', period: '2017' }],
  ])('%s', (text, want) => check(text, want));
});

describe('parseFigure: qualifiers', () => {
  it.each<[string, string | null]>([
    ['about 300', 'about'],
    ['around 300', 'around'],
    ['over 300', 'over'],
    ['under 300', 'under'],
    ['at least 300', 'at least'],
    ['up to 300', 'up to'],
    ['roughly 300', 'roughly'],
    ['some 300', 'some'],
    ['nearly 300', 'nearly'],
    ['almost 300', 'almost'],
    ['More Than 300', 'more than'],
    ['fewer than 300', 'fewer than'],
    ['just over 300', 'just over'],
    ['well over 300', 'well over'],
    ['as many as 300', 'as many as'],
    ['an estimated 300', 'an estimated'],
    ['only two', 'only'],
    ['~300', 'about'],
    ['>300', 'more than'],
    ['300 or more', 'or more'],
    ['300-plus', 'or more'],
    ['300+', 'or more'],
    ['20 or so', 'or so'],
    ['about $3.4bn', 'about'],
    ['300', null],
    ['the 300', null],
  ])('%s → %s', (text, q) => expect(parseFigure(text).qualifier).toBe(q));

  it('takes a qualifier just before the selection from the context', () => {
    check('1,500', { qualifier: 'more than' }, { before: 'NYPD ignored more than ' });
    check('1,500', { qualifier: null }, { before: 'more than the ' });
  });
});

describe('parseFigure: context, ranges, periods', () => {
  it('takes the unit from the words after a selection that ends at the number', () => {
    check('More than 1,500', { value: 1500, unit: 'requests', qualifier: 'more than' }, { after: ' Federal Requests to Detain Immigrants in 2017' });
    check('1,500', { unit: null }, { after: ', said the police' });
  });

  it('prefers the counted noun inside the selection over the context', () => {
    check('300 people', { unit: 'people' }, { after: ' jobs' });
  });

  it('reads a range or change as its first value and reports both ends', () => {
    check('from 80 to 1,526', { value: 80, range: [80, 1526] });
    check('between 300 and 400 people', { value: 300, range: [300, 400], unit: 'people' });
    check('300-400', { value: 300, range: [300, 400] });
    check('$3-4 billion', { value: 3e9, range: [3e9, 4e9], unit: 'USD' });
  });

  it('"one of 170 crimes" is the 170', () => check('one of 170 crimes', { value: 170, unit: 'crimes' }));

  it('finds the period: a year close by in the sentence, or a rate', () => {
    check('80 requests', { period: '2016' }, { before: 'higher than the ', after: ' received in 2016. Next' });
    check('almost 20 times', { period: '2017' }, { before: 'The number for 2017 was ', after: ' higher than the 80 requests received in 2016.' });
    check('300 jobs a year', { period: 'per year' });
    check('roughly 2,000 troops last year', { period: 'last year' });
    check('2,000 troops', { period: null }, { before: 'In 2016. ', after: '.' });
    check('in 2016', { period: null });
  });

  it('does not read ordinals as figures', () => {
    expect(parseFigure('first year').value).toBeNull();
    expect(parseFigure('the 1st time').value).toBeNull();
  });

  it('reports where the number sits in the selection', () => {
    const f = parseFigure('almost 20 times');
    expect(f.span).toEqual([7, 9]);
    expect(parseFigure('$3.4 billion').span).toEqual([1, 12]);
  });
});

describe('parseFigure: hostile input never throws', () => {
  it.each([
    [''],
    ['   '],
    ['∞'],
    ['NaN'],
    ['Infinity'],
    ['-Infinity'],
    ['1e309'],
    ['$1e309'],
    ['1'.repeat(400)],
    ['9'.repeat(16)],
    ['1' + ',000'.repeat(120)],
    ['1,2,3'],
    ['%'],
    ['$'],
    ['times'],
    ['more than'],
    ['a'],
    ['and'],
    ['\u0000\u0001'],
    ['😀😀😀'],
  ])('%j → value null', (text) => {
    expect(parseFigure(text).value).toBeNull();
  });

  it('returns null for non-strings and over-long selections', () => {
    expect(parseFigure(undefined as unknown as string).value).toBeNull();
    expect(parseFigure(42 as unknown as string).value).toBeNull();
    expect(parseFigure('1 '.repeat(MAX_FIGURE_TEXT)).value).toBeNull();
    expect(parseFigure('12', { before: 7 as unknown as string, after: null as unknown as string }).value).toBe(12);
  });

  it('accepts finite scientific notation and a long digit string only while it stays exact', () => {
    expect(parseFigure('1e5').value).toBe(1e5);
    expect(parseFigure('9'.repeat(15)).value).toBe(999999999999999);
  });

  it('survives 3,000 random strings of number-ish characters and gives only finite values', () => {
    const rand = prng(20170126);
    const alphabet = [
      '1',
      '5',
      '0',
      ',',
      '.',
      ' ',
      '-',
      '–',
      '$',
      '€',
      '%',
      'e',
      'm',
      'bn',
      'times',
      'almost',
      'more than',
      'one',
      'half',
      'a',
      'of',
      'and',
      'to',
      '\u00a0',
      '∞',
      '+',
      '~',
      'x',
      '2016',
      'people',
      'million',
    ];
    for (let i = 0; i < 3000; i++) {
      const n = 1 + Math.floor(rand() * 12);
      const s = Array.from({ length: n }, () => alphabet[Math.floor(rand() * alphabet.length)]).join('');
      const f = parseFigure(s, { before: s.slice(0, 3), after: s.slice(-3) });
      if (f.value !== null) expect(Number.isFinite(f.value), s).toBe(true);
      expect(f.confidence).toBeGreaterThanOrEqual(0);
      expect(f.confidence).toBeLessThanOrEqual(1);
    }
  });

  it('reads a long hostile selection quickly (no runaway regular expressions)', () => {
    const t0 = performance.now();
    parseFigure('1,'.repeat(900) + 'x');
    parseFigure('more than '.repeat(190));
    parseFigure('a '.repeat(999));
    expect(performance.now() - t0).toBeLessThan(500);
  });
});
