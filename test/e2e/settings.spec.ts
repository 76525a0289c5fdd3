/**
 * Settings and the first run, end to end: Ctrl+, opens Settings; name and e-mail are saved
 * (a bad e-mail is refused at its field and not saved), the dark theme darkens the whole
 * window and passes axe, the number format writes figure values (de-DE: 1.234,5), and
 * suggestions on import is the library's setting. Closing the window and opening it again on
 * the same library and settings file keeps all of it. An empty library offers the sample
 * article, which is imported and opened in the reader with the hint on tagging.
 */
import AxeBuilder from '@axe-core/playwright';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import type {} from '../../renderer/glossa.js';
import { SAMPLE_TITLE } from '../../renderer/features/firstrun/sample.js';
import { openApp, type App, SCREENSHOTS } from './harness.js';
import { article } from './reader.helpers.js';

async function seriousViolations(page: Page): Promise<unknown[]> {
  const { violations } = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  return violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => ({ rule: v.id, help: v.help, nodes: v.nodes.slice(0, 3).map((n) => `${n.target.join(' ')}: ${n.failureSummary ?? ''}`) }));
}

/** The page's own background colour as the browser computed it, as [r, g, b]. */
const background = (page: Page) =>
  page.evaluate(() => {
    const rgb = getComputedStyle(document.body)
      .backgroundColor.match(/\d+(\.\d+)?/g)!
      .map(Number);
    return rgb.slice(0, 3);
  });
const luminance = ([r, g, b]: number[]) => (0.2126 * r! + 0.7152 * g! + 0.0722 * b!) / 255;

const openSettings = async (page: Page) => {
  await page.keyboard.press('Control+,');
  const dialog = page.getByRole('dialog', { name: 'Settings' });
  await expect(dialog).toBeVisible();
  return dialog;
};

test.describe.serial('settings', () => {
  let dir = '';
  let app: App;
  const open = async () => (app = await openApp({ libraryDir: join(dir, 'library'), settingsFile: join(dir, 'settings.json') }));

  test.beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'glossa-settings-'));
    await open();
  });
  test.afterAll(async () => {
    await app?.close();
    await rm(dir, { recursive: true, force: true });
  });

  test('first run: the empty library shows how to begin and imports the sample article', async () => {
    const { page } = app;
    const empty = page.locator('.empty-state');
    await expect(empty.getByRole('button', { name: 'Import files' })).toBeVisible();
    await expect(empty.getByRole('button', { name: 'Paste text' })).toBeVisible();
    await expect(empty.getByRole('button', { name: 'Capture a URL' })).toBeVisible();
    await expect(empty).toContainText('Drop files, folders or links');
    await empty.getByRole('button', { name: 'Try it on a sample article' }).click();
    await expect(page).toHaveURL(/#\/snapshot\//);
    await expect(article(page)).toContainText('Priya Nandakumar');
    await expect(article(page)).toContainText('fictional');
    const hint = page.getByRole('complementary', { name: 'How to tag' });
    await expect(hint).toContainText('press Q for a quote, C for a claim or F for a figure');
    // Stored as any import is: one article, with the sample's title.
    const listed = await page.evaluate(() => window.glossa.listSnapshots({}));
    expect(listed.map((s) => s.title)).toEqual([SAMPLE_TITLE]);
    await hint.getByRole('button', { name: 'Got it' }).click();
    await expect(hint).toHaveCount(0);
  });

  test('Ctrl+, opens Settings; name and e-mail are saved, a bad e-mail is refused at its field', async () => {
    const { page } = app;
    const dialog = await openSettings(page);
    await expect(dialog.getByTestId('library-dir')).toHaveText(join(dir, 'library'));
    // The browser window cannot switch libraries: the desktop app's buttons are not there at all.
    await expect(dialog.getByRole('button', { name: /library…/ })).toHaveCount(0);

    const name = dialog.getByLabel('Your name');
    await name.fill('  Ada Reporter  ');
    await name.press('Enter');
    await expect(dialog.getByText('Saved')).toBeVisible();
    await expect(name).toHaveValue('Ada Reporter');

    const email = dialog.getByLabel('E-mail');
    await email.fill('ada at example');
    await email.press('Enter');
    const error = dialog.getByRole('alert');
    await expect(error).toContainText('“ada at example” does not look like an e-mail address');
    await expect(email).toHaveAttribute('aria-invalid', 'true');
    await expect(email).toHaveAttribute('aria-describedby', (await error.getAttribute('id'))!);
    const stored = JSON.parse(await readFile(join(dir, 'settings.json'), 'utf8')) as Record<string, unknown>;
    expect(stored).toEqual({ name: 'Ada Reporter' });

    await email.fill('ada@example.org');
    await email.press('Tab');
    await expect(error).toHaveCount(0);
    await expect(email).not.toHaveAttribute('aria-invalid', 'true');
    await expect.poll(async () => JSON.parse(await readFile(join(dir, 'settings.json'), 'utf8'))).toEqual({ name: 'Ada Reporter', email: 'ada@example.org' });
  });

  test('dark theme: the whole window turns dark and axe finds nothing serious', async () => {
    const { page } = app;
    const dialog = page.getByRole('dialog', { name: 'Settings' });
    expect(luminance(await background(page))).toBeGreaterThan(0.9);
    await dialog.getByRole('radio', { name: 'Dark' }).check();
    await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
    expect(luminance(await background(page))).toBeLessThan(0.15);
    expect(await seriousViolations(page), 'Settings in dark').toEqual([]);
    await page.screenshot({ path: join(SCREENSHOTS, 'settings.png') });
  });

  test('number format de-DE writes a figure value as 1.234,5; suggestions on import is saved with the library', async () => {
    const { page } = app;
    const dialog = page.getByRole('dialog', { name: 'Settings' });
    await dialog.getByLabel('Number format for figures').selectOption('de-DE');
    const onImport = dialog.getByRole('checkbox', { name: /Suggest quotes, claims and figures in every article imported/ });
    await expect(onImport).not.toBeChecked();
    await onImport.check();
    await expect.poll(() => page.evaluate(() => window.glossa.librarySettings({}).then((s) => s.suggestOnImport))).toBe(true);
    await dialog.getByRole('button', { name: 'Close' }).click();

    // A figure tagged in a test article, prefilled from its words as tagging does.
    const silt = await page.evaluate(async () => {
      const { snapshotId } = await window.glossa.importText({
        text: 'Silt removed\n\nCrews removed 1,234.5 tonnes of silt from the hall.',
        title: 'Silt removed',
      });
      const { text } = await window.glossa.openSnapshot({ id: snapshotId });
      const exact = '1,234.5 tonnes';
      await window.glossa.createAnnotation({ snapshotId, kind: 'figure', start: text.indexOf(exact), end: text.indexOf(exact) + exact.length, prefill: true });
      return snapshotId;
    });
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Annotations' }).click();
    await expect(page.locator('.col-value').filter({ hasText: '1.234,5' }).first()).toBeVisible();
    // The figure's own header in the reader's panel too.
    await page.goto(`${app.url}#/snapshot/${silt}`);
    await expect(page.locator('.summary-fields').filter({ hasText: '1.234,5 tonnes' }).first()).toBeVisible();
  });

  test('restart: everything set is kept; the reader in dark passes axe', async () => {
    await app.close();
    await open();
    const { page } = app;
    await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
    expect(luminance(await background(page))).toBeLessThan(0.15);
    const dialog = await openSettings(page);
    await expect(dialog.getByLabel('Your name')).toHaveValue('Ada Reporter');
    await expect(dialog.getByLabel('E-mail')).toHaveValue('ada@example.org');
    await expect(dialog.getByRole('radio', { name: 'Dark' })).toBeChecked();
    await expect(dialog.getByLabel('Number format for figures')).toHaveValue('de-DE');
    await expect(dialog.getByRole('checkbox', { name: /Suggest quotes, claims and figures/ })).toBeChecked();
    await dialog.getByRole('button', { name: 'Close' }).click();
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Annotations' }).click();
    await expect(page.locator('.col-value').filter({ hasText: '1.234,5' }).first()).toBeVisible();

    // The sample in the reader, with a quote, a claim and a figure tagged: the dark reader.
    const id = await page.evaluate(async (title) => {
      const sample = (await window.glossa.listSnapshots({})).find((s) => s.title === title)!;
      const { text } = await window.glossa.openSnapshot({ id: sample.id });
      const span = (s: string) => ({ start: text.indexOf(s), end: text.indexOf(s) + s.length });
      await window.glossa.createAnnotation({
        snapshotId: sample.id,
        kind: 'quote',
        ...span('“We lost almost every picture book on the lower shelves, but we never lost a single reader,”'),
        fields: { speaker: 'Priya Nandakumar' },
      });
      await window.glossa.createAnnotation({ snapshotId: sample.id, kind: 'figure', ...span('£2.4 million'), prefill: true });
      await window.glossa.createAnnotation({
        snapshotId: sample.id,
        kind: 'claim',
        ...span('the highest the River Lowe has reached since records began in 1887'),
      });
      return sample.id;
    }, SAMPLE_TITLE);
    await page.goto(`${app.url}#/snapshot/${id}`);
    await expect(article(page)).toContainText('Priya Nandakumar');
    await article(page).getByText('£2.4 million').first().click();
    expect(await seriousViolations(page), 'reader in dark').toEqual([]);
    await page.screenshot({ path: join(SCREENSHOTS, 'reader-dark.png') });
    expect(app.problems).toEqual([]);
  });

  test('hostile settings: a damaged settings file shows the defaults, says so, and is kept aside when saving', async () => {
    await app.close();
    const { writeFile } = await import('node:fs/promises');
    await writeFile(join(dir, 'settings.json'), '{"name": "Ada", oops');
    await open();
    const { page } = app;
    await expect(page.getByRole('alert').filter({ hasText: /Your settings file .* is damaged/ })).toBeVisible();
    const dialog = await openSettings(page);
    await expect(dialog.getByLabel('Your name')).toHaveValue('');
    await dialog.getByRole('radio', { name: 'Light' }).check();
    await expect(page.locator('html')).toHaveAttribute('data-theme', 'light');
    // Durable writes (fsync) can take seconds on a busy machine: wait for the outcome, not for a speed.
    const settle = { timeout: 30_000 };
    await expect.poll(() => readFile(join(dir, 'settings.json.damaged'), 'utf8').catch(() => null), settle).toBe('{"name": "Ada", oops');
    await expect.poll(async () => JSON.parse(await readFile(join(dir, 'settings.json'), 'utf8').catch(() => 'null')), settle).toEqual({ theme: 'light' });
  });
});
