/** Which library a command uses: --library, else GLOSSA_LIBRARY, else the desktop app's folder. */
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { SnapshotSummary } from '../../core/model/index.js';
import { TEST_HOME, glossaJson, tempDir } from './helpers.js';

describe('library resolution', () => {
  const work = tempDir('where');
  const article = join(work, 'note.txt');
  writeFileSync(article, 'A Short Note\n\nThe bridge reopened after 3 weeks of repairs.\n');

  it('uses GLOSSA_LIBRARY, and --library over it', async () => {
    const fromEnv = tempDir('env');
    const other = tempDir('flag');
    const env = { GLOSSA_LIBRARY: fromEnv };
    const { ids } = await glossaJson<{ ids: string[] }>(['import', article], { env });
    expect((await glossaJson<SnapshotSummary[]>(['list'], { env })).map((s) => s.id)).toEqual(ids);
    expect(await glossaJson<SnapshotSummary[]>(['list', '--library', other], { env })).toEqual([]);
  });

  it.runIf(process.platform === 'linux')("falls back to the app's folder under the user's config home", async () => {
    const expected = join(TEST_HOME, '.config', 'Glossa', 'library');
    const { ids } = await glossaJson<{ ids: string[] }>(['import', article]);
    expect(existsSync(expected)).toBe(true);
    expect((await glossaJson<SnapshotSummary[]>(['list', '--library', expected])).map((s) => s.id)).toEqual(ids);
  });

  it('accepts --library and --json before or after the command', async () => {
    const lib = tempDir('order');
    await glossaJson(['--library', lib, 'import', article]);
    const list = await glossaJson<SnapshotSummary[]>(['--library', lib, 'list']);
    expect(list).toHaveLength(1);
  });
});
