/**
 * Screenshots of the library, the reader with overlapping highlights, and the export
 * dialog. Tagging here goes through window.glossa directly (the skeleton spec covers doing
 * it by mouse); the point is how the result looks. A normal test run writes them under
 * test-results/ so the working tree stays clean; GLOSSA_UPDATE_SCREENSHOTS=1 refreshes
 * docs/screenshots/.
 */
import { existsSync, readFileSync } from 'node:fs';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { expect, test } from '@playwright/test';
import { openApp, REPO_ROOT, type App, SCREENSHOTS } from './harness.js';
import { article, editor, panelItems } from './reader.helpers.js';

const SHARED = resolve(REPO_ROOT, '../shared');
const ARTICLE = join(SHARED, 'fixtures', 'nypd-ice-2017.txt');
const GOLD = join(SHARED, 'fixtures', 'nypd-ice-2017.gold.json');

/** Short notes of our own, so the library shows more than one row. */
const NOTES = [
  {
    title: 'Council hearing: detainer requests, notes',
    text: 'Council hearing: detainer requests, notes\n\nCommittee on Public Safety, afternoon session. The department said it would publish the quarterly figures in March.\n\nFollow up with the legislative affairs office about the 2016 baseline.',
  },
  {
    title: 'Reader letter on sanctuary policy',
    text: 'Reader letter on sanctuary policy\n\nA reader writes that the city “ignored every request”, citing a television segment. Check against the council testimony before replying.',
  },
];

const present = existsSync(ARTICLE) && existsSync(GOLD);

test.describe('screenshots (skipped when ../shared/fixtures is absent)', () => {
  test.skip(!present, `needs the shared fixtures at ${SHARED} (not present on this machine)`);
  let temp = '';
  let app: App | undefined;

  test.beforeAll(async () => {
    temp = await mkdtemp(join(tmpdir(), 'glossa-shots-'));
    await mkdir(SCREENSHOTS, { recursive: true });
  });
  test.afterAll(async () => {
    await app?.close();
    await rm(temp, { recursive: true, force: true });
  });

  test('library, reader with overlapping highlights, export dialog', async () => {
    app = await openApp({ libraryDir: join(temp, 'library'), viewport: { width: 1360, height: 860 } });
    const { page } = app;
    await expect(page.getByRole('heading', { name: 'Your library is empty' })).toBeVisible();
    await page.screenshot({ path: join(SCREENSHOTS, 'library-empty.png') });

    for (const note of NOTES) await page.evaluate((n) => window.glossa.importText(n), note);
    await page.getByTestId('import-file-input').setInputFiles(ARTICLE);
    await expect(page.getByRole('region', { name: 'Import results' })).toContainText('Imported');
    const link = page.getByRole('table').getByRole('link', { name: /NYPD Ignored/ });
    const href = (await link.getAttribute('href')) ?? '';
    const snapshotId = decodeURIComponent(href.replace('#/snapshot/', ''));

    // Every gold item: direct and indirect quotes, figures and claims, several of them nested.
    const gold = JSON.parse(readFileSync(GOLD, 'utf8')) as { items: Record<string, unknown>[] };
    await page.evaluate(
      async ({ id, items }) => {
        for (const g of items) {
          const fields: Record<string, unknown> = {};
          for (const k of ['speaker', 'speakerRole', 'cue', 'value', 'unit', 'qualifier', 'measure', 'claimant']) if (g[k] !== undefined) fields[k] = g[k];
          if (g.kind === 'quote') fields.quoteType = g.type;
          await window.glossa.createAnnotation({ snapshotId: id, kind: g.kind as 'quote', start: g.start as number, end: g.end as number, fields });
        }
      },
      { id: snapshotId, items: gold.items },
    );
    await page.reload();
    await expect(page.getByRole('row', { name: /NYPD Ignored/ })).toContainText('6');
    await page.screenshot({ path: join(SCREENSHOTS, 'library.png') });

    await link.click();
    await expect(panelItems(page)).toHaveCount(gold.items.length);
    // Select the claim that holds two figures; an indirect quote with a figure inside follows it.
    await panelItems(page).filter({ hasText: 'The number of requests for 2017' }).getByRole('button').first().click();
    await expect(editor(page)).toBeVisible();
    await editor(page).getByLabel('Verdict', { exact: true }).selectOption('supported');
    await editor(page).getByLabel('Evidence note', { exact: true }).fill('1,526 / 80 = 19.1: “almost 20 times” holds.');
    await editor(page).getByLabel('Evidence note', { exact: true }).press('Control+Enter');
    await article(page).evaluate((el) => el.closest('.reader-scroll')?.scrollTo({ top: 0 }));
    await page.mouse.move(0, 0);
    await page.screenshot({ path: join(SCREENSHOTS, 'reader.png') });

    await page.getByRole('link', { name: 'Library', exact: true }).click();
    await page.getByRole('button', { name: 'Export…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Export annotation bundle' });
    await dialog.getByRole('radio', { name: /Selected snapshots/ }).check();
    await dialog.getByRole('checkbox', { name: /NYPD Ignored/ }).check();
    app.dialogs.nextSave = join(temp, 'nypd-ice-2017.glossa');
    await dialog.getByRole('button', { name: 'Export…' }).click();
    await expect(dialog.getByRole('status')).toContainText('Bundle written');
    await page.screenshot({ path: join(SCREENSHOTS, 'export-dialog.png') });
    expect(app.problems).toEqual([]);
  });
});
