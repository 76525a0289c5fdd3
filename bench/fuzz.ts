/**
 * `npm run fuzz`: the bundle fuzzer of test/core/bundle/fuzz.ts for longer — any number of
 * cases, a fresh random seed each run (or a given one, to reproduce). Failing bundles are
 * copied to a folder that outlives the run; the exit code is 1 if any case failed.
 *
 *   npm run fuzz                       20,000 cases, random seed
 *   npm run fuzz -- 100000             100,000 cases
 *   npm run fuzz -- 5000 20240301      5,000 cases from seed 20240301 (reproducible)
 */
import { copyFile, mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describeFailure, fuzz, makeSeeds } from '../test/core/bundle/fuzz.js';
import { cleanTemp } from '../test/core/bundle/library.js';

const [casesArg, seedArg] = process.argv.slice(2);
const cases = Number(casesArg ?? 20_000);
const seed = seedArg !== undefined ? Number(seedArg) : Math.floor(Math.random() * 2 ** 31);
if (!Number.isInteger(cases) || cases < 1 || !Number.isInteger(seed)) {
  console.error('usage: npm run fuzz -- [cases] [seed]');
  process.exit(2);
}
const v1 = resolve(dirname(fileURLToPath(import.meta.url)), '../test/fixtures/bundles/v1-sample.glossa');
const started = performance.now();
console.log(`fuzzing ${cases} bundles from seed ${seed}…`);
try {
  const seeds = await makeSeeds(v1);
  const result = await fuzz({
    seeds,
    cases,
    seed,
    onCase: (i) => {
      if (i > 0 && i % 1000 === 0) console.log(`  ${i} cases, ${((performance.now() - started) / 1000).toFixed(0)} s`);
    },
  });
  const seconds = (performance.now() - started) / 1000;
  console.log(`${cases} cases in ${seconds.toFixed(1)} s: ${result.refused} refused, ${result.imported} imported`);
  console.log(
    `mutations: ${[...result.mutations]
      .sort((a, b) => b[1] - a[1])
      .map(([k, n]) => `${k} ${n}`)
      .join(', ')}`,
  );
  if (result.failures.length > 0) {
    const keep = join(tmpdir(), `glossa-fuzz-failures-${seed}`);
    await mkdir(keep, { recursive: true });
    for (const f of result.failures) {
      const copy = join(keep, basename(f.bundle));
      await copyFile(f.bundle, copy);
      console.error(`FAIL ${describeFailure({ ...f, bundle: copy })}`);
    }
    console.error(`${result.failures.length} failing case(s); reproduce with: npm run fuzz -- ${cases} ${seed}`);
    process.exitCode = 1;
  } else console.log('no failures');
} finally {
  await cleanTemp();
}
