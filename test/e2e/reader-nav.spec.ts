/**
 * Following an annotation's address (#/snapshot/<id>/a/<annotationId>) from inside the reader:
 * a link, the annotation browser or a typed URL. The named annotation must end up selected and
 * scrolled into view, also when the window goes straight from one article's reader to another's.
 */
import { expect, test, type Page } from '@playwright/test';
import { BUDGET_ARTICLE, useTempLibrary } from './library.helpers.js';
import { article, editor } from './reader.helpers.js';

/** Long enough that its last paragraph is far below the fold of the test window. */
const LONG_ARTICLE = [
  'Harbour works run late',
  '',
  ...Array.from({ length: 60 }, (_, i) => `Paragraph ${i + 1} of the harbour report, with the usual delays and costs listed in turn.\n`),
  'The harbour master said the final cost would reach 90 million euros.',
].join('\n');

interface Seeded {
  budgetId: string;
  harbourId: string;
  budgetClaim: string;
  harbourFigure: string;
}

async function seed(page: Page): Promise<Seeded> {
  return page.evaluate(
    async ({ budget, harbour }) => {
      const g = window.glossa;
      const budgetId = (await g.importText({ text: budget, title: 'Budget vote delayed again' })).snapshotId;
      const harbourId = (await g.importText({ text: harbour, title: 'Harbour works run late' })).snapshotId;
      const at = async (id: string, s: string) => {
        const { text } = await g.openSnapshot({ id });
        return { start: text.indexOf(s), end: text.indexOf(s) + s.length };
      };
      const budgetClaim = (await g.createAnnotation({ snapshotId: budgetId, kind: 'claim', ...(await at(budgetId, 'We need about 12 more days')) })).value.id;
      await g.createAnnotation({ snapshotId: budgetId, kind: 'note', ...(await at(budgetId, 'postponed the vote')) });
      const harbourFigure = (await g.createAnnotation({ snapshotId: harbourId, kind: 'figure', ...(await at(harbourId, 'reach 90 million euros')) })).value.id;
      await g.createAnnotation({ snapshotId: harbourId, kind: 'note', ...(await at(harbourId, 'Paragraph 1 of')) });
      // The claim's evidence is the figure in the other article: a link from one reader straight into the other.
      await g.setEvidence({ snapshotId: budgetId, id: budgetClaim, evidence: [{ snapshotId: harbourId, annotationId: harbourFigure, note: 'costs' }] });
      return { budgetId, harbourId, budgetClaim, harbourFigure };
    },
    { budget: BUDGET_ARTICLE, harbour: LONG_ARTICLE },
  );
}

const annotationHash = (snapshotId: string, id: string) => `#/snapshot/${encodeURIComponent(snapshotId)}/a/${encodeURIComponent(id)}`;

/** The window follows an address the way a clicked link or a typed URL does: a hash change. */
async function follow(page: Page, hash: string): Promise<void> {
  await page.evaluate((h) => {
    window.location.hash = h;
  }, hash);
}

test.describe.serial('reader: following an annotation address', () => {
  const lib = useTempLibrary('glossa-reader-nav-');
  let s: Seeded;

  test('from one article straight to an annotation of another, it is selected and in view', async () => {
    const { page } = lib.app;
    s = await seed(page);
    await page.goto(`${lib.app.url}#/snapshot/${encodeURIComponent(s.budgetId)}`);
    await expect(article(page)).toContainText('council postponed');
    await expect(page.locator('.hl-selected')).toHaveCount(0);

    await follow(page, annotationHash(s.harbourId, s.harbourFigure));
    await expect(article(page)).toContainText('harbour master said');
    await expect(editor(page)).toHaveAccessibleName('Edit figure');
    const picked = page.locator('mark.hl-selected');
    await expect(picked).toHaveText('reach 90 million euros');
    await expect(picked).toBeInViewport();
    // The address drops the annotation once it is shown, so the same link selects it again later.
    await expect.poll(() => page.evaluate(() => window.location.hash)).toBe(`#/snapshot/${encodeURIComponent(s.harbourId)}`);
  });

  test('and back again, from an article with an annotation selected', async () => {
    const { page } = lib.app;
    await follow(page, annotationHash(s.budgetId, s.budgetClaim));
    await expect(article(page)).toContainText('council postponed');
    await expect(editor(page)).toHaveAccessibleName('Edit claim');
    await expect(page.locator('mark.hl-selected')).toHaveText('We need about 12 more days');
    await expect(page.locator('mark.hl-selected')).toBeInViewport();
  });

  test('the claim’s evidence link opens the other article at its figure', async () => {
    const { page } = lib.app;
    const evidence = page.getByRole('list', { name: /^Evidence for the claim/ });
    await expect(evidence).toBeVisible();
    await evidence.getByRole('link', { name: /Harbour works run late/ }).click();
    await expect(article(page)).toContainText('harbour master said');
    await expect(editor(page)).toHaveAccessibleName('Edit figure');
    await expect(page.locator('mark.hl-selected')).toHaveText('reach 90 million euros');
    await expect(page.locator('mark.hl-selected')).toBeInViewport();
  });

  test('an address naming an annotation another article holds selects nothing and opens the article', async () => {
    const { page } = lib.app;
    await follow(page, annotationHash(s.harbourId, s.budgetClaim));
    await expect(article(page)).toContainText('harbour master said');
    await expect(page.locator('.hl-selected')).toHaveCount(0);
    await expect(editor(page)).toHaveCount(0);
  });
});
