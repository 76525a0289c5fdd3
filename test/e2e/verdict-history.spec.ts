/**
 * A claim's verdict history in Chromium on a real temp library: verdicts set from the editor
 * and with a note from the claim panel are listed with their dates and notes, stored, and
 * undone back to the previous history exactly.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import type { Annotation } from '../../core/model/index.js';
import { openApp, type App } from './harness.js';
import { liveAnnotations } from './library.helpers.js';
import { article, editor } from './reader.helpers.js';
import { editorField } from './reader.keyboard.js';

const TEXT = ['Council delays the budget vote', '', 'Critics said the council postponed the vote for political reasons.'].join('\n');
const CLAIM = 'the council postponed the vote';

test.describe.serial('verdict history', () => {
  let temp = '';
  let app: App;
  let id = '';
  const claim = async (): Promise<Annotation> => (await liveAnnotations(app.page, id)).find((a) => a.target.quote.exact === CLAIM)!;

  test.beforeAll(async () => {
    temp = await mkdtemp(join(tmpdir(), 'glossa-verdicts-'));
    app = await openApp({ libraryDir: join(temp, 'library') });
    id = await app.page.evaluate(
      async ({ text, exact }) => {
        const { snapshotId } = await window.glossa.importText({ text, title: 'Council delays the budget vote' });
        const start = text.indexOf(exact);
        await window.glossa.createAnnotation({ snapshotId, kind: 'claim', start, end: start + exact.length });
        return snapshotId;
      },
      { text: TEXT, exact: CLAIM },
    );
  });
  test.afterAll(async () => {
    await app?.close();
    await rm(temp, { recursive: true, force: true });
  });

  test('each verdict is listed with its date and note; undo restores the history before it', async () => {
    const { page } = app;
    const c = await claim();
    await page.goto(`${app.url}#/snapshot/${encodeURIComponent(id)}/a/${encodeURIComponent(c.id)}`);
    await expect(editor(page)).toBeVisible();
    const history = editor(page).getByRole('region', { name: 'Verdict history' });
    await expect(history).toContainText('No verdict yet: unverified.');

    // From the editor's field (V), no note.
    await article(page).focus();
    await page.keyboard.press('v');
    await expect(editorField(page, 'Verdict')).toBeFocused();
    await editorField(page, 'Verdict').selectOption('disputed');
    await expect(history.getByRole('listitem')).toHaveCount(1);

    // From the claim panel, with the reason.
    await history.getByLabel('New verdict').selectOption('supported');
    await history.getByLabel('Why (kept in the history)').fill('minutes confirm the date');
    await history.getByRole('button', { name: 'Record verdict' }).click();
    const items = history.getByRole('listitem');
    await expect(items).toHaveText([/Disputed/, /Supported — minutes confirm the date/]);
    await expect(history).not.toContainText('date not recorded');

    const stored = (await claim()).fields;
    expect(stored.verdict).toBe('supported');
    expect(stored.verdictHistory!.map((h) => [h.verdict, h.note])).toEqual([
      ['disputed', ''],
      ['supported', 'minutes confirm the date'],
    ]);
    // Each entry shows the date it was recorded (the harness runs in UTC, en-GB).
    for (const [i, h] of stored.verdictHistory!.entries()) {
      await expect(items.nth(i).locator('time')).toHaveAttribute('datetime', h.at);
      await expect(items.nth(i).locator('time')).toContainText(String(new Date(h.at).getUTCFullYear()));
    }

    // Undo: the history is what it was before, exactly.
    await article(page).focus();
    await page.keyboard.press('Control+z');
    await expect(items).toHaveText([/Disputed/]);
    await expect.poll(async () => (await claim()).fields.verdictHistory).toEqual(stored.verdictHistory!.slice(0, 1));
    expect((await claim()).fields.verdict).toBe('disputed');
  });
});
