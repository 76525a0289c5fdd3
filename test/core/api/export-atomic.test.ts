/**
 * Every file Glossa writes where the researcher chose (open formats, .qdpx, .qdc codebooks)
 * goes through the one atomic writer: an existing file is replaced whole, and a write that
 * fails leaves the old file (or nothing) and no temp file beside it.
 */
import { mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readQdpx } from '../../../core/qda/index.js';
import { addText, openSession, rejects, type Session } from './helpers.js';

let s: Session;
let out: string;
beforeEach(async () => {
  s = await openSession();
  out = join(s.dir, 'exports');
  await mkdir(out);
  const a = await addText(s, 'First\n\nThe council postponed the vote again.', 'First');
  const tag = (await s.call('createTag', { name: 'Delay' })).value.tag;
  const start = a.text.indexOf('postponed');
  await s.call('createAnnotation', { snapshotId: a.id, kind: 'claim', start, end: start + 9, tags: [tag.id] });
});
afterEach(() => s.close());

const FORMATS = ['csv', 'jsonld', 'md', 'csl', 'claimreview', 'qdpx'] as const;

describe('exports are written atomically', () => {
  it.each(FORMATS)('%s: replaces an existing file whole, leaving only that file', async (format) => {
    const path = join(out, `export.${format}`);
    await writeFile(path, 'an older export that is much longer than nothing '.repeat(2000));
    const report = await s.call('exportFormat', { format, path });
    const bytes = await readFile(path);
    expect(report.bytes).toBe(bytes.length);
    expect(bytes.toString('utf8')).not.toContain('an older export');
    expect(await readdir(out)).toEqual([`export.${format}`]);
    if (format === 'qdpx') expect((await readQdpx(path)).annotations).toHaveLength(1);
  });

  it.each(FORMATS)('%s: a failure at the last step (the name is a folder) leaves it untouched and no temp file', async (format) => {
    const path = join(out, `taken.${format}`);
    await mkdir(path);
    await writeFile(join(path, 'keep.txt'), 'mine');
    const message = await rejects(s.call('exportFormat', { format, path }), 'WRITE_FAILED');
    expect(message).toContain(path);
    expect(await readFile(join(path, 'keep.txt'), 'utf8')).toBe('mine');
    expect(await readdir(out)).toEqual([`taken.${format}`]);
  });

  it.each(FORMATS)('%s: a folder that vanished gets a clear error and nothing is created', async (format) => {
    const gone = join(out, 'gone');
    await mkdir(gone);
    await rm(gone, { recursive: true });
    const message = await rejects(s.call('exportFormat', { format, path: join(gone, `x.${format}`) }), 'WRITE_FAILED');
    expect(message).toMatch(/its folder does not exist/);
    expect(await readdir(out)).toEqual([]);
  });

  it('an export refused before writing (unknown snapshot) leaves the existing file as it was', async () => {
    const path = join(out, 'keep.csv');
    await writeFile(path, 'precious');
    await rejects(s.call('exportFormat', { format: 'csv', path, snapshotIds: ['no-such-snapshot'] }), 'NOT_FOUND');
    expect(await readFile(path, 'utf8')).toBe('precious');
  });
});

describe('codebook files are written atomically', () => {
  it('replaces an existing .qdc whole', async () => {
    const path = join(out, 'codebook.qdc');
    await writeFile(path, 'old codebook '.repeat(1000));
    await s.call('exportCodebook', { path });
    const xml = await readFile(path, 'utf8');
    expect(xml).toMatch(/^<\?xml/);
    expect(xml).toContain('name="Delay"');
    expect(xml).not.toContain('old codebook');
    expect(await readdir(out)).toEqual(['codebook.qdc']);
  });

  it('a failed export leaves what was there and no temp file', async () => {
    const path = join(out, 'taken.qdc');
    await mkdir(path);
    await rejects(s.call('exportCodebook', { path }), 'WRITE_FAILED');
    expect(await readdir(path)).toEqual([]);
    expect(await readdir(out)).toEqual(['taken.qdc']);
  });
});
