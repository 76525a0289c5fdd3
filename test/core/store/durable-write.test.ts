/**
 * The one writer for every file Glossa writes, in the library and outside it (exports):
 * the destination is the old file (or absent) until the new one is complete, a failed or
 * cancelled write leaves no temp file, and the temp files are recognisable as such.
 */
import { mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { isTempName, removeTempDebris, writeFileDurable } from '../../../core/store/durable-file.js';
import { removeDir, tempDir } from './helpers/fixtures.js';

const dirs: string[] = [];
afterEach(async () => {
  await Promise.all(dirs.splice(0).map(removeDir));
});
async function dir() {
  const d = await tempDir('glossa-durable-write-');
  dirs.push(d);
  return d;
}
const failure = (p: Promise<unknown>) =>
  p.then(
    () => null,
    (e: unknown) => e as Error & { code?: string },
  );

describe('streamed atomic writes', () => {
  it('replaces an existing file whole: the folder then holds only the new file', async () => {
    const d = await dir();
    const file = join(d, 'export.csv');
    await writeFile(file, 'old contents');
    await writeFileDurable(file, async (out) => {
      await out.write('new, ');
      await out.write('streamed in parts');
    });
    expect(await readFile(file, 'utf8')).toBe('new, streamed in parts');
    expect(await readdir(d)).toEqual(['export.csv']);
  });

  it('a body that fails half-way leaves the old file untouched and no temp file', async () => {
    const d = await dir();
    const file = join(d, 'export.csv');
    await writeFile(file, 'old contents');
    let seenTemp: string[] = [];
    const error = await failure(
      writeFileDurable(file, async (out) => {
        await out.write('half of the new ');
        seenTemp = (await readdir(d)).filter(isTempName);
        throw new Error('the serializer broke');
      }),
    );
    expect(error?.code).toBe('WRITE_FAILED');
    expect(error?.message).toMatch(/the serializer broke.*previous version of the file is intact/);
    // The half-written bytes went to a temp file named as one, never to the destination.
    expect(seenTemp).toHaveLength(1);
    expect(seenTemp[0]).toMatch(/^\.export\.csv\.[0-9a-f]{12}\.tmp$/);
    expect(await readFile(file, 'utf8')).toBe('old contents');
    expect(await readdir(d)).toEqual(['export.csv']);
  });

  it('a failed write to a new name leaves nothing at all', async () => {
    const d = await dir();
    const error = await failure(writeFileDurable(join(d, 'new.md'), () => Promise.reject(new Error('boom'))));
    expect(error?.code).toBe('WRITE_FAILED');
    expect(await readdir(d)).toEqual([]);
  });

  it('a cancel that arrives while writing keeps the old file, with the caller’s error', async () => {
    const d = await dir();
    const file = join(d, 'x.glossa');
    await writeFile(file, 'old bundle');
    const controller = new AbortController();
    const cancelled = () => Object.assign(new Error('The export was cancelled.'), { code: 'CANCELLED' });
    const error = await failure(
      writeFileDurable(
        file,
        async (out) => {
          await out.write('complete new bytes');
          controller.abort();
        },
        { signal: controller.signal, cancelled },
      ),
    );
    expect(error?.message).toBe('The export was cancelled.');
    expect(await readFile(file, 'utf8')).toBe('old bundle');
    expect(await readdir(d)).toEqual(['x.glossa']);
  });

  it('a folder that vanished is named in the error; nothing is created anywhere', async () => {
    const d = await dir();
    const gone = join(d, 'exports');
    await mkdir(gone);
    await rm(gone, { recursive: true });
    const error = await failure(writeFileDurable(join(gone, 'report.md'), '# Report'));
    expect(error?.code).toBe('WRITE_FAILED');
    expect(error?.message).toMatch(/report\.md: its folder does not exist/);
    expect(await readdir(d)).toEqual([]);
  });

  it('temp names are never mistaken for data, and are swept as debris', async () => {
    expect(isTempName('.export.csv.0123456789ab.tmp')).toBe(true);
    for (const name of ['export.csv', '.export.csv', 'export.csv.0123456789ab.tmp', '.export.csv.0123456789ab.part', '.x.0123456789AB.tmp']) {
      expect(isTempName(name)).toBe(false);
    }
    const d = await dir();
    await writeFile(join(d, '.a.glossa.0123456789ab.tmp'), 'partial');
    await writeFile(join(d, 'a.glossa'), 'data');
    expect(await removeTempDebris(d)).toEqual(['.a.glossa.0123456789ab.tmp']);
    expect(await readdir(d)).toEqual(['a.glossa']);
  });
});
