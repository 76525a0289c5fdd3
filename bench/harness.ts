/** What every benchmark module provides, and the shared table printer and statistics. */
export interface Benchmark {
  name: string;
  /** What it measures, printed above its table. */
  description: string;
  /** Metrics, nested as wanted; numbers in ms unless the key says otherwise. */
  run(): Promise<Record<string, unknown>>;
}

/** Nested metrics → [dotted key, value] rows. */
function flatten(value: unknown, prefix = ''): [string, unknown][] {
  if (value && typeof value === 'object' && !Array.isArray(value)) {
    return Object.entries(value).flatMap(([k, v]) => flatten(v, prefix ? `${prefix}.${k}` : k));
  }
  return [[prefix, value]];
}

const format = (v: unknown): string =>
  typeof v === 'number' ? (Number.isInteger(v) ? String(v) : v.toFixed(v < 10 ? 3 : 1)) : Array.isArray(v) ? v.map(format).join(', ') : String(v);

export function printTable(title: string, description: string, result: Record<string, unknown>): void {
  const rows = flatten(result).map(([k, v]) => [k, format(v)] as const);
  const width = Math.max(6, ...rows.map(([k]) => k.length));
  console.log(`\n== ${title} ==\n${description}\n`);
  for (const [k, v] of rows) console.log(`  ${k.padEnd(width)}  ${v}`);
}

/** Percentile of sorted-or-not samples (nearest rank). */
export function percentile(samples: readonly number[], p: number): number {
  const sorted = [...samples].sort((a, b) => a - b);
  if (!sorted.length) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}

export const summarise = (samples: readonly number[]) => ({
  n: samples.length,
  p50: percentile(samples, 50),
  p90: percentile(samples, 90),
  p99: percentile(samples, 99),
  max: percentile(samples, 100),
});
