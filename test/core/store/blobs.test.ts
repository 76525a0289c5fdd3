import { createHash } from 'node:crypto';
import { mkdir, readdir, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { type Library, openLibrary } from '../../../core/store/index.js';
import { removeDir, tempDir } from './helpers/fixtures.js';
import { failure } from './helpers/expect-error.js';

const dirs: string[] = [];
const libs: Library[] = [];
afterEach(async () => {
  await Promise.all(libs.splice(0).map((l) => l.close().catch(() => undefined)));
  await Promise.all(dirs.splice(0).map(removeDir));
});
async function library() {
  const dir = await tempDir();
  dirs.push(dir);
  const lib = await openLibrary(dir);
  libs.push(lib);
  return { dir, lib };
}
const sha = (b: string | Uint8Array) => createHash('sha256').update(b).digest('hex');
describe('blob store', () => {
  it('stores text and bytes under their SHA-256 in blobs/sha256/<2 hex>/<hash>', async () => {
    const { dir, lib } = await library();
    const text = 'Zoë said “hello” — 👋\r\n';
    const bytes = new Uint8Array([0, 255, 1, 254, 10]);
    const h1 = await lib.blobs.put(text);
    const h2 = await lib.blobs.put(bytes);
    expect(h1).toBe(sha(Buffer.from(text, 'utf8')));
    expect(h2).toBe(sha(bytes));
    expect(await lib.blobs.getText(h1)).toBe(text);
    expect(new Uint8Array(await lib.blobs.get(h2))).toEqual(bytes);
    expect(await lib.blobs.has(h1)).toBe(true);
    expect(await readdir(join(dir, 'blobs', 'sha256', h1.slice(0, 2)))).toContain(h1);
  });

  it('writes each body once: storing it again leaves the file untouched', async () => {
    const { dir, lib } = await library();
    const hash = await lib.blobs.put('same body');
    const file = join(dir, 'blobs', 'sha256', hash.slice(0, 2), hash);
    const before = await stat(file);
    expect(await lib.blobs.put(Buffer.from('same body'))).toBe(hash);
    const after = await stat(file);
    expect([after.ino, after.mtimeMs]).toEqual([before.ino, before.mtimeMs]);
  });

  it('reports a missing blob as NOT_FOUND with a message naming it', async () => {
    const { lib } = await library();
    const hash = sha('never stored');
    expect(await lib.blobs.has(hash)).toBe(false);
    const error = await failure(lib.blobs.get(hash));
    expect(error.code).toBe('NOT_FOUND');
    expect(error.message).toContain(hash);
  });

  it('verify() re-hashes every blob and names the tampered ones; get() refuses them', async () => {
    const { dir, lib } = await library();
    const hashes = await Promise.all(['one', 'two', 'three', 'four'].map((t) => lib.blobs.put(t)));
    expect(await lib.blobs.verify()).toEqual({ checked: 4, corrupt: [] });

    const tampered = hashes[2]!;
    await writeFile(join(dir, 'blobs', 'sha256', tampered.slice(0, 2), tampered), 'thr3e');
    // Debris of an interrupted write is not a blob; a blob in the wrong fan-out folder is damage.
    await writeFile(join(dir, 'blobs', 'sha256', hashes[0]!.slice(0, 2), `.${hashes[0]}.0123456789ab.tmp`), 'partial');
    const misplaced = sha('misplaced');
    const wrongFan = misplaced.startsWith('00') ? '01' : '00';
    await mkdir(join(dir, 'blobs', 'sha256', wrongFan), { recursive: true });
    await writeFile(join(dir, 'blobs', 'sha256', wrongFan, misplaced), 'misplaced');

    const report = await lib.blobs.verify();
    expect(report.checked).toBe(5);
    expect(report.corrupt).toEqual([misplaced, tampered].sort());
    expect((await failure(lib.blobs.get(tampered))).code).toBe('HASH_MISMATCH');
    expect(await lib.blobs.getText(hashes[1]!)).toBe('two');
  });
});
