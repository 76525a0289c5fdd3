/**
 * Offsets hold on real articles (quotes-dev, loaded from ../shared): every suggestion's
 * exact text is text.slice(start, end), and the same text always gives the same list.
 */
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { suggest } from '../../../core/suggest/index.js';
import { SHARED } from '../../shared-fixtures.js';

const DEV = resolve(SHARED, 'fixtures/quotes-dev/quotes-dev.jsonl');
const HAVE_DEV = existsSync(DEV);

describe.skipIf(!HAVE_DEV)('offsets and determinism on real articles (skipped when ../shared/fixtures/quotes-dev is absent)', () => {
  const texts = HAVE_DEV
    ? readFileSync(DEV, 'utf8')
        .split('\n')
        .filter((l) => l.trim())
        .map((l) => (JSON.parse(l) as { text: string }).text)
    : [];

  it('every suggestion is text.slice(start, end), inside the text, with a confidence in [0, 1]', () => {
    // A fixed-seed pick of articles, plus each cut at a random point (a quote left open, a sentence cut).
    let seed = 14;
    const rand = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    const picks = Array.from({ length: 10 }, () => texts[Math.floor(rand() * texts.length)]!);
    let seen = 0;
    for (const full of picks) {
      for (const text of [full, full.slice(0, Math.floor(rand() * full.length)), full.slice(Math.floor(rand() * full.length))]) {
        const out = suggest(text);
        seen += out.length;
        for (const s of out) {
          expect(s.start).toBeGreaterThanOrEqual(0);
          expect(s.end).toBeLessThanOrEqual(text.length);
          expect(s.end).toBeGreaterThan(s.start);
          expect(text.slice(s.start, s.end)).toBe(s.exact);
          expect(s.confidence).toBeGreaterThanOrEqual(0);
          expect(s.confidence).toBeLessThanOrEqual(1);
          if (s.kind === 'claim') expect(s.fields.checkworthiness).toBeGreaterThanOrEqual(0);
        }
      }
    }
    expect(seen).toBeGreaterThan(100);
  });

  it('is deterministic: the same text gives the same suggestions, in the same order', () => {
    for (const text of texts.slice(0, 5)) expect(suggest(text)).toEqual(suggest(text));
  });
});
