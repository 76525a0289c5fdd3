/**
 * Accessibility: axe-core (WCAG 2.x A and AA rules) on the library, the reader with
 * overlapping highlights and an open editor, the codebook, speakers, trash, and the dialogs.
 * No serious or critical violation may remain; lesser ones are printed for the record.
 */
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { BUDGET_ARTICLE, useTempLibrary } from './library.helpers.js';
import { article } from './reader.helpers.js';

async function audit(page: Page, where: string, include?: string): Promise<void> {
  let builder = new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice']);
  if (include) builder = builder.include(include);
  const { violations } = await builder.analyze();
  const bad = violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  const minor = violations.filter((v) => !bad.includes(v));
  if (minor.length) console.log(`[a11y] ${where}: ${minor.map((v) => `${v.id} (${v.impact}, ${v.nodes.length})`).join(', ')}`);
  expect(
    bad.map((v) => ({ rule: v.id, impact: v.impact, help: v.help, nodes: v.nodes.slice(0, 3).map((n) => n.target.join(' ')) })),
    `${where}: serious or critical accessibility violations`,
  ).toEqual([]);
}

test.describe.serial('accessibility (axe-core)', () => {
  const lib = useTempLibrary('glossa-a11y-');
  let snapshotId = '';

  test('library: empty, and with articles', async () => {
    const { page } = lib.app;
    await expect(page.getByRole('heading', { name: 'Your library is empty' })).toBeVisible();
    await audit(page, 'empty library');
    snapshotId = await page.evaluate(async (text) => {
      const out = await window.glossa.importText({ text, title: 'Budget vote delayed again' });
      await window.glossa.importText({ text: 'Second note\n\nAnother short article for the list.', title: 'Second note' });
      return out.snapshotId;
    }, BUDGET_ARTICLE);
    await page.reload();
    await expect(page.getByRole('table').getByRole('row')).toHaveCount(3);
    await audit(page, 'library');
  });

  test('reader with nested highlights, an open editor, tags and links', async () => {
    const { page } = lib.app;
    await page.evaluate(async (id) => {
      const { text } = await window.glossa.openSnapshot({ id });
      const span = (s: string) => ({ start: text.indexOf(s), end: text.indexOf(s) + s.length });
      const tag = (await window.glossa.createTag({ name: 'Budget', key: 'b' })).value.tag;
      const q = (
        await window.glossa.createAnnotation({
          snapshotId: id,
          kind: 'quote',
          ...span('“We need about 12 more days to close a gap of nearly $40 million,”'),
          fields: { speaker: 'Finance chair' },
          tags: [tag.id],
        })
      ).value;
      const c = (await window.glossa.createAnnotation({ snapshotId: id, kind: 'claim', ...span('We need about 12 more days') })).value;
      await window.glossa.createAnnotation({ snapshotId: id, kind: 'figure', ...span('nearly $40 million'), prefill: true });
      await window.glossa.createAnnotation({ snapshotId: id, kind: 'note', ...span('postponed the vote') });
      await window.glossa.addLink({ snapshotId: id, id: q.id, rel: 'contains', targetId: c.id });
      await window.glossa.setEvidence({ snapshotId: id, id: c.id, evidence: [{ url: 'https://example.org/budget', note: 'minutes' }] });
    }, snapshotId);
    await page.goto(`${lib.app.url}#/snapshot/${encodeURIComponent(snapshotId)}`);
    await expect(article(page)).toContainText('council postponed');
    await page.locator('mark', { hasText: 'We need about' }).first().click();
    await expect(page.getByRole('group', { name: /^Edit / })).toBeVisible();
    await audit(page, 'reader with a claim open');
    await page.locator('mark', { hasText: '$40' }).first().click();
    await expect(page.getByRole('group', { name: 'Edit figure' })).toBeVisible();
    await audit(page, 'reader with a figure open');
    await page.keyboard.press('/');
    await page.keyboard.type('council');
    await audit(page, 'reader with the find bar');
    await page.keyboard.press('Escape');
  });

  test('dialogs: shortcuts, tags, links, export, paste', async () => {
    const { page } = lib.app;
    await page.locator('mark', { hasText: 'We need about' }).first().click();
    await article(page).focus();
    await page.keyboard.press('?');
    await expect(page.getByRole('dialog', { name: 'Keyboard shortcuts' })).toBeVisible();
    await audit(page, 'shortcut sheet', 'dialog[open]');
    await page.keyboard.press('Escape');
    await page.keyboard.press('t');
    await expect(page.getByRole('dialog', { name: 'Tags' })).toBeVisible();
    await audit(page, 'tag picker', 'dialog[open]');
    await page.keyboard.press('Escape');
    await page.keyboard.press('l');
    await expect(page.getByRole('dialog', { name: 'Link to another annotation' })).toBeVisible();
    await audit(page, 'link dialog', 'dialog[open]');
    await page.keyboard.press('Escape');
    await page.getByRole('link', { name: 'Library', exact: true }).click();
    await page.getByRole('button', { name: 'Export…' }).click();
    await audit(page, 'export dialog', 'dialog[open]');
    await page.keyboard.press('Escape');
    await page.getByRole('button', { name: 'Paste text…' }).click();
    await audit(page, 'paste dialog', 'dialog[open]');
    await page.keyboard.press('Escape');
  });

  test('codebook, its dialogs, speakers, a speaker page, trash', async () => {
    const { page } = lib.app;
    await page.getByRole('link', { name: 'Codebook', exact: true }).click();
    await expect(page.getByRole('heading', { name: 'Codebook' })).toBeVisible();
    await audit(page, 'codebook');
    await page.getByRole('button', { name: 'New tag…' }).click();
    await audit(page, 'new tag dialog', 'dialog[open]');
    await page.keyboard.press('Escape');
    await page.getByRole('button', { name: 'Delete tag Budget' }).click();
    await expect(page.getByRole('dialog')).toContainText('1 tagged annotation');
    await audit(page, 'delete tag dialog', 'dialog[open]');
    await page.keyboard.press('Escape');
    await page.getByRole('link', { name: 'Speakers', exact: true }).click();
    await page.getByRole('button', { name: 'Register Finance chair' }).click();
    await expect(page.getByRole('link', { name: 'Finance chair' })).toBeVisible();
    await audit(page, 'speakers');
    await page.getByRole('button', { name: 'Edit speaker Finance chair' }).click();
    await audit(page, 'speaker dialog', 'dialog[open]');
    await page.keyboard.press('Escape');
    await page.getByRole('link', { name: 'Finance chair' }).click();
    await expect(page.getByRole('heading', { name: '1 quote in 1 article' })).toBeVisible();
    await audit(page, 'speaker page');
    await page.evaluate(async (id) => {
      const [a] = await window.glossa.listAnnotations({ snapshotId: id });
      await window.glossa.deleteAnnotation({ snapshotId: id, id: a!.id });
    }, snapshotId);
    await page.getByRole('link', { name: 'Trash', exact: true }).click();
    await expect(page.getByRole('list', { name: 'Deleted annotations' }).getByRole('listitem')).toHaveCount(1);
    await audit(page, 'trash');
    expect(lib.app.problems).toEqual([]);
  });
});
