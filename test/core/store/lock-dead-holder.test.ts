/**
 * A crash followed by a relaunch: the lock of a holder that died on this machine is taken over
 * at once (its pid is recorded in the lock and no longer exists), while a live holder still
 * blocks and a holder on another machine is judged by the lock's age alone.
 */
import { readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { GlossaError } from '../../../core/model/index.js';
import { openLibrary } from '../../../core/store/index.js';
import { LOCK_OWNER_FILE } from '../../../core/store/lock.js';
import { exited, makeAnnotation, makeSnapshot, removeDir, spawnHelper, tempDir, waitForLine } from './helpers/fixtures.js';

const dirs: string[] = [];
const children: ReturnType<typeof spawnHelper>[] = [];
afterEach(async () => {
  for (const c of children.splice(0)) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
  await Promise.all(dirs.splice(0).map(removeDir));
});

async function openError(dir: string, staleLockMs = 60_000): Promise<GlossaError | null> {
  try {
    const lib = await openLibrary(dir, { staleLockMs });
    await lib.close();
    return null;
  } catch (e) {
    expect(e).toBeInstanceOf(GlossaError);
    return e as GlossaError;
  }
}

async function killedHolder(dir: string) {
  const child = spawnHelper('hold-library.ts', [dir, '--stale', '60000']);
  children.push(child);
  await waitForLine(child, /^ready$/);
  const owner = JSON.parse(readFileSync(join(dir, '.lock', LOCK_OWNER_FILE), 'utf8')) as { pid: number; hostname: string };
  expect(owner).toEqual({ pid: child.pid, hostname: hostname() });
  child.kill('SIGKILL');
  await exited(child);
}

describe('the lock of a holder that died', () => {
  it('is taken over at once when the holder was killed on this machine, with a stale time of a minute', async () => {
    const dir = await tempDir();
    dirs.push(dir);
    // The holder wrote an article before it was killed: reopening finds it.
    const writer = await openLibrary(dir);
    const s = await makeSnapshot(writer, 1);
    await writer.addSnapshot(s);
    await writer.putAnnotation(makeAnnotation(s.id, 1));
    await writer.close();

    await killedHolder(dir);
    const lib = await openLibrary(dir, { staleLockMs: 60_000 });
    try {
      expect(lib.listSnapshots().map((r) => r.id)).toEqual([s.id]);
      expect(await lib.listAnnotations(s.id)).toHaveLength(1);
      // The new holder's own record replaced the dead one's.
      expect(JSON.parse(readFileSync(join(dir, '.lock', LOCK_OWNER_FILE), 'utf8'))).toEqual({ pid: process.pid, hostname: hostname() });
    } finally {
      await lib.close();
    }
    // And released cleanly: opens again.
    expect(await openError(dir)).toBeNull();
  });

  it('still refuses while the holder lives', async () => {
    const dir = await tempDir();
    dirs.push(dir);
    const child = spawnHelper('hold-library.ts', [dir, '--stale', '60000']);
    children.push(child);
    await waitForLine(child, /^ready$/);
    expect((await openError(dir))?.code).toBe('LIBRARY_LOCKED');
    child.stdin!.write('close\n');
    expect(await exited(child)).toBe(0);
    expect(await openError(dir)).toBeNull();
  });

  it('is judged by its age alone when the holder ran on another machine (a shared folder)', async () => {
    const dir = await tempDir();
    dirs.push(dir);
    await killedHolder(dir);
    // Same dead pid, but recorded by another host: its pid means nothing here.
    writeFileSync(join(dir, '.lock', LOCK_OWNER_FILE), JSON.stringify({ pid: 2 ** 22 + 12345, hostname: `not-${hostname()}` }));
    expect((await openError(dir))?.code).toBe('LIBRARY_LOCKED');
  });

  it('without a whole record, blocks only while a holder could still be writing one', async () => {
    const dir = await tempDir();
    dirs.push(dir);
    await killedHolder(dir);
    const lock = join(dir, '.lock');
    // A record being written this moment (a holder that has just taken the lock) blocks.
    writeFileSync(join(lock, LOCK_OWNER_FILE), '{"pid": "1; rm -rf /"');
    expect((await openError(dir))?.code).toBe('LIBRARY_LOCKED');
    // Left like that for longer than writing takes (killed while writing it): nobody holds it.
    const old = new Date(Date.now() - 10_000);
    utimesSync(join(lock, LOCK_OWNER_FILE), old, old);
    utimesSync(lock, old, old);
    expect(await openError(dir)).toBeNull();
  });

  it('a lock folder whose holder was killed while releasing it (record gone, folder left) is taken over', async () => {
    const dir = await tempDir();
    dirs.push(dir);
    await killedHolder(dir);
    const lock = join(dir, '.lock');
    rmSync(join(lock, LOCK_OWNER_FILE));
    const old = new Date(Date.now() - 10_000);
    utimesSync(lock, old, old);
    expect(await openError(dir)).toBeNull();
  });
});
