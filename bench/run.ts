/**
 * `npm run bench`: runs every benchmark module, writes bench/results/latest.json and prints
 * a table per benchmark. Benchmarks measure; they assert nothing (targets are reported).
 *
 * Adding a benchmark: export a `Benchmark` (bench/harness.ts) from a module in bench/ and list it in BENCHES.
 * Run some only: `npm run bench -- store`.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { cpus, loadavg, totalmem } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { printTable, type Benchmark } from './harness.js';
import { bundleBench } from './bundle.js';
import { readerBench } from './reader.js';
import { storeBench } from './store.js';

const BENCHES: Benchmark[] = [storeBench, bundleBench, readerBench];

const RESULTS = join(dirname(fileURLToPath(import.meta.url)), 'results');

async function main() {
  const only = process.argv.slice(2);
  const selected = only.length ? BENCHES.filter((b) => only.includes(b.name)) : BENCHES;
  if (!selected.length) throw new Error(`No benchmark named ${only.join(', ')}; known: ${BENCHES.map((b) => b.name).join(', ')}`);
  const report: Record<string, unknown> = {
    startedAt: new Date().toISOString(),
    machine: { node: process.version, platform: process.platform, cpus: cpus().length, cpu: cpus()[0]?.model, memoryGiB: Math.round(totalmem() / 2 ** 30), loadAverageAtStart: loadavg() },
    results: {} as Record<string, unknown>,
  };
  for (const bench of selected) {
    const t0 = performance.now();
    console.log(`running ${bench.name}…`);
    const result = await bench.run();
    // Other work on the machine shows up in tail latencies: keep the load beside the numbers.
    (report.results as Record<string, unknown>)[bench.name] = { ...result, benchSeconds: (performance.now() - t0) / 1000, loadAverageAfter: loadavg() };
    printTable(bench.name, bench.description, result);
  }
  await mkdir(RESULTS, { recursive: true });
  const file = join(RESULTS, 'latest.json');
  await writeFile(file, `${JSON.stringify(report, null, 2)}\n`);
  console.log(`\nwrote ${file}`);
}

await main();
