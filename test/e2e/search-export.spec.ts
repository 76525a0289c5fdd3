/**
 * "Export these…" in the annotation browser: the export dialog opens on the browser's search
 * (its scope says the query), and a CSV exported from it holds exactly the annotations the
 * browser shows, no more (another speaker's quote, a claim, a deleted quote) and no fewer.
 * A real library in a temp folder with the app's real search index.
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { expect, test } from '@playwright/test';
import { openApp, type App } from './harness.js';

const QUERY = 'kind:quote speaker:"Ann Harbour"';

const ARTICLES = [
  {
    title: 'Ferry resumes',
    text: 'Ferry resumes\n\n“The ferry will run again on Sunday,” said Ann Harbour. It carried 212 passengers a day, the office claimed.',
  },
  {
    title: 'Budget vote',
    text: 'Budget vote\n\n“We balanced the budget, again,” said Ann Harbour. “Not quite,” said the council clerk. “A record”, she added.',
  },
  { title: 'Weather', text: 'Weather\n\n“Rain all week,” said the forecaster.' },
];

test.describe.serial('exporting the annotation browser’s search', () => {
  let temp = '';
  let app: App;
  let expected: string[] = [];

  test.beforeAll(async () => {
    temp = await mkdtemp(join(tmpdir(), 'glossa-search-export-'));
    app = await openApp({ libraryDir: join(temp, 'library') });
    expected = await app.page.evaluate(async (articles) => {
      const g = window.glossa;
      const ids: Record<string, string> = {};
      const at = (text: string, s: string) => ({ start: text.indexOf(s), end: text.indexOf(s) + s.length });
      const snaps = [];
      for (const a of articles) {
        const { snapshotId } = await g.importText({ text: a.text, title: a.title });
        snaps.push({ id: snapshotId, text: (await g.openSnapshot({ id: snapshotId })).text });
      }
      const [ferry, budget, weather] = snaps as [(typeof snaps)[0], (typeof snaps)[0], (typeof snaps)[0]];
      const quote = async (snap: typeof ferry, words: string, speaker: string) =>
        (await g.createAnnotation({ snapshotId: snap.id, kind: 'quote', ...at(snap.text, words), fields: { speaker } })).value.id;
      ids.ferry = await quote(ferry, '“The ferry will run again on Sunday,”', 'Ann Harbour');
      ids.budget = await quote(budget, '“We balanced the budget, again,”', 'ann harbour');
      await quote(budget, '“Not quite,”', 'Council clerk');
      const gone = await quote(budget, '“A record”', 'Ann Harbour');
      await g.deleteAnnotation({ snapshotId: budget.id, id: gone });
      await quote(weather, '“Rain all week,”', 'The forecaster');
      await g.createAnnotation({
        snapshotId: ferry.id,
        kind: 'claim',
        ...at(ferry.text, 'It carried 212 passengers a day'),
        fields: { claimant: 'Ann Harbour' },
      });
      return [ids.ferry, ids.budget];
    }, ARTICLES);
    await app.page.reload();
  });

  test.afterAll(async () => {
    await app?.close();
    await rm(temp, { recursive: true, force: true });
  });

  test('"Export these…" exports exactly the browsed annotations as CSV', async () => {
    const { page } = app;
    await page.evaluate((q) => (window.location.hash = `#/annotations/${encodeURIComponent(q)}`), QUERY);
    const box = page.getByRole('searchbox', { name: 'Search the annotations' });
    await expect(box).toHaveValue(QUERY);
    const table = page.getByTestId('annotation-table').getByRole('table');
    await expect(table).toHaveAttribute('aria-rowcount', String(expected.length + 1));
    // What the browser shows, read from its rows' links to the reader.
    const shown = await table
      .locator('tbody tr.vt-row .vt-link')
      .evaluateAll((links) => links.map((l) => decodeURIComponent(l.getAttribute('href')!.split('/a/')[1]!)));
    expect(shown.sort()).toEqual([...expected].sort());

    await page.getByRole('button', { name: 'Export these…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Export annotation bundle' });
    await expect(dialog.getByRole('radio', { name: `Annotations matching “${QUERY}”` })).toBeChecked();
    await dialog.getByLabel('Format').selectOption('csv');
    await expect(dialog.getByTestId('export-counts')).toHaveText('2 snapshots · 2 annotations');
    await expect(dialog.locator('.estimate-scope')).toHaveText(`annotations matching “${QUERY}”`);

    const path = join(temp, 'ann-harbour.csv');
    app.dialogs.nextSave = path;
    await dialog.getByRole('button', { name: 'Export…' }).click();
    await expect(dialog.getByText(path)).toBeVisible();
    const rows = parse(await readFile(path, 'utf8'), { columns: true, bom: true }) as Record<string, string>[];
    expect(rows.map((r) => r.id).sort()).toEqual(shown.sort());
    expect(rows.map((r) => r.speaker).sort()).toEqual(['Ann Harbour', 'ann harbour']);

    // The person can still choose another scope: the whole library is every live annotation.
    await dialog.getByRole('radio', { name: 'Whole library' }).check();
    await expect(dialog.getByTestId('export-counts')).toContainText('3 snapshots · 5 annotations (4 quotes, 1 claim');
    await dialog.getByRole('radio', { name: `Annotations matching “${QUERY}”` }).check();
    await expect(dialog.getByTestId('export-counts')).toHaveText('2 snapshots · 2 annotations');
    expect(app.problems).toEqual([]);
  });
});
