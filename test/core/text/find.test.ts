import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { findInText } from '../../../core/text/find.js';
import { HAVE_NYPD, NYPD_GOLD, NYPD_TXT, type GoldItem } from './shared.js';

const TEXT = 'The Council said:\u00a0“We’re late,” and  the council — again — said no. The council.';

describe('findInText', () => {
  it('ignores case, the kind of white space, quote marks and dashes', () => {
    expect(findInText(TEXT, 'council').map((m) => TEXT.slice(m.start, m.end))).toEqual(['Council', 'council', 'council']);
    const [q] = findInText(TEXT, 'said: "we\'re late,"');
    expect(TEXT.slice(q!.start, q!.end)).toBe('said:\u00a0“We’re late,”');
    const [d] = findInText(TEXT, 'council - again');
    expect(TEXT.slice(d!.start, d!.end)).toBe('council — again');
    expect(findInText(TEXT, 'and the')).toHaveLength(1);
  });

  it('finds a passage by its two ends around an ellipsis', () => {
    const [m] = findInText(TEXT, '“We’re … said no.');
    expect(TEXT.slice(m!.start, m!.end)).toBe('“We’re late,” and  the council — again — said no.');
    expect(findInText(TEXT, 'council...council')).toHaveLength(1);
    expect(findInText(TEXT, 'nothing … here')).toEqual([]);
  });

  it('matches nothing for an empty query and respects the limit', () => {
    expect(findInText(TEXT, '   ')).toEqual([]);
    expect(findInText(TEXT, 'e', 2)).toHaveLength(2);
  });

  it.runIf(HAVE_NYPD)('finds every gold passage of the sample typed with straight quotes and plain spaces', () => {
    const text = readFileSync(NYPD_TXT, 'utf8');
    const gold = (JSON.parse(readFileSync(NYPD_GOLD, 'utf8')) as { items: GoldItem[] }).items;
    for (const g of gold) {
      const typed = g.exact
        .replace(/[“”]/g, '"')
        .replace(/[‘’]/g, "'")
        .replace(/\u00a0/g, ' ');
      const hits = findInText(text, typed);
      expect(
        hits.map((h) => [h.start, h.end]),
        g.exact,
      ).toContainEqual([g.start, g.end]);
      const words = typed.split(' ');
      if (words.length > 6) {
        const [byEnds] = findInText(text, `${words.slice(0, 3).join(' ')} … ${words.slice(-3).join(' ')}`).filter((h) => h.start === g.start);
        expect(byEnds, g.exact).toEqual({ start: g.start, end: g.end });
      }
    }
  });
});
