/**
 * A bundle streams into a temp file beside its destination and is renamed over it only when
 * complete: a cancel or a refusal part-way leaves the previous bundle byte for byte (or no
 * file), and never a temp file.
 */
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exportBundle, verifyBundle } from '../../../core/bundle/index.js';
import { cleanTemp, seedLibrary, tempDir, withLibrary } from './library.js';

let dir: string;
beforeAll(async () => {
  dir = await tempDir();
  await withLibrary(dir, (lib) => seedLibrary(lib));
});
afterAll(cleanTemp);

const OLD = Buffer.from('the bundle exported last week');

async function folderWithOldBundle() {
  const folder = await tempDir();
  const path = join(folder, 'shared.glossa');
  await writeFile(path, OLD);
  return { folder, path };
}

describe('bundle export over an existing file', () => {
  it('a cancel after some members were written keeps the old bundle and leaves no temp file', async () => {
    const { folder, path } = await folderWithOldBundle();
    const controller = new AbortController();
    let wrote = 0;
    const error = await withLibrary(dir, (lib) =>
      exportBundle(lib, path, {
        signal: controller.signal,
        onProgress: (done) => {
          wrote = done;
          if (done === 3) controller.abort();
        },
      }),
    ).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'CANCELLED' });
    expect(wrote).toBeGreaterThanOrEqual(3);
    expect(await readFile(path)).toEqual(OLD);
    expect(await readdir(folder)).toEqual(['shared.glossa']);
  });

  it('a member refused part-way (over the size limit) keeps the old bundle and leaves no temp file', async () => {
    const { folder, path } = await folderWithOldBundle();
    const error = await withLibrary(dir, (lib) => exportBundle(lib, path, { limits: { maxEntryBytes: 200 } })).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'TOO_LARGE' });
    expect(await readFile(path)).toEqual(OLD);
    expect(await readdir(folder)).toEqual(['shared.glossa']);
  });

  it('a finished export replaces the old bundle with a complete, verifiable one', async () => {
    const { folder, path } = await folderWithOldBundle();
    const report = await withLibrary(dir, (lib) => exportBundle(lib, path));
    expect((await readFile(path)).length).toBe(report.bytes);
    expect((await verifyBundle(path)).ok).toBe(true);
    expect(await readdir(folder)).toEqual(['shared.glossa']);
  });
});
