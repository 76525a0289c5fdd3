/**
 * Driving the reader like a person: selections are made with the mouse on the rendered
 * characters (found through the pieces' data-start), keys are pressed, fields are typed in.
 */
import type { Locator, Page } from '@playwright/test';

export interface Point {
  x: number;
  y: number;
}

/**
 * Screen points at the left edge of the character at `start` and the right edge of the
 * character before `end`, after scrolling the span into view.
 */
export async function charEdges(page: Page, start: number, end: number): Promise<{ from: Point; to: Point }> {
  // The reader renders after its snapshot loads; wait for the pieces rather than race them.
  await page.locator('article [data-start]').first().waitFor();
  return page.evaluate(
    ([s, e]) => {
      const pieces = [...document.querySelectorAll<HTMLElement>('article [data-start]')];
      const locate = (offset: number, side: 'start' | 'end') => {
        const piece = pieces.find((p) => {
          const a = Number(p.dataset.start);
          const b = a + (p.textContent?.length ?? 0);
          return side === 'start' ? a <= offset && offset < b : a < offset && offset <= b;
        });
        if (!piece?.firstChild) throw new Error(`No rendered character at offset ${offset}.`);
        return { node: piece.firstChild, index: offset - Number(piece.dataset.start) };
      };
      const first = locate(s, 'start');
      const last = locate(e, 'end');
      (first.node.parentElement as HTMLElement).scrollIntoView({ block: 'center' });
      const rectOf = (node: Node, from: number, to: number, pick: 'first' | 'last') => {
        const range = document.createRange();
        range.setStart(node, from);
        range.setEnd(node, to);
        const rects = [...range.getClientRects()].filter((r) => r.width > 0);
        const rect = pick === 'first' ? rects[0] : rects.at(-1);
        if (!rect) throw new Error('The character has no box on screen.');
        return rect;
      };
      const a = rectOf(first.node, first.index, first.index + 1, 'first');
      const b = rectOf(last.node, last.index - 1, last.index, 'last');
      // Just inside the outer edges: the caret lands before the first and after the last character.
      return { from: { x: a.left + 1, y: a.top + a.height / 2 }, to: { x: b.right - 1, y: b.top + b.height / 2 } };
    },
    [start, end] as const,
  );
}

/** Drags the mouse from the start to the end character; Alt held keeps the selection exact (no word snapping). */
export async function selectByMouse(page: Page, start: number, end: number, opts: { alt?: boolean } = {}): Promise<string> {
  const { from, to } = await charEdges(page, start, end);
  await page.mouse.move(from.x, from.y);
  if (opts.alt) await page.keyboard.down('Alt');
  await page.mouse.down();
  await page.mouse.move((from.x + to.x) / 2, (from.y + to.y) / 2, { steps: 3 });
  await page.mouse.move(to.x, to.y, { steps: 3 });
  await page.mouse.up();
  if (opts.alt) await page.keyboard.up('Alt');
  return page.evaluate(() => window.getSelection()?.toString() ?? '');
}

export const panelList = (page: Page): Locator => page.getByRole('list', { name: 'Annotations' });
export const panelItems = (page: Page): Locator => panelList(page).getByRole('listitem');
/** The open editor of the selected annotation. */
export const editor = (page: Page): Locator => page.getByRole('group', { name: /^Edit / });

/**
 * Types into a field of the open editor and leaves it as a person would: Tab moves on
 * (saving on blur), Enter saves and hands focus back to the article.
 */
export async function fillField(page: Page, label: string, value: string, leave: 'Tab' | 'Enter' = 'Tab'): Promise<void> {
  const field = editor(page).getByLabel(label, { exact: true });
  await field.fill(value);
  await field.press(leave);
}

export async function chooseField(page: Page, label: string, value: string): Promise<void> {
  await editor(page).getByLabel(label, { exact: true }).selectOption(value);
}

export const article = (page: Page): Locator => page.getByRole('article', { name: 'Article text' });
