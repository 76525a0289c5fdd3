/**
 * `npm run soak`: at least 300 SIGKILLs of a process working on a library (import of a folder,
 * tagging, bundle export, bundle import and merge, conflict resolution, emptying the trash),
 * each followed by reopening and checking the library (scripts/soak/engine.ts). Writes the
 * counts to bench/results/soak.json; exits 1 if any problem was found.
 * Options: --kills N (default 300), --seed N.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { haveShared, SHARED, soak } from './soak/engine.js';

const { values } = parseArgs({ options: { kills: { type: 'string', default: '300' }, seed: { type: 'string', default: '17' } } });
if (!haveShared()) {
  console.error(`soak: the shared fixtures are absent (${SHARED}); they are needed for the pages to import.`);
  process.exit(2);
}
const started = Date.now();
const counts = await soak(Number(values.kills), { seed: Number(values.seed), log: (line) => console.log(line) });
const result = { ...counts, seconds: Math.round((Date.now() - started) / 1000), date: new Date().toISOString() };
const out = join(dirname(fileURLToPath(import.meta.url)), '..', 'bench', 'results', 'soak.json');
mkdirSync(dirname(out), { recursive: true });
writeFileSync(out, `${JSON.stringify(result, null, 2)}\n`);
console.log(`soak: ${counts.kills} kills, ${counts.operations} operations, ${counts.problems.length} problems (${out})`);
process.exit(counts.problems.length ? 1 : 0);
