/**
 * Driving the workbench from the keyboard alone: Tab to reach controls, / to find and select
 * text, keys to tag, type into fields. No clicks and no programmatic focus.
 */
import { readFile } from 'node:fs/promises';
import { expect, type Locator, type Page } from '@playwright/test';
import yauzl from 'yauzl';
import { findInText } from '../../core/text/find.js';
import type { GoldItem } from '../shared-fixtures.js';

/** Presses Tab (Shift+Tab going back) until `target` has focus; fails after `max` presses. */
export async function tabTo(page: Page, target: Locator, opts: { back?: boolean; max?: number } = {}): Promise<void> {
  const max = opts.max ?? 80;
  for (let i = 0; i < max; i++) {
    if (await target.evaluate((el) => el === document.activeElement).catch(() => false)) return;
    await page.keyboard.press(opts.back ? 'Shift+Tab' : 'Tab');
  }
  await expect(target, `Tab never reached ${target}`).toBeFocused();
}

export const selectionText = (page: Page): Promise<string> => page.evaluate(() => window.getSelection()?.toString() ?? '');

/** What a person types to find a gold passage: plain quotes and spaces; long ones by their ends ("first … last"). */
export function queryFor(exact: string): string {
  const typed = exact
    .replace(/[“”]/g, '"')
    .replace(/[‘’]/g, "'")
    .replace(/\u00a0/g, ' ');
  const words = typed.split(' ');
  return words.length > 7 ? `${words.slice(0, 4).join(' ')} ... ${words.slice(-3).join(' ')}` : typed;
}

/**
 * / opens find, the query is typed, Enter selects matches until the selection is `expected`
 * (the right occurrence is counted with core's own find, as a person would read the count).
 */
export async function findAndSelect(page: Page, text: string, query: string, expected: { start: number; end: number; exact: string }): Promise<void> {
  await page.keyboard.press('/');
  const input = page.getByRole('search', { name: 'Find in the article' }).getByRole('searchbox');
  await expect(input).toBeFocused();
  await page.keyboard.type(query);
  const matches = findInText(text, query);
  const at = matches.findIndex((m) => m.start === expected.start && m.end === expected.end);
  expect(at, `“${query}” does not find ${expected.exact}`).toBeGreaterThanOrEqual(0);
  await expect(page.getByRole('search').getByRole('status')).toContainText(`${matches.length} found`);
  for (let i = 0; i <= at; i++) {
    if (i > 0) {
      await page.keyboard.press('/');
      await expect(input).toBeFocused();
    }
    await page.keyboard.press('Enter');
  }
  await expect.poll(() => selectionText(page)).toBe(expected.exact);
}

/** The field of the open editor with this label. */
export const editorField = (page: Page, label: string): Locator => page.getByRole('group', { name: /^Edit / }).getByLabel(label, { exact: true });

/** Types into the focused field (replacing what it holds). */
export async function typeHere(page: Page, value: string): Promise<void> {
  await page.keyboard.press('Control+A');
  await page.keyboard.type(value);
}

/** The members of a zip file (a .glossa bundle), as text. */
export async function readZipText(path: string): Promise<Map<string, string>> {
  const data = await readFile(path);
  return new Promise((resolve, reject) => {
    yauzl.fromBuffer(data, { lazyEntries: true }, (err, zip) => {
      if (err || !zip) return reject(err ?? new Error('no zip'));
      const out = new Map<string, string>();
      zip.on('entry', (entry: yauzl.Entry) => {
        zip.openReadStream(entry, (e, stream) => {
          if (e || !stream) return reject(e ?? new Error('no stream'));
          const chunks: Buffer[] = [];
          stream.on('data', (c: Buffer) => chunks.push(c));
          stream.on('end', () => {
            out.set(entry.fileName, Buffer.concat(chunks).toString('utf8'));
            zip.readEntry();
          });
        });
      });
      zip.on('end', () => resolve(out));
      zip.on('error', reject);
      zip.readEntry();
    });
  });
}

/** A gold item's value in a CSV column: the gold file's own field, under the CSV's name for it. */
export function goldCell(item: GoldItem, column: string): string {
  const source: Record<string, unknown> = { ...item, quoteType: item.type };
  const v = source[column];
  return v === undefined || v === null ? '' : String(v);
}
