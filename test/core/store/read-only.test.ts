/**
 * A library on a read-only medium opens for reading, says why it cannot be changed, and
 * refuses the first write with that reason, changing nothing. The medium is a real read-only
 * bind mount where this process may mount (root on Linux, for whom permissions do not stop
 * writes), else a folder without write permission (any other user).
 */
import { execFileSync } from 'node:child_process';
import { chmodSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GlossaError } from '../../../core/model/index.js';
import { type Library, openLibrary } from '../../../core/store/index.js';
import { makeAnnotation, makeSnapshot } from './helpers/fixtures.js';

/** util-linux's mount(8) and umount(8). */
const [MOUNT, UMOUNT] = ['mount', 'umount'];
const root = process.getuid?.() === 0;

function mountReadOnly(dir: string): boolean {
  try {
    execFileSync(MOUNT, ['--bind', dir, dir], { stdio: 'ignore' });
    execFileSync(MOUNT, ['-o', 'remount,ro,bind', dir], { stdio: 'ignore' });
    return true;
  } catch {
    try {
      execFileSync(UMOUNT, [dir], { stdio: 'ignore' });
    } catch {
      // The bind mount itself failed: nothing to undo.
    }
    return false;
  }
}

const top = mkdtempSync(join(tmpdir(), 'glossa-ro-'));
const dir = join(top, 'library');
let medium: 'mount' | 'chmod' | null = null;
let snapshotId = '';

beforeAll(async () => {
  const lib = await openLibrary(dir);
  const s = await makeSnapshot(lib, 1);
  await lib.addSnapshot(s);
  await lib.putAnnotation(makeAnnotation(s.id, 1));
  snapshotId = s.id;
  await lib.close();
  if (!root) {
    chmodSync(dir, 0o555);
    medium = 'chmod';
  } else if (process.platform === 'linux' && mountReadOnly(dir)) medium = 'mount';
  if (!medium) console.warn('[read-only] root without mount(8) here: cannot make a read-only medium; skipped.');
});

afterAll(() => {
  if (medium === 'mount') execFileSync(UMOUNT, [dir]);
  if (medium === 'chmod') chmodSync(dir, 0o755);
  rmSync(top, { recursive: true, force: true });
});

describe('a library on a read-only medium', () => {
  it('opens for reading, says why it cannot be changed, and refuses writes with that reason', async (t) => {
    if (!medium) return t.skip();
    const before = readdirSync(dir).sort();
    const lib: Library = await openLibrary(dir);
    try {
      expect(lib.readOnly).toMatch(
        medium === 'mount' ? /is on a read-only disk, so it is open for reading only/ : /open for reading only: this user may not write/,
      );
      expect(lib.readOnly).toContain(dir);
      expect(lib.listSnapshots().map((r) => r.id)).toEqual([snapshotId]);
      expect(await lib.listAnnotations(snapshotId)).toHaveLength(1);
      const write = await lib.putAnnotation(makeAnnotation(snapshotId, 2)).then(
        () => null,
        (e: unknown) => e,
      );
      expect(write).toBeInstanceOf(GlossaError);
      expect((write as GlossaError).code).toBe('WRITE_FAILED');
      expect((write as GlossaError).message).toContain(lib.readOnly!);
      expect((write as GlossaError).message).toMatch(/Nothing was changed\./);
      const blob = await lib.blobs.put('new body').then(
        () => null,
        (e: unknown) => e as GlossaError,
      );
      expect(blob?.code).toBe('WRITE_FAILED');
    } finally {
      await lib.close();
    }
    expect(readdirSync(dir).sort()).toEqual(before);
    // Two readers at once: with no lock to take, neither is refused.
    const [a, b] = await Promise.all([openLibrary(dir), openLibrary(dir)]);
    expect(a.readOnly && b.readOnly).toBeTruthy();
    await Promise.all([a.close(), b.close()]);
  });
});
