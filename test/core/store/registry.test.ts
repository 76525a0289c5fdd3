import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { CodeTag, Speaker } from '../../../core/model/index.js';
import { openLibrary, type Library } from '../../../core/store/index.js';
import { tempDir } from './helpers/fixtures.js';

const now = '2026-01-01T00:00:00.000Z';
const tag = (id: string, name: string, parentId: string | null = null): CodeTag => ({
  id,
  name,
  parentId,
  color: '#1f77b4',
  key: null,
  description: '',
  createdAt: now,
  updatedAt: now,
});
const speaker = (id: string, name: string): Speaker => ({
  id,
  name,
  aliases: [],
  role: null,
  organisation: null,
  createdAt: now,
  updatedAt: now,
});

describe('codebook and speakers in glossa.json', () => {
  const open: Library[] = [];
  afterEach(async () => {
    for (const lib of open.splice(0)) await lib.close();
  });

  it('persists the codebook and the speaker registry across reopen', async () => {
    const dir = await tempDir();
    const lib = await openLibrary(dir);
    await lib.saveCodebook([tag('t1', 'Immigration'), tag('t2', 'ICE', 't1')]);
    await lib.saveSpeakers([speaker('s1', 'Oleg Chernyavsky')]);
    // Written at once, not lazily: another reader sees it before close.
    const onDisk = JSON.parse(await readFile(join(dir, 'glossa.json'), 'utf8'));
    expect(onDisk.codebook.map((t: CodeTag) => t.name)).toEqual(['Immigration', 'ICE']);
    await lib.close();

    const again = await openLibrary(dir);
    open.push(again);
    expect(again.listCodebook().map((t) => [t.id, t.parentId])).toEqual([
      ['t1', null],
      ['t2', 't1'],
    ]);
    expect(again.listSpeakers()[0]!.name).toBe('Oleg Chernyavsky');
  });

  it('refuses invalid entries and duplicate ids, leaving the saved list unchanged', async () => {
    const lib = await openLibrary(await tempDir());
    open.push(lib);
    await lib.saveCodebook([tag('t1', 'Kept')]);
    await expect(lib.saveCodebook([tag('t1', 'A'), tag('t1', 'B')])).rejects.toMatchObject({ code: 'INVALID_INPUT' });
    await expect(lib.saveCodebook([{ ...tag('t2', 'x'), color: 'red' }])).rejects.toThrow(/colour/);
    await expect(lib.saveSpeakers([speaker('s1', '   ')])).rejects.toThrow(/needs a name/);
    expect(lib.listCodebook().map((t) => t.name)).toEqual(['Kept']);
  });

  it('reports a damaged codebook entry instead of dropping it', async () => {
    const dir = await tempDir();
    const lib = await openLibrary(dir);
    await lib.close();
    const file = join(dir, 'glossa.json');
    const data = JSON.parse(await readFile(file, 'utf8'));
    data.codebook = [{ id: 'x' }];
    await writeFile(file, JSON.stringify(data));
    const again = await openLibrary(dir);
    open.push(again);
    expect(() => again.listCodebook()).toThrow(expect.objectContaining({ code: 'LIBRARY_CORRUPT' }));
  });
});
