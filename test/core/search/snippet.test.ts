/**
 * Article snippets cut without folding the whole text (snippet.ts): on real long articles from
 * ../shared they must sit exactly in the text, mark only matched words and hold the window.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fold, tokensOf } from '../../../core/search/fold.js';
import { highlightTerms, parseQuery } from '../../../core/search/query.js';
import { highlight, snippet } from '../../../core/search/snippet.js';
import { SHARED } from '../../shared-fixtures.js';

const bodies = Object.values(
  JSON.parse(readFileSync(resolve(SHARED, 'corpora/article-extraction-benchmark/ground-truth.json'), 'utf8')) as Record<string, { articleBody: string }>,
)
  .map((t) => t.articleBody)
  .filter((b) => b.length > 6000)
  .slice(0, 25);

const termsOf = (q: string) => {
  const p = parseQuery(q);
  if (!p.ok) throw new Error(p.message);
  return highlightTerms(p.query);
};

describe('snippets of long articles', () => {
  it('has long articles to work on', () => {
    expect(bodies.length).toBeGreaterThanOrEqual(10);
  });

  it('sit at their offset in the text, mark only the words asked for, and keep to the window', () => {
    for (const body of bodies) {
      const words = tokensOf(fold(body)).filter((w) => w.length > 5);
      // A word from late in the article, so the passage is not simply its beginning.
      const word = words[Math.floor(words.length * 0.8)]!;
      for (const q of [word, `${word.slice(0, 4)}*`]) {
        const s = snippet(body, termsOf(q), 30);
        expect(body.slice(s.start, s.start + s.text.length)).toBe(s.text);
        expect(s.before).toBe(s.start > 0);
        expect(s.after).toBe(s.start + s.text.length < body.length);
        expect(s.highlights.length, q).toBeGreaterThan(0);
        const matches = (t: string) => (q.endsWith('*') ? t.startsWith(word.slice(0, 4)) : t === word);
        const marked = s.highlights.flatMap((h) => tokensOf(fold(s.text.slice(h.start, h.end))));
        expect(marked.every(matches), `${q}: ${marked.join(' ')}`).toBe(true);
        // Every match inside the passage is marked.
        expect(marked.length).toBe(tokensOf(fold(s.text)).filter(matches).length);
        expect(tokensOf(fold(s.text)).length).toBeLessThanOrEqual(30);
      }
    }
  });

  it('is the whole-text highlight for short texts and for matches only folding finds', () => {
    const short = 'The mayor of Łódź met the council.';
    expect(snippet(short, termsOf('council'), 30)).toEqual(highlight(short, termsOf('council'), 30));
    const long = `${bodies[0]!} Then the mayor of Łódź spoke. ${bodies[1]!}`;
    const s = snippet(long, termsOf('lodz'), 30);
    expect(s.highlights.map((h) => s.text.slice(h.start, h.end))).toEqual(['Łódź']);
    expect(long.slice(s.start, s.start + s.text.length)).toBe(s.text);
  });
});
