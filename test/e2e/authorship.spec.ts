/**
 * Issue 16, authorship in the window: a name set in Settings signs the annotations tagged
 * after it; the side panel says who added the annotation and who changed it last, and the
 * annotation browser shows the author on its row.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import type {} from '../../renderer/glossa.js';
import { openApp, type App } from './harness.js';
import { BUDGET_ARTICLE, liveAnnotations, setName } from './library.helpers.js';
import { article, editor, fillField, selectByMouse } from './reader.helpers.js';

test.describe.serial('authorship', () => {
  let dir = '';
  let app: App;

  test.beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'glossa-authorship-'));
    app = await openApp({ libraryDir: join(dir, 'library'), settingsFile: join(dir, 'settings.json') });
  });
  test.afterAll(async () => {
    await app?.close();
    await rm(dir, { recursive: true, force: true });
  });

  test('the side panel shows who added an annotation and who changed it; the browser shows the author', async () => {
    const { page } = app;
    const snapshotId = await page.evaluate(async (text) => {
      const { snapshotId } = await window.glossa.importText({ text, title: 'Budget vote delayed again' });
      return snapshotId;
    }, BUDGET_ARTICLE);
    await setName(page, 'Ada Reporter');
    await page.evaluate((id) => (location.hash = `#/snapshot/${encodeURIComponent(id)}`), snapshotId);
    await expect(article(page)).toContainText('council postponed');

    const text = await page.evaluate((id) => window.glossa.openSnapshot({ id }).then((r) => r.text), snapshotId);
    const start = text.indexOf('We need about 12 more days');
    await selectByMouse(page, start, start + 'We need about 12 more days'.length);
    await page.keyboard.press('q');
    await expect(editor(page).getByLabel('Speaker', { exact: true })).toBeFocused();
    // The speaker is filled in from "the finance chair said" just after: Ada's own change is not named twice.
    await expect(editor(page).locator('.editor-authorship')).toHaveText(/^Added by Ada Reporter(, | · changed )\d/);
    await expect.poll(async () => (await liveAnnotations(page, snapshotId)).map((a) => a.createdBy)).toEqual([{ name: 'Ada Reporter' }]);

    // Someone else on this machine changes it: the panel names both.
    await page.keyboard.press('Escape');
    await setName(page, 'Ben Okafor');
    await page.locator('.annotation-list').getByRole('listitem').first().click();
    await fillField(page, 'Cue', 'said');
    await expect(editor(page).locator('.editor-authorship')).toHaveText(/^Added by Ada Reporter · changed by Ben Okafor, /);
    await expect
      .poll(async () => (await liveAnnotations(page, snapshotId)).map((a) => [a.createdBy?.name, a.modifiedBy?.name]))
      .toEqual([['Ada Reporter', 'Ben Okafor']]);

    await page.evaluate(() => (location.hash = '#/annotations'));
    const table = page.getByTestId('annotation-table');
    await expect(table.getByRole('columnheader', { name: 'By' })).toBeVisible();
    await expect(table.getByRole('row').filter({ hasText: 'We need about 12 more days' })).toContainText('Ben Okafor');
  });
});
