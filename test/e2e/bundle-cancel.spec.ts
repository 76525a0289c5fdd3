/**
 * Long bundle exports and imports cancelled from their progress bars, in Chromium on real
 * libraries of 400 snapshots and 8,000 annotations (built as the bundle benchmark builds its own):
 * a cancelled export leaves no file (nor a partial one) in the folder, a cancelled import
 * leaves the library byte for byte as it was.
 */
import { mkdir, mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { buildLibrary } from '../../bench/bundle.js';
import { exportBundle } from '../../core/bundle/index.js';
import { openLibrary } from '../../core/store/index.js';
import { hashTree } from '../core/bundle/library.js';
import { openApp, type App } from './harness.js';

test.describe.serial('cancelling long bundle work', () => {
  let temp = '';
  let bundle = '';
  let app: App | undefined;

  test.beforeAll(async () => {
    temp = await mkdtemp(join(tmpdir(), 'glossa-cancel-'));
    await buildLibrary(join(temp, 'big'), 400);
    bundle = join(temp, 'big.glossa');
    const library = await openLibrary(join(temp, 'big'));
    try {
      await exportBundle(library, bundle);
    } finally {
      await library.close();
    }
  });
  test.afterEach(async () => {
    await app?.close();
    app = undefined;
  });
  test.afterAll(async () => {
    await rm(temp, { recursive: true, force: true });
  });

  test('an export cancelled from its progress bar writes nothing', async () => {
    app = await openApp({ libraryDir: join(temp, 'big') });
    const { page } = app;
    await page.getByRole('button', { name: 'Export…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Export annotation bundle' });
    await expect(dialog.getByTestId('export-estimate')).toContainText('400 snapshots');
    const out = join(temp, 'exports');
    await mkdir(out);
    app.dialogs.nextSave = join(out, 'library.glossa');
    await dialog.getByRole('button', { name: 'Export…' }).click();
    const progress = dialog.getByRole('group', { name: 'Progress' });
    await progress.getByRole('button', { name: 'Cancel' }).click();
    await expect(dialog).toContainText('Export cancelled — nothing was written.');
    await expect(progress).toBeHidden();
    expect(await readdir(out)).toEqual([]);
    expect(app.problems).toEqual([]);
  });

  test('an import cancelled from its progress bar leaves the library as it was', async () => {
    const libraryDir = join(temp, 'empty');
    app = await openApp({ libraryDir });
    const { page } = app;
    await expect(page.getByRole('heading', { name: 'Your library is empty' })).toBeVisible();
    // Taken while the app holds the library's lock (a folder naming its holder), compared after it let go.
    const { '.lock/': _lock, '.lock/owner.json': _owner, ...before } = await hashTree(libraryDir);
    app.dialogs.nextOpen = [bundle];
    await page.getByRole('button', { name: 'Import bundle…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Import annotation bundle' });
    await expect(
      dialog
        .getByRole('row', { name: /^Snapshots/ })
        .getByRole('cell')
        .first(),
    ).toHaveText('400');
    await dialog.getByRole('button', { name: 'Import', exact: true }).click();
    await dialog.getByRole('group', { name: 'Progress' }).getByRole('button', { name: 'Cancel' }).click();
    await expect(dialog).toContainText('Import cancelled — nothing in your library changed.');
    expect(await page.evaluate(() => window.glossa.listSnapshots({}))).toHaveLength(0);
    await app.close();
    expect(await hashTree(libraryDir)).toEqual(before);
    expect(app.problems).toEqual([]);
  });
});
