import { writeFileSync } from 'node:fs';
import { utimes } from 'node:fs/promises';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { GlossaError } from '../../../core/model/index.js';
import { type Library, openLibrary } from '../../../core/store/index.js';
import { LOCK_OWNER_FILE } from '../../../core/store/lock.js';
import { exited, makeAnnotation, makeSnapshot, removeDir, spawnHelper, tempDir, waitForLine } from './helpers/fixtures.js';

const dirs: string[] = [];
const children: ReturnType<typeof spawnHelper>[] = [];
afterEach(async () => {
  for (const c of children.splice(0)) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
  await Promise.all(dirs.splice(0).map(removeDir));
});

async function openError(dir: string, staleLockMs?: number): Promise<GlossaError | null> {
  try {
    const lib = await openLibrary(dir, staleLockMs ? { staleLockMs } : {});
    await lib.close();
    return null;
  } catch (e) {
    expect(e).toBeInstanceOf(GlossaError);
    return e as GlossaError;
  }
}

async function holder(dir: string, stale = 2000) {
  const child = spawnHelper('hold-library.ts', [dir, '--stale', String(stale)]);
  children.push(child);
  await waitForLine(child, /^ready$/);
  return child;
}

describe('library lock', () => {
  it('refuses a library another process holds, with a message that says what to do; opens after it closes', async () => {
    const dir = await tempDir();
    dirs.push(dir);
    const child = await holder(dir);

    const error = await openError(dir);
    expect(error?.code).toBe('LIBRARY_LOCKED');
    expect(error?.message).toContain(dir);
    expect(error?.message).toMatch(/open in another Glossa window or process/);
    expect(error?.message).toMatch(/GLOSSA_LIBRARY \/ --library/);

    child.stdin!.write('close\n');
    expect(await exited(child)).toBe(0);
    expect(await openError(dir)).toBeNull();
  });

  it('refuses a second open in the same process until the first is closed', async () => {
    const dir = await tempDir();
    dirs.push(dir);
    const first: Library = await openLibrary(dir);
    expect((await openError(dir))?.code).toBe('LIBRARY_LOCKED');
    await first.close();
    expect(await openError(dir)).toBeNull();
  });

  it('takes over the stale lock of a killed holder on another machine, and only once it is stale', async () => {
    const dir = await tempDir();
    dirs.push(dir);
    const child = await holder(dir, 2000);
    child.kill('SIGKILL');
    await exited(child);
    // A holder on another host cannot be asked whether it lives (a dead one here is taken over at
    // once: lock-dead-holder.test.ts): only the lock's age tells.
    writeFileSync(join(dir, '.lock', LOCK_OWNER_FILE), JSON.stringify({ pid: child.pid, hostname: `not-${hostname()}` }));

    // The dead holder refreshed its lock within the last second or so: not stale after a minute.
    expect((await openError(dir, 60_000))?.code).toBe('LIBRARY_LOCKED');

    // With a 2 s stale time it is taken over once the lock has aged; poll instead of timing it.
    let error: GlossaError | null = null;
    for (let attempt = 0; attempt < 100; attempt++) {
      error = await openError(dir, 2000);
      if (!error) break;
      expect(error.code).toBe('LIBRARY_LOCKED');
      await new Promise((r) => setTimeout(r, 200));
    }
    expect(error).toBeNull();
  });
});

describe('a lock taken away while open', () => {
  it('stops saving with LIBRARY_LOCKED instead of crashing the process', async () => {
    const dir = await tempDir();
    dirs.push(dir);
    let lost: Error | null = null;
    const lib = await openLibrary(dir, { staleLockMs: 2000, onLockCompromised: (e) => (lost = e) });
    const s = await makeSnapshot(lib, 1);
    await lib.addSnapshot(s);
    // Another process "takes over": the lock's mtime is no longer the one this process set.
    await utimes(join(dir, '.lock'), new Date(2000, 0, 1), new Date(2000, 0, 1));
    for (let i = 0; i < 100 && !lost; i++) await new Promise((r) => setTimeout(r, 100));
    expect(lost).not.toBeNull();
    const error = await lib.putAnnotation(makeAnnotation(s.id, 1)).then(
      () => null,
      (e: GlossaError) => e,
    );
    expect(error?.code).toBe('LIBRARY_LOCKED');
    expect(error?.message).toMatch(/reopen the library/);
    await lib.close();
  });
});
