/**
 * The crash soak at CI size: 30 SIGKILLs of a process importing a folder, tagging, exporting,
 * importing and merging a bundle, resolving conflicts and emptying the trash, each followed by
 * reopening and checking the library (scripts/soak/engine.ts; `npm run soak` does 300+).
 */
import { describe, expect, it } from 'vitest';
import { haveShared, SHARED, soak } from '../../../scripts/soak/engine.js';

const HAVE_SHARED = haveShared();
if (!HAVE_SHARED) console.warn(`[soak] ${SHARED} is absent: the pages to import come from there; the soak is skipped.`);

describe.skipIf(!HAVE_SHARED)('killed at random points', () => {
  it('30 kills: the library opens at once after each, verifies, and every change is whole or absent', { timeout: 240_000 }, async () => {
    const lines: string[] = [];
    const counts = await soak(30, { seed: Date.now() % 100_000, log: (line) => lines.push(line) });
    expect(counts.problems, lines.join('\n')).toEqual([]);
    expect(counts.kills).toBe(30);
    // Every kind of work was killed at least once, and the children got work done between kills.
    expect(Object.values(counts.byScenario).every((s) => s.kills === 5)).toBe(true);
    expect(counts.operations).toBeGreaterThan(30);
  });
});
