/**
 * The theme at startup: a person who chose the dark theme must not see the light page while
 * their settings are read. An init script records `data-theme` on <html> when the document
 * has loaded (DOMContentLoaded: after the app's script ran, before the settings call could
 * answer), on a light system so that only a remembered choice can make it dark.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import type {} from '../../renderer/glossa.js';
import { openApp, type App } from './harness.js';

declare global {
  interface Window {
    /** data-theme on <html> at DOMContentLoaded ('' when none), set by the init script below. */
    glossaThemeAtLoad?: string;
  }
}

const themeAtLoad = (page: Page) => page.evaluate(() => window.glossaThemeAtLoad);
const html = (page: Page) => page.locator('html');

test.describe.serial('theme at startup', () => {
  let dir = '';
  let app: App;

  test.beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'glossa-theme-start-'));
    app = await openApp({ libraryDir: join(dir, 'library'), settingsFile: join(dir, 'settings.json') });
    await app.page.emulateMedia({ colorScheme: 'light' });
    await app.page.addInitScript(() => {
      document.addEventListener('DOMContentLoaded', () => {
        window.glossaThemeAtLoad = document.documentElement.dataset.theme ?? '';
      });
    });
  });
  test.afterAll(async () => {
    await app?.close();
    await rm(dir, { recursive: true, force: true });
  });

  test('the dark theme, once chosen, is on the page before the settings are read', async () => {
    const { page } = app;
    await page.reload();
    await expect(html(page)).toHaveAttribute('data-theme', 'light');
    await page.keyboard.press('Control+,');
    await page.getByRole('dialog', { name: 'Settings' }).getByRole('radio', { name: 'Dark' }).check();
    await expect(html(page)).toHaveAttribute('data-theme', 'dark');

    await page.reload();
    expect(await themeAtLoad(page)).toBe('dark');
    await expect(html(page)).toHaveAttribute('data-theme', 'dark');
    expect(app.problems).toEqual([]);
  });

  test('settings changed elsewhere win once read, and are remembered for the next start', async () => {
    const { page } = app;
    // As another window or the command line would: the settings file says light now.
    await page.evaluate(() => window.glossa.updateAppSettings({ theme: 'light' }));
    await page.reload();
    expect(await themeAtLoad(page)).toBe('dark');
    await expect(html(page)).toHaveAttribute('data-theme', 'light');
    await page.reload();
    expect(await themeAtLoad(page)).toBe('light');
  });

  test('a remembered value that is not a theme is ignored: the system’s theme until settings load', async () => {
    const { page } = app;
    await page.evaluate(() => window.glossa.updateAppSettings({ theme: 'dark' }));
    await page.evaluate(() => localStorage.setItem('glossa.theme', '"><img src=x onerror=alert(1)>'));
    await page.emulateMedia({ colorScheme: 'dark' });
    await page.reload();
    expect(await themeAtLoad(page)).toBe('dark');
    await page.emulateMedia({ colorScheme: 'light' });
    await page.evaluate(() => localStorage.setItem('glossa.theme', 'purple'));
    await page.reload();
    expect(await themeAtLoad(page)).toBe('light');
    // Then the settings (dark) apply, and become what is remembered.
    await expect(html(page)).toHaveAttribute('data-theme', 'dark');
    await expect.poll(() => page.evaluate(() => localStorage.getItem('glossa.theme'))).toBe('dark');
    expect(app.problems).toEqual([]);
  });
});
