/** Where the shared test data lives (outside the repo); tests that need it skip visibly without it. */
import { existsSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
export const SHARED = resolve(REPO, '../shared');
export const NYPD_TXT = resolve(SHARED, 'fixtures/nypd-ice-2017.txt');
export const NYPD_GOLD = resolve(SHARED, 'fixtures/nypd-ice-2017.gold.json');
export const HAVE_NYPD = existsSync(NYPD_TXT) && existsSync(NYPD_GOLD);
if (!HAVE_NYPD) console.warn(`[skip] ${NYPD_TXT} is missing: tests on the NYPD sample article are skipped.`);

export interface GoldItem {
  kind: string;
  exact: string;
  start: number;
  end: number;
}

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
