/**
 * Issue 2's walking skeleton, end to end in Chromium on a real temp library: import the
 * sample article through the UI, select the gold direct quotes and figures with the mouse,
 * tag and fill them, undo/redo/delete, reload, restart, export, import into a fresh
 * library, and compare both libraries record for record.
 */
import { existsSync, readFileSync } from 'node:fs';
import { mkdir, mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { FIELDS_BY_KIND, type Annotation, type AnnotationFields } from '../../core/model/index.js';
import { snapToWords } from '../../core/text/words.js';
import { openApp, REPO_ROOT, type App } from './harness.js';
import { dumpLibrary, liveAnnotations } from './library.helpers.js';
import type { GoldItem } from '../shared-fixtures.js';
import { article, chooseField, editor, fillField, panelItems, selectByMouse } from './reader.helpers.js';

const SHARED = resolve(REPO_ROOT, '../shared');
const ARTICLE = join(SHARED, 'fixtures', 'nypd-ice-2017.txt');
const GOLD = join(SHARED, 'fixtures', 'nypd-ice-2017.gold.json');

/** The fields a gold item asks for, as the annotation should store them. */
function goldFields(item: GoldItem): Partial<AnnotationFields> {
  if (item.kind === 'quote') return { speaker: item.speaker, speakerRole: item.speakerRole, quoteType: item.type, cue: item.cue };
  return { value: item.value, unit: item.unit, qualifier: item.qualifier ?? null, measure: item.measure };
}

/** Compares a stored annotation's kind fields with the expected ones (absent = null). */
function storedFields(a: Annotation): Partial<AnnotationFields> {
  return Object.fromEntries(FIELDS_BY_KIND[a.kind].map((k) => [k, a.fields[k] ?? null]));
}
const withNulls = (kind: Annotation['kind'], fields: Partial<AnnotationFields>) => Object.fromEntries(FIELDS_BY_KIND[kind].map((k) => [k, fields[k] ?? null]));

const present = existsSync(ARTICLE) && existsSync(GOLD);
if (!present) console.warn(`[e2e] skeleton.spec skipped: the shared fixtures are not at ${SHARED}`);

test.describe('walking skeleton (skipped when ../shared/fixtures is absent)', () => {
  test.skip(!present, `needs the shared fixtures at ${SHARED} (not present on this machine)`);

  let temp = '';
  const apps: App[] = [];
  const launch = async (libraryDir: string) => {
    const app = await openApp({ libraryDir });
    apps.push(app);
    return app;
  };

  test.beforeAll(async () => {
    temp = await mkdtemp(join(tmpdir(), 'glossa-e2e-'));
  });
  test.afterAll(async () => {
    for (const app of apps) await app.close();
    await rm(temp, { recursive: true, force: true });
  });

  test('capture, tag by mouse and keyboard, reload, restart, export and import', async () => {
    test.setTimeout(150_000);
    const text = readFileSync(ARTICLE, 'utf8');
    const gold = (JSON.parse(readFileSync(GOLD, 'utf8')) as { items: GoldItem[] }).items;
    const quotes = gold.filter((g) => g.kind === 'quote' && g.type === 'direct');
    const figures = gold.filter((g) => g.kind === 'figure');
    const wanted = [...quotes, ...figures].sort((a, b) => a.start - b.start);
    expect(quotes).toHaveLength(3);
    expect(figures).toHaveLength(7);

    const libA = join(temp, 'library-a');
    let app = await launch(libA);
    let page = app.page;
    let snapshotId = '';

    await test.step('import the sample article through the file input', async () => {
      await expect(page.getByRole('heading', { name: 'Your library is empty' })).toBeVisible();
      await page.getByTestId('import-file-input').setInputFiles(ARTICLE);
      await expect(page.getByRole('region', { name: 'Import results' })).toContainText('nypd-ice-2017.txt');
      await expect(page.getByRole('region', { name: 'Import results' })).toContainText('Imported');
      const link = page.getByRole('table').getByRole('link', { name: 'NYPD Ignored More than 1,500 Federal Requests to Detain Immigrants in 2017' });
      await expect(link).toBeVisible();
      // Importing the same file again finds it instead of copying it.
      await page.getByTestId('import-file-input').setInputFiles(ARTICLE);
      await expect(page.getByRole('region', { name: 'Import results' })).toContainText('Already in library');
      await expect(page.getByRole('table').getByRole('row')).toHaveCount(2);
      await link.click();
      await expect(article(page)).toContainText('New York City police got 1,526 requests');
      snapshotId = decodeURIComponent(new URL(page.url()).hash.replace('#/snapshot/', ''));
      // The reader renders exactly the canonical text the offsets refer to.
      const canonical = await page.evaluate((id) => window.glossa.openSnapshot({ id }).then((r) => r.text), snapshotId);
      expect(canonical).toBe(text);
    });

    await test.step('tag the three direct quotes with the mouse and Q, and fill them in', async () => {
      for (const q of quotes) {
        const snapped = snapToWords(text, q.start, q.end);
        const alt = snapped.start !== q.start || snapped.end !== q.end;
        const selected = await selectByMouse(page, q.start, q.end, { alt });
        expect(selected).toBe(q.exact);
        await page.keyboard.press('q');
        await expect(editor(page).getByLabel('Speaker', { exact: true })).toBeFocused();
        await fillField(page, 'Speaker', q.speaker!);
        await fillField(page, 'Role', q.speakerRole!);
        await chooseField(page, 'Quote type', 'direct');
        await fillField(page, 'Cue', q.cue!, 'Enter');
        await expect(article(page)).toBeFocused();
      }
      await expect(panelItems(page)).toHaveCount(3);
    });

    await test.step('tag the seven figures with F', async () => {
      for (const f of figures) {
        const snapped = snapToWords(text, f.start, f.end);
        const alt = snapped.start !== f.start || snapped.end !== f.end;
        expect(await selectByMouse(page, f.start, f.end, { alt })).toBe(f.exact);
        await page.keyboard.press('f');
        await expect(editor(page).getByLabel('Value', { exact: true })).toBeFocused();
        await fillField(page, 'Value', String(f.value));
        await fillField(page, 'Unit', f.unit!);
        if (f.qualifier) await fillField(page, 'Qualifier', f.qualifier);
        await fillField(page, 'Measure', f.measure!, 'Enter');
      }
      await expect(panelItems(page)).toHaveCount(10);
    });

    const expectGoldStored = async (p: Page) => {
      await expect
        .poll(async () =>
          (await liveAnnotations(p, snapshotId)).map((a) => ({
            kind: a.kind,
            start: a.target.position.start,
            end: a.target.position.end,
            exact: a.target.quote.exact,
            fields: storedFields(a),
          })),
        )
        .toEqual(wanted.map((g) => ({ kind: g.kind, start: g.start, end: g.end, exact: g.exact, fields: withNulls(g.kind, goldFields(g)) })));
    };

    await test.step('every stored annotation has the gold offsets, text and fields', async () => {
      await expectGoldStored(page);
      for (const a of await liveAnnotations(page, snapshotId)) expect(text.slice(a.target.position.start, a.target.position.end)).toBe(a.target.quote.exact);
    });

    await test.step('undo, redo and delete on an eleventh, throwaway annotation', async () => {
      const start = text.indexOf('decided to ignore them all');
      const end = start + 'decided to ignore them all'.length;
      await selectByMouse(page, start, end);
      await page.keyboard.press('c');
      await expect(panelItems(page)).toHaveCount(11);
      await fillField(page, 'Claimant', 'Throwaway', 'Enter');
      const claim = async () => (await liveAnnotations(page, snapshotId)).find((a) => a.kind === 'claim');
      await expect.poll(async () => (await claim())?.fields.claimant).toBe('Throwaway');

      const undo = page.getByRole('group', { name: 'History' }).getByRole('button', { name: /^Undo/ });
      const redo = page.getByRole('group', { name: 'History' }).getByRole('button', { name: /^Redo/ });
      await expect(undo).toHaveText('Undo edit claim');
      await page.keyboard.press('Control+z');
      await expect.poll(async () => (await claim())?.fields.claimant ?? null).toBeNull();
      await expect(undo).toHaveText('Undo tag claim');
      await expect(redo).toHaveText('Redo edit claim');
      await undo.click();
      await expect(panelItems(page)).toHaveCount(10);
      await expect.poll(claim).toBeUndefined();
      await expect(redo).toHaveText('Redo tag claim');
      await page.keyboard.press('Control+Shift+z');
      await expect(panelItems(page)).toHaveCount(11);
      await page.keyboard.press('Control+y');
      await expect.poll(async () => (await claim())?.fields.claimant).toBe('Throwaway');
      await expect(redo).toHaveText('Redo');
      await expect(redo).toBeDisabled();

      // Delete with the key (focus on the list item, not in a field), undo it, delete with the button.
      await panelItems(page).filter({ hasText: 'Throwaway' }).getByRole('button', { expanded: true }).focus();
      await page.keyboard.press('Delete');
      await expect(panelItems(page)).toHaveCount(10);
      await expect(undo).toHaveText('Undo delete claim');
      await page.keyboard.press('Control+z');
      await expect(panelItems(page)).toHaveCount(11);
      await editor(page).getByRole('button', { name: 'Delete claim' }).click();
      await expect(panelItems(page)).toHaveCount(10);
      await expect.poll(claim).toBeUndefined();
      await expectGoldStored(page);
    });

    await test.step('reload the page on the same library: all ten are there', async () => {
      await page.reload();
      await expect(panelItems(page)).toHaveCount(10);
      await expectGoldStored(page);
    });

    await test.step('quit and start again on the same library folder: all ten are there', async () => {
      await app.close();
      app = await launch(libA);
      page = app.page;
      const row = page.getByRole('row', { name: /NYPD Ignored/ });
      await expect(row.getByRole('cell')).toHaveText([
        'NYPD Ignored More than 1,500 Federal Requests to Detain Immigrants in 2017',
        'nypd-ice-2017.txt',
        /\d{4}/,
        /\d+/,
        '3',
        '0',
        '7',
      ]);
      await row.getByRole('link').click();
      await expect(panelItems(page)).toHaveCount(10);
      await expectGoldStored(page);
    });

    const bundle = join(temp, 'out', 'nypd.glossa');
    await test.step('export a bundle through the export dialog', async () => {
      await page.getByRole('link', { name: 'Library', exact: true }).click();
      await page.getByRole('button', { name: 'Export…' }).click();
      const dialog = page.getByRole('dialog', { name: 'Export annotation bundle' });
      await expect(dialog).toContainText('1 snapshot · 10 annotations (3 quotes, 0 claims, 7 figures)');
      await mkdir(join(temp, 'out'), { recursive: true });
      app.dialogs.nextSave = bundle;
      await dialog.getByRole('button', { name: 'Export…' }).click();
      await expect(dialog.getByRole('status')).toContainText('Bundle written');
      await expect(dialog.getByRole('status')).toContainText(bundle);
      expect((await stat(bundle)).size).toBeGreaterThan(0);
      expect(app.dialogs.asked.at(-1)).toMatchObject({ kind: 'save' });
      await dialog.getByRole('button', { name: 'Done' }).click();
      await expect(dialog).toBeHidden();
    });

    await test.step('import the bundle into a fresh library: identical snapshots and annotations', async () => {
      const appB = await launch(join(temp, 'library-b'));
      await expect(appB.page.getByRole('heading', { name: 'Your library is empty' })).toBeVisible();
      appB.dialogs.nextOpen = [bundle];
      await appB.page.getByRole('button', { name: 'Import bundle…' }).click();
      // The bundle is previewed first; nothing is written until Import.
      const preview = appB.page.getByRole('dialog', { name: 'Import annotation bundle' });
      await preview.getByRole('button', { name: 'Import', exact: true }).click();
      await expect(appB.page.getByRole('status').filter({ hasText: 'Bundle imported' }).first()).toContainText('1 snapshot added, 10 annotations added');
      await expect(appB.page.getByRole('table').getByRole('link', { name: /NYPD Ignored/ })).toBeVisible();
      const a = await dumpLibrary(page);
      const b = await dumpLibrary(appB.page);
      expect(b.snapshots.map((s) => s.snapshot.id)).toEqual(a.snapshots.map((s) => s.snapshot.id));
      expect(b).toEqual(a);
      // The throwaway claim travelled as a tombstone; ten live annotations on both sides.
      expect(b.snapshots[0]!.annotations.filter((x) => !x.deletedAt)).toHaveLength(10);
      expect(appB.problems).toEqual([]);
    });

    expect(app.problems).toEqual([]);
  });
});
