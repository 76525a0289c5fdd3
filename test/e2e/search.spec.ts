/**
 * The library search window in Chromium, on a generated library of 300 articles and ~400
 * annotations built through the core API (the 10,000-article run is the search bench):
 * the virtualised, sortable library table and its keys; a query with highlighted snippets;
 * a facet that narrows it (a removable chip); a hit opened at its words (the reader scrolls
 * there, selects and flashes them); the annotation browser sorted by a column and opening
 * a row at its annotation; a speaker's count opening their search, and their page. axe finds
 * nothing serious on any of it. Screenshots (search, facets, browser) are written under
 * test-results/, or docs/screenshots/ with GLOSSA_UPDATE_SCREENSHOTS=1.
 */
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { api, dispatch, type Context } from '../../core/api.js';
import { openLibrary } from '../../core/store/index.js';
import { audit, count, searchBox } from './search.helpers.js';
import { openApp, type App, SCREENSHOTS } from './harness.js';

/** Narrow-window shots, to look at only (test-results/ is shared with parallel runs that clear it). */
const NARROW = join(tmpdir(), 'glossa-search-screenshots');
const ARTICLES = 300;
const SPEAKERS = ['Maria Lopez', 'John Park', 'Ana Silva'];
const TOPICS = ['transit budget', 'school repairs', 'harbour dredging', 'library hours', 'street lighting'];
/** Articles whose last paragraph (far below the first screen) mentions the zeppelin. */
const ZEPPELIN = (i: number) => i % 50 === 7;

const pad = (i: number) => String(i).padStart(3, '0');
const titleOf = (i: number) => `Report ${pad(i)}: ${TOPICS[i % TOPICS.length]}`;
function textOf(i: number): string {
  const filler = Array.from(
    { length: 60 },
    (_, p) => `Paragraph ${p + 1} of the council minutes on ${TOPICS[i % TOPICS.length]} records routine business and nothing else of note.`,
  );
  return [
    titleOf(i),
    `The city transit office reported ${100 + i} complaints this quarter.`,
    `“We will publish every figure,” said ${SPEAKERS[i % 3]}.`,
    `Officials claimed the ${TOPICS[i % TOPICS.length]} plan was on schedule.`,
    ...filler,
    ZEPPELIN(i) ? 'Late in the evening a zeppelin drifted over the harbour, the minutes note.' : 'The meeting closed without further questions.',
  ].join('\n\n');
}

/** The library, built through the same operations the window calls (no window needed). */
async function buildLibrary(dir: string): Promise<void> {
  const library = await openLibrary(dir);
  const ctx: Context = { library, dialogs: { openFiles: async () => [], saveFile: async () => null }, emit: () => undefined };
  const call = async <T>(name: string, input: unknown): Promise<T> => {
    const out = await dispatch(api, ctx, name, input, { windowOnly: false });
    if (!out.ok) throw new Error(`${name}: ${out.error.message}`);
    return out.value as T;
  };
  try {
    const transit = (await call<{ value: { tag: { id: string } } }>('createTag', { name: 'Transit' })).value.tag.id;
    for (const name of SPEAKERS) await call('createSpeaker', { name });
    for (let i = 1; i <= ARTICLES; i++) {
      const text = textOf(i);
      const { snapshotId } = await call<{ snapshotId: string }>('importText', { text, title: titleOf(i) });
      if (i % 2) continue;
      const at = (s: string) => ({ start: text.indexOf(s), end: text.indexOf(s) + s.length });
      await call('createAnnotation', {
        snapshotId,
        kind: 'quote',
        ...at('We will publish every figure'),
        fields: { speaker: SPEAKERS[i % 3], quoteType: 'direct' },
        tags: i % 4 === 0 ? [transit] : [],
      });
      await call('createAnnotation', {
        snapshotId,
        kind: 'claim',
        ...at(`the ${TOPICS[i % TOPICS.length]} plan was on schedule`),
        fields: { claimant: 'Officials', verdict: i % 3 ? 'disputed' : 'supported' },
      });
      if (i % 6 === 0)
        await call('createAnnotation', {
          snapshotId,
          kind: 'figure',
          ...at(`${100 + i} complaints`),
          fields: { value: 100 + i, unit: 'complaints', measure: 'complaints this quarter' },
        });
    }
  } finally {
    await library.close();
  }
}

const shot = async (page: Page, name: string, size: { width: number; height: number }) => {
  await page.setViewportSize(size);
  // The documented size goes to SCREENSHOTS; the narrow one is for looking at only.
  await page.screenshot({ path: size.width === 1280 ? join(SCREENSHOTS, `${name}.png`) : join(NARROW, `${name}-${size.width}.png`) });
};

test.describe.serial('library search, facets, annotation browser', () => {
  let temp = '';
  let app: App;

  test.beforeAll(async () => {
    test.setTimeout(180_000);
    temp = await mkdtemp(join(tmpdir(), 'glossa-search-'));
    await mkdir(SCREENSHOTS, { recursive: true });
    await mkdir(NARROW, { recursive: true });
    await buildLibrary(join(temp, 'library'));
    app = await openApp({ libraryDir: join(temp, 'library'), viewport: { width: 1280, height: 800 } });
  });
  test.afterAll(async () => {
    await app?.close();
    await rm(temp, { recursive: true, force: true });
  });

  test('the library table is virtualised, sorts by a header and moves by keys', async () => {
    const { page } = app;
    const table = page.getByTestId('library-table').getByRole('table');
    await expect(table).toHaveAttribute('aria-rowcount', String(ARTICLES + 1));
    const drawn = await table.locator('tbody tr.vt-row').count();
    expect(drawn).toBeGreaterThan(5);
    expect(drawn).toBeLessThan(60);

    await table.getByRole('button', { name: 'Title' }).click();
    await expect(table.getByRole('columnheader', { name: 'Title' })).toHaveAttribute('aria-sort', 'ascending');
    await expect(table.locator('tbody tr.vt-row').first()).toContainText(titleOf(1));
    await table.getByRole('link', { name: titleOf(1) }).focus();
    await page.keyboard.press('End');
    await expect(page.locator(':focus')).toHaveText(titleOf(ARTICLES));
    await page.keyboard.press('ArrowUp');
    await expect(page.locator(':focus')).toHaveText(titleOf(ARTICLES - 1));
    await page.keyboard.press('Home');
    await expect(page.locator(':focus')).toHaveText(titleOf(1));
    await page.keyboard.press('PageDown');
    await expect(page.locator(':focus')).not.toHaveText(titleOf(1));
    await table.getByRole('button', { name: 'Title' }).click();
    await expect(table.getByRole('columnheader', { name: 'Title' })).toHaveAttribute('aria-sort', 'descending');
    await expect(table.locator('tbody tr.vt-row').first()).toContainText(titleOf(ARTICLES));
    await page.screenshot({ path: join(NARROW, 'library-1280.png') });
    await page.setViewportSize({ width: 900, height: 700 });
    await page.screenshot({ path: join(NARROW, 'library-900.png') });
    await page.setViewportSize({ width: 1280, height: 800 });
    await audit(page, 'library table');
  });

  test('a query finds articles with highlighted snippets; a malformed one says why', async () => {
    const { page } = app;
    await page.locator('body').click({ position: { x: 5, y: 790 } });
    await page.keyboard.press('/');
    await expect(searchBox(page)).toBeFocused();
    await page.keyboard.type('zeppelin');
    await expect(count(page, 'Articles')).toHaveText(String(Array.from({ length: ARTICLES }, (_, i) => i + 1).filter(ZEPPELIN).length));
    const hits = page.locator('.hit-article');
    await expect(hits.first().locator('mark.search-mark')).toHaveText(/zeppelin/i);
    await expect(count(page, 'Annotations')).toHaveText('0');
    await shot(page, 'search', { width: 1280, height: 800 });
    await shot(page, 'search', { width: 900, height: 700 });
    await page.setViewportSize({ width: 1280, height: 800 });
    await audit(page, 'search results');

    await searchBox(page).fill('speaker:"unclosed');
    await expect(page.locator('.search-message')).not.toBeEmpty();
    await searchBox(page).press('Escape');
    await expect(searchBox(page)).toHaveValue('');
  });

  test('a facet narrows the search and shows as a removable chip', async () => {
    const { page } = app;
    await searchBox(page).fill('publish');
    await expect(count(page, 'Annotations')).toHaveText(String(ARTICLES / 2));
    const facet = page.getByRole('navigation', { name: 'Narrow the search' }).getByRole('button', { name: /^Speaker: Maria Lopez/ });
    await facet.click();
    await expect(facet).toHaveAttribute('aria-pressed', 'true');
    const chip = page.getByRole('button', { name: 'Remove filter speaker:"Maria Lopez"' });
    await expect(chip).toBeVisible();
    const maria = Array.from({ length: ARTICLES }, (_, i) => i + 1).filter((i) => i % 2 === 0 && i % 3 === 0).length;
    await expect(count(page, 'Annotations')).toHaveText(String(maria));
    await expect(page.locator('.hit-annotation .hit-meta').first()).toContainText('Maria Lopez');
    await shot(page, 'facets', { width: 1280, height: 800 });
    await shot(page, 'facets', { width: 900, height: 700 });
    await page.setViewportSize({ width: 1280, height: 800 });
    await audit(page, 'facets with a chip');
    await chip.click();
    await expect(count(page, 'Annotations')).toHaveText(String(ARTICLES / 2));
  });

  test('an article hit opens the reader at its words, selected and flashed', async () => {
    const { page } = app;
    await searchBox(page).fill('zeppelin');
    const first = page.locator('.hit-article .hit-link').first();
    await expect(first).toBeVisible();
    await first.click();
    await expect(page.getByRole('article', { name: 'Article text' })).toBeVisible();
    await expect(page.locator('.reader-flash').first()).toBeAttached();
    await expect.poll(() => page.evaluate(() => window.getSelection()?.toString())).toMatch(/^zeppelin$/i);
    // The words are in view: the reader scrolled down to the last paragraph.
    await expect
      .poll(() =>
        page.evaluate(() => {
          const scroller = document.querySelector('.reader-scroll')!;
          const r = window.getSelection()!.getRangeAt(0).getBoundingClientRect();
          const box = scroller.getBoundingClientRect();
          return scroller.scrollTop > 0 && r.top >= box.top && r.bottom <= box.bottom;
        }),
      )
      .toBe(true);
  });

  test('the annotation browser sorts by a column and opens a row at its annotation', async () => {
    const { page } = app;
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Annotations' }).click();
    const box = page.getByRole('searchbox', { name: 'Search the annotations' });
    await box.fill('kind:quote');
    const table = page.getByTestId('annotation-table').getByRole('table');
    await expect(table).toHaveAttribute('aria-rowcount', String(ARTICLES / 2 + 1));
    await table.getByRole('button', { name: 'Speaker' }).click();
    await expect(table.getByRole('columnheader', { name: 'Speaker' })).toHaveAttribute('aria-sort', 'ascending');
    await expect(table.locator('tbody tr.vt-row').first()).toContainText('Ana Silva');
    await table.getByRole('button', { name: 'Speaker' }).click();
    await expect(table.getByRole('columnheader', { name: 'Speaker' })).toHaveAttribute('aria-sort', 'descending');
    await expect(table.locator('tbody tr.vt-row').first()).toContainText('Maria Lopez');
    await box.fill('');
    await expect(table).toHaveAttribute('aria-rowcount', String(ARTICLES / 2 + ARTICLES / 2 + ARTICLES / 6 + 1));
    // By article: each article's quote, claim and figure together.
    await table.getByRole('button', { name: 'Article' }).click();
    await expect(table.getByRole('columnheader', { name: 'Article' })).toHaveAttribute('aria-sort', 'ascending');
    await expect(table.locator('tbody tr.vt-row').first()).toContainText(titleOf(2));
    await shot(page, 'annotation-browser', { width: 1280, height: 800 });
    await shot(page, 'annotation-browser', { width: 900, height: 700 });
    await page.setViewportSize({ width: 1280, height: 800 });
    await audit(page, 'annotation browser');
    await expect(page.getByRole('button', { name: 'Export these…' })).toBeEnabled();

    const link = table.locator('tbody tr.vt-row').first().locator('.vt-link');
    const words = (await link.textContent()) ?? '';
    await link.focus();
    await page.keyboard.press('Enter');
    await expect(page.getByRole('article', { name: 'Article text' })).toBeVisible();
    await expect(page.locator('.reader-flash').first()).toBeAttached();
    await expect(page.locator('mark.hl-selected').first()).toContainText(words.slice(0, 10));
  });

  test('a speaker’s count opens their search, and their page lists what they said', async () => {
    const { page } = app;
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Speakers' }).click();
    await page
      .getByRole('row', { name: /Maria Lopez/ })
      .getByRole('link', { name: '50', exact: true })
      .click();
    await expect(searchBox(page)).toHaveValue('speaker:"Maria Lopez"');
    await expect(count(page, 'Annotations')).toHaveText(
      String(Array.from({ length: ARTICLES }, (_, i) => i + 1).filter((i) => i % 2 === 0 && i % 3 === 0).length),
    );
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Speakers' }).click();
    await page.getByRole('link', { name: 'Maria Lopez', exact: true }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Maria Lopez' })).toBeVisible();
    await audit(page, 'speaker page');
    expect(app.problems).toEqual([]);
  });
});
