/**
 * Issue 16, team sync in the window: two windows on two libraries, each signed by its own
 * person, share one repository on a git host on 127.0.0.1 (git http-backend, token auth).
 * A shares through the Share dialog, B fills its empty library from the same address, B edits
 * a claim's comment and syncs, A syncs and sees the change and who made it. Offline and a
 * refused token say so in the Sync control, and a new token brings it back.
 */
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import type {} from '../../renderer/glossa.js';
import { startGitHost, type GitHost } from '../support/git-http-server.js';
import { openApp, type App, SCREENSHOTS } from './harness.js';
import { BUDGET_ARTICLE, liveAnnotations, setName } from './library.helpers.js';
import { article, editor, fillField, panelItems, selectByMouse } from './reader.helpers.js';

const TOKEN = 'glpat-e2e-7f3c9a1d';
const TITLE = 'Budget vote delayed again';
const CLAIM = 'council postponed';

const syncButton = (page: Page) => page.getByRole('button', { name: 'Sync', exact: true });
const syncStatus = (page: Page) => page.locator('.sync').getByRole('status');
const syncDetails = (page: Page) => page.getByRole('region', { name: 'Sync details' });

/** Every file of a folder, read as text (the token must be in none of them). */
async function filesUnder(dir: string): Promise<string[]> {
  const out: string[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true, recursive: true })) {
    if (entry.isFile()) out.push(await readFile(join(entry.parentPath, entry.name), 'latin1'));
  }
  return out;
}

async function shareThroughDialog(page: Page, url: string, token: string, shot?: string): Promise<void> {
  await syncButton(page).click();
  const dialog = page.getByRole('dialog', { name: 'Share library…' });
  await expect(dialog).toBeVisible();
  await expect(dialog.getByLabel('Repository address (HTTPS)')).toBeFocused();
  await dialog.getByLabel('Repository address (HTTPS)').fill(url);
  const tokenField = dialog.getByLabel('Access token');
  await expect(tokenField).toHaveAttribute('type', 'password');
  await tokenField.fill(token);
  await expect(dialog).toContainText('system keychain, never in the library');
  if (shot) await page.screenshot({ path: join(SCREENSHOTS, shot) });
  await dialog.getByRole('button', { name: 'Share' }).click();
  await expect(dialog).toBeHidden({ timeout: 30_000 });
  await expect(syncStatus(page)).toHaveText(/^Synced \d\d:\d\d$/);
}

async function openArticle(page: Page): Promise<string> {
  await page.getByRole('link', { name: 'Library', exact: true }).click();
  await page.getByRole('table').getByRole('link', { name: TITLE }).click();
  await expect(article(page)).toContainText(CLAIM);
  return decodeURIComponent(new URL(page.url()).hash.replace('#/snapshot/', ''));
}

test.describe.serial('team sync in two windows', () => {
  let dir = '';
  let host: GitHost;
  let url = '';
  let a: App;
  let b: App;
  let snapshotId = '';

  test.beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'glossa-sync-e2e-'));
    host = await startGitHost({ root: join(dir, 'host'), token: TOKEN });
    url = host.createRepo('desk');
    a = await openApp({ libraryDir: join(dir, 'ada'), settingsFile: join(dir, 'ada-settings.json') });
    b = await openApp({ libraryDir: join(dir, 'ben'), settingsFile: join(dir, 'ben-settings.json') });
  });
  test.afterAll(async () => {
    await a?.close();
    await b?.close();
    await host?.close();
    await rm(dir, { recursive: true, force: true });
  });

  test('A tags a claim and shares the library through the Share dialog; the token stays out of the library', async () => {
    const { page } = a;
    await setName(page, 'Ada Reporter');
    await page.evaluate((text) => window.glossa.importText({ text, title: 'Budget vote delayed again' }), BUDGET_ARTICLE);
    snapshotId = await openArticle(page);
    const text = await page.evaluate((id) => window.glossa.openSnapshot({ id }).then((r) => r.text), snapshotId);
    const at = text.indexOf(CLAIM);
    await selectByMouse(page, at, at + CLAIM.length);
    await page.keyboard.press('c');
    await fillField(page, 'Comment', 'Third delay: check the minutes');
    await expect.poll(async () => (await liveAnnotations(page, snapshotId)).map((x) => x.comment)).toEqual(['Third delay: check the minutes']);
    await page.keyboard.press('Escape');

    // A refused address is said in the dialog, and nothing is shared.
    await syncButton(page).click();
    const dialog = page.getByRole('dialog', { name: 'Share library…' });
    await dialog.getByLabel('Repository address (HTTPS)').fill('http://git.example.org/desk.git');
    await dialog.getByRole('button', { name: 'Share' }).click();
    await expect(dialog.getByRole('alert')).toContainText('plain HTTP');
    await expect.poll(() => page.evaluate(() => window.glossa.syncStatus({}).then((s) => s.shared))).toBe(false);
    await dialog.getByRole('button', { name: 'Cancel' }).click();

    await shareThroughDialog(page, url, TOKEN, 'sync-share.png');
    expect(a.gitTokens.get(url)).toBe(TOKEN);
    expect((await filesUnder(a.libraryDir)).filter((body) => body.includes(TOKEN))).toEqual([]);
    await expect(page.locator('.statusline')).toContainText(`Shared through ${url}`);
  });

  test('B fills its empty library from the same address, edits the comment and syncs', async () => {
    const { page } = b;
    await setName(page, 'Ben Okafor');
    await expect(page.getByRole('heading', { name: 'Your library is empty' })).toBeVisible();
    await shareThroughDialog(page, url, TOKEN);
    // The merge's writes reach the library view through library-changed events: no reload.
    await expect(page.getByRole('table').getByRole('link', { name: TITLE })).toBeVisible();
    expect(await openArticle(page)).toBe(snapshotId);
    await expect(panelItems(page)).toHaveCount(1);
    await panelItems(page).first().click();
    await expect(editor(page).getByLabel('Comment', { exact: true })).toHaveValue('Third delay: check the minutes');
    await fillField(page, 'Comment', 'Minutes say the vote moved to 14 March');
    await expect.poll(async () => (await liveAnnotations(page, snapshotId)).map((x) => x.comment)).toEqual(['Minutes say the vote moved to 14 March']);
    // The keyboard shortcut syncs too (from inside the comment field).
    await page.keyboard.press('Control+Shift+S');
    await expect(syncStatus(page)).toHaveText(/^Synced \d\d:\d\d$/);
    await expect.poll(() => page.evaluate(() => window.glossa.syncStatus({}).then((s) => s.lastError))).toBeNull();
  });

  test('A syncs and sees B’s change in the open article, signed by B, and in the history', async () => {
    const { page } = a;
    await panelItems(page).first().click();
    const comment = editor(page).getByLabel('Comment', { exact: true });
    await expect(comment).toHaveValue('Third delay: check the minutes');
    const eventsBefore = a.events.length;
    await syncButton(page).click();
    await expect(syncStatus(page)).toHaveText(/^Synced \d\d:\d\d$/);
    // The open editor shows the merged comment without a reload: library-changed carried it.
    await expect(comment).toHaveValue('Minutes say the vote moved to 14 March');
    const annotationId = (await liveAnnotations(page, snapshotId))[0]!.id;
    expect(
      a.events
        .slice(eventsBefore)
        .some((e) => e.type === 'library-changed' && e.changes.some((c) => c.entity === 'annotation' && c.ids.includes(annotationId))),
    ).toBe(true);
    await expect(editor(page).locator('.editor-authorship')).toHaveText(/^Added by Ada Reporter · changed by Ben Okafor, /);
    const history = await page.evaluate((ids) => window.glossa.annotationHistory(ids), { snapshotId, annotationId });
    // Newest first.
    expect(history.map((h) => [h.change, h.modifiedBy ?? h.author.name])).toEqual([
      ['changed', 'Ben Okafor'],
      ['created', 'Ada Reporter'],
    ]);
    expect(history[0]!.fields).toContain('comment');
    // The panel shows the same history, newest first.
    await expect(editor(page).getByText('Ben Okafor changed the comment')).toBeVisible();
    await editor(page).getByText('Ben Okafor changed the comment').scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(SCREENSHOTS, 'sync-history.png') });

    await page.getByRole('button', { name: 'Sync details' }).click();
    await expect(syncDetails(page)).toContainText('brought 1 annotation changed');
    await expect(syncDetails(page)).toContainText(`Shared through ${url} as Ada Reporter`);
    await page.screenshot({ path: join(SCREENSHOTS, 'sync-status.png') });
    // How often to sync by itself is one of the person's settings: kept, not per window.
    await syncDetails(page).getByLabel('Sync automatically').selectOption('15');
    await expect.poll(() => page.evaluate(() => window.glossa.appSettings({}).then((s) => s.syncEveryMinutes))).toBe(15);
    await page.keyboard.press('Escape');
    await expect(syncDetails(page)).toBeHidden();
  });

  test('offline, the Sync control says it could not reach the remote and when it last succeeded', async () => {
    const { page } = a;
    const lastSuccess = await page.evaluate(() => window.glossa.syncStatus({}).then((s) => s.lastSuccess));
    expect(lastSuccess).not.toBeNull();
    host.offline = true;
    try {
      await syncButton(page).click();
      await expect(syncStatus(page)).toHaveText('Offline');
      const alert = syncDetails(page).getByRole('alert');
      await expect(alert).toContainText('Could not reach');
      await expect(alert).toContainText(`It last synced at ${lastSuccess}`);
      await expect(syncDetails(page)).toContainText('Last synced');
    } finally {
      host.offline = false;
    }
    // Back online, the next sync succeeds and the error goes.
    await syncButton(page).click();
    await expect(syncStatus(page)).toHaveText(/^Synced \d\d:\d\d$/);
    await expect(syncDetails(page).getByRole('alert')).toHaveCount(0);
  });

  test('at 800×600 the top bar still fits with the Sync control of a shared library', async () => {
    const { page } = a;
    await page.setViewportSize({ width: 800, height: 600 });
    try {
      const problems = await page.evaluate(() => {
        const out: string[] = [];
        for (const el of document.querySelectorAll('.topbar, .topbar > *'))
          if (el.scrollWidth > el.clientWidth + 1) out.push(`${el.className} overflows: ${el.scrollWidth} > ${el.clientWidth}`);
        for (const el of document.querySelectorAll('.topbar button')) {
          const r = el.getBoundingClientRect();
          if (r.width > 0 && (r.right > window.innerWidth + 0.5 || r.left < -0.5)) out.push(`${el.textContent} is outside the window`);
        }
        return out;
      });
      expect(problems).toEqual([]);
      // The words are hidden, not gone: the button and the status keep their names.
      await expect(syncButton(page)).toBeVisible();
      await expect(syncStatus(page)).toHaveText(/^Synced \d\d:\d\d$/);
    } finally {
      await page.setViewportSize({ width: 1360, height: 860 });
    }
  });

  test('a refused token offers to enter a new one, which is kept and syncs at once', async () => {
    const { page } = b;
    b.gitTokens.set(url, 'expired-token');
    await syncButton(page).click();
    await expect(syncStatus(page)).toHaveText('Token refused');
    const alert = syncDetails(page).getByRole('alert');
    await expect(alert).toContainText('refused the credentials');
    await alert.getByRole('button', { name: 'Enter a new token…' }).click();
    const dialog = page.getByRole('dialog', { name: 'New access token' });
    await expect(dialog.getByLabel('Access token')).toBeFocused();
    // Hostile input is refused by core and said in the dialog; the old token stays.
    await dialog.getByLabel('Access token').fill('two words');
    await dialog.getByRole('button', { name: 'Save and sync' }).click();
    await expect(dialog.getByRole('alert')).toContainText('no spaces');
    expect(b.gitTokens.get(url)).toBe('expired-token');
    await dialog.getByLabel('Access token').fill(TOKEN);
    await dialog.getByRole('button', { name: 'Save and sync' }).click();
    await expect(dialog).toBeHidden();
    await expect(syncStatus(page)).toHaveText(/^Synced \d\d:\d\d$/);
    expect(b.gitTokens.get(url)).toBe(TOKEN);
    expect(a.problems).toEqual([]);
    expect(b.problems).toEqual([]);
  });
});
