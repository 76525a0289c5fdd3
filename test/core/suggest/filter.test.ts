import { describe, expect, it } from 'vitest';
import { filterSuggestions, rejectionKey, suggest } from '../../../core/suggest/index.js';

const text = '“We will rebuild the bridge,” Mayor Jane Holloway said. The city spent $3.4 billion on 1,526 new buses in 2019.';
const ann = (kind: 'quote' | 'figure' | 'claim', start: number, end: number, deletedAt: string | null = null) => ({
  kind,
  target: {
    quote: { type: 'TextQuoteSelector' as const, exact: text.slice(start, end), prefix: '', suffix: '' },
    position: { type: 'TextPositionSelector' as const, start, end },
  },
  deletedAt,
});

describe('filterSuggestions', () => {
  const all = suggest(text);
  const quote = all.find((s) => s.kind === 'quote')!;
  const money = all.find((s) => s.kind === 'figure' && s.fields.unit === 'USD')!;

  it('drops a suggestion overlapping a person’s annotation of the same kind only', () => {
    const a = ann('quote', quote.start + 3, quote.start + 10);
    const left = filterSuggestions(all, { annotations: [a] });
    expect(left).not.toContainEqual(quote);
    expect(left).toContainEqual(money);
    // A figure annotation over the quote's words does not hide the quote.
    expect(filterSuggestions(all, { annotations: [ann('figure', quote.start, quote.end)] })).toContainEqual(quote);
  });

  it('ignores deleted annotations and touching (non-overlapping) ones', () => {
    expect(filterSuggestions(all, { annotations: [ann('quote', quote.start, quote.end, '2025-01-01T00:00:00Z')] })).toContainEqual(quote);
    expect(filterSuggestions(all, { annotations: [ann('figure', money.end, money.end + 3)] })).toContainEqual(money);
  });

  it('drops what was rejected, by kind, offsets and text', () => {
    const left = filterSuggestions(all, { rejected: [rejectionKey(money)] });
    expect(left).not.toContainEqual(money);
    expect(left).toHaveLength(all.length - 1);
    // The same offsets over different text are a different suggestion.
    expect(rejectionKey({ ...money, exact: '$9.9 billion' })).not.toBe(rejectionKey(money));
    expect(rejectionKey({ ...money, kind: 'claim' })).not.toBe(rejectionKey(money));
  });

  it('never changes the suggestions it keeps', () => {
    const copy = structuredClone(all);
    filterSuggestions(all, { annotations: [ann('quote', 0, 5)], rejected: ['nothing'] });
    expect(all).toEqual(copy);
  });
});
