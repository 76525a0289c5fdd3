/**
 * A damaged, truncated, stale or half-written index is rebuilt from the library, and the
 * library's bytes never change because of the index. The worker path is checked end to end.
 */
import { spawn } from 'node:child_process';
import { readFileSync, statSync, truncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SearchService } from '../../../core/search/service.js';
import { openLibrary } from '../../../core/store/index.js';
import { addSnapshot, cleanTemp, hashTree, tempDir } from '../bundle/library.js';
import { annotate, openEngine, tag } from './helpers.js';

let dir: string;
let libDir: string;
const TEXT = 'Mayor visits Łódź\nThe mayor of Łódź met Jørgensen.';

beforeAll(async () => {
  dir = await tempDir('glossa-search-damage-');
  libDir = join(dir, 'library');
  const lib = await openLibrary(libDir);
  for (let i = 0; i < 30; i++) {
    const s = await addSnapshot(lib, { text: `${TEXT}\nReport ${i}.`, title: `Report ${i}`, capturedAt: new Date(Date.UTC(2024, 0, 1 + i)).toISOString() });
    await lib.putAnnotation(annotate(s.id, TEXT, 'Jørgensen', 'quote', { fields: { speaker: 'Jørgensen' } }));
  }
  await lib.close();
});
afterAll(cleanTemp);

async function withEngine<T>(file: string, fn: (e: ReturnType<typeof openEngine>) => T): Promise<T> {
  const lib = await openLibrary(libDir);
  const e = openEngine(lib, file);
  try {
    return fn(e);
  } finally {
    e.close();
    await lib.close();
  }
}
const hits = (e: ReturnType<typeof openEngine>) => {
  const r = e.search({ query: 'lodz' });
  return r.ok ? r.articles.total : -1;
};

describe('a damaged index is rebuilt and the library is never touched', () => {
  it('rebuilds a truncated file and a garbage file', async () => {
    const file = join(dir, 'idx', 'a.sqlite');
    expect(await withEngine(file, (e) => [e.opened, hits(e)])).toEqual(['missing', 30]);
    expect(await withEngine(file, (e) => [e.opened, hits(e)])).toEqual(['fresh', 30]);
    const before = await hashTree(libDir);
    truncateSync(file, Math.floor(statSync(file).size / 2));
    expect(await withEngine(file, (e) => [e.opened, hits(e)])).toEqual(['damaged', 30]);
    writeFileSync(file, Buffer.from('this is not a database at all, just garbage bytes '.repeat(200)));
    expect(await withEngine(file, (e) => [e.opened, hits(e)])).toEqual(['damaged', 30]);
    writeFileSync(file, '');
    expect(await withEngine(file, (e) => [e.opened, hits(e)])).toEqual(['damaged', 30]);
    // Pages overwritten in the middle: found by a query, rebuilt, answered.
    const bytes = readFileSync(file);
    bytes.fill(0x5a, 8192, bytes.length - 4096);
    writeFileSync(file, bytes);
    expect(await withEngine(file, (e) => hits(e))).toBe(30);
    expect(await hashTree(libDir)).toEqual(before);
  });

  it('rebuilds when another process changed the library (stale generation)', async () => {
    const file = join(dir, 'idx', 'b.sqlite');
    await withEngine(file, () => null);
    const lib = await openLibrary(libDir);
    const s = await addSnapshot(lib, { text: 'Łódź once more', title: 'Extra', capturedAt: '2025-06-01T00:00:00.000Z' });
    await lib.close();
    expect(await withEngine(file, (e) => [e.opened, hits(e)])).toEqual(['stale', 31]);
    expect(s.id).toBeTruthy();
  });

  it('survives a process killed in the middle of a rebuild and of updates', async () => {
    const file = join(dir, 'idx', 'c.sqlite');
    await withEngine(file, () => null);
    const before = await hashTree(libDir);
    for (const mode of ['rebuild', 'apply']) {
      const child = spawn(process.execPath, ['--import', 'tsx', join(import.meta.dirname, 'helpers', 'crash-indexer.ts'), libDir, file, mode], {
        stdio: ['ignore', 'pipe', 'inherit'],
      });
      await new Promise<void>((resolve) => child.stdout.on('data', (d: Buffer) => d.toString().includes('working') && resolve()));
      await new Promise((r) => setTimeout(r, 150));
      child.kill('SIGKILL');
      await new Promise((r) => child.on('exit', r));
      const [state, n] = await withEngine(file, (e) => [e.opened, hits(e)]);
      expect(['fresh', 'stale', 'damaged']).toContain(state);
      expect(n).toBe(31);
    }
    expect(await hashTree(libDir)).toEqual(before);
  }, 30_000);

  it('runs off the main thread and follows store writes (worker)', async () => {
    const lib = await openLibrary(libDir);
    const progress: number[] = [];
    const service = await SearchService.open(lib, { indexFile: join(dir, 'idx', 'w.sqlite'), onProgress: (p) => progress.push(p.done) });
    try {
      expect(await service.opened).toEqual({ state: 'missing' });
      expect(progress.at(-1)).toBe(31);
      await lib.saveCodebook([tag('t1', 'Zanzibar')]);
      const s = lib.listSnapshots()[0]!;
      await lib.putAnnotation(annotate(s.id, TEXT, 'mayor', 'note', { tags: ['t1'] }));
      await service.idle();
      const r = await service.search({ query: 'zanzibar' });
      expect(r.ok && r.annotations.hits.map((h) => h.tags)).toEqual([['Zanzibar']]);
      expect(await service.search({ query: 'kind:' })).toEqual({ ok: false, message: 'kind: needs a value, e.g. kind:quote.' });
      expect((await service.speakerPage('jorgensen')).quotes.total).toBe(30);
    } finally {
      await service.close();
      await lib.close();
    }
  }, 30_000);
});
