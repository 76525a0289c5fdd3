/**
 * Libraries for the end-to-end specs: a fresh one in a temp folder per suite, a sample
 * article to import, and a library's full contents read through the page's own
 * window.glossa, for comparisons.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import type { Annotation, Snapshot } from '../../core/model/index.js';
import type {} from '../../renderer/glossa.js';
import { openApp, type App } from './harness.js';

/** A short news article with a title, numbers and a quote: enough for every kind of annotation. */
export const BUDGET_ARTICLE = [
  'Budget vote delayed again',
  '',
  'The council postponed the vote on the 2025 budget for the third time, officials said on Monday.',
  '',
  '“We need about 12 more days to close a gap of nearly $40 million,” the finance chair said.',
].join('\n');

export interface TempLibrary {
  /** The window, open on `join(dir, 'library')`. */
  readonly app: App;
  /** The temp folder, also the place for files a test writes (bundles, CSV). */
  readonly dir: string;
}

/**
 * One app on an empty library for the enclosing (serial) describe: opened before its first
 * test, closed and deleted after its last. Fields are filled in by beforeAll, so read them
 * inside tests.
 */
export function useTempLibrary(prefix: string): TempLibrary {
  const lib = { app: undefined as unknown as App, dir: '' };
  test.beforeAll(async () => {
    lib.dir = await mkdtemp(join(tmpdir(), prefix));
    lib.app = await openApp({ libraryDir: join(lib.dir, 'library') });
  });
  test.afterAll(async () => {
    await (lib.app as App | undefined)?.close();
    await rm(lib.dir, { recursive: true, force: true });
  });
  return lib;
}

export interface LibraryDump {
  snapshots: { snapshot: Snapshot; text: string; annotations: Annotation[] }[];
}

export async function dumpLibrary(page: Page): Promise<LibraryDump> {
  return page.evaluate(async () => {
    const rows = await window.glossa.listSnapshots({});
    const snapshots = [];
    for (const row of [...rows].sort((a, b) => a.id.localeCompare(b.id))) {
      const { snapshot, text } = await window.glossa.openSnapshot({ id: row.id });
      const annotations = await window.glossa.listAnnotations({ snapshotId: row.id, includeDeleted: true });
      snapshots.push({ snapshot, text, annotations: [...annotations].sort((a, b) => a.id.localeCompare(b.id)) });
    }
    return { snapshots };
  });
}

export async function liveAnnotations(page: Page, snapshotId: string): Promise<Annotation[]> {
  return page.evaluate((id) => window.glossa.listAnnotations({ snapshotId: id }), snapshotId);
}

/** Sets the person's name through the Settings dialog (Ctrl+,), as a user does, and waits until it is saved. */
export async function setName(page: Page, name: string): Promise<void> {
  await page.keyboard.press('Control+,');
  const dialog = page.getByRole('dialog', { name: 'Settings' });
  const field = dialog.getByLabel('Your name');
  await field.fill(name);
  await field.press('Enter');
  await expect(dialog.getByText('Saved')).toBeVisible();
  await dialog.getByRole('button', { name: 'Close' }).click();
  await expect(dialog).toHaveCount(0);
  await expect.poll(() => page.evaluate(() => window.glossa.appSettings({}).then((s) => s.name))).toBe(name);
}
