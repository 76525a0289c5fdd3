import { stat, writeFile } from 'node:fs/promises';
import type { Annotation, SnapshotSummary } from '../model/index.js';

export type Counts = SnapshotSummary['counts'];

export const zeroCounts = (): Counts => ({ quote: 0, claim: 0, figure: 0, note: 0 });

/** Live annotations per kind; tombstoned ones do not count. */
export function countLive(annotations: readonly Annotation[]): Counts {
  const counts = zeroCounts();
  for (const a of annotations) if (!a.deletedAt) counts[a.kind]++;
  return counts;
}

export const sameCounts = (a: Counts, b: Counts) => a.quote === b.quote && a.claim === b.claim && a.figure === b.figure && a.note === b.note;

/**
 * The file system's own clock, read by writing a marker file and reading its mtime.
 *
 * Why not Date.now(): Linux stamps files with a coarse clock that can lag the precise one by
 * a tick, so a file written just after Date.now() may carry an older mtime. Comparing mtimes
 * with an mtime taken the same way keeps "written after the flush" exact.
 * Not fsynced: it is a clock reading, not data.
 */
export async function readFsClock(markerFile: string): Promise<number> {
  await writeFile(markerFile, String(process.pid));
  return (await stat(markerFile)).mtimeMs;
}
