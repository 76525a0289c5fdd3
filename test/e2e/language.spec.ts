/**
 * The window's language, end to end: Settings ▸ Language ▸ Español turns the whole window
 * Spanish at once (the page's lang too), it stays Spanish when the window is opened again on
 * the same settings file, and English comes back when chosen. On each page visited in Spanish,
 * no line of the window reads as one of the English messages (a string left out of the
 * translation would), checked against every folder's messages.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { globSync } from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import type {} from '../../renderer/glossa.js';
import { firstRunMessages } from '../../renderer/features/firstrun/messages.js';
import { settingsMessages } from '../../renderer/features/settings/messages.js';
import { openApp, REPO_ROOT, type App, SCREENSHOTS } from './harness.js';

/** Every English message that is words (not a function) and reads otherwise in Spanish, from every folder's messages. */
async function englishOnly(): Promise<Set<string>> {
  const out = new Set<string>();
  const files = globSync('renderer/**/messages.ts', { cwd: REPO_ROOT }).concat(globSync('renderer/i18n/common.ts', { cwd: REPO_ROOT }));
  expect(files.length).toBeGreaterThan(10);
  const walk = (en: unknown, es: unknown) => {
    if (typeof en === 'string' && typeof es === 'string') {
      if (en !== es && en.length >= 4) out.add(en.trim());
    } else if (en && typeof en === 'object' && es && typeof es === 'object')
      for (const k of Object.keys(en)) walk((en as Record<string, unknown>)[k], (es as Record<string, unknown>)[k]);
  };
  for (const file of files) {
    const mod = (await import(join(REPO_ROOT, file))) as Record<string, unknown>;
    for (const value of Object.values(mod)) {
      const m = value as { en?: unknown; es?: unknown } | null;
      if (m && typeof m === 'object' && 'en' in m && 'es' in m) walk(m.en, m.es);
    }
  }
  return out;
}

/** Lines of the window's visible text that are English messages. */
async function untranslated(page: Page, english: Set<string>): Promise<string[]> {
  const text = await page.locator('body').innerText();
  return [...new Set(text.split('\n').map((l) => l.trim()))].filter((l) => english.has(l));
}

test.describe.serial('the window’s language', () => {
  let dir = '';
  let app: App;
  let english: Set<string>;
  const es = settingsMessages.es;
  const en = settingsMessages.en;
  const open = async () => (app = await openApp({ libraryDir: join(dir, 'library'), settingsFile: join(dir, 'settings.json') }));

  test.beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'glossa-language-'));
    english = await englishOnly();
    await open();
  });
  test.afterAll(async () => {
    await app?.close();
    await rm(dir, { recursive: true, force: true });
  });

  test('Settings ▸ Language ▸ Español turns the window Spanish at once', async () => {
    const { page } = app;
    await expect(page.locator('html')).toHaveAttribute('lang', 'en');
    await page.keyboard.press('Control+,');
    const dialog = page.getByRole('dialog', { name: en.title });
    await dialog.getByLabel(en.language).selectOption('es');
    await expect(page.getByRole('dialog', { name: es.title })).toBeVisible();
    await expect(page.locator('html')).toHaveAttribute('lang', 'es');
    expect(await untranslated(page, english)).toEqual([]);
    await page.screenshot({ path: join(SCREENSHOTS, 'settings-es.png') });
    await page.keyboard.press('Escape');
    await expect(page.getByRole('dialog')).toHaveCount(0);
    expect(await untranslated(page, english)).toEqual([]);
  });

  test('the library, the reader and its shortcut sheet speak Spanish', async () => {
    const { page } = app;
    await page.getByRole('button', { name: firstRunMessages.es.trySample }).click();
    await expect(page).toHaveURL(/#\/snapshot\//);
    await expect(page.locator('article').first()).toContainText('Priya Nandakumar');
    expect(await untranslated(page, english)).toEqual([]);
    await page.screenshot({ path: join(SCREENSHOTS, 'reader-es.png') });
    await page.keyboard.press('Shift+?');
    await expect(page.getByRole('dialog')).toBeVisible();
    expect(await untranslated(page, english)).toEqual([]);
    await page.keyboard.press('Escape');
    await page.goBack();
    await expect(page.locator('.snapshot-table, table').first()).toBeVisible();
    expect(await untranslated(page, english)).toEqual([]);
  });

  test('stays Spanish when the window opens again, and English comes back when chosen', async () => {
    await app.close();
    await open();
    const { page } = app;
    await expect(page.locator('html')).toHaveAttribute('lang', 'es');
    await page.keyboard.press('Control+,');
    const dialog = page.getByRole('dialog', { name: es.title });
    await expect(dialog.getByLabel(es.language)).toHaveValue('es');
    await dialog.getByLabel(es.language).selectOption('en');
    await expect(page.getByRole('dialog', { name: en.title })).toBeVisible();
    await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  });
});
