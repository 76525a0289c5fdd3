/**
 * Suggestions reviewed in the reader, end to end in Chromium on a real temp library: the
 * sample article is imported (one of its quotes tagged by a person first), "Suggest…" runs
 * the detectors, the suggestions are drawn apart (dotted, described as suggested) and
 * reviewed from the keyboard — accept, edit a quote's speaker then accept, reject, undo the
 * reject — and what is stored (through window.glossa) and the exported CSV carry each
 * annotation's provenance. Axe on the reader while reviewing; a screenshot of the queue.
 */
import { readFileSync } from 'node:fs';
import { mkdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { parse } from 'csv-parse/sync';
import type { Annotation } from '../../core/model/index.js';
import { HAVE_NYPD, loadGold, NYPD_TXT, SHARED } from '../shared-fixtures.js';
import { SCREENSHOTS } from './harness.js';
import { useTempLibrary } from './library.helpers.js';
import { article, editor } from './reader.helpers.js';
import { editorField, typeHere } from './reader.keyboard.js';

const TITLE = 'NYPD Ignored More than 1,500 Federal Requests to Detain Immigrants in 2017';

const all = (page: Page, snapshotId: string): Promise<Annotation[]> =>
  page.evaluate((id) => window.glossa.listAnnotations({ snapshotId: id, includeDeleted: true }), snapshotId);
const byId = async (page: Page, snapshotId: string, id: string): Promise<Annotation> => {
  const found = (await all(page, snapshotId)).find((a) => a.id === id);
  if (!found) throw new Error(`annotation ${id} is not stored`);
  return found;
};
const pendingIds = (page: Page, snapshotId: string): Promise<string[]> =>
  page.evaluate(async (id) => (await window.glossa.listSuggestions({ snapshotId: id })).map((a) => a.id), snapshotId);

test.describe('reviewing suggestions (skipped when ../shared/fixtures is absent)', () => {
  test.skip(!HAVE_NYPD, `needs the shared fixtures at ${SHARED} (not present on this machine)`);
  const lib = useTempLibrary('glossa-suggest-');

  test('suggest on the sample article, review from the keyboard, and the CSV shows where each annotation came from', async () => {
    test.setTimeout(120_000);
    const { page } = lib.app;
    const text = readFileSync(NYPD_TXT, 'utf8');
    const mostofi = loadGold().find((g) => g.kind === 'quote' && g.type === 'direct' && g.speaker === 'Bitta Mostofi')!;
    const bar = page.getByRole('region', { name: 'Suggestions to review' });
    const current = bar.getByRole('group', { name: 'Current suggestion' });

    // A person's quote, tagged before the machine reads: never duplicated, moved or changed.
    const { snapshotId, mineId } = await page.evaluate(
      async ({ text, title, start, end }) => {
        const { snapshotId } = await window.glossa.importText({ text, title });
        const mine = await window.glossa.createAnnotation({ snapshotId, kind: 'quote', start, end });
        await window.glossa.updateAnnotation({ snapshotId, id: mine.value.id, patch: { fields: { speaker: 'Bitta Mostofi' } } });
        return { snapshotId, mineId: mine.value.id };
      },
      { text, title: TITLE, start: mostofi.start, end: mostofi.end },
    );
    const mineBefore = await byId(page, snapshotId, mineId);
    await page.goto(`${lib.app.url}#/snapshot/${encodeURIComponent(snapshotId)}`);
    await expect(article(page).locator('mark').first()).toBeVisible();

    let suggested: Annotation[] = [];
    await test.step('Suggest… with all three kinds says how many were added; they are stored as suggestions', async () => {
      await page.getByRole('button', { name: 'Suggest…' }).click();
      const dialog = page.getByRole('dialog', { name: 'Suggest annotations' });
      for (const kind of [/^Quotes/, /^Figures/, /^Claims/]) await expect(dialog.getByRole('checkbox', { name: kind })).toBeChecked();
      await dialog.getByRole('button', { name: 'Suggest', exact: true }).click();
      await expect(dialog).toBeHidden();
      suggested = (await all(page, snapshotId)).filter((a) => a.origin.type === 'suggested');
      expect(suggested.length).toBeGreaterThan(5);
      await expect(page.getByRole('status').filter({ hasText: `${suggested.length} suggestions to review` })).toBeVisible();
      await expect(bar.getByTestId('pending-count')).toHaveText(`${suggested.length} suggestions to review`);
      for (const a of suggested) {
        expect(a.origin).toMatchObject({ type: 'suggested', accepted: null, detector: expect.stringMatching(/^[\w-]+@\d+\.\d+/) });
        expect(a.origin.confidence).toBeGreaterThan(0);
        expect(a.origin.confidence).toBeLessThanOrEqual(1);
        expect(a.deletedAt).toBeNull();
      }
      // Each kind was suggested, and the sample's direct quotes come with their speakers.
      expect(new Set(suggested.map((a) => a.kind))).toEqual(new Set(['quote', 'figure', 'claim']));
      const chernyavsky = suggested.find((a) => a.kind === 'quote' && a.target.position.start <= 835 && a.target.position.end >= 1057);
      expect(chernyavsky?.fields.speaker).toBe('Oleg Chernyavsky');
      // None over the person's quote; the person's quote is exactly as it was.
      const overMine = suggested.filter((a) => a.kind === 'quote' && a.target.position.start < mostofi.end && a.target.position.end > mostofi.start);
      expect(overMine).toEqual([]);
      expect(await byId(page, snapshotId, mineId)).toEqual(mineBefore);
      expect((await pendingIds(page, snapshotId)).sort()).toEqual(suggested.map((a) => a.id).sort());
    });

    await test.step('suggestions are drawn apart: dotted, described as suggested; the person’s quote looks as before', async () => {
      const marks = article(page).locator('mark[data-suggested="true"]');
      expect(await marks.count()).toBeGreaterThan(0);
      const description = await marks.first().getAttribute('aria-description');
      expect(description).toMatch(/^suggested (quote|figure|claim)/);
      // The person's quote: a solid underline of its own class, no "suggested" description.
      const mine = article(page).locator(`mark[data-ids="${mineId}"]`).first();
      await expect(mine).toHaveClass(/\bhl-quote\b/);
      await expect(mine).not.toHaveAttribute('aria-description', /.*/);
      const mineLine = await mine.evaluate((el) => getComputedStyle(el).backgroundImage);
      expect(mineLine).toMatch(/^linear-gradient/);
      // A suggestion alone on its words: the dotted (repeating) line, paler than the kind's colour.
      const lone = article(page).locator('mark.hl-suggested').first();
      const loneLine = await lone.evaluate((el) => getComputedStyle(el).backgroundImage);
      expect(loneLine).toMatch(/^repeating-linear-gradient/);
      // The side panel names them too.
      await expect(
        page
          .getByRole('list', { name: 'Annotations' })
          .getByText(/^Suggested · \d+%$/)
          .first(),
      ).toBeVisible();
    });

    const queue = [...suggested].sort((a, b) => a.target.position.start - b.target.position.start || a.target.position.end - b.target.position.end);
    /** The suggestion the queue shows now (its id is on the group, its words in the bar). */
    const at = async (): Promise<Annotation> => {
      const id = await current.getAttribute('data-suggestion-id');
      const found = queue.find((a) => a.id === id);
      expect(found, `the current suggestion (${id})`).toBeDefined();
      await expect(current.locator('.review-exact')).toContainText(found!.target.quote.exact.replace(/^[“”"\s]+|[“”"\s]+$/g, '').slice(0, 40));
      return found!;
    };

    let acceptedId = '';
    await test.step('reviewing starts at the first suggestion, with its kind, fields and confidence; A accepts it', async () => {
      await expect(current).toContainText(`Suggestion 1 of ${suggested.length}`);
      await expect(current).toContainText(/confidence \d+%/);
      const first = queue[0]!;
      expect(await at()).toEqual(first);
      await expect(editor(page)).toBeVisible();
      await article(page).focus();
      await page.keyboard.press('a');
      await expect(bar.getByTestId('pending-count')).toHaveText(`${suggested.length - 1} suggestions to review`);
      await expect.poll(async () => (await byId(page, snapshotId, first.id)).origin.accepted).toBe(true);
      const stored = await byId(page, snapshotId, first.id);
      expect(stored.deletedAt).toBeNull();
      expect(stored.fields).toEqual(first.fields);
      acceptedId = first.id;
      // Drawn as an ordinary annotation now, and marked accepted in the panel.
      await expect(article(page).locator(`mark[data-ids="${first.id}"]`).first()).not.toHaveAttribute('data-suggested', 'true');
      await expect(page.locator(`[data-annotation-id="${first.id}"]`).getByText('Accepted', { exact: true })).toBeVisible();
      // The queue moved on to the next one.
      await expect(current).toContainText(`Suggestion 1 of ${suggested.length - 1}`);
      expect((await at()).id).toBe(queue[1]!.id);
    });

    let editedId = '';
    await test.step('J/K move through the queue; E on a quote opens its editor, and saving the speaker accepts it', async () => {
      await page.keyboard.press('j');
      expect((await at()).id).toBe(queue[2]!.id);
      await page.keyboard.press('k');
      expect((await at()).id).toBe(queue[1]!.id);
      const quote = queue.find((a, i) => i > 0 && a.kind === 'quote')!;
      for (let i = 0; i < queue.length && (await at()).id !== quote.id; i++) await page.keyboard.press('j');
      expect((await at()).id).toBe(quote.id);
      await expect(current.getByText('Speaker')).toBeVisible();
      await page.keyboard.press('e');
      await expect(editorField(page, 'Speaker')).toBeFocused();
      await typeHere(page, 'Oleg Chernyavsky (NYPD)');
      // Tab keeps what was typed (a new speaker for the registry) and saves it.
      await page.keyboard.press('Tab');
      await expect.poll(async () => (await byId(page, snapshotId, quote.id)).origin.accepted).toBe(true);
      const stored = await byId(page, snapshotId, quote.id);
      expect(stored.fields.speaker).toBe('Oleg Chernyavsky (NYPD)');
      expect(stored.fields.cue).toBe(quote.fields.cue);
      editedId = quote.id;
      await expect(bar.getByTestId('pending-count')).toHaveText(`${suggested.length - 2} suggestions to review`);
    });

    let rejectedId = '';
    await test.step('X rejects: the suggestion disappears; Ctrl+Z brings it back for review', async () => {
      await article(page).focus();
      await page.keyboard.press('j');
      const target = await at();
      expect([acceptedId, editedId]).not.toContain(target.id);
      await page.keyboard.press('x');
      await expect(bar.getByTestId('pending-count')).toHaveText(`${suggested.length - 3} suggestions to review`);
      await expect.poll(async () => (await byId(page, snapshotId, target.id)).origin.accepted).toBe(false);
      expect((await byId(page, snapshotId, target.id)).deletedAt).not.toBeNull();
      await expect(article(page).locator(`mark[data-ids~="${target.id}"]`)).toHaveCount(0);
      expect(await pendingIds(page, snapshotId)).not.toContain(target.id);

      await page.keyboard.press('Control+z');
      await expect(bar.getByTestId('pending-count')).toHaveText(`${suggested.length - 2} suggestions to review`);
      const back = await byId(page, snapshotId, target.id);
      expect(back.origin.accepted).toBeNull();
      expect(back.deletedAt).toBeNull();
      await expect(article(page).locator(`mark[data-ids~="${target.id}"]`).first()).toHaveAttribute('data-suggested', 'true');
      expect(await pendingIds(page, snapshotId)).toContain(target.id);
      // Undo selects what it brought back: it is the current suggestion again; X rejects it for good.
      expect((await at()).id).toBe(target.id);
      await article(page).focus();
      await page.keyboard.press('x');
      await expect.poll(async () => (await byId(page, snapshotId, target.id)).origin.accepted).toBe(false);
      rejectedId = target.id;
    });

    await test.step('the shortcut sheet lists the review keys', async () => {
      await page.keyboard.press('?');
      const sheet = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
      const group = sheet.getByRole('region', { name: 'Review suggestions' });
      for (const label of [
        'Next suggestion',
        'Previous suggestion',
        'Accept the suggestion',
        /^Reject the suggestion/,
        /^Edit the suggestion/,
        'Stop reviewing',
      ])
        await expect(group.getByText(label)).toBeVisible();
      await page.keyboard.press('Escape');
      await expect(sheet).toBeHidden();
    });

    await test.step('axe finds no serious or critical violation while reviewing; screenshot of the queue', async () => {
      await expect(current).toBeVisible();
      const { violations } = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice']).analyze();
      const bad = violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
      expect(bad.map((v) => ({ rule: v.id, help: v.help, nodes: v.nodes.slice(0, 3).map((n) => n.target.join(' ')) }))).toEqual([]);
      // The picture shows a quote under review, with its speaker.
      await article(page).focus();
      for (let i = 0; i < queue.length && (await at()).kind !== 'quote'; i++) await page.keyboard.press('j');
      await expect(current).toContainText('Speaker');
      await mkdir(SCREENSHOTS, { recursive: true });
      await page.screenshot({ path: join(SCREENSHOTS, 'suggestions-review.png') });
    });

    await test.step('the exported CSV carries the provenance of each annotation', async () => {
      const path = join(lib.dir, 'suggested.csv');
      lib.app.dialogs.nextSave = path;
      const out = await page.evaluate((id) => window.glossa.exportFormatDialog({ format: 'csv', snapshotIds: [id] }), snapshotId);
      expect(out.cancelled).toBe(false);
      const rows = parse(await readFile(path, 'utf8'), { columns: true, bom: true }) as Record<string, string>[];
      const row = (id: string) => rows.find((r) => r.id === id);
      const stored = new Map(suggested.map((a) => [a.id, a]));
      expect(row(mineId)).toMatchObject({ origin: 'human', detector: '', confidence: '', accepted: '', speaker: 'Bitta Mostofi' });
      for (const [id, speaker] of [
        [acceptedId, stored.get(acceptedId)!.fields.speaker ?? ''],
        [editedId, 'Oleg Chernyavsky (NYPD)'],
      ] as const) {
        const r = row(id)!;
        expect(r).toMatchObject({ origin: 'suggested', detector: stored.get(id)!.origin.detector, accepted: 'true', speaker });
        expect(Number(r.confidence)).toBeCloseTo(stored.get(id)!.origin.confidence!, 6);
      }
      // Waiting for review: suggested, no decision yet.
      const waiting = (await pendingIds(page, snapshotId))[0]!;
      expect(row(waiting)).toMatchObject({ origin: 'suggested', accepted: '' });
      // A rejected suggestion is in the trash: not among the exported annotations.
      expect(row(rejectedId)).toBeUndefined();
      expect(rows).toHaveLength((await all(page, snapshotId)).filter((a) => !a.deletedAt).length);
    });

    await test.step('“Accept all figures…” lists them with the count first; undo takes them all back', async () => {
      const figures = (await all(page, snapshotId)).filter(
        (a) => a.kind === 'figure' && a.origin.type === 'suggested' && a.origin.accepted === null && !a.deletedAt,
      );
      expect(figures.length).toBeGreaterThan(1);
      const before = Number((await bar.getByTestId('pending-count').textContent())!.split(' ')[0]);
      await bar.getByRole('button', { name: `Accept all ${figures.length} figures…` }).click();
      const dialog = page.getByRole('dialog', { name: 'Accept all figures?' });
      await expect(dialog.getByRole('list', { name: 'Suggested figures' }).getByRole('listitem')).toHaveCount(figures.length);
      await dialog.getByRole('button', { name: `Accept ${figures.length} suggested figures` }).click();
      await expect(dialog).toBeHidden();
      await expect(bar.getByTestId('pending-count')).toHaveText(`${before - figures.length} suggestions to review`);
      for (const f of figures) expect((await byId(page, snapshotId, f.id)).origin.accepted).toBe(true);
      await article(page).focus();
      await page.keyboard.press('Control+z');
      await expect(bar.getByTestId('pending-count')).toHaveText(`${before} suggestions to review`);
      for (const f of figures) expect((await byId(page, snapshotId, f.id)).origin.accepted).toBeNull();
    });

    expect(lib.app.problems).toEqual([]);
  });
});
