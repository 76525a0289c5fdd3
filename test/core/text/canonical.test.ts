import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { blocksFromPlainText } from '../../../core/text/blocks.js';
import { canonicalFromPlainText } from '../../../core/text/canonical.js';
import { makeTarget, verifyTarget } from '../../../core/text/selectors.js';
import { HAVE_NYPD, NYPD_GOLD, NYPD_TXT, type GoldItem } from './shared.js';

describe('canonicalFromPlainText', () => {
  it('strips a BOM, turns CRLF and lone CR into LF, drops leading blank lines and trailing white space', () => {
    expect(canonicalFromPlainText('\uFEFF\r\n  \n\t\r\nTitle\r\n\r\nBody\rline\n\n \t\n')).toBe('Title\n\nBody\nline');
  });

  it('keeps NBSP, curly quotes, emoji, tabs, repeated blank lines and the first line’s indent verbatim', () => {
    const raw = '  “Quoted”\u00a0 text 😀\twith\n\n\n\nmany blank lines\u00a0and NBSP';
    expect(canonicalFromPlainText(raw)).toBe(raw);
  });

  it('keeps combining marks and does not normalise Unicode (offsets must not move)', () => {
    const raw = 'Cafe\u0301 and Café';
    expect(canonicalFromPlainText(raw)).toBe(raw);
  });

  it('replaces lone surrogates and NUL by U+FFFD without moving any offset', () => {
    const raw = 'a\uD800b\uDC00c\u0000d😀';
    const text = canonicalFromPlainText(raw);
    expect(text).toBe('a\uFFFDb\uFFFDc\uFFFDd😀');
    expect(text.length).toBe(raw.length);
    // What is stored as UTF-8 is exactly what is in memory.
    expect(Buffer.from(text, 'utf8').toString('utf8')).toBe(text);
  });

  it('is idempotent', () => {
    const raw = '\r\n\r\nTitle  \r\n\r\n“One”\u00a0two\r\rthree  \n';
    const once = canonicalFromPlainText(raw);
    expect(canonicalFromPlainText(once)).toBe(once);
  });
});

describe.skipIf(!HAVE_NYPD)('the NYPD sample article (gold offsets) (skipped when ../shared/fixtures/nypd-ice-2017 is absent)', () => {
  const raw = HAVE_NYPD ? readFileSync(NYPD_TXT, 'utf8') : '';
  const gold: { items: GoldItem[] } = HAVE_NYPD ? JSON.parse(readFileSync(NYPD_GOLD, 'utf8')) : { items: [] };
  const text = canonicalFromPlainText(raw);

  it('has gold items to check', () => {
    expect(gold.items.length).toBeGreaterThan(10);
  });

  it('keeps every gold offset valid: text.slice(start, end) === exact', () => {
    const wrong = gold.items.filter((g) => text.slice(g.start, g.end) !== g.exact);
    expect(wrong).toEqual([]);
  });

  it('makes a target for every gold item that verifies and keeps the invariant', () => {
    for (const g of gold.items) {
      const t = makeTarget(text, g.start, g.end);
      expect(t.quote.exact).toBe(g.exact);
      expect(text.slice(t.position.start, t.position.end)).toBe(t.quote.exact);
      expect(verifyTarget(text, t)).toBe(true);
    }
  });

  it('still holds the NBSPs and curly quotes of the file', () => {
    expect(text).toContain('\u00a0');
    expect(text).toMatch(/[“”’]/);
  });

  it('every gold item lies inside one block', () => {
    const blocks = blocksFromPlainText(text);
    for (const g of gold.items) {
      expect(
        blocks.some((b) => b.start <= g.start && g.end <= b.end),
        g.exact,
      ).toBe(true);
    }
  });

  it('the same article saved with CRLF line ends gives the same canonical text', () => {
    expect(canonicalFromPlainText(`\uFEFF${raw.replace(/\n/g, '\r\n')}`)).toBe(text);
  });
});
