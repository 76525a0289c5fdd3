/** Where the shared test data lives (outside the repo); tests that need it skip visibly without it. */
import { HAVE_NYPD, NYPD_TXT } from '../../shared-fixtures.js';

export { REPO_ROOT as REPO, SHARED, NYPD_TXT, NYPD_GOLD, HAVE_NYPD, type GoldItem } from '../../shared-fixtures.js';
if (!HAVE_NYPD) console.warn(`[skip] ${NYPD_TXT} is missing: tests on the NYPD sample article are skipped.`);

/** Small seeded PRNG (mulberry32), so property tests are random but repeatable. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
