/**
 * Figures tagged on an image, end to end in Chromium on a real library: the saved Bridge page
 * (with its picture in Bridge_files) is imported; an area of the picture is drawn with the
 * mouse and tagged, the whole picture is tagged from the keyboard, each figure's fields are
 * filled; both are stored with target.image, outlined again after a reload, and the exported
 * CSV carries the image columns.
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { parse } from 'csv-parse/sync';
import { expect, test, type Locator, type Page } from '@playwright/test';
import type { Annotation } from '../../core/model/index.js';
import { openApp, REPO_ROOT, type App } from './harness.js';
import { dumpLibrary, liveAnnotations } from './library.helpers.js';
import { article, editor, fillField } from './reader.helpers.js';
import { tabTo } from './reader.keyboard.js';

const PAGES = join(REPO_ROOT, 'test/fixtures/pages');
const ALT = 'Cars crossing the bridge';

test.describe('figures on images', () => {
  let temp = '';
  let app: App;

  test.beforeEach(async () => {
    temp = await mkdtemp(join(tmpdir(), 'glossa-e2e-figures-'));
    app = await openApp({ libraryDir: join(temp, 'library') });
  });
  test.afterEach(async () => {
    await app.close();
    await rm(temp, { recursive: true, force: true });
  });

  /** The reader's picture: its figure element, with the image drawn from the library. */
  async function openBridge(page: Page): Promise<Locator> {
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Library' }).click();
    await page.getByRole('link', { name: 'Bridge reopens after two years' }).first().click();
    const figure = article(page).locator('figure[data-image-hash]');
    await expect(figure.locator(`img[alt="${ALT}"]`)).toBeVisible();
    return figure;
  }

  const outlines = (figure: Locator) => figure.getByRole('button', { name: new RegExp(`^Figure \\d+ on ${ALT}`) });

  test('tag an area with the mouse and the whole picture from the keyboard; stored, shown after reload, exported', async () => {
    const { page } = app;
    await page.getByTestId('import-folder-input').setInputFiles(PAGES);
    await expect(page.getByRole('region', { name: 'Import results' })).toContainText('1 article imported');
    const figure = await openBridge(page);
    const hash = (await figure.getAttribute('data-image-hash'))!;
    const [{ snapshot }] = (await dumpLibrary(page)).snapshots as unknown as [{ snapshot: { id: string; images: { hash: string; offset: number }[] } }];
    const offset = snapshot.images.find((i) => i.hash === hash)!.offset;

    await test.step('draw an area over the picture and tag it', async () => {
      const box = (await figure.locator('img').boundingBox())!;
      await page.mouse.move(box.x + box.width * 0.1, box.y + box.height * 0.2);
      await page.mouse.down();
      await page.mouse.move(box.x + box.width * 0.5, box.y + box.height * 0.6, { steps: 3 });
      await page.mouse.move(box.x + box.width * 0.9, box.y + box.height * 0.9, { steps: 3 });
      await page.mouse.up();
      await expect(figure.getByTestId('figure-draft')).toBeVisible();
      await figure.getByRole('button', { name: 'Tag this area' }).click();
      await expect(editor(page)).toBeVisible();
      await fillField(page, 'Value', '48000');
      await fillField(page, 'Unit', 'vehicles');
      await expect(outlines(figure)).toHaveCount(1);
    });

    await test.step('tag the whole picture from the keyboard: Tab reaches its button, Enter on the picture tags it', async () => {
      await tabTo(page, figure.getByRole('button', { name: 'Tag figure' }), { back: true });
      await expect(figure.getByRole('button', { name: 'Tag figure' })).toBeFocused();
      const frame = figure.getByRole('group', { name: new RegExp(`^${ALT}: press Enter`) });
      await tabTo(page, frame, { back: true });
      await page.keyboard.press('Enter');
      await expect(outlines(figure)).toHaveCount(2);
      await expect(editor(page)).toBeVisible();
      await fillField(page, 'Value', '50');
      await fillField(page, 'Unit', 'years');
    });

    let stored: Annotation[] = [];
    await test.step('both are stored as figures on the image, with their fields', async () => {
      await expect
        .poll(async () =>
          (stored = (await liveAnnotations(page, snapshot.id)).filter((a) => a.target.image)).map((a) => [a.fields.value, a.fields.unit]).sort(),
        )
        .toEqual([
          [48000, 'vehicles'],
          [50, 'years'],
        ]);
      for (const a of stored) {
        expect(a.kind).toBe('figure');
        expect(a.target.position).toEqual({ type: 'TextPositionSelector', start: offset, end: offset });
        expect(a.target.quote.exact).toBe('');
        expect(a.target.image!.hash).toBe(hash);
      }
      const area = stored.find((a) => a.fields.value === 48000)!.target.image!.rect!;
      const whole = stored.find((a) => a.fields.value === 50)!.target.image!.rect;
      expect(whole).toBeNull();
      // Fractions of the drawn picture (4×2 pixels, so a pixel's worth of slack).
      for (const [got, want] of [
        [area.x, 0.1],
        [area.y, 0.2],
        [area.w, 0.8],
        [area.h, 0.7],
      ] as const)
        expect(Math.abs(got - want)).toBeLessThan(0.13);
      expect(area.x + area.w).toBeLessThanOrEqual(1);
      expect(area.y + area.h).toBeLessThanOrEqual(1);
    });

    await test.step('axe-core finds no serious or critical violation in the picture and its controls', async () => {
      const { violations } = await new AxeBuilder({ page })
        .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'])
        .include('figure[data-image-hash]')
        .analyze();
      expect(violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id}: ${v.help}`)).toEqual([]);
    });

    await test.step('an outline selects its figure; after a reload both are outlined again', async () => {
      const areaId = stored.find((a) => a.fields.value === 48000)!.id;
      const first = outlines(figure).filter({ hasText: '1' });
      await first.focus();
      await page.keyboard.press('Enter');
      await expect(first).toHaveAttribute('aria-pressed', 'true');
      await expect(editor(page).getByLabel('Value', { exact: true })).toHaveValue(String(stored.find((a) => a.id === areaId)!.fields.value));
      await page.reload();
      const again = await openBridge(page);
      await expect(outlines(again)).toHaveCount(2);
      await expect(outlines(again).first()).toHaveAccessibleName(/whole image|area/);
    });

    await test.step('the exported CSV has the image columns, filled', async () => {
      await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Library' }).click();
      await page.getByRole('button', { name: 'Export…' }).click();
      const dialog = page.getByRole('dialog', { name: 'Export annotation bundle' });
      await dialog.getByLabel('Format').selectOption({ label: 'CSV table' });
      const csv = join(temp, 'figures.csv');
      app.dialogs.nextSave = csv;
      await dialog.getByRole('button', { name: 'Export…' }).click();
      await expect(dialog.getByRole('status')).toContainText('CSV table written');
      const rows = parse(await readFile(csv, 'utf8'), { columns: true, bom: true }) as Record<string, string>[];
      expect(Object.keys(rows[0]!).slice(-5)).toEqual(['imageHash', 'imageX', 'imageY', 'imageW', 'imageH']);
      const byValue = new Map(rows.map((r) => [r.value, r]));
      expect(byValue.get('50')).toMatchObject({ kind: 'figure', exact: '', imageHash: hash, imageX: '', imageW: '', unit: 'years' });
      const area = stored.find((a) => a.fields.value === 48000)!.target.image!.rect!;
      expect(byValue.get('48000')).toMatchObject({
        imageHash: hash,
        imageX: String(area.x),
        imageY: String(area.y),
        imageW: String(area.w),
        imageH: String(area.h),
        unit: 'vehicles',
      });
    });
    expect(app.problems).toEqual([]);
  });
});
