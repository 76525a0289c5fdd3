/**
 * A full disk during every kind of write: an annotation save, an article import, a bundle
 * import and an export. Each fails with WRITE_FAILED and a message that says the disk is full
 * and how much space the write needed; the library reads and verifies exactly as before.
 * Two ways to fill the disk: a real 1 MB tmpfs filled to the last byte (where this process
 * may mount one: root on Linux), and, everywhere, ENOSPC injected at the one atomic writer
 * (core/store/durable-file.ts injectWriteFault) once the bytes are in the temp file.
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { api, dispatch, type Context, type Envelope } from '../../../core/api.js';
import { injectWriteFault } from '../../../core/store/durable-file.js';
import { type Library, openLibrary } from '../../../core/store/index.js';

const ctxOf = (library: Library): Context => ({ library, dialogs: { openFiles: async () => [], saveFile: async () => null }, emit: () => undefined });
const call = (library: Library, name: string, input: unknown): Promise<Envelope> => dispatch(api as never, ctxOf(library), name, input, { windowOnly: false });

/** Every file under `dir` with the hash of its bytes: "exactly as before" made checkable. */
function tree(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (d: string) => {
    for (const name of readdirSync(d)) {
      const p = join(d, name);
      if (statSync(p).isDirectory()) walk(p);
      else out[relative(dir, p)] = createHash('sha256').update(readFileSync(p)).digest('hex');
    }
  };
  walk(dir);
  return out;
}

async function seed(dir: string): Promise<{ snapshotId: string; annotationId: string }> {
  const lib = await openLibrary(dir);
  try {
    const imported = await call(lib, 'importText', { text: 'A Ferry Story\n\nThe ferry carried 212 passengers on Sunday, the council said.' });
    expect(imported.ok).toBe(true);
    const snapshotId = (imported as { value: { snapshotId: string } }).value.snapshotId;
    const created = await call(lib, 'createAnnotation', { snapshotId, kind: 'note', start: 4, end: 9, comment: 'before' });
    expect(created.ok).toBe(true);
    return { snapshotId, annotationId: (created as { value: { value: { id: string } } }).value.value.id };
  } finally {
    await lib.close();
  }
}

/** What a reader sees: the articles, their annotations, and verify's verdict. */
async function readBack(dir: string) {
  const lib = await openLibrary(dir);
  try {
    const rows = lib.listSnapshots();
    const annotations = await Promise.all(rows.map((r) => lib.listAnnotations(r.id, { includeDeleted: true })));
    const verified = await call(lib, 'verifyLibrary', {});
    return { titles: rows.map((r) => r.title), annotations, verified };
  } finally {
    await lib.close();
  }
}

const NO_SPACE = /the disk is full \(it needs (more than )?[1-9][\d.]* (bytes|KB|MB|GB)(, [\d.]+ (bytes|KB|MB|GB) free)?; free up space on that disk\)/;

interface Disk {
  /** A fresh folder on the disk that will fill up. */
  folder(): string;
  fill(): void;
  free(): void;
}

/** Each write path, run against a full disk: fails with the message; the library as before. */
function writePaths(disk: () => Disk, opts: { bundleImport: boolean }) {
  let lib: Library;
  let dir: string;
  let ids: { snapshotId: string; annotationId: string };
  let before: Record<string, string>;
  let seen: Awaited<ReturnType<typeof readBack>>;
  let incoming: string;

  beforeAll(async () => {
    // A bundle to import, written while there is room.
    const other = disk().folder();
    await seed(other);
    incoming = join(disk().folder(), 'incoming.glossa');
    const o = await openLibrary(other);
    expect((await call(o, 'exportBundle', { path: incoming })).ok).toBe(true);
    await o.close();
  });

  afterEach(async () => {
    await lib?.close().catch(() => undefined);
    disk().free();
    // Exactly as before, and reads and verifies as before, once there is room again.
    expect(tree(dir)).toEqual(before);
    expect(await readBack(dir)).toEqual(seen);
  });

  async function fullDisk() {
    dir = disk().folder();
    ids = await seed(dir);
    before = tree(dir);
    seen = await readBack(dir);
    lib = await openLibrary(dir);
    disk().fill();
  }

  const expectNoSpace = (out: Envelope, code = 'WRITE_FAILED', message = NO_SPACE) => {
    expect(out.ok).toBe(false);
    if (out.ok) return;
    expect(out.error.code, out.error.message).toBe(code);
    expect(out.error.message).toMatch(message);
  };

  it('an annotation save', async () => {
    await fullDisk();
    expectNoSpace(await call(lib, 'updateAnnotation', { snapshotId: ids.snapshotId, id: ids.annotationId, patch: { comment: 'after '.repeat(2000) } }));
  });

  it('an article import', async () => {
    await fullDisk();
    const out = await call(lib, 'importText', { text: `Another Story\n\n${'The tide came in at noon. '.repeat(400)}` });
    expectNoSpace(out);
  });

  it('an export', async () => {
    await fullDisk();
    const target = join(disk().folder(), 'out.glossa');
    // A zip is streamed: its size is known only as far as it got (nothing, on a disk full to the last byte).
    expectNoSpace(
      await call(lib, 'exportBundle', { path: target }),
      'WRITE_FAILED',
      /the disk is full \((it needs more than [1-9][\d.]* \w+, )?[\d.]+ (bytes|KB|MB|GB) free; free up space on that disk\)/,
    );
    expect(existsSync(target)).toBe(false);
    expect(readdirSync(join(target, '..'))).toEqual([]);
  });

  it.skipIf(!opts.bundleImport)('a bundle import', async () => {
    await fullDisk();
    expectNoSpace(await call(lib, 'importBundle', { path: incoming }));
  });
}

/** util-linux's mount(8) and umount(8). */
const [MOUNT, UMOUNT] = ['mount', 'umount'];

/** Root may mount a tmpfs (CI runners mostly may not: those run the injected fault only). */
function canMount(): boolean {
  if (process.platform !== 'linux' || process.getuid?.() !== 0) return false;
  const probe = mkdtempSync(join(tmpdir(), 'glossa-mount-probe-'));
  try {
    execFileSync(MOUNT, ['-t', 'tmpfs', '-o', 'size=64k', 'tmpfs', probe], { stdio: 'ignore' });
    execFileSync(UMOUNT, [probe], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  } finally {
    rmSync(probe, { recursive: true, force: true });
  }
}
const MOUNTABLE = canMount();
if (!MOUNTABLE) console.warn('[disk-full] cannot mount a tmpfs here (needs root on Linux): only the injected ENOSPC runs.');

describe.skipIf(!MOUNTABLE)('a full tmpfs (a real ENOSPC from the kernel)', () => {
  const mount = mkdtempSync(join(tmpdir(), 'glossa-full-'));
  let n = 0;
  const disk: Disk = {
    folder: () => {
      const d = join(mount, `f${n++}`);
      mkdirSync(d);
      return d;
    },
    fill: () => {
      // Fill to the last block: writes of any size now fail.
      const chunk = Buffer.alloc(4096, 1);
      for (let i = 0; ; i++) {
        try {
          writeFileSync(join(mount, `filler-${i}`), chunk);
        } catch {
          break;
        }
      }
    },
    free: () => {
      for (const name of readdirSync(mount)) if (name.startsWith('filler-')) rmSync(join(mount, name));
    },
  };
  beforeAll(() => execFileSync(MOUNT, ['-t', 'tmpfs', '-o', 'size=1m', 'tmpfs', mount]));
  afterAll(() => {
    execFileSync(UMOUNT, [mount]);
    rmSync(mount, { recursive: true, force: true });
  });
  writePaths(() => disk, { bundleImport: true });
});

describe('ENOSPC injected at the atomic writer', () => {
  const top = mkdtempSync(join(tmpdir(), 'glossa-enospc-'));
  let n = 0;
  const disk: Disk = {
    folder: () => {
      const d = join(top, `f${n++}`);
      mkdirSync(d);
      return d;
    },
    fill: () =>
      injectWriteFault((file) =>
        Object.assign(new Error(`ENOSPC: no space left on device, write '${file}'`), { code: 'ENOSPC', errno: -28, syscall: 'write' }),
      ),
    free: () => injectWriteFault(null),
  };
  afterAll(() => rmSync(top, { recursive: true, force: true }));
  // A bundle import's staging (core/store/import-commit.ts) meets the injected fault too.
  writePaths(() => disk, { bundleImport: true });
});
