/** Glossa's ZIP writer: what it writes is read back by yauzl (and by `unzip` when installed), ZIP64 end records included. */
import { spawnSync } from 'node:child_process';
import { open } from 'node:fs/promises';
import { join } from 'node:path';
import yauzl from 'yauzl';
import { afterAll, describe, expect, it } from 'vitest';
import { ZipWriter } from '../../../core/bundle/zip-writer.js';
import { cleanTemp, tempDir } from './library.js';

afterAll(cleanTemp);

async function write(path: string, entries: { name: string; data: Buffer; compress: boolean }[]): Promise<void> {
  const handle = await open(path, 'wx');
  try {
    const zip = new ZipWriter(handle, new Date('2024-03-01T12:34:56Z'));
    await zip.addAll(
      entries.map((e) => ({ name: e.name, compress: e.compress, produce: async () => e.data })),
      { window: 8 },
    );
    await zip.finish();
  } finally {
    await handle.close();
  }
}

async function readBack(path: string): Promise<Map<string, { data: Buffer; method: number; mode: number }>> {
  const zip = await yauzl.openPromise(path, { lazyEntries: true, autoClose: false, validateEntrySizes: true, strictFileNames: true });
  const out = new Map<string, { data: Buffer; method: number; mode: number }>();
  for await (const entry of zip.eachEntry()) {
    const chunks: Buffer[] = [];
    for await (const c of await zip.openReadStreamPromise(entry)) chunks.push(c as Buffer);
    out.set(entry.fileName, { data: Buffer.concat(chunks), method: entry.compressionMethod, mode: entry.externalFileAttributes >>> 16 });
  }
  zip.close();
  return out;
}

describe('ZipWriter', () => {
  it('writes stored and deflated members with UTF-8 names, as regular files', async () => {
    const path = join(await tempDir(), 'a.zip');
    const entries = [
      { name: 'manifest.json', data: Buffer.from('{"a": 1}\n'.repeat(50)), compress: true },
      { name: 'snapshots/ünï/テキスト.txt', data: Buffer.from('text '.repeat(1000)), compress: true },
      { name: 'assets/x.png', data: Buffer.from([0x89, 0x50, 0x4e, 0x47, 1, 2, 3]), compress: false },
      { name: 'empty.txt', data: Buffer.alloc(0), compress: true },
      // Random bytes do not deflate: stored instead.
      { name: 'noise.bin', data: Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7919) % 251)), compress: true },
    ];
    await write(path, entries);
    const back = await readBack(path);
    expect([...back.keys()]).toEqual(entries.map((e) => e.name));
    for (const e of entries) expect(back.get(e.name)!.data.equals(e.data), e.name).toBe(true);
    expect(back.get('snapshots/ünï/テキスト.txt')!.method).toBe(8);
    expect(back.get('assets/x.png')!.method).toBe(0);
    expect([...back.values()].every((v) => v.mode === 0o100644)).toBe(true);
    if (spawnSync('sh', ['-c', 'command -v unzip'], { stdio: 'ignore' }).status === 0) {
      expect(spawnSync('unzip', ['-tq', path]).status).toBe(0);
    }
  });

  it('writes ZIP64 end records past 65,535 members', async () => {
    const path = join(await tempDir(), 'many.zip');
    const n = 65_600;
    const entries = Array.from({ length: n }, (_, i) => ({ name: `m/${i}`, data: Buffer.from(String(i)), compress: false }));
    await write(path, entries);
    const zip = await yauzl.openPromise(path, { lazyEntries: true, autoClose: false });
    expect(zip.entryCount).toBe(n);
    let last = '';
    for await (const entry of zip.eachEntry()) last = entry.fileName;
    zip.close();
    expect(last).toBe(`m/${n - 1}`);
  }, 60_000);

  it('stops at the first member that cannot be produced', async () => {
    const path = join(await tempDir(), 'b.zip');
    const handle = await open(path, 'wx');
    const zip = new ZipWriter(handle, new Date());
    const produced: string[] = [];
    const failing = Array.from({ length: 20 }, (_, i) => ({
      name: `m${i}`,
      compress: true,
      produce: async () => {
        produced.push(`m${i}`);
        if (i === 3) throw new Error('disk unplugged');
        return Buffer.from('x');
      },
    }));
    await expect(zip.addAll(failing, { window: 4 })).rejects.toThrow('disk unplugged');
    await handle.close();
    // Never more than the window ahead of the failure.
    expect(produced.length).toBeLessThanOrEqual(8);
  });
});
