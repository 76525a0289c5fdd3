/**
 * Bundles from the window: export a scope with its size shown first, import into a second
 * library through the preview, a broken bundle refused with the library unchanged, a
 * conflict shown side by side and resolved (and undone), open-format exports (CSV with BOM, of the library and of a tag)
 * and an import from another tool; a bundle too large for any Glossa to import is refused in the dialog
 * before anything is written. Real libraries in temp folders; axe on the dialogs.
 */
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import type { Annotation } from '../../core/model/index.js';
import { hashTree } from '../core/bundle/library.js';
import { openApp, type App } from './harness.js';
import { BUDGET_ARTICLE, dumpLibrary } from './library.helpers.js';
import { readZipText } from './reader.keyboard.js';

const SHOTS = '/tmp/glossa';

const TRANSIT = ['Transit fares to rise', '', 'Bus fares will rise by 10 percent in March, the transit authority announced.'].join('\n');

async function audit(page: Page, where: string): Promise<void> {
  const { violations } = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'])
    .include('dialog[open]')
    .analyze();
  const bad = violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  expect(
    bad.map((v) => ({ rule: v.id, help: v.help, nodes: v.nodes.slice(0, 3).map((n) => n.target.join(' ')) })),
    `${where}: serious or critical accessibility violations`,
  ).toEqual([]);
}

/** Longer than the library's lazy index write (300 ms after the last change). */
const settle = () => new Promise((done) => setTimeout(done, 800));

test.describe.serial('bundles in the window', () => {
  let temp = '';
  let a: App;
  let b: App;
  let quoteId = '';
  let budgetId = '';

  test.beforeAll(async () => {
    temp = await mkdtemp(join(tmpdir(), 'glossa-bundles-'));
    await mkdir(SHOTS, { recursive: true });
    [a, b] = await Promise.all([openApp({ libraryDir: join(temp, 'a') }), openApp({ libraryDir: join(temp, 'b') })]);
    // Library A: two articles, a tagged quote, a claim and a figure.
    ({ quoteId, budgetId } = await a.page.evaluate(
      async ([budget, transit]) => {
        const g = window.glossa;
        const one = await g.importText({ text: budget!, title: 'Budget vote delayed again' });
        const two = await g.importText({ text: transit!, title: 'Transit fares to rise' });
        const { text } = await g.openSnapshot({ id: one.snapshotId });
        const at = (s: string) => ({ start: text.indexOf(s), end: text.indexOf(s) + s.length });
        const tag = (await g.createTag({ name: 'Budget' })).value.tag;
        const quote = await g.createAnnotation({ snapshotId: one.snapshotId, kind: 'quote', ...at('We need about 12 more days'), tags: [tag.id] });
        await g.createAnnotation({ snapshotId: one.snapshotId, kind: 'claim', ...at('postponed the vote') });
        await g.createAnnotation({ snapshotId: one.snapshotId, kind: 'figure', ...at('$40 million') });
        const { text: t2 } = await g.openSnapshot({ id: two.snapshotId });
        await g.createAnnotation({ snapshotId: two.snapshotId, kind: 'figure', start: t2.indexOf('10 percent'), end: t2.indexOf('10 percent') + 10 });
        return { quoteId: quote.value.id, budgetId: one.snapshotId };
      },
      [BUDGET_ARTICLE, TRANSIT],
    ));
    await a.page.reload();
  });

  test.afterAll(async () => {
    await Promise.all([a?.close(), b?.close()]);
    await rm(temp, { recursive: true, force: true });
  });

  test('export a tag: size and counts shown before anything is written', async () => {
    const { page } = a;
    await page.getByRole('button', { name: 'Export…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Export annotation bundle' });
    const estimate = dialog.getByTestId('export-estimate');
    await expect(estimate).toContainText('2 snapshots · 4 annotations');
    await dialog.getByRole('radio', { name: 'Annotations matching a search' }).check();
    await dialog.getByLabel('Words in the quoted text or comment').fill('million');
    await expect(estimate).toContainText('1 snapshot · 1 annotation');
    await dialog.getByRole('checkbox', { name: 'Claims' }).check();
    await expect(estimate).toContainText('Nothing to export');
    await expect(dialog.getByRole('button', { name: 'Export…' })).toBeDisabled();
    await dialog.getByRole('radio', { name: 'Annotations with a tag' }).check();
    await expect(estimate).toContainText('Choose a tag.');
    await expect(dialog.getByRole('button', { name: 'Export…' })).toBeDisabled();
    await dialog.getByLabel('Tag', { exact: true }).selectOption({ label: 'Budget' });
    await expect(estimate).toContainText('1 snapshot · 1 annotation');
    await expect(estimate).toContainText('tag “Budget”');
    const withOriginals = await dialog.getByTestId('export-size').textContent();
    expect(withOriginals).toMatch(/About \d/);
    await audit(page, 'export dialog');
    await page.screenshot({ path: join(SHOTS, 'bundles-export-dialog.png') });
    // Nothing asked of the file system yet: the size came first.
    expect(a.dialogs.asked).toEqual([]);

    const out = join(temp, 'budget-tag.glossa');
    a.dialogs.nextSave = out;
    await dialog.getByRole('button', { name: 'Export…' }).click();
    const result = dialog.getByRole('status');
    await expect(result).toContainText('Bundle written');
    await expect(result).toContainText(out);
    await expect(result).toContainText('1 snapshot, 1 annotation');
    const members = await readZipText(out);
    const manifest = JSON.parse(members.get('manifest.json')!);
    expect(manifest.scope.description).toBe('tag “Budget”');
    expect(manifest.counts).toMatchObject({ snapshots: 1, annotations: 1 });

    // The whole library, for the second library.
    await dialog.getByRole('radio', { name: 'Whole library' }).check();
    await expect(estimate).toContainText('2 snapshots · 4 annotations');
    a.dialogs.nextSave = join(temp, 'all.glossa');
    await dialog.getByRole('button', { name: 'Export…' }).click();
    await expect(dialog.getByRole('status')).toContainText('2 snapshots, 4 annotations');
    await dialog.getByRole('button', { name: 'Done' }).click();
    await expect(dialog).toBeHidden();
    expect(a.problems).toEqual([]);
  });

  test('import into a second library: preview first, then all of it', async () => {
    const { page } = b;
    await expect(page.getByRole('heading', { name: 'Your library is empty' })).toBeVisible();
    b.dialogs.nextOpen = [join(temp, 'all.glossa')];
    await page.getByRole('button', { name: 'Import bundle…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Import annotation bundle' });
    await expect(dialog).toContainText('Nothing has been written yet');
    const row = (name: string) => dialog.getByRole('row', { name: new RegExp(`^${name}`) }).getByRole('cell');
    await expect(row('Snapshots')).toHaveText(['2', '0', '0', '—']);
    await expect(row('Annotations')).toHaveText(['4', '0', '0', '0']);
    await expect(row('Tags')).toHaveText(['1', '0', '—', '—']);
    // The preview wrote nothing.
    expect(await page.evaluate(() => window.glossa.listSnapshots({}))).toHaveLength(0);
    await audit(page, 'import preview dialog');
    await page.screenshot({ path: join(SHOTS, 'bundles-import-preview.png') });

    await dialog.getByRole('button', { name: 'Import', exact: true }).click();
    const done = page.getByRole('dialog', { name: 'Bundle imported' });
    await expect(done.getByRole('status')).toContainText('2 snapshots added, 4 annotations added');
    await done.getByRole('button', { name: 'Done' }).click();
    await expect(page.getByRole('table').getByRole('row')).toHaveCount(3);
    const [mine, theirs] = await Promise.all([dumpLibrary(a.page), dumpLibrary(page)]);
    expect(theirs.snapshots.map((s) => [s.snapshot.id, s.text, s.annotations])).toEqual(mine.snapshots.map((s) => [s.snapshot.id, s.text, s.annotations]));
    expect(b.problems).toEqual([]);
  });

  test('a broken or hostile bundle is refused with a readable message and the library unchanged', async () => {
    const { page } = b;
    const whole = await readFile(join(temp, 'all.glossa'));
    const truncated = join(temp, 'truncated.glossa');
    await writeFile(truncated, whole.subarray(0, Math.floor(whole.length * 0.6)));
    // A member renamed to climb out of the bundle (same length, so the archive stays readable).
    const escaping = join(temp, 'escaping.glossa');
    await writeFile(escaping, Buffer.from(whole.toString('latin1').split('codebook.json').join('../odebook.js'), 'latin1'));
    // glossa.json is written lazily (300 ms after a change): let the last import's write land first.
    await settle();
    const before = await hashTree(b.libraryDir);
    for (const [file, reason] of [
      [truncated, 'nothing in your library changed'],
      [escaping, 'points outside the bundle'],
    ] as const) {
      b.dialogs.nextOpen = [file];
      await page.getByRole('button', { name: 'Import bundle…' }).click();
      const alert = page.getByRole('alert');
      await expect(alert).toContainText('Could not import the bundle');
      await expect(alert).toContainText(reason);
      await expect(alert).toContainText('BAD_BUNDLE');
      await expect(page.getByRole('dialog')).toHaveCount(0);
      await alert.getByRole('button', { name: 'Dismiss message' }).click();
      await expect(alert).toBeHidden();
    }
    await settle();
    expect(await hashTree(b.libraryDir)).toEqual(before);
  });

  test('the same annotation edited in both libraries: shown side by side, resolved, undone', async () => {
    const edit = (app: App, comment: string) =>
      app.page.evaluate(
        ([snapshotId, id, c]) => window.glossa.updateAnnotation({ snapshotId: snapshotId!, id: id!, patch: { comment: c } }),
        [budgetId, quoteId, comment],
      );
    await edit(a, 'Said at the committee, not the council.');
    await edit(b, 'Check the figure with the finance office.');
    a.dialogs.nextSave = join(temp, 'edited.glossa');
    await a.page.evaluate(() => window.glossa.exportBundleDialog({}));

    const { page } = b;
    b.dialogs.nextOpen = [join(temp, 'edited.glossa')];
    await page.getByRole('button', { name: 'Import bundle…' }).click();
    const preview = page.getByRole('dialog', { name: 'Import annotation bundle' });
    await expect(preview.getByRole('row', { name: /^Annotations/ }).getByRole('cell')).toHaveText(['0', '0', '3', '1']);
    await expect(preview).toContainText('nothing is overwritten');
    await preview.getByRole('button', { name: 'Import', exact: true }).click();
    await page.getByRole('dialog', { name: 'Bundle imported' }).getByRole('button', { name: 'Done' }).click();

    const banner = page.getByRole('region', { name: 'Conflicts' });
    await expect(banner).toContainText('1 annotation has two versions');
    await banner.getByRole('button', { name: 'Review conflicts…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Conflicting versions' });
    const conflict = dialog.getByRole('region', { name: /We need about 12 more days/ });
    await expect(conflict.getByRole('columnheader')).toHaveText(['Field', 'Shown now', 'Other version']);
    await expect(conflict.getByRole('row', { name: /^Comment/ }).getByRole('cell')).toHaveText([
      'Check the figure with the finance office.',
      'Said at the committee, not the council.',
    ]);
    await audit(page, 'conflicts dialog');
    await page.screenshot({ path: join(SHOTS, 'bundles-conflicts.png') });

    await conflict.getByRole('button', { name: 'Take other version' }).click();
    await expect(dialog.getByRole('status')).toContainText('the other version is now shown');
    await expect(dialog).toContainText('No conflicts left.');
    const comment = async () =>
      page.evaluate(
        async ([s, id]) => (await window.glossa.listAnnotations({ snapshotId: s! })).find((x: Annotation) => x.id === id)?.comment,
        [budgetId, quoteId],
      );
    expect(await comment()).toBe('Said at the committee, not the council.');
    expect(await page.evaluate(() => window.glossa.listConflicts({}))).toEqual([]);
    await dialog.getByRole('button', { name: 'Close' }).last().click();
    await expect(banner).toBeHidden();
    // Undo brings the conflict back: the text that was shown, the other version beside it.
    await page.getByRole('button', { name: 'Undo resolve conflict' }).click();
    await expect.poll(comment).toBe('Check the figure with the finance office.');
    await expect(banner).toContainText('1 annotation has two versions');
    const back = await page.evaluate(() => window.glossa.listConflicts({}));
    expect(back.map((c) => c.others.map((o) => o.comment))).toEqual([['Said at the committee, not the council.']]);
    // Keeping the version shown is undoable too.
    await banner.getByRole('button', { name: 'Review conflicts…' }).click();
    await conflict.getByRole('button', { name: 'Keep shown version' }).click();
    await expect(dialog.getByRole('status')).toContainText('kept the version shown');
    await dialog.getByRole('button', { name: 'Close' }).last().click();
    await expect(banner).toBeHidden();
    await page.getByRole('button', { name: 'Undo resolve conflict' }).click();
    await expect(banner).toContainText('1 annotation has two versions');
    expect(b.problems).toEqual([]);
  });

  test('open formats: CSV with a byte order mark, and W3C JSON-LD back in', async () => {
    const { page } = a;
    await page.getByRole('button', { name: 'Export…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Export annotation bundle' });
    await dialog.getByLabel('Format').selectOption({ label: 'CSV table' });
    await expect(dialog.getByTestId('export-estimate')).toContainText('2 snapshots · 4 annotations');
    await dialog.getByRole('checkbox', { name: 'Excel-friendly (BOM)' }).check();
    const csv = join(temp, 'annotations.csv');
    a.dialogs.nextSave = csv;
    await dialog.getByRole('button', { name: 'Export…' }).click();
    await expect(dialog.getByRole('status')).toContainText('CSV table written');
    const bytes = await readFile(csv);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const body = bytes.toString('utf8');
    expect(body.slice(1).startsWith('id,snapshotId,')).toBe(true);
    // One row per annotation (quoted cells may hold line breaks, so rows are counted by their id).
    expect(body.match(/^[0-9a-f-]{36},/gm)).toHaveLength(4);
    expect(body).toContain('We need about 12 more days');

    // The same scopes as bundles: only the annotations carrying a tag.
    await dialog.getByRole('radio', { name: 'Annotations with a tag' }).check();
    await dialog.getByLabel('Tag', { exact: true }).selectOption({ label: 'Budget' });
    await expect(dialog.getByTestId('export-estimate')).toContainText('1 snapshot · 1 annotation');
    const tagged = join(temp, 'budget.csv');
    a.dialogs.nextSave = tagged;
    await dialog.getByRole('button', { name: 'Export…' }).click();
    await expect(dialog.getByRole('status')).toContainText('CSV table written');
    const taggedRows = (await readFile(tagged, 'utf8')).match(/^[0-9a-f-]{36},/gm);
    expect(taggedRows).toEqual([`${quoteId},`]);
    await dialog.getByRole('radio', { name: 'Whole library' }).check();

    await dialog.getByLabel('Format').selectOption({ label: 'W3C Web Annotation (JSON-LD)' });
    const jsonld = join(temp, 'annotations.jsonld');
    a.dialogs.nextSave = jsonld;
    await dialog.getByRole('button', { name: 'Export…' }).click();
    await expect(dialog.getByRole('status')).toContainText('W3C Web Annotation (JSON-LD) written');
    await dialog.getByRole('button', { name: 'Done' }).click();

    b.dialogs.nextOpen = [jsonld];
    await b.page.getByRole('button', { name: 'Import from other tools…' }).click();
    const report = b.page.getByRole('dialog', { name: 'Imported W3C Web Annotations' });
    await expect(report.getByRole('status')).toContainText('annotations added');
    await report.getByRole('button', { name: 'Done' }).click();
    expect(a.problems).toEqual([]);
    expect(b.problems).toEqual([]);
  });
});

test('a bundle another Glossa would refuse to import: the dialog says why before anything is written, and open formats stay available', async () => {
  const temp = await mkdtemp(join(tmpdir(), 'glossa-bundle-limits-'));
  // Real libraries reach the file-count limit at ~66,000 snapshots; five files make it reachable here.
  const app = await openApp({ libraryDir: join(temp, 'library'), bundleLimits: { maxEntries: 5 } });
  try {
    const { page } = app;
    await page.evaluate((text) => window.glossa.importText({ text, title: 'Transit fares to rise' }), TRANSIT);
    await page.reload();
    await page.getByRole('button', { name: 'Export…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Export annotation bundle' });
    const alert = dialog.getByTestId('export-too-large');
    // Its record, text, article and original, and the eight bundle-wide files.
    await expect(alert).toContainText('This bundle would hold 12 files, more than the 5 Glossa accepts when importing one: export the library in parts');
    await expect(dialog.getByRole('button', { name: 'Export…' })).toBeDisabled();
    await page.screenshot({ path: join(SHOTS, 'export-too-large.png') });
    await audit(page, 'export dialog, bundle too large');
    // A CSV is not a bundle: nothing to refuse.
    await dialog.getByLabel('Format').selectOption('csv');
    await expect(alert).toBeHidden();
    await expect(dialog.getByRole('button', { name: 'Export…' })).toBeEnabled();
    expect(app.problems).toEqual([]);
  } finally {
    await app.close();
    await rm(temp, { recursive: true, force: true });
  }
});
