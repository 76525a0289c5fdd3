/**
 * Fuzzing in every test run: FUZZ_CASES mutated bundles (2,000 by default; `npm run fuzz`
 * runs more) imported into an empty library and into one that already holds the work. Each
 * either imports, or fails with a GlossaError a person can act on and leaves the library
 * byte-for-byte as it was. A failure names its case and keeps the bundle to reproduce it.
 *
 * The cases run in seeded batches, each its own test, so no single test runs for minutes
 * and a failing batch is reproduced alone with `npm run fuzz -- <cases> <seed>` (its title
 * gives both).
 */
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describeFailure, fuzz, makeSeeds, type Seed } from './fuzz.js';
import { cleanTemp } from './library.js';

const CASES = Number(process.env.FUZZ_CASES ?? 2000);
const SEED = Number(process.env.FUZZ_SEED ?? 20240301);
const BATCH = 100;
const V1 = resolve(dirname(fileURLToPath(import.meta.url)), '../../fixtures/bundles/v1-sample.glossa');

/** Batch i: its own seed, so each batch is reproducible on its own. */
const batches = Array.from({ length: Math.ceil(CASES / BATCH) }, (_, i) => ({ seed: SEED + i, cases: Math.min(BATCH, CASES - i * BATCH) }));

// Measured on a 2-core machine shared with other test runs: a batch of 100 took 2–4 s, and up
// to 18 s with `stress --cpu 2` running as well; the time-out is 5× that. The seeds take ~1 s.
const BATCH_TIMEOUT = 90_000;

afterAll(cleanTemp);

describe('fuzzed bundles', () => {
  let seeds: Seed[] = [];
  beforeAll(async () => {
    seeds = await makeSeeds(V1);
  }, 20_000);

  for (const { seed, cases } of batches) {
    it(
      `${cases} mutations from seed ${seed}: a clean import, or a clear refusal with the library unchanged`,
      async () => {
        const result = await fuzz({ seeds, cases, seed });
        console.log(
          `[fuzz] seed ${seed}: ${cases} cases, ${result.refused} refused, ${result.imported} imported; ${[...result.mutations].map(([k, n]) => `${k} ${n}`).join(', ')}`,
        );
        expect(result.failures.map(describeFailure)).toEqual([]);
        // The mutations reach past the archive checks: some are refused for their content.
        expect(result.refused).toBeGreaterThan(cases / 2);
      },
      BATCH_TIMEOUT,
    );
  }
});
