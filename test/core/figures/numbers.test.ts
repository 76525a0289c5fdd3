import { describe, expect, it } from 'vitest';
import { accepts, qualifierClass, readDigits, readWordNumber, tokenize } from '../../../core/figures/index.js';

describe('readDigits', () => {
  it.each<[string, string | undefined, number | null]>([
    ['1,526', undefined, 1526],
    ['1,526,000', undefined, 1526000],
    ['1,526.75', undefined, 1526.75],
    ['3.4', undefined, 3.4],
    ['1.526', 'de', 1526],
    ['1.526,5', 'de-DE', 1526.5],
    ['3,4', 'fr', 3.4],
    ['1.526.000', undefined, 1526000],
    ['1,52,6', undefined, null],
    ['12,34,567', undefined, null],
    ['1e309', undefined, null],
    ['1e5', undefined, 100000],
    ['9'.repeat(15), undefined, 999999999999999],
    ['9'.repeat(16), undefined, null],
    ['0'.repeat(40) + '7', undefined, 7],
  ])('%s (%s) → %s', (raw, locale, value) => {
    expect(readDigits(raw, locale)?.value ?? null).toBe(value);
  });

  it('counts the decimals as written', () => {
    expect(readDigits('19.10')?.decimals).toBe(2);
    expect(readDigits('1,526')?.decimals).toBe(0);
  });
});

describe('readWordNumber', () => {
  const read = (s: string) => readWordNumber(tokenize(s), 0)?.value ?? null;
  it.each<[string, number | null]>([
    ['zero', 0],
    ['nineteen', 19],
    ['ninety-nine', 99],
    ['one hundred and one', 101],
    ['a thousand', 1000],
    ['two thousand and seventeen', 2017],
    ['seven million', 7e6],
    ['a dozen', 12],
    ['half a dozen', 6],
    ['three quarters', 0.75],
    ['a', null],
    ['and', null],
    ['hundred', null],
    ['third', null],
    ['first', null],
  ])('%s → %s', (s, v) => expect(read(s)).toBe(v));

  it('stops before a word that is not part of the number', () => {
    const t = tokenize('two requests and three');
    expect(readWordNumber(t, 0)).toMatchObject({ value: 2, next: 1 });
  });
});

describe('qualifier tolerances', () => {
  it.each<[number, string | null, number, boolean]>([
    [20, 'almost', 19.075, true],
    [20, 'almost', 17.9, false],
    [20, 'almost', 20.04, true],
    [20, 'almost', 20.6, false],
    [20, 'nearly', 18, true],
    [20, 'about', 21.9, true],
    [20, 'about', 22.2, false],
    [20, 'around', 18.1, true],
    [20, null, 19.075, false],
    [20, null, 20.4, true],
    [19.1, null, 19.075, true],
    [19.1, 'only', 19.2, false],
    [300, 'more than', 301, true],
    [300, 'more than', 299, false],
    [300, 'at least', 300, true],
    [300, 'up to', 299, true],
    [300, 'up to', 301, false],
    [300, 'fewer than', 250, true],
    [300, 'just over', 320, true],
    [300, 'just over', 340, false],
    [300, '~', 310, true],
    [300, 'or more', 400, true],
  ])('%s %s vs %s → %s', (stated, q, computed, agrees) => {
    expect(accepts(stated, q, computed).agrees).toBe(agrees);
  });

  it('reads an unknown qualifier as approximate, and says it did not know it', () => {
    expect(qualifierClass('ish')).toEqual({ cls: 'approx', known: false });
    expect(qualifierClass('More  Than')).toEqual({ cls: 'atLeast', known: true });
    expect(qualifierClass(null)).toEqual({ cls: 'exact', known: true });
  });

  it('never agrees with a non-finite value', () => {
    expect(accepts(20, 'about', NaN).agrees).toBe(false);
    expect(accepts(20, 'more than', Infinity).agrees).toBe(false);
  });
});
