/**
 * Issue 15, "Layout and keys": a window from 800×600 up with nothing cut or overflowing, the
 * import-results card that goes once seen (and comes back from Notifications), Enter on the
 * verdict list, undo labels that say where a step was done, the shortcut sheet's columns, a
 * quote's role recorded on its speaker and offered on their next quote, a ratio figure's
 * header, and kinds of annotation drawn apart (and hidden on request). Runs on the sample
 * article of ../shared/fixtures, every gold item tagged.
 */
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { openApp, type App } from './harness.js';
import { article, editor, panelItems } from './reader.helpers.js';
import { HAVE_NYPD, loadGold, NYPD_TXT } from '../shared-fixtures.js';

/** Looked at by a person after a run (test-results/ is shared with parallel runs). */
const SHOTS = join(tmpdir(), 'glossa-layout-keys-shots');

/** Everything on screen that is cut or sticks out, in words; [] when all fits. */
async function layoutProblems(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const problems: string[] = [];
    const visible = (el: Element) => {
      const r = el.getBoundingClientRect();
      return r.width > 0 && r.height > 0 && getComputedStyle(el).visibility !== 'hidden';
    };
    const name = (el: Element) =>
      `${el.tagName.toLowerCase()}${el.className && typeof el.className === 'string' ? `.${el.className.trim().split(/\s+/).join('.')}` : ''} “${(el.textContent ?? '').trim().slice(0, 40)}”`;
    if (document.documentElement.scrollWidth > window.innerWidth)
      problems.push(`the page is ${document.documentElement.scrollWidth}px wide in a ${window.innerWidth}px window`);
    // Bars, toolbars, cards and dialogs: their content fits their width (they wrap instead).
    for (const el of document.querySelectorAll(
      '.topbar, .topbar > *, [role=toolbar], .view-toolbar, .import-results, dialog[open], .dialog-actions, .message-bar, .kind-toggles',
    )) {
      if (!visible(el)) continue;
      if (el.scrollWidth > el.clientWidth + 1) problems.push(`${name(el)} overflows: ${el.scrollWidth} > ${el.clientWidth}`);
    }
    // Every button and link of those bars shows its whole text, inside the window.
    for (const el of document.querySelectorAll('.topbar :is(button, a), [role=toolbar] button, .view-toolbar button, dialog[open] button')) {
      if (!visible(el)) continue;
      const r = el.getBoundingClientRect();
      // Undo/Redo labels ("Undo tag figure (in an article)") may end in an ellipsis; their title holds all of it.
      const ellipsed = el.classList.contains('history-button') && (el.getAttribute('title') ?? '').startsWith((el.textContent ?? '').trim());
      if (el.scrollWidth > el.clientWidth + 1 && !ellipsed) problems.push(`${name(el)} is cut: ${el.scrollWidth} > ${el.clientWidth}`);
      if (r.right > window.innerWidth + 0.5 || r.left < -0.5) problems.push(`${name(el)} is outside the window (${Math.round(r.left)}–${Math.round(r.right)})`);
      if (r.bottom > window.innerHeight + 0.5 && !el.closest('dialog')) problems.push(`${name(el)} is below the window`);
    }
    return problems;
  });
}

test.describe.serial('layout and keys (skipped when ../shared/fixtures is absent)', () => {
  test.skip(!HAVE_NYPD, `needs the shared fixture ${NYPD_TXT} (../shared beside the repo)`);
  let temp = '';
  let app: App;
  let page: Page;
  let snapshotId = '';

  test.beforeAll(async () => {
    temp = await mkdtemp(join(tmpdir(), 'glossa-layout-keys-'));
    await mkdir(SHOTS, { recursive: true });
    app = await openApp({ libraryDir: join(temp, 'library'), viewport: { width: 900, height: 700 } });
    page = app.page;
    await page.getByTestId('import-file-input').setInputFiles(NYPD_TXT);
    await expect(page.getByRole('region', { name: 'Import results' })).toContainText('Imported');
    const href =
      (await page
        .getByRole('table')
        .getByRole('link', { name: /NYPD Ignored/ })
        .getAttribute('href')) ?? '';
    snapshotId = decodeURIComponent(href.replace('#/snapshot/', ''));
    const gold = loadGold();
    await page.evaluate(
      async ({ id, items }) => {
        for (const g of items) {
          const fields: Record<string, unknown> = {};
          for (const k of ['speaker', 'speakerRole', 'cue', 'value', 'unit', 'qualifier', 'measure', 'claimant'] as const)
            if (g[k] !== undefined) fields[k] = g[k];
          if (g.kind === 'quote') fields.quoteType = g.type;
          await window.glossa.createAnnotation({ snapshotId: id, kind: g.kind, start: g.start, end: g.end, fields });
        }
      },
      { id: snapshotId, items: gold },
    );
  });
  test.afterAll(async () => {
    await app?.close();
    await rm(temp, { recursive: true, force: true });
  });

  test('from 800×600 up: library, reader, speakers, codebook, trash and the export dialog fit, nothing cut', async () => {
    // A page whose image address is very long: its notice must wrap inside the results card.
    const longAddress = `https://images.example.org/${'very-long-path-segment-'.repeat(12)}photo.jpg`;
    const html = `<!doctype html><html><head><title>Long image address</title></head><body><article><h1>Long image address</h1><p>${'A paragraph of words for the extractor to keep. '.repeat(12)}</p><img src="${longAddress}" alt="x"><p>${'More words so the article is an article. '.repeat(12)}</p></article></body></html>`;
    await page.getByTestId('import-file-input').setInputFiles({ name: 'long-image-address.html', mimeType: 'text/html', buffer: Buffer.from(html) });
    const card = page.getByRole('region', { name: 'Import results' });
    await expect(card).toContainText('long-image-address.html');
    await expect(card).toContainText('images.example.org');

    // Something deleted, so the trash has a row to lay out (a quote with its speaker).
    const deleted = await page.evaluate(async (id) => {
      const quote = (await window.glossa.listAnnotations({ snapshotId: id })).find((a) => a.kind === 'quote' && a.fields.speaker)!;
      await window.glossa.deleteAnnotation({ snapshotId: id, id: quote.id });
      return { id: quote.id, speaker: quote.fields.speaker!, exact: quote.target.quote.exact };
    }, snapshotId);

    for (const size of [
      { width: 800, height: 600 },
      { width: 900, height: 700 },
    ]) {
      await page.setViewportSize(size);
      const at = `${size.width}x${size.height}`;
      await page.goto(`${app.url}#/`);
      await expect(page.getByRole('heading', { name: /^Library/ })).toBeVisible();
      if (size.width === 800) {
        // The card is gone after a reload (it lives in the window); bring it back from Notifications.
        await page.getByRole('button', { name: /^Notifications/ }).click();
        await expect(page.getByRole('region', { name: 'Notifications' })).toBeVisible();
        expect(await layoutProblems(page), `notifications at ${at}`).toEqual([]);
        await page.keyboard.press('Escape');
      }
      expect(await layoutProblems(page), `library at ${at}`).toEqual([]);
      await page.screenshot({ path: join(SHOTS, `library-${at}.png`) });

      await page.goto(`${app.url}#/snapshot/${encodeURIComponent(snapshotId)}`);
      await expect(panelItems(page).first()).toBeVisible();
      const find = page.getByRole('toolbar', { name: 'Tag the selected text' }).getByRole('button', { name: /^Find/ });
      await expect(find).toHaveText('Find /');
      const hint = page.locator('.toolbar-hint');
      await expect(hint).toBeVisible();
      // The hint wraps, whole: none of it is cut off.
      expect(await hint.evaluate((el) => el.scrollWidth <= el.clientWidth + 1 && el.scrollHeight <= el.clientHeight + 1)).toBe(true);
      expect(await layoutProblems(page), `reader at ${at}`).toEqual([]);
      await page.screenshot({ path: join(SHOTS, `reader-${at}.png`) });

      for (const [hash, heading] of [
        ['#/speakers', 'Speakers'],
        ['#/codebook', 'Codebook'],
        ['#/trash', 'Trash'],
      ] as const) {
        await page.goto(`${app.url}${hash}`);
        await expect(page.getByRole('heading', { name: heading, exact: true })).toBeVisible();
        expect(await layoutProblems(page), `${heading} at ${at}`).toEqual([]);
        await page.screenshot({ path: join(SHOTS, `${heading.toLowerCase()}-${at}.png`) });
      }
      // The trash's quote: one pair of quotation marks, and who said it.
      const row = page.getByRole('list', { name: 'Deleted annotations' }).getByRole('listitem').first();
      await expect(row).toContainText(deleted.speaker);
      const excerpt = (await row.locator('.trash-exact').textContent()) ?? '';
      expect(excerpt.startsWith('“') && !excerpt.startsWith('““')).toBe(true);
      expect(excerpt.endsWith('”') && !excerpt.endsWith('””')).toBe(true);

      await page.goto(`${app.url}#/`);
      await page.getByRole('button', { name: 'Export…' }).click();
      const dialog = page.getByRole('dialog', { name: 'Export annotation bundle' });
      await expect(dialog).toBeVisible();
      expect(await layoutProblems(page), `export dialog at ${at}`).toEqual([]);
      await page.screenshot({ path: join(SHOTS, `export-${at}.png`) });
      await dialog.getByText('Close', { exact: true }).click();
    }
    // The card with the long address, measured while it is on screen.
    await page.setViewportSize({ width: 800, height: 600 });
    await page.getByRole('button', { name: /^Notifications/ }).click();
    await page.getByRole('region', { name: 'Notifications' }).getByRole('button', { name: 'Show results' }).first().click();
    await expect(card).toContainText('images.example.org');
    const fits = await card.evaluate((el) =>
      [...el.querySelectorAll('*')].every((c) => c.getBoundingClientRect().right <= el.getBoundingClientRect().right + 1),
    );
    expect(fits, 'something in the import-results card sticks out of it').toBe(true);
    expect(await layoutProblems(page), 'import results at 800x600').toEqual([]);
    await page.screenshot({ path: join(SHOTS, 'import-results-800x600.png') });
    await page.evaluate(({ id, quote }) => window.glossa.restoreAnnotation({ snapshotId: id, id: quote }), { id: snapshotId, quote: deleted.id });
    await page.setViewportSize({ width: 900, height: 700 });
    expect(app.problems).toEqual([]);
  });

  test('the import-results card goes once its article is opened, and comes back from Notifications', async () => {
    await page.goto(`${app.url}#/`);
    const note = `Council notes\n\nThe committee met on Tuesday and heard ${Date.now()} objections.`;
    await page.getByTestId('import-file-input').setInputFiles({ name: 'council-notes.txt', mimeType: 'text/plain', buffer: Buffer.from(note) });
    const card = page.getByRole('region', { name: 'Import results' });
    await expect(card).toContainText('1 article imported');

    // Opening the article from the card: its work is seen, the card goes.
    await card.getByRole('link', { name: /Council notes/ }).click();
    await expect(article(page)).toContainText('objections');
    await page.getByRole('link', { name: 'Library', exact: true }).click();
    await expect(page.getByRole('heading', { name: /^Library/ })).toBeVisible();
    await expect(card).toHaveCount(0);

    // A search stays in the library: the card stays with it.
    const notifications = page.getByRole('button', { name: /^Notifications/ });
    await expect(notifications).toContainText(/\d/); // arrivals since the panel was last opened
    await notifications.click();
    const panel = page.getByRole('region', { name: 'Notifications' });
    await expect(panel.getByRole('listitem').first()).toContainText('1 article imported');
    await expect(notifications).not.toContainText(/\d/);
    await panel.getByRole('button', { name: 'Show results' }).first().click();
    await expect(panel).toBeHidden();
    await expect(card).toContainText('Council notes');
    // Moving to another page without opening anything: gone as well.
    await page.getByRole('link', { name: 'Speakers', exact: true }).click();
    await page.getByRole('link', { name: 'Library', exact: true }).click();
    await expect(page.getByRole('heading', { name: /^Library/ })).toBeVisible();
    await expect(card).toHaveCount(0);

    // Messages are kept too: an import that fails is listed with its reason.
    await page.getByTestId('import-file-input').setInputFiles({ name: 'empty.txt', mimeType: 'text/plain', buffer: Buffer.alloc(0) });
    await expect(card).toContainText('could not be imported');
    await notifications.click();
    await expect(panel.getByRole('listitem').first()).toContainText('0 articles imported, 1 could not be imported');
    await page.keyboard.press('Escape');
    await expect(panel).toBeHidden();
    await expect(notifications).toBeFocused();
  });

  test('Enter on the Verdict list saves and goes back to the article; undo says where its step was done; the shortcut sheet’s columns line up', async () => {
    await page.goto(`${app.url}#/snapshot/${encodeURIComponent(snapshotId)}`);
    await panelItems(page).filter({ hasText: 'The number of requests for 2017' }).getByRole('button').first().click();
    const verdict = editor(page).getByLabel('Verdict', { exact: true });
    await verdict.focus();
    await page.keyboard.press('ArrowDown'); // arrow keys still choose
    await expect(verdict).not.toHaveValue('');
    const chosen = await verdict.inputValue();
    await page.keyboard.press('Enter');
    // Back on the article (as Enter in every field): focus has left the editor.
    await expect(verdict).not.toBeFocused();
    await expect.poll(() => page.evaluate(() => document.activeElement?.closest('.annotation-editor') === null)).toBe(true);
    await expect
      .poll(() =>
        page.evaluate(
          async (id) =>
            (await window.glossa.listAnnotations({ snapshotId: id })).find(
              (a) => a.target.quote.exact.includes('The number of requests for 2017') && a.kind === 'claim',
            )?.fields.verdict,
          snapshotId,
        ),
      )
      .toBe(chosen);
    // The list stayed closed and the keys are the article's again: ↓ no longer changes the verdict.
    await page.keyboard.press('ArrowDown');
    await expect(verdict).toHaveValue(chosen);

    const undo = page.getByRole('group', { name: 'History' }).getByRole('button').first();
    await expect(undo).toHaveText(/^Undo \S/);
    await expect(undo).not.toContainText('(');
    const label = ((await undo.textContent()) ?? '').trim();
    await page.getByRole('link', { name: 'Speakers', exact: true }).click();
    await expect(page.getByRole('heading', { name: 'Speakers', exact: true })).toBeVisible();
    await expect(undo).toHaveText(`${label} (in an article)`);
    await page.getByRole('link', { name: 'Codebook', exact: true }).click();
    await expect(undo).toHaveText(`${label} (in an article)`);
    // A long label in the narrowest window: cut with an ellipsis, the bar still fits.
    await page.setViewportSize({ width: 800, height: 600 });
    expect(await layoutProblems(page), 'top bar with a long undo label at 800x600').toEqual([]);
    await expect(undo).toHaveAttribute('title', new RegExp(`^${label.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} \\(in an article\\)`));
    await page.setViewportSize({ width: 900, height: 700 });

    // A codebook step is library-wide: it reads the same in the reader.
    await page.getByRole('button', { name: 'New tag…' }).click();
    const dialog = page.getByRole('dialog', { name: 'New tag' });
    await dialog.getByLabel('Name', { exact: true }).fill('Sanctuary policy');
    await dialog.getByRole('button', { name: 'Add tag' }).click();
    await expect(undo).toHaveText('Undo add tag “Sanctuary policy”');
    await page.goto(`${app.url}#/snapshot/${encodeURIComponent(snapshotId)}`);
    await expect(undo).toHaveText('Undo add tag “Sanctuary policy”');
    await article(page).focus();
    await page.keyboard.press('Control+z');
    await expect(undo).toHaveText(label);
    // Another article: the step is in "another article".
    const otherId = await page.evaluate(
      async () => (await window.glossa.importText({ title: 'Other', text: 'Other\n\nA second article for the undo label.' })).snapshotId,
    );
    await page.goto(`${app.url}#/`);
    await page.goto(`${app.url}#/snapshot/${encodeURIComponent(otherId)}`);
    await expect(undo).toHaveText(`${label} (in another article)`);

    await page.keyboard.press('?');
    const sheet = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
    const general = sheet.getByRole('region', { name: 'General' });
    const lefts = await general.locator('.shortcut-row dd').evaluateAll((dds) => dds.map((d) => Math.round(d.getBoundingClientRect().left)));
    const labels = await general.locator('.shortcut-row dd').allTextContents();
    expect(labels).toEqual(expect.arrayContaining(['Undo', 'Redo']));
    expect(new Set(lefts).size, `labels start at ${lefts.join(', ')}`).toBe(1);
    const fields = sheet.getByRole('region', { name: 'Fields' });
    await expect(fields).toContainText('Save the field and go back to the article');
    await page.keyboard.press('Escape');
    await expect(sheet).toBeHidden();
  });

  test('a role typed on a quote is recorded on its speaker (one undo) and offered on their next quote', async () => {
    const notesId = await page.evaluate(
      async () =>
        (await window.glossa.importText({ title: 'Committee minutes', text: 'Committee minutes\n\nThe committee met on Tuesday and heard nine objections.' }))
          .snapshotId,
    );
    const { first, second } = await page.evaluate(async (id) => {
      const { text } = await window.glossa.openSnapshot({ id });
      const at = (words: string) => {
        const start = text.indexOf(words);
        return { start, end: start + words.length };
      };
      const a = await window.glossa.createAnnotation({ snapshotId: id, kind: 'quote', ...at('The committee met on Tuesday') });
      return { first: a.value.id, second: at('heard') };
    }, notesId);
    // Through the library: going from one article straight to another's annotation does not
    // select it (a reader bug outside this issue, reported).
    await page.goto(`${app.url}#/`);
    await page.goto(`${app.url}#/snapshot/${encodeURIComponent(notesId)}/a/${encodeURIComponent(first)}`);
    await expect(editor(page)).toBeVisible();
    const speaker = editor(page).getByLabel('Speaker', { exact: true });
    await speaker.fill('Dana Whitfield');
    await speaker.press('Tab');
    const role = editor(page).getByLabel('Role', { exact: true });
    await role.fill('committee clerk');
    await role.press('Enter');

    const registered = () => page.evaluate(async () => (await window.glossa.listSpeakers({})).find((s) => s.name === 'Dana Whitfield') ?? null);
    await expect.poll(async () => (await registered())?.role).toBe('committee clerk');
    // One step: undo takes the role off the quote and off the speaker.
    await page.getByRole('group', { name: 'History' }).getByRole('button').first().click();
    await expect.poll(async () => (await registered())?.role ?? null).toBeNull();
    await expect
      .poll(() =>
        page.evaluate(async ({ s, a }) => (await window.glossa.listAnnotations({ snapshotId: s })).find((x) => x.id === a)?.fields.speakerRole ?? null, {
          s: notesId,
          a: first,
        }),
      )
      .toBeNull();
    await page.getByRole('group', { name: 'History' }).getByRole('button').nth(1).click();
    await expect.poll(async () => (await registered())?.role).toBe('committee clerk');

    const who = (await registered())!;
    await page.goto(`${app.url}#/speakers/${encodeURIComponent(who.id)}`);
    await expect(page.getByText('committee clerk').first()).toBeVisible();
    await expect(page.getByText('No role or organisation recorded')).toHaveCount(0);

    // The speaker's next quote: the role is there when the speaker is picked, and can be changed.
    const next = await page.evaluate(
      async ({ s, r }) => (await window.glossa.createAnnotation({ snapshotId: s, kind: 'quote', start: r.start, end: r.end })).value.id,
      {
        s: notesId,
        r: second,
      },
    );
    await page.goto(`${app.url}#/snapshot/${encodeURIComponent(notesId)}/a/${encodeURIComponent(next)}`);
    await editor(page).getByLabel('Speaker', { exact: true }).fill('Dana');
    await editor(page)
      .getByRole('option', { name: /Dana Whitfield/ })
      .click();
    const nextRole = editor(page).getByLabel('Role', { exact: true });
    // Offered, not written: the quote's own role stays empty until the person takes it.
    await expect(nextRole).toHaveValue('');
    await expect(nextRole).toHaveAttribute('placeholder', 'committee clerk (↓ to use)');
    await expect(editor(page).getByRole('button', { name: 'Use the registered role “committee clerk”' })).toBeVisible();
    const roleOfNext = () =>
      page.evaluate(async ({ s, a }) => (await window.glossa.listAnnotations({ snapshotId: s })).find((x) => x.id === a)?.fields.speakerRole ?? null, {
        s: notesId,
        a: next,
      });
    expect(await roleOfNext()).toBeNull();
    await nextRole.focus();
    await page.keyboard.press('ArrowDown');
    await expect(nextRole).toHaveValue('committee clerk');
    await page.keyboard.press('Enter');
    await expect.poll(roleOfNext).toBe('committee clerk');
    // Editable like any value.
    await nextRole.fill('acting clerk');
    await nextRole.press('Enter');
    await expect
      .poll(() =>
        page.evaluate(async ({ s, a }) => (await window.glossa.listAnnotations({ snapshotId: s })).find((x) => x.id === a)?.fields.speakerRole, {
          s: notesId,
          a: next,
        }),
      )
      .toBe('acting clerk');
    // The registered role stays the first one recorded: a quote only fills a blank.
    expect((await registered())?.role).toBe('committee clerk');
    // Hostile input: a role on something that is not a quote is refused with a reason.
    const refused = await page.evaluate(async (s) => {
      const claim = (await window.glossa.listAnnotations({ snapshotId: s })).find((a) => a.kind === 'claim')!;
      return window.glossa.setQuoteRole({ snapshotId: s, id: claim.id, role: 'x' }).then(
        () => 'accepted',
        (e: { code?: string; message?: string }) => `${e.code}: ${e.message}`,
      );
    }, snapshotId);
    expect(refused).toMatch(/^INVALID_INPUT: .*not a quote/);
  });

  test('a ratio figure’s header reads “almost 20×”, not “almost 20 ratio”', async () => {
    await page.goto(`${app.url}#/snapshot/${encodeURIComponent(snapshotId)}`);
    const ratio = panelItems(page).filter({ has: page.locator('.summary-exact.exact-figure', { hasText: /^almost 20 times$/ }) });
    await expect(ratio).toHaveCount(1);
    await expect(ratio.locator('.summary-fields')).toHaveText('almost 20× · 2017 requests relative to 2016');
    await expect(panelItems(page).locator('.summary-fields', { hasText: 'ratio' })).toHaveCount(0);
  });

  test('kinds are drawn apart without dashed lines, and a kind can be hidden (remembered)', async () => {
    await page.goto(`${app.url}#/snapshot/${encodeURIComponent(snapshotId)}`);
    await expect(article(page).locator('mark.hl').first()).toBeVisible();
    await article(page).evaluate((el) => el.closest('.reader-scroll')?.scrollTo({ top: 0 }));
    await page.screenshot({ path: join(SHOTS, 'kinds.png') });
    const looks = await article(page)
      .locator('mark.hl')
      .evaluateAll((marks) =>
        marks.map((m) => {
          const s = getComputedStyle(m);
          return { cls: m.className, image: s.backgroundImage, size: s.backgroundSize, shadow: s.boxShadow, deco: s.textDecorationLine };
        }),
      );
    expect(looks.length).toBeGreaterThan(20);
    // No dashes or waves anywhere (a person's annotations here; suggestions are dotted, and there are none).
    expect(looks.filter((l) => /repeating-linear-gradient/.test(l.image) || /wavy|dashed/.test(l.deco))).toEqual([]);
    const alone = (kind: string) => looks.filter((l) => l.cls.split(' ').includes(`hl-${kind}`));
    // A quote is a tint over the whole line height; a claim a thin line; a figure a box.
    expect(alone('quote').length).toBeGreaterThan(0);
    for (const q of alone('quote')) expect(q.size).toBe('100% 100%');
    for (const c of alone('claim')) expect(c.size).toMatch(/^100% 2px/);
    expect(alone('figure').every((f) => f.shadow.includes('inset'))).toBe(true);

    const toggles = page.getByRole('group', { name: 'Show in the article' });
    const quotes = toggles.getByRole('button', { name: 'Show quotes' });
    await expect(quotes).toHaveAttribute('aria-pressed', 'true');
    await quotes.click();
    await expect(quotes).toHaveAttribute('aria-pressed', 'false');
    const quoteMarks = async () =>
      article(page)
        .locator('mark.hl')
        .evaluateAll((marks) =>
          marks
            .filter((m) => m.className.split(' ').includes('hl-quote'))
            .map((m) => getComputedStyle(m).backgroundImage)
            .filter((i) => i !== 'none'),
        );
    expect(await quoteMarks()).toEqual([]);
    // A piece under a quote and a claim keeps the claim's line only.
    const mixed = await article(page)
      .locator('mark.hl')
      .evaluateAll((marks) => marks.filter((m) => /\bhl-x\d+/.test(m.className)).map((m) => getComputedStyle(m).backgroundImage));
    expect(mixed.every((i) => !i.includes('var(--quote-tint)') && !/rgba\(31, 95, 214, 0\.1\)/.test(i))).toBe(true);
    await page.screenshot({ path: join(SHOTS, 'kinds-quotes-hidden.png') });
    await page.reload();
    await expect(article(page).locator('mark.hl').first()).toBeAttached();
    await expect(page.getByRole('group', { name: 'Show in the article' }).getByRole('button', { name: 'Show quotes' })).toHaveAttribute(
      'aria-pressed',
      'false',
    );
    expect(await quoteMarks()).toEqual([]);
    // The other pages are not affected, and showing them again draws them again.
    await page.getByRole('group', { name: 'Show in the article' }).getByRole('button', { name: 'Show quotes' }).click();
    expect((await quoteMarks()).length).toBeGreaterThan(0);
    expect(app.problems).toEqual([]);
  });
});
