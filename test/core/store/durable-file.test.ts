import { spawn } from 'node:child_process';
import { chmod, readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { Low } from 'lowdb';
import { afterEach, describe, expect, it } from 'vitest';
import { GlossaError } from '../../../core/model/index.js';
import { DurableJSONFile, removeTempDebris, writeFileDurable } from '../../../core/store/durable-file.js';
import { bigDocument } from './helpers/big-document.js';
import { exited, HELPERS, REPO_ROOT, removeDir, spawnHelper, tempDir, waitForLine } from './helpers/fixtures.js';

const dirs: string[] = [];
afterEach(async () => {
  await Promise.all(dirs.splice(0).map(removeDir));
});
async function dir() {
  const d = await tempDir('glossa-durable-');
  dirs.push(d);
  return d;
}

async function rejection(p: Promise<unknown>): Promise<GlossaError> {
  const e = await p.then(
    () => null,
    (err: unknown) => err,
  );
  expect(e).toBeInstanceOf(GlossaError);
  return e as GlossaError;
}

describe('durable JSON adapter', () => {
  it('works as a lowdb adapter: write, read back, nothing left beside the file', async () => {
    const d = await dir();
    const file = join(d, 'db.json');
    const db = new Low(new DurableJSONFile<{ items: number[] }>(file), { items: [] });
    await db.read();
    expect(db.data).toEqual({ items: [] });
    db.data.items.push(1, 2, 3);
    await db.write();
    const again = new Low(new DurableJSONFile<{ items: number[] }>(file), { items: [] });
    await again.read();
    expect(again.data).toEqual({ items: [1, 2, 3] });
    expect(await readdir(d)).toEqual(['db.json']);
  });

  it('serialises concurrent writes to one file: the last one issued wins', async () => {
    const d = await dir();
    const file = join(d, 'db.json');
    await Promise.all(Array.from({ length: 25 }, (_, i) => new DurableJSONFile(file).write({ i })));
    expect(JSON.parse(await readFile(file, 'utf8'))).toEqual({ i: 24 });
    expect(await readdir(d)).toEqual(['db.json']);
  });

  it('noOverwrite refuses to replace an existing file (immutable records)', async () => {
    const d = await dir();
    const file = join(d, 'snapshot.json');
    await writeFileDurable(file, 'first', { noOverwrite: true });
    const error = await rejection(writeFileDurable(file, 'second', { noOverwrite: true }));
    expect(error.message).toMatch(/never overwritten/);
    expect(await readFile(file, 'utf8')).toBe('first');
    expect(await readdir(d)).toEqual(['snapshot.json']);
  });

  it('reports a file that is not JSON as LIBRARY_CORRUPT, naming it, and never rewrites it', async () => {
    const d = await dir();
    const file = join(d, 'annotations.json');
    await writeFile(file, '{"annotations": [ {"id": "a"');
    const error = await rejection(new DurableJSONFile(file).read());
    expect(error.code).toBe('LIBRARY_CORRUPT');
    expect(error.message).toContain(file);
    expect(error.message).toMatch(/not changed/);
    expect(await readFile(file, 'utf8')).toBe('{"annotations": [ {"id": "a"');
  });

  it('leaves the previous file intact when the data cannot be serialised', async () => {
    const d = await dir();
    const file = join(d, 'db.json');
    const adapter = new DurableJSONFile<unknown>(file);
    await adapter.write({ good: true });
    const circular: Record<string, unknown> = {};
    circular.self = circular;
    for (const bad of [
      circular,
      { n: 10n },
      {
        toJSON: () => {
          throw new Error('boom');
        },
      },
    ]) {
      expect((await rejection(adapter.write(bad))).code).toBe('INVALID_INPUT');
      expect(JSON.parse(await readFile(file, 'utf8'))).toEqual({ good: true });
    }
    expect(await readdir(d)).toEqual(['db.json']);
  });

  it('leaves the previous file intact when the disk write itself fails half-way (EFBIG under ulimit -f)', async () => {
    const d = await dir();
    const file = join(d, 'db.json');
    const previous = JSON.stringify(bigDocument(1, 10));
    await writeFile(file, previous);
    // 512 KiB per file for the child; the new version is ~2.5 MB, so the write fails part-way.
    const child = spawn('bash', ['-c', `ulimit -f 512 && exec "${process.execPath}" --import tsx "${join(HELPERS, 'fail-write.ts')}" "${file}"`], {
      cwd: REPO_ROOT,
    });
    const line = await waitForLine(child, /^result /);
    await exited(child);
    expect(line).toMatch(/^result WRITE_FAILED /);
    expect(line).toContain('previous version of the file is intact');
    expect(await readFile(file, 'utf8')).toBe(previous);
    expect(await readdir(d)).toEqual(['db.json']);
  });

  it.skipIf(process.getuid?.() === 0)('leaves the previous file intact when the folder is read-only (skipped as root: root ignores permissions)', async () => {
    const d = await dir();
    const file = join(d, 'db.json');
    const adapter = new DurableJSONFile<unknown>(file);
    await adapter.write({ v: 1 });
    await chmod(d, 0o555);
    try {
      expect((await rejection(adapter.write({ v: 2 }))).code).toBe('WRITE_FAILED');
    } finally {
      await chmod(d, 0o755);
    }
    expect(JSON.parse(await readFile(file, 'utf8'))).toEqual({ v: 1 });
  });

  it('a process killed at random moments mid-write always leaves a whole version, never a torn file', async () => {
    const d = await dir();
    const file = join(d, 'big.json');
    let next = 0;
    let lastDone = -1;
    let killedMidWrite = 0;
    const rounds = 8;
    for (let round = 0; round < rounds; round++) {
      const child = spawnHelper('crash-writer.ts', [file, String(next)]);
      let out = '';
      child.stdout!.on('data', (c: Buffer) => (out += c.toString()));
      await waitForLine(child, /^begin /);
      await sleep(Math.floor(Math.random() * 400));
      child.kill('SIGKILL');
      await new Promise((r) => child.once('close', r));

      const begun = [...out.matchAll(/^begin (\d+)$/gm)].map((m) => Number(m[1]));
      const done = [...out.matchAll(/^done (\d+)$/gm)].map((m) => Number(m[1]));
      const maxBegun = Math.max(...begun);
      if (done.length) lastDone = Math.max(...done);
      if (!done.includes(maxBegun)) killedMidWrite++;

      const text = await readFile(file, 'utf8').catch(() => null);
      if (text === null) {
        expect(lastDone, 'no file although a write had completed').toBe(-1);
      } else {
        const parsed = JSON.parse(text) as { version: number };
        // Exactly one complete version: the last acknowledged one, or the one in flight.
        expect(text === JSON.stringify(bigDocument(parsed.version)), `version ${parsed.version} is torn`).toBe(true);
        expect(parsed.version).toBeGreaterThanOrEqual(lastDone);
        expect(parsed.version).toBeLessThanOrEqual(maxBegun);
      }
      next = maxBegun + 1;
    }
    // The writer is almost always inside a write, so most kills land mid-write.
    expect(killedMidWrite).toBeGreaterThan(0);

    // Debris of interrupted writes never breaks a later read or write, and is cleaned up.
    const adapter = new DurableJSONFile<{ version: number }>(file);
    const current = await adapter.read();
    expect(current).not.toBeNull();
    await removeTempDebris(d);
    expect(await readdir(d)).toEqual(['big.json']);
    await adapter.write({ version: -1 });
    expect(await adapter.read()).toEqual({ version: -1 });
  });
});
