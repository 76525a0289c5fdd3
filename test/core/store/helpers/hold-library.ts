/**
 * Child process for lock and crash tests: opens a library, optionally saves annotations,
 * prints "ready", then holds the library until stdin says "close" (or it is killed).
 *   node --import tsx hold-library.ts <dir> [--stale MS] [--flush-delay MS] [--annotate SNAPSHOT_ID COUNT [--base I]]
 *     [--delete SNAPSHOT_ID ANNOTATION_ID] [--add-snapshots N]
 */
import { createInterface } from 'node:readline';
import { openLibrary } from '../../../../core/store/index.js';
import { makeAnnotation, makeSnapshot } from './fixtures.js';

const [dir, ...rest] = process.argv.slice(2);
const flag = (name: string) => {
  const i = rest.indexOf(name);
  return i >= 0 ? rest.slice(i + 1) : null;
};
const lib = await openLibrary(dir!, {
  staleLockMs: Number(flag('--stale')?.[0] ?? 10_000),
  // Tests that crash before the lazy index flush set this high, so the flush surely did not happen.
  indexFlushDelayMs: Number(flag('--flush-delay')?.[0] ?? 300),
});

const annotate = flag('--annotate');
if (annotate) {
  const [snapshotId, count] = annotate;
  const base = Number(flag('--base')?.[0] ?? 0);
  for (let i = 0; i < Number(count); i++) await lib.putAnnotation(makeAnnotation(snapshotId!, base + i));
}
const del = flag('--delete');
if (del) {
  const [snapshotId, id] = del;
  const a = await lib.getAnnotation(snapshotId!, id!);
  await lib.putAnnotation({ ...a, deletedAt: new Date().toISOString() });
}
const add = flag('--add-snapshots');
if (add) {
  for (let i = 0; i < Number(add[0]); i++) {
    const s = await makeSnapshot(lib, 10_000 + i);
    await lib.addSnapshot(s);
    await lib.putAnnotation(makeAnnotation(s.id, i));
    console.log(`added ${s.id}`);
  }
}
console.log('ready');

createInterface({ input: process.stdin }).on('line', (line) => {
  if (line.trim() === 'close') void lib.close().then(() => process.exit(0));
});
