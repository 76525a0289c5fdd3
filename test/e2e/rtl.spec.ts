/**
 * A right-to-left article, end to end in Chromium: a small Hebrew page (text written for
 * this test, with an English paragraph and an Arabic quote in it) is imported as a file; the
 * reader draws each block in the direction and language the page gave it; a phrase selected
 * with the mouse in a Hebrew paragraph is tagged, stored with exactly those characters, and
 * its highlight covers exactly them, drawn right to left (the window as it looks then is saved as
 * reader-rtl.png, in docs/screenshots/ with GLOSSA_UPDATE_SCREENSHOTS=1).
 */
import { expect, test, type Page } from '@playwright/test';
import type { Snapshot } from '../../core/model/index.js';
import { join } from 'node:path';
import { SCREENSHOTS } from './harness.js';
import { liveAnnotations, useTempLibrary } from './library.helpers.js';
import { article, panelItems } from './reader.helpers.js';

const HE_1 = 'מועצת העיר החליטה אתמול לסגור את המנהרה הישנה לשנתיים, כדי לחזק את הקירות ולהחליף את מערכת האוורור.';
const HE_2 = 'לפי הדוח, המהנדסים מצאו סדקים בדפנות המנהרה כבר באביב שעבר, אך העבודות נדחו בגלל מחסור בתקציב.';
const HE_3 = 'תושבי השכונה אמרו שהם חוששים מפקקים ארוכים בזמן העבודות, והעירייה הבטיחה להוסיף קווי אוטובוס.';
const EN = 'The English summary of the decision sits in its own paragraph, set left to right inside the page.';
const AR = 'قال أحد السكان إن الطريق البديل طويل جدا، لكنه يفهم سبب الإغلاق.';
const PHRASE = 'לסגור את המנהרה הישנה';
const TITLE = 'המנהרה תיסגר לשנתיים';

const PAGE = `<!doctype html>
<html lang="he" dir="rtl"><head><meta charset="utf-8"><title>${TITLE}</title></head>
<body><main><article>
<h1>${TITLE}</h1>
<p>${HE_1} ${HE_2}</p>
<p>${HE_2} ${HE_3}</p>
<p lang="en" dir="ltr">${EN} ${EN}</p>
<blockquote lang="ar"><p>${AR}</p></blockquote>
<p>${HE_3} ${HE_1}</p>
</article></main></body></html>`;

/** Drags from the right edge of the first character to the left edge of the last (right-to-left text), Alt held: exactly those characters. */
async function selectRtl(page: Page, start: number, end: number): Promise<string> {
  const { from, to } = await page.evaluate(
    ([s, e]) => {
      const pieces = [...document.querySelectorAll<HTMLElement>('article [data-start]')];
      const at = (offset: number) => {
        const piece = pieces.find((p) => Number(p.dataset.start) <= offset && offset < Number(p.dataset.start) + (p.textContent?.length ?? 0))!;
        return { node: piece.firstChild!, index: offset - Number(piece.dataset.start) };
      };
      const box = (offset: number) => {
        const { node, index } = at(offset);
        (node.parentElement as HTMLElement).scrollIntoView({ block: 'center' });
        const range = document.createRange();
        range.setStart(node, index);
        range.setEnd(node, index + 1);
        return range.getBoundingClientRect();
      };
      const a = box(s);
      const b = box(e - 1);
      return { from: { x: a.right - 1, y: a.top + a.height / 2 }, to: { x: b.left + 1, y: b.top + b.height / 2 } };
    },
    [start, end] as const,
  );
  await page.mouse.move(from.x, from.y);
  await page.keyboard.down('Alt');
  await page.mouse.down();
  await page.mouse.move((from.x + to.x) / 2, from.y, { steps: 3 });
  await page.mouse.move(to.x, to.y, { steps: 3 });
  await page.mouse.up();
  await page.keyboard.up('Alt');
  return page.evaluate(() => window.getSelection()?.toString() ?? '');
}

test.describe.serial('right-to-left articles', () => {
  const lib = useTempLibrary('glossa-rtl-');
  let snapshot: Snapshot;
  let text = '';

  test('blocks keep the direction and language the page gave them', async () => {
    const { page } = lib.app;
    await page.getByTestId('import-file-input').setInputFiles([{ name: 'tunnel.html', mimeType: 'text/html', buffer: Buffer.from(PAGE) }]);
    await expect(page.getByRole('region', { name: 'Import results' })).toContainText('1 article imported');
    await page.getByRole('table').getByRole('link', { name: TITLE }).click();
    await expect(article(page)).toContainText(HE_1);
    ({ snapshot, text } = await page.evaluate(async () => {
      const id = decodeURIComponent(location.hash.replace('#/snapshot/', ''));
      return window.glossa.openSnapshot({ id });
    }));
    expect(snapshot.lang).toBe('he');
    expect(snapshot.blocks.map((b) => [b.type, b.dir, b.lang])).toEqual([
      ['paragraph', 'rtl', undefined],
      ['paragraph', 'rtl', undefined],
      ['paragraph', 'ltr', 'en'],
      ['quote', 'rtl', 'ar'],
      ['paragraph', 'rtl', undefined],
    ]);

    const art = article(page);
    await expect(art).toHaveAttribute('lang', 'he');
    const hebrew = art.locator('p.block').filter({ hasText: HE_1 }).first();
    await expect(hebrew).toHaveAttribute('dir', 'rtl');
    const english = art.locator('p.block').filter({ hasText: EN });
    await expect(english).toHaveAttribute('dir', 'ltr');
    await expect(english).toHaveAttribute('lang', 'en');
    await expect(art.locator('blockquote')).toHaveAttribute('lang', 'ar');
    const look = await hebrew.evaluate((el) => {
      const box = el.getBoundingClientRect();
      const first = document.createRange();
      const node = el.querySelector('[data-start]')!.firstChild!;
      first.setStart(node, 0);
      first.setEnd(node, 1);
      const r = first.getBoundingClientRect();
      return { direction: getComputedStyle(el).direction, firstCharFromRight: box.right - r.right, firstCharFromLeft: r.left - box.left };
    });
    // The first character stands at the right edge of the paragraph.
    expect(look.direction).toBe('rtl');
    expect(look.firstCharFromRight).toBeLessThan(2);
    expect(look.firstCharFromLeft).toBeGreaterThan(100);
    expect(await english.evaluate((el) => getComputedStyle(el).direction)).toBe('ltr');
  });

  test('a phrase selected in a Hebrew paragraph is tagged with exactly its characters, highlighted right to left', async () => {
    const { page } = lib.app;
    const start = text.indexOf(PHRASE);
    const end = start + PHRASE.length;
    expect(start).toBeGreaterThan(0);
    expect(await selectRtl(page, start, end)).toBe(PHRASE);
    await page.keyboard.press('q');
    await expect(panelItems(page)).toHaveCount(1);
    await expect
      .poll(async () => (await liveAnnotations(page, snapshot.id)).map((a) => [a.target.quote.exact, a.target.position.start, a.target.position.end]))
      .toEqual([[PHRASE, start, end]]);
    await page.keyboard.press('Escape');

    const marks = article(page).locator('mark[data-ids]');
    await expect(marks).toHaveCount(1);
    await expect(marks).toHaveText(PHRASE);
    expect(Number(await marks.getAttribute('data-start'))).toBe(start);
    // Drawn right to left: the mark's first character is to the right of its last.
    const order = await marks.evaluate((mark) => {
      const node = mark.firstChild!;
      const box = (i: number) => {
        const r = document.createRange();
        r.setStart(node, i);
        r.setEnd(node, i + 1);
        return r.getBoundingClientRect();
      };
      return { first: box(0).left, last: box((node.textContent ?? '').length - 1).left, dir: getComputedStyle(mark).direction };
    });
    expect(order.dir).toBe('rtl');
    expect(order.first).toBeGreaterThan(order.last);
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.screenshot({ path: join(SCREENSHOTS, 'reader-rtl.png') });
  });
});
