/**
 * Issue 4, end to end in Chromium on a real temp library, from the keyboard alone: import the
 * sample article, reach it with Tab, then for every item of the gold file find the passage
 * with /, tag it with Q, C or F, and fill its fields (speakers picked from or added to the
 * registry, figure values prefilled from the text). Every stored annotation must equal the
 * gold item, the speaker page must list what each person said, and the CSV of an exported
 * bundle must match the gold file field for field.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { parse } from 'csv-parse/sync';
import { FIELDS_BY_KIND, type Annotation } from '../../core/model/index.js';
import { HAVE_NYPD, loadGold, NYPD_TXT, SHARED, type GoldItem } from '../shared-fixtures.js';
import { liveAnnotations, useTempLibrary } from './library.helpers.js';
import { article, panelItems } from './reader.helpers.js';
import { editorField, findAndSelect, goldCell, queryFor, readZipText, tabTo } from './reader.keyboard.js';

const KEY = { quote: 'q', claim: 'c', figure: 'f' } as const;
const TITLE = 'NYPD Ignored More than 1,500 Federal Requests to Detain Immigrants in 2017';

/** The annotation fields a gold item asks for (absent = null), by the model's field names. */
function goldFields(g: GoldItem): Record<string, unknown> {
  return Object.fromEntries(FIELDS_BY_KIND[g.kind].map((f) => [f, goldCell(g, f) === '' ? null : f === 'value' ? g.value : goldCell(g, f)]));
}
const storedFields = (a: Annotation) => Object.fromEntries(FIELDS_BY_KIND[a.kind].map((f) => [f, a.fields[f] ?? null]));

test.describe('annotation workbench, keyboard only (skipped when ../shared/fixtures is absent)', () => {
  test.skip(!HAVE_NYPD, `needs the shared fixtures at ${SHARED}`);
  const lib = useTempLibrary('glossa-workbench-');

  test('every gold item of the sample, tagged from the keyboard, and the exported CSV matches the gold file', async () => {
    test.setTimeout(120_000);
    const { page } = lib.app;
    const text = readFileSync(NYPD_TXT, 'utf8');
    const gold = loadGold();
    let snapshotId = '';

    await test.step('import the article and open it with Tab and Enter', async () => {
      await expect(page.getByRole('heading', { name: 'Your library is empty' })).toBeVisible();
      // Listening before the first key: Playwright starts intercepting file choosers when the
      // listener is added, and a chooser opened before that is never reported (the test would
      // then wait out its whole timeout). A bounded wait names this step if it still happens.
      const chooser = page.waitForEvent('filechooser', { timeout: 15_000 });
      await tabTo(page, page.getByRole('button', { name: /^Import files/ }).first());
      await page.keyboard.press('Enter');
      await (await chooser).setFiles(NYPD_TXT);
      const link = page.getByRole('table').getByRole('link', { name: TITLE });
      await expect(link).toBeVisible();
      await tabTo(page, link);
      await page.keyboard.press('Enter');
      await expect(article(page)).toContainText('New York City police got 1,526 requests');
      snapshotId = decodeURIComponent(new URL(page.url()).hash.replace('#/snapshot/', ''));
      await tabTo(page, article(page));
    });

    const registered = new Set<string>();
    for (const g of gold) {
      await test.step(`${g.kind} “${g.exact.slice(0, 40)}”`, async () => {
        await findAndSelect(page, text, queryFor(g.exact), g);
        await expect(article(page)).toBeFocused();
        await page.keyboard.press(KEY[g.kind]);

        if (g.kind === 'quote') {
          const speaker = editorField(page, 'Speaker');
          await expect(speaker).toBeFocused();
          if (registered.has(g.speaker!)) {
            // A registered speaker: a few letters, the registry offers them, Enter picks.
            await page.keyboard.type(g.speaker!.split(' ')[0]!.slice(0, 4));
            await expect(page.getByRole('option', { name: new RegExp(g.speaker!) }).first()).toHaveAttribute('aria-selected', 'true');
            await page.keyboard.press('Enter');
            await expect(speaker).toHaveValue(g.speaker!);
          } else {
            await page.keyboard.type(g.speaker!);
            registered.add(g.speaker!);
          }
          await page.keyboard.press('Tab');
          await expect(editorField(page, 'Role')).toBeFocused();
          if (g.speakerRole) await page.keyboard.type(g.speakerRole);
          await page.keyboard.press('Tab');
          await expect(editorField(page, 'Quote type')).toBeFocused();
          await page.keyboard.press(g.type === 'direct' ? 'd' : 'i');
          await expect(editorField(page, 'Quote type')).toHaveValue(g.type!);
          await page.keyboard.press('Tab');
          await expect(editorField(page, 'Cue')).toBeFocused();
          await page.keyboard.type(g.cue!);
          await page.keyboard.press('Enter');
        } else if (g.kind === 'figure') {
          // Value, unit and qualifier come from the text itself.
          await expect(editorField(page, 'Value')).toBeFocused();
          await expect(editorField(page, 'Value')).toHaveValue(String(g.value));
          await expect(editorField(page, 'Unit')).toHaveValue(g.unit!);
          await expect(editorField(page, 'Qualifier')).toHaveValue(g.qualifier ?? '');
          for (const label of ['Unit', 'Qualifier', 'Measure']) {
            await page.keyboard.press('Tab');
            await expect(editorField(page, label)).toBeFocused();
          }
          await page.keyboard.type(g.measure!);
          await page.keyboard.press('Enter');
        } else {
          await expect(editorField(page, 'Claimant')).toBeFocused();
          if (g.claimant) {
            await page.keyboard.type(g.claimant);
            await page.keyboard.press('Enter');
          } else await page.keyboard.press('Escape');
        }
        await expect(article(page)).toBeFocused();
      });
    }

    await test.step('every stored annotation is the gold item: kind, span, text, speaker and values', async () => {
      await expect(panelItems(page)).toHaveCount(gold.length);
      const want = gold
        .map((g) => ({ kind: g.kind, start: g.start, end: g.end, exact: g.exact, fields: goldFields(g) }))
        .sort((a, b) => a.start - b.start || a.end - b.end);
      await expect
        .poll(async () =>
          (await liveAnnotations(page, snapshotId))
            .map((a) => ({ kind: a.kind, start: a.target.position.start, end: a.target.position.end, exact: a.target.quote.exact, fields: storedFields(a) }))
            .sort((a, b) => a.start - b.start || a.end - b.end),
        )
        .toEqual(want);
    });

    await test.step('the speaker registry has each person once, and a speaker page lists what they said with links into the article', async () => {
      const speakers = await page.evaluate(() => window.glossa.listSpeakers({}));
      expect(speakers.map((s) => s.name).sort()).toEqual([...new Set(gold.filter((g) => g.kind === 'quote').map((g) => g.speaker!))].sort());
      await tabTo(page, page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Speakers' }), { back: true });
      await page.keyboard.press('Enter');
      const oleg = page.getByRole('link', { name: 'Oleg Chernyavsky' });
      await tabTo(page, oleg);
      await page.keyboard.press('Enter');
      await expect(page.getByRole('heading', { name: '2 quotes in 1 article' })).toBeVisible();
      const said = page.locator('.said-quote');
      await expect(said).toHaveText(
        gold
          .filter((g) => g.speaker === 'Oleg Chernyavsky')
          .sort((a, b) => a.start - b.start)
          .map((g) => g.exact),
      );
      await tabTo(page, said.first());
      await page.keyboard.press('Enter');
      await expect(page.getByRole('group', { name: 'Edit quote' })).toBeVisible();
      await expect(editorField(page, 'Speaker')).toHaveValue('Oleg Chernyavsky');
    });

    await test.step('export a bundle from the keyboard; its annotations.csv matches the gold file field for field', async () => {
      await tabTo(page, page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Library' }), { back: true });
      await page.keyboard.press('Enter');
      await tabTo(page, page.getByRole('button', { name: 'Export…' }));
      await page.keyboard.press('Enter');
      const dialog = page.getByRole('dialog', { name: 'Export annotation bundle' });
      await expect(dialog).toBeVisible();
      const out = join(lib.dir, 'nypd.glossa');
      lib.app.dialogs.nextSave = out;
      await tabTo(page, dialog.getByRole('button', { name: 'Export…' }));
      await page.keyboard.press('Enter');
      await expect(dialog.getByRole('status')).toContainText('Bundle written');

      const csv = (await readZipText(out)).get('annotations.csv');
      expect(csv).toBeDefined();
      const rows = parse(csv!, { columns: true, bom: true }) as Record<string, string>[];
      expect(rows).toHaveLength(gold.length);
      const fieldColumns = [...new Set(Object.values(FIELDS_BY_KIND).flat())];
      for (const g of gold) {
        const row = rows.find((r) => r.kind === g.kind && Number(r.start) === g.start && Number(r.end) === g.end);
        expect(row, `${g.kind} ${g.start}–${g.end}`).toBeDefined();
        expect(row!.exact).toBe(g.exact);
        expect(row!.snapshotTitle).toBe(TITLE);
        expect(text.slice(g.start - row!.prefix!.length, g.start)).toBe(row!.prefix);
        expect(text.slice(g.end, g.end + row!.suffix!.length)).toBe(row!.suffix);
        for (const column of fieldColumns) {
          const own = (FIELDS_BY_KIND[g.kind] as readonly string[]).includes(column);
          expect(row![column], `${g.kind} “${g.exact.slice(0, 30)}” ${column}`).toBe(own ? goldCell(g, column) : '');
        }
        expect(row!.tags).toBe('');
        expect(row!.comment).toBe('');
      }
      await dialog.getByRole('button', { name: 'Done' }).press('Enter');
    });

    expect(lib.app.problems).toEqual([]);
  });
});
