/**
 * The window's behaviour around the skeleton path: per-file import outcomes, drag and
 * drop, paste, word snapping, clicking nested highlights, and errors in the message bar.
 * Runs on a temp library with text written here (no shared fixtures needed).
 */
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { BUDGET_ARTICLE, liveAnnotations, useTempLibrary } from './library.helpers.js';
import { article, editor, panelItems, selectByMouse } from './reader.helpers.js';

test.describe.serial('reader and library interactions', () => {
  const lib = useTempLibrary('glossa-reader-');

  test('an import lists every file with its own outcome', async () => {
    const { page } = lib.app;
    await page.getByTestId('import-file-input').setInputFiles([
      { name: 'budget.txt', mimeType: 'text/plain', buffer: Buffer.from(BUDGET_ARTICLE) },
      { name: 'empty.txt', mimeType: 'text/plain', buffer: Buffer.alloc(0) },
      { name: 'scan.pdf', mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.4 binary') },
    ]);
    const results = page.getByRole('region', { name: 'Import results' });
    await expect(results.getByRole('listitem')).toHaveCount(3);
    await expect(results.getByRole('listitem').nth(0)).toContainText('Imported');
    await expect(results.getByRole('listitem').nth(1)).toContainText('empty.txt');
    await expect(results.getByRole('listitem').nth(1)).toContainText('no text to import');
    await expect(results.getByRole('listitem').nth(2)).toContainText('which Glossa does not import');
    await expect(results.getByRole('heading')).toHaveText('1 article imported, 2 could not be imported');
    await expect(page.getByRole('table').getByRole('row')).toHaveCount(2);
    await results.getByRole('button', { name: 'Dismiss import results' }).click();
    await expect(results).toBeHidden();
  });

  test('files dropped on the window are imported', async () => {
    const { page } = lib.app;
    await page.evaluate(() => {
      const data = new DataTransfer();
      data.items.add(new File(['Dropped notes\n\nA second article, dropped from the desktop.'], 'dropped.md', { type: 'text/markdown' }));
      for (const type of ['dragenter', 'dragover', 'drop']) {
        document.body.dispatchEvent(new DragEvent(type, { dataTransfer: data, bubbles: true, cancelable: true }));
      }
    });
    await expect(page.getByRole('region', { name: 'Import results' })).toContainText('dropped.md');
    await expect(page.getByRole('table').getByRole('link', { name: 'Dropped notes' })).toBeVisible();
  });

  test('pasted text becomes a snapshot and opens in the reader', async () => {
    const { page } = lib.app;
    await page.getByRole('button', { name: 'Paste text…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Paste text' });
    await dialog.getByLabel('Article text').fill('A short pasted item.\n\nIt has two paragraphs.');
    await dialog.getByLabel(/^Title/).fill('Pasted item');
    await dialog.getByRole('button', { name: 'Add to library' }).click();
    await expect(dialog).toBeHidden();
    await expect(article(page)).toContainText('It has two paragraphs.');
    await expect(page.locator('.reader-title')).toHaveText('Pasted item');
    await page.getByRole('link', { name: 'Library', exact: true }).click();
    await expect(page.getByRole('table').getByRole('row')).toHaveCount(4);
  });

  test('a selection snaps to whole words unless Alt is held', async () => {
    const { page } = lib.app;
    await page.getByRole('table').getByRole('link', { name: 'Budget vote delayed again' }).click();
    await expect(article(page)).toContainText('council postponed');
    const text = await page.evaluate(async () => {
      const id = decodeURIComponent(location.hash.replace('#/snapshot/', ''));
      return (await window.glossa.openSnapshot({ id })).text;
    });
    const snapshotId = decodeURIComponent(new URL(page.url()).hash.replace('#/snapshot/', ''));
    // "ouncil postpo" → "council postponed"
    const from = text.indexOf('council postponed') + 1;
    await selectByMouse(page, from, from + 'ouncil postpo'.length);
    await page.keyboard.press('c');
    await expect(editor(page).getByLabel('Claimant', { exact: true })).toBeFocused();
    await expect(panelItems(page)).toHaveCount(1);
    // The same characters with Alt held stay exactly as selected.
    await selectByMouse(page, from, from + 'ouncil postpo'.length, { alt: true });
    await page.keyboard.press('f');
    await expect(editor(page).getByLabel('Value', { exact: true })).toBeFocused();
    await expect(panelItems(page)).toHaveCount(2);
    // The panel shows a new annotation at once; the store has it a moment later.
    await expect
      .poll(async () => (await liveAnnotations(page, snapshotId)).map((a) => [a.kind, a.target.quote.exact]))
      .toEqual(
        expect.arrayContaining([
          ['claim', 'council postponed'],
          ['figure', 'ouncil postpo'],
        ]),
      );
    // Nothing selected: pressing a tag key explains what to do instead.
    await article(page).click({ position: { x: 2, y: 2 } });
    await page.keyboard.press('q');
    await expect(page.getByRole('status').filter({ hasText: 'Select some words' })).toBeVisible();
  });

  test('clicking nested highlights selects the innermost first, then cycles outward', async () => {
    const { page } = lib.app;
    const snapshotId = decodeURIComponent(new URL(page.url()).hash.replace('#/snapshot/', ''));
    const text = await page.evaluate((id) => window.glossa.openSnapshot({ id }).then((r) => r.text), snapshotId);
    const sentence = '“We need about 12 more days to close a gap of nearly $40 million,”';
    const s = text.indexOf(sentence);
    const f = text.indexOf('nearly $40 million');
    await selectByMouse(page, s, s + sentence.length, { alt: true });
    await page.keyboard.press('q');
    // The new quote's first field takes focus; Escape hands it back to the article.
    await expect(editor(page).getByLabel('Speaker', { exact: true })).toBeFocused();
    await page.keyboard.press('Escape');
    await expect(article(page)).toBeFocused();
    await selectByMouse(page, f, f + 'nearly $40 million'.length);
    await page.keyboard.press('f');
    await expect(editor(page).getByLabel('Value', { exact: true })).toBeFocused();
    await expect(panelItems(page)).toHaveCount(4);
    // Escape leaves the field, a second Escape deselects.
    await page.keyboard.press('Escape');
    await page.keyboard.press('Escape');
    await expect(editor(page)).toBeHidden();

    const figureMark = page.locator('mark', { hasText: '$40' });
    await figureMark.click();
    await expect(editor(page)).toHaveAccessibleName('Edit figure');
    await figureMark.click();
    await expect(editor(page)).toHaveAccessibleName('Edit quote');
    await figureMark.click();
    await expect(editor(page)).toHaveAccessibleName('Edit figure');
    // A part of the quote outside the figure selects the quote directly.
    await page.locator('mark', { hasText: 'We need about' }).click();
    await expect(editor(page)).toHaveAccessibleName('Edit quote');
    // Escape deselects.
    await page.keyboard.press('Escape');
    await expect(editor(page)).toBeHidden();
  });

  test('a failing call shows its message and code in the message bar until dismissed', async () => {
    const { page } = lib.app;
    const fake = join(lib.dir, 'not-a-bundle.glossa');
    await writeFile(fake, 'this is not a zip file');
    await page.getByRole('link', { name: 'Library', exact: true }).click();
    lib.app.dialogs.nextOpen = [fake];
    await page.getByRole('button', { name: 'Import bundle…' }).click();
    const alert = page.getByRole('alert');
    await expect(alert).toContainText('Could not import the bundle');
    await expect(alert).toContainText('BAD_BUNDLE');
    // Non-blocking: the library stays usable while the message is shown.
    await expect(page.getByRole('table').getByRole('row')).toHaveCount(4);
    await alert.getByRole('button', { name: 'Dismiss message' }).click();
    await expect(alert).toBeHidden();
    expect(lib.app.problems).toEqual([]);
  });
});
