/**
 * Fuzzing in every test run: FUZZ_CASES mutated bundles (2,000 by default; `npm run fuzz`
 * runs more) imported into an empty library and into one that already holds the work. Each
 * either imports, or fails with a GlossaError a person can act on and leaves the library
 * byte-for-byte as it was. A failure names its case and keeps the bundle to reproduce it.
 */
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { describeFailure, fuzz, makeSeeds } from './fuzz.js';
import { cleanTemp } from './library.js';

const CASES = Number(process.env.FUZZ_CASES ?? 2000);
const SEED = Number(process.env.FUZZ_SEED ?? 20240301);
const V1 = resolve(dirname(fileURLToPath(import.meta.url)), '../../fixtures/bundles/v1-sample.glossa');

afterAll(cleanTemp);

describe('fuzzed bundles', () => {
  it(`${CASES} mutations: a clean import, or a clear refusal with the library unchanged`, async () => {
    const seeds = await makeSeeds(V1);
    const result = await fuzz({ seeds, cases: CASES, seed: SEED });
    console.log(`[fuzz] seed ${SEED}: ${CASES} cases, ${result.refused} refused, ${result.imported} imported; ${[...result.mutations].map(([k, n]) => `${k} ${n}`).join(', ')}`);
    expect(result.failures.map(describeFailure)).toEqual([]);
    // The mutations reach past the archive checks: some are refused for their content.
    expect(result.refused).toBeGreaterThan(CASES / 2);
  }, 180_000);
});
