/**
 * Managing the archive in the window, end to end on a real library: three articles deleted
 * with the keyboard (and the delete undone with Ctrl+Z), one restored from the trash, the
 * trash emptied after a question that says what goes, a .txt article's address and date
 * corrected in the details dialog and cited so in the Markdown report, a collection built by
 * drag and drop and used as a filter. Screenshots of the sidebar, the details dialog and the
 * trash: under test-results/ normally, into docs/screenshots/ with GLOSSA_UPDATE_SCREENSHOTS=1.
 */
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { openApp, type App, SCREENSHOTS } from './harness.js';
import { BUDGET_ARTICLE } from './library.helpers.js';
import { audit, count, searchBox } from './search.helpers.js';

const NOTES = [
  { title: 'Alpha: police budget hearing', text: 'Alpha: police budget hearing\n\nThe committee heard three hours of testimony on overtime.' },
  { title: 'Bravo: transit fares memo', text: 'Bravo: transit fares memo\n\nFares rise by 25 cents in July, the authority said.' },
  { title: 'Charlie: school closures brief', text: 'Charlie: school closures brief\n\nFour schools close in June; parents were told in a letter.' },
  { title: 'Delta: housing court notes', text: 'Delta: housing court notes\n\nEvictions filed in March were up 12% on a year earlier.' },
];
const BUDGET = 'Budget vote delayed again';

const table = (page: Page) => page.getByTestId('library-table');
const rows = (page: Page) => table(page).locator('tbody tr.vt-row');
const row = (page: Page, title: string) => rows(page).filter({ hasText: title });
const chosenRows = (page: Page) => table(page).locator('tbody tr[aria-selected="true"]');
const shelves = (page: Page) => page.getByRole('navigation', { name: 'Library shelves' });
const shelf = (page: Page, name: string) => shelves(page).getByRole('button', { name: new RegExp(`^${name}\\W+\\d+$`) });
const trashLink = (page: Page) => shelves(page).getByRole('link', { name: /^Trash\W+\d+$/ });
/** Notices from earlier steps would cover the screenshots. */
async function dismissMessages(page: Page) {
  const buttons = page.getByRole('button', { name: 'Dismiss message' });
  while ((await buttons.count()) > 0) await buttons.first().click();
}
/** Chooses a row without opening it: a click beside its title. */
const choose = (page: Page, title: string, modifiers: ('Shift' | 'ControlOrMeta')[] = []) => row(page, title).locator('td.col-source').click({ modifiers });

test.describe.serial('managing the archive', () => {
  let temp = '';
  let app: App;
  let budgetId = '';

  test.beforeAll(async () => {
    temp = await mkdtemp(join(tmpdir(), 'glossa-archive-'));
    await mkdir(SCREENSHOTS, { recursive: true });
    app = await openApp({ libraryDir: join(temp, 'library'), viewport: { width: 1360, height: 860 } });
    const { page } = app;
    const txt = join(temp, 'council-budget.txt');
    await writeFile(txt, BUDGET_ARTICLE);
    await page.getByTestId('import-file-input').setInputFiles(txt);
    await expect(row(page, BUDGET)).toHaveCount(1);
    for (const note of NOTES) await page.evaluate((n) => window.glossa.importText(n), note);
    await expect(rows(page)).toHaveCount(5);
    budgetId = await page.evaluate(async (title) => (await window.glossa.listSnapshots({})).find((r) => r.title === title)!.id, BUDGET);
    // An annotation on every note, so the trash has annotations to count.
    await page.evaluate(async () => {
      for (const r of await window.glossa.listSnapshots({}))
        if (r.captureMethod === 'paste') await window.glossa.createAnnotation({ snapshotId: r.id, kind: 'note', start: 0, end: 5, fields: {} });
    });
  });
  test.afterAll(async () => {
    await app?.close();
    await rm(temp, { recursive: true, force: true });
  });

  test('three articles deleted with the keyboard; Ctrl+Z brings them back and Ctrl+Shift+Z deletes them again', async () => {
    const { page } = app;
    await rows(page).first().getByRole('link').focus();
    await page.keyboard.press('Shift+ArrowDown');
    await page.keyboard.press('Shift+ArrowDown');
    await expect(chosenRows(page)).toHaveCount(3);
    const doomed = await chosenRows(page).locator('.vt-link').allTextContents();
    await expect(page.getByRole('toolbar', { name: 'Chosen articles' })).toContainText('3 articles chosen');
    await page.keyboard.press('Delete');
    await expect(page.getByRole('status').filter({ hasText: '3 articles moved to the trash' })).toBeVisible();
    await expect(rows(page)).toHaveCount(2);
    for (const title of doomed) await expect(row(page, title)).toHaveCount(0);
    await expect(trashLink(page)).toHaveText(/3$/);

    await page.keyboard.press('ControlOrMeta+z');
    await expect(rows(page)).toHaveCount(5);
    await expect(trashLink(page)).toHaveText(/0$/);
    await page.keyboard.press('ControlOrMeta+Shift+z');
    await expect(rows(page)).toHaveCount(2);
    const deleted = await page.evaluate(async () => (await window.glossa.listDeletedArticles({})).map((r) => r.title));
    expect(deleted.sort()).toEqual([...doomed].sort());
    // The .txt article is listed last (captured first), so it is never among the three.
    await expect(row(page, BUDGET)).toHaveCount(1);
  });

  test('the trash: one article restored; emptying it says what goes and removes the rest for good', async () => {
    const { page } = app;
    await trashLink(page).click();
    const trash = page.getByRole('table', { name: 'Deleted articles' });
    await expect(trash.locator('tbody tr')).toHaveCount(3);
    await expect(page.getByRole('list', { name: 'Deleted annotations' })).toHaveCount(0);
    await expect(page.getByRole('heading', { name: 'Deleted annotations' })).toBeVisible();
    await dismissMessages(page);
    await page.screenshot({ path: join(SCREENSHOTS, 'trash.png') });
    await audit(page, 'trash with deleted articles');

    const first = (await trash.locator('tbody tr td.trash-title').first().textContent())!;
    await trash.getByRole('button', { name: `Restore ${first}` }).click();
    await expect(trash.locator('tbody tr')).toHaveCount(2);
    await expect(trashLink(page)).toHaveText(/2$/);

    await page.getByRole('button', { name: 'Empty trash…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Empty the trash?' });
    await expect(dialog).toContainText('2 articles and 2 annotations will be removed for good');
    await expect(dialog).toContainText('This cannot be undone.');
    await audit(page, 'empty trash question');
    await dialog.getByRole('button', { name: 'Empty trash' }).click();
    await expect(dialog).toHaveCount(0);
    await expect(page.getByText('No deleted articles.')).toBeVisible();
    const left = await page.evaluate(async () => ({
      all: (await window.glossa.listSnapshots({})).map((r) => r.title),
      trash: await window.glossa.listDeletedArticles({}),
    }));
    expect(left.trash).toEqual([]);
    expect(left.all).toHaveLength(3);
    expect(left.all).toContain(first);

    await shelf(page, 'All articles').click();
    await expect(rows(page)).toHaveCount(3);
  });

  test('a .txt article’s address and date corrected in the details dialog reach the Markdown report', async () => {
    const { page } = app;
    await choose(page, BUDGET);
    await page.getByRole('toolbar', { name: 'Chosen articles' }).getByRole('button', { name: 'Edit details…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Article details' });
    // A wrong address is refused at its field, and nothing is written.
    await dialog.getByLabel('Source address', { exact: true }).fill('council minutes, p. 4');
    await dialog.getByLabel('Published', { exact: true }).fill('2025-03-14');
    await dialog.getByRole('button', { name: 'Save' }).click();
    await expect(dialog.getByRole('alert')).toContainText('source address is not valid');
    await expect(dialog.getByLabel('Source address', { exact: true })).toHaveAttribute('aria-invalid', 'true');
    expect(await page.evaluate((id) => window.glossa.articleDetails({ snapshotId: id }).then((d) => d.record?.meta ?? {}), budgetId)).toEqual({});

    await dialog.getByLabel('Source address', { exact: true }).fill('https://example.com/council/budget-vote');
    await dialog.getByLabel('Outlet', { exact: true }).fill('City Desk');
    await dialog.getByRole('textbox', { name: 'Author 1' }).fill('Ana Ruiz');
    await dialog.getByRole('button', { name: 'Add author' }).click();
    await dialog.getByRole('textbox', { name: 'Author 2' }).fill('Ben Okafor');
    await dialog.getByRole('button', { name: 'Save' }).click();
    await expect(dialog).toHaveCount(0);
    await expect(row(page, BUDGET).locator('td.col-source')).toHaveText('City Desk');

    // Opened again: the captured values beside the corrections, and the history.
    await dismissMessages(page);
    await page.getByRole('toolbar', { name: 'Chosen articles' }).getByRole('button', { name: 'Edit details…' }).click();
    await expect(dialog.getByLabel('Source address', { exact: true })).toHaveValue('https://example.com/council/budget-vote');
    const field = (label: string) => dialog.locator('.field').filter({ has: page.getByLabel(label, { exact: true }) });
    await expect(field('Source address')).toContainText('captured: (none)');
    await expect(field('Published')).toContainText('captured:');
    await expect(dialog.getByRole('button', { name: /^Revert .* to the captured value$/ })).toHaveCount(4);
    await expect(dialog.getByRole('list', { name: 'Changes to the details' }).getByRole('listitem')).toHaveCount(4);
    await page.mouse.move(0, 0);
    await page.screenshot({ path: join(SCREENSHOTS, 'metadata-editor.png') });
    await audit(page, 'details dialog');
    await dialog.getByRole('button', { name: 'Revert Outlet to the captured value' }).click();
    await expect(row(page, BUDGET).locator('td.col-source')).not.toHaveText('City Desk');
    await dialog.getByRole('button', { name: 'Cancel' }).click();

    const report = join(temp, 'report.md');
    app.dialogs.nextSave = report;
    const out = await page.evaluate(() => window.glossa.exportFormatDialog({ format: 'md' }));
    expect(out.cancelled).toBe(false);
    const md = await readFile(report, 'utf8');
    const budget = md.slice(md.indexOf(`# ${BUDGET}`));
    expect(budget).toContain('<https://example.com/council/budget-vote>');
    expect(budget).toMatch(/Ruiz.*Okafor.*\(2025-0?3-14\)/);
    expect(budget).not.toContain('City Desk');
  });

  test('a collection built by drag and drop filters the list; a sub-collection nests under it', async () => {
    const { page } = app;
    await shelves(page).getByRole('button', { name: 'New collection' }).click();
    const naming = page.getByRole('dialog', { name: 'New collection' });
    await naming.getByLabel('Name').fill('Council beat');
    await naming.getByRole('button', { name: 'Create' }).click();
    await expect(shelf(page, 'Council beat')).toHaveAttribute('aria-current', 'true');
    await expect(page.getByText('No articles in this collection yet.')).toBeVisible();

    await shelf(page, 'All articles').click();
    await expect(rows(page)).toHaveCount(3);
    const titles = await rows(page).locator('.vt-link').allTextContents();
    const [a, b, c] = titles as [string, string, string];
    await choose(page, a);
    await choose(page, c, ['ControlOrMeta']);
    await expect(chosenRows(page)).toHaveCount(2);
    await row(page, a).dragTo(shelf(page, 'Council beat'));
    await expect(page.getByRole('status').filter({ hasText: '2 articles added to “Council beat”' })).toBeVisible();
    await expect(shelf(page, 'Council beat')).toHaveText(/2$/);
    await expect(shelf(page, 'Unfiled')).toHaveText(/1$/);

    await shelf(page, 'Council beat').click();
    await expect(rows(page)).toHaveCount(2);
    await expect(row(page, b)).toHaveCount(0);
    await page.getByRole('group', { name: 'Collection “Council beat”' }).getByRole('button', { name: 'New sub-collection' }).click();
    const sub = page.getByRole('dialog', { name: 'New collection in “Council beat”' });
    await sub.getByLabel('Name').fill('Hearings');
    await sub.getByRole('button', { name: 'Create' }).click();
    await expect(shelf(page, 'Hearings')).toHaveAttribute('aria-current', 'true');
    // The keyboard path: choose, "Add to collection…", pick.
    await shelf(page, 'All articles').click();
    await choose(page, b);
    await page.getByRole('toolbar', { name: 'Chosen articles' }).getByRole('button', { name: 'Add to collection…' }).click();
    const picker = page.getByRole('dialog', { name: 'Add 1 article to a collection' });
    await picker.getByLabel('Collection').selectOption({ label: 'Council beat › Hearings' });
    await picker.getByRole('button', { name: 'Add' }).click();
    await expect(shelf(page, 'Hearings')).toHaveText(/1$/);
    // A collection shows what its sub-collections hold.
    await expect(shelf(page, 'Council beat')).toHaveText(/3$/);
    await expect(shelf(page, 'Unfiled')).toHaveText(/0$/);
    await shelf(page, 'Council beat').click();
    await expect(rows(page)).toHaveCount(3);
    await choose(page, a);
    await page.mouse.move(0, 0);
    await dismissMessages(page);
    await page.screenshot({ path: join(SCREENSHOTS, 'library-sidebar.png') });
    await audit(page, 'library with collections and a choice');

    const stored = await page.evaluate(async () => {
      const collections = await window.glossa.listCollections({});
      const rows = await window.glossa.listSnapshots({});
      return rows.map((r) => ({ title: r.title, in: (r.article?.collections ?? []).map((id) => collections.find((c) => c.id === id)?.name) }));
    });
    expect(stored.find((r) => r.title === a)?.in).toEqual(['Council beat']);
    expect(stored.find((r) => r.title === c)?.in).toEqual(['Council beat']);
    expect(stored.find((r) => r.title === b)?.in).toEqual(['Hearings']);

    // A search with a collection chosen searches that collection and the ones under it.
    const word = (title: string) => title.split(/[:\s]/)[0]!;
    await shelf(page, 'Hearings').click();
    await searchBox(page).fill(word(a));
    await expect(count(page, 'Articles')).toHaveText('0');
    await expect(page.getByText('No article matches.')).toBeVisible();
    await searchBox(page).fill(word(b));
    await expect(page.locator('.hit-link', { hasText: b })).toBeVisible();
    await shelf(page, 'Council beat').click();
    await searchBox(page).fill(word(a));
    await expect(page.locator('.hit-link', { hasText: a })).toBeVisible();
    await searchBox(page).fill('');
    expect(app.problems).toEqual([]);
  });
});
