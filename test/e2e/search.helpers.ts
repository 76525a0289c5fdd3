/** What the search specs share: the axe audit, and the library search's field and hit counts. */
import AxeBuilder from '@axe-core/playwright';
import { expect, type Page } from '@playwright/test';

/** Fails on serious or critical accessibility violations; logs the minor ones. */
export async function audit(page: Page, where: string): Promise<void> {
  const { violations } = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice']).analyze();
  const bad = violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  const minor = violations.filter((v) => !bad.includes(v));
  if (minor.length) console.log(`[a11y] ${where}: ${minor.map((v) => `${v.id} (${v.impact}, ${v.nodes.length})`).join(', ')}`);
  expect(
    bad.map((v) => ({ rule: v.id, impact: v.impact, nodes: v.nodes.slice(0, 3).map((n) => n.target.join(' ')) })),
    `${where}: serious or critical accessibility violations`,
  ).toEqual([]);
}

export const searchBox = (page: Page) => page.getByRole('searchbox', { name: 'Search the library' });
export const count = (page: Page, list: 'Articles' | 'Annotations') => page.getByRole('heading', { name: new RegExp(`^${list}`) }).locator('.hit-count');
