import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { aggregate, scorePage, tokenize } from '../../../core/extract/score.js';
import { CORPORA, HAS_SHARED } from './shared.js';

describe('benchmark metric', () => {
  test('tokens are Unicode word runs, case kept', () => {
    expect(tokenize('Hello, wörld! Ça va? 日本語 x_y 42')).toEqual(['Hello', 'wörld', 'Ça', 'va', '日本語', 'x_y', '42']);
  });

  test('shingle multisets: identical texts are all true positives', () => {
    expect(scorePage('one two three four five', 'one two three four five')).toEqual({ tp: 1, fp: 0, fn: 0 });
  });

  test('extra and missing shingles count as false positives and negatives, normalised per page', () => {
    // truth: 2 shingles (a b c d, b c d e); prediction: 3 (a b c d, b c d e, c d e f).
    const s = scorePage('a b c d e', 'a b c d e f');
    expect(s.tp).toBeCloseTo(2 / 3);
    expect(s.fp).toBeCloseTo(1 / 3);
    expect(s.fn).toBe(0);
    // A repeated shingle counts twice (multiset).
    const r = scorePage('a b c d', 'a b c d a b c d');
    expect(r.tp + r.fp + r.fn).toBeCloseTo(1);
    expect(r.fp).toBeGreaterThan(0);
  });

  test('an empty prediction leaves precision out and recall at 0', () => {
    const agg = aggregate([scorePage('a b c d', ''), scorePage('a b c d', 'a b c d')]);
    expect(agg.precision).toBe(1);
    expect(agg.recall).toBe(0.5);
  });

  test.skipIf(!HAS_SHARED)(
    'reproduces the published Readability.js and trafilatura figures on the shipped outputs (skipped when ../shared/corpora is absent)',
    () => {
      const dir = path.join(CORPORA, 'article-extraction-benchmark');
      const truth = JSON.parse(readFileSync(path.join(dir, 'ground-truth.json'), 'utf8')) as Record<string, { articleBody: string }>;
      const f1 = (name: string) => {
        let out = JSON.parse(readFileSync(path.join(dir, 'baselines', `${name}.json`), 'utf8')) as Record<string, unknown>;
        if (out['output']) out = out['output'] as Record<string, unknown>;
        return aggregate(Object.keys(truth).map((id) => scorePage(truth[id]!.articleBody, (out[id] as { articleBody?: string })?.articleBody ?? ''))).f1;
      };
      // corpora/README.md and the brief: Readability.js 0.945, trafilatura 0.954 on these 131 pages.
      expect(f1('readability_js')).toBeCloseTo(0.945, 3);
      expect(f1('trafilatura')).toBeCloseTo(0.954, 3);
    },
  );
});
