/**
 * `npm run bench`: runs every benchmark module, writes bench/results/latest.json and prints
 * a table per benchmark. Benchmarks measure; they assert nothing (targets are reported).
 *
 * Adding a benchmark: export a `Benchmark` (bench/harness.ts) from a module in bench/ and list it in BENCHES.
 * Run some only: `npm run bench -- store`; the other benchmarks' last results stay in latest.json.
 */
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { cpus, loadavg, totalmem } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { printTable, type Benchmark } from './harness.js';
import { bundleBench } from './bundle.js';
import { cliBench } from './cli.js';
import { readerBench } from './reader.js';
import { searchBench } from './search-run.js';
import { storeBench } from './store.js';
import { syncBench } from './sync.js';

const BENCHES: Benchmark[] = [storeBench, bundleBench, readerBench, cliBench, searchBench, syncBench];

const RESULTS = join(dirname(fileURLToPath(import.meta.url)), 'results');

async function main() {
  const only = process.argv.slice(2);
  const selected = only.length ? BENCHES.filter((b) => only.includes(b.name)) : BENCHES;
  if (!selected.length) throw new Error(`No benchmark named ${only.join(', ')}; known: ${BENCHES.map((b) => b.name).join(', ')}`);
  const file = join(RESULTS, 'latest.json');
  const results = await previousResults(file);
  const machine = {
    node: process.version,
    platform: process.platform,
    cpus: cpus().length,
    cpu: cpus()[0]?.model,
    memoryGiB: Math.round(totalmem() / 2 ** 30),
  };
  for (const bench of selected) {
    const startedAt = new Date().toISOString();
    const loadAverageAtStart = loadavg();
    const t0 = performance.now();
    console.log(`running ${bench.name}…`);
    const result = await bench.run();
    // Other work on the machine shows up in tail latencies: keep the load beside the numbers.
    results[bench.name] = { ...result, startedAt, machine, loadAverageAtStart, benchSeconds: (performance.now() - t0) / 1000, loadAverageAfter: loadavg() };
    printTable(bench.name, bench.description, result);
  }
  const report = { updatedAt: new Date().toISOString(), results };
  await mkdir(RESULTS, { recursive: true });
  await writeFile(file, `${JSON.stringify(report, null, 2)}\n`);
  console.log(`\nwrote ${file}`);
}

/** Results of earlier runs, kept for the benchmarks not run now (each carries when and where it ran). */
async function previousResults(file: string): Promise<Record<string, unknown>> {
  try {
    const json = JSON.parse(await readFile(file, 'utf8')) as { results?: Record<string, unknown> };
    return json.results ?? {};
  } catch {
    return {};
  }
}

await main();
