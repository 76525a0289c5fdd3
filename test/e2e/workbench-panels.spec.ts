/**
 * The workbench's panels in Chromium on a real temp library: codebook tags applied with T and
 * a key (several per annotation), a tag deleted with its effect stated and undone from the
 * reader; spans extended and shrunk by words; claims with verdicts, history and evidence;
 * links between annotations; figures accepted and checked; the trash; speakers renamed.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import type { Annotation } from '../../core/model/index.js';
import { openApp, REPO_ROOT, type App } from './harness.js';
import { liveAnnotations } from './library.helpers.js';
import { article, editor, panelItems } from './reader.helpers.js';
import { editorField, findAndSelect, selectionText, tabTo } from './reader.keyboard.js';

const TEXT = [
  'Council delays the budget vote',
  '',
  'The number of requests for 2017 was almost 20 times higher than the 80 requests received in 2016, and 1,526 requests came in all.',
  '',
  '“We need about 12 more days to close a gap of nearly $40 million,” the finance chair said on Monday.',
  '',
  'Critics said the council postponed the vote for political reasons.',
].join('\n');

test.describe.serial('workbench panels', () => {
  let temp = '';
  let app: App;
  let id = '';

  const stored = () => liveAnnotations(app.page, id);
  const one = async (exact: string): Promise<Annotation> => {
    let found: Annotation | undefined;
    await expect.poll(async () => (found = (await stored()).find((a) => a.target.quote.exact === exact)) !== undefined).toBe(true);
    return found!;
  };
  const undo = (page: Page) => page.keyboard.press('Control+z');

  test.beforeAll(async () => {
    temp = await mkdtemp(join(tmpdir(), 'glossa-panels-'));
    app = await openApp({ libraryDir: join(temp, 'library') });
    id = await app.page.evaluate(async (text) => (await window.glossa.importText({ text, title: 'Council delays the budget vote' })).snapshotId, TEXT);
  });
  test.afterAll(async () => {
    await app?.close();
    await rm(temp, { recursive: true, force: true });
  });

  test('codebook: tags with keys and colours, in a hierarchy', async () => {
    const { page } = app;
    await page.getByRole('link', { name: 'Codebook', exact: true }).click();
    for (const [name, key, parent] of [
      ['Budget', 'b', ''],
      ['Delay', 'd', 'Budget'],
      ['Politics', 'p', ''],
    ] as const) {
      await page.getByRole('button', { name: 'New tag…' }).click();
      const dialog = page.getByRole('dialog', { name: 'New tag' });
      await dialog.getByLabel('Name').fill(name);
      await dialog.getByLabel('Key (one letter or digit)').fill(key);
      if (parent) await dialog.getByLabel('Under').selectOption({ label: `${parent}` });
      await dialog.getByRole('button', { name: 'Add tag' }).click();
      await expect(dialog).toBeHidden();
    }
    const rows = page.getByRole('list', { name: 'Tags' }).getByRole('listitem');
    await expect(rows).toHaveText([/Budget\s*b/, /Delay\s*d/, /Politics\s*p/]);
    // A taken key is refused with a message saying which tag has it.
    await page.getByRole('button', { name: 'New tag…' }).click();
    const dialog = page.getByRole('dialog', { name: 'New tag' });
    await dialog.getByLabel('Name').fill('Other');
    await dialog.getByLabel('Key (one letter or digit)').fill('b');
    await dialog.getByRole('button', { name: 'Add tag' }).click();
    await expect(dialog.getByRole('alert')).toContainText('already applies “Budget”');
    await dialog.getByRole('button', { name: 'Cancel' }).click();
  });

  test('several tags per annotation with T and a key; deleting a tag says what happens, and undo brings it back', async () => {
    const { page } = app;
    await page.goto(`${app.url}#/snapshot/${encodeURIComponent(id)}`);
    await expect(article(page)).toContainText('Critics said');
    await tabTo(page, article(page));
    await findAndSelect(page, TEXT, 'the council postponed the vote', {
      start: TEXT.indexOf('the council postponed the vote'),
      end: TEXT.indexOf('the council postponed the vote') + 30,
      exact: 'the council postponed the vote',
    });
    await page.keyboard.press('c');
    await page.keyboard.press('Escape');
    await page.keyboard.press('t');
    await expect(page.getByRole('dialog', { name: 'Tags' })).toBeVisible();
    await page.keyboard.press('d');
    await expect(page.getByRole('dialog', { name: 'Tags' })).toBeHidden();
    await page.keyboard.press('t');
    await page.keyboard.press('p');
    const claim = await one('the council postponed the vote');
    const codebook = await page.evaluate(() => window.glossa.listCodebook({}));
    const tagId = (name: string) => codebook.find((t) => t.name === name)!.id;
    await expect.poll(async () => (await one('the council postponed the vote')).tags).toEqual([tagId('Delay'), tagId('Politics')]);
    await expect(editor(page).getByRole('region', { name: 'Tags' })).toContainText('Delay');
    await expect(editor(page).getByRole('region', { name: 'Tags' })).toContainText('Politics');

    // Delete "Delay", giving its spans the parent tag: the dialog states the effect first.
    await page.getByRole('link', { name: 'Codebook', exact: true }).click();
    await page.getByRole('button', { name: 'Delete tag Delay' }).click();
    const confirm = page.getByRole('dialog', { name: 'Delete tag “Delay”' });
    await expect(confirm).toContainText('1 tagged annotation in 1 article will lose this tag');
    await confirm.getByLabel(/get its parent tag/).check();
    await expect(confirm).toContainText('will carry “Budget” instead');
    await confirm.getByRole('button', { name: 'Delete tag' }).click();
    await expect(page.getByRole('list', { name: 'Tags' }).getByRole('listitem')).toHaveCount(2);
    await expect.poll(async () => (await one(claim.target.quote.exact)).tags).toEqual([tagId('Budget'), tagId('Politics')]);
    // Undo from the reader: the codebook and the tagged span come back in one step.
    await page.getByRole('link', { name: 'Library', exact: true }).click();
    await page.goto(`${app.url}#/snapshot/${encodeURIComponent(id)}/a/${encodeURIComponent(claim.id)}`);
    await expect(editor(page)).toContainText('Budget');
    await expect(page.getByRole('group', { name: 'History' }).getByRole('button', { name: /^Undo/ })).toHaveText('Undo delete tag “Delay”');
    await article(page).focus();
    await undo(page);
    await expect(editor(page).getByRole('region', { name: 'Tags' })).toContainText('Delay');
    await expect.poll(async () => (await one(claim.target.quote.exact)).tags).toEqual([tagId('Delay'), tagId('Politics')]);
    expect((await page.evaluate(() => window.glossa.listCodebook({}))).map((t) => t.name)).toEqual(['Budget', 'Delay', 'Politics']);
  });

  test('Shift+arrows extend and shrink the selected annotation by words, re-deriving its text', async () => {
    const { page } = app;
    const claim = await one('the council postponed the vote');
    await article(page).focus();
    await page.keyboard.press('Shift+ArrowRight');
    await expect.poll(async () => (await stored()).find((a) => a.id === claim.id)!.target.quote.exact).toBe('the council postponed the vote for');
    await page.keyboard.press('Shift+Alt+ArrowRight');
    await expect.poll(async () => (await stored()).find((a) => a.id === claim.id)!.target.quote.exact).toBe('council postponed the vote for');
    await page.keyboard.press('Shift+Alt+ArrowLeft');
    await page.keyboard.press('Shift+Alt+ArrowLeft');
    await expect
      .poll(async () => (await stored()).find((a) => a.id === claim.id)!.target)
      .toMatchObject({ quote: { exact: 'said the council postponed the vote for', prefix: expect.stringMatching(/Critics $/) } });
    for (let i = 0; i < 4; i++) await undo(page);
    await expect.poll(async () => (await stored()).find((a) => a.id === claim.id)!.target.quote.exact).toBe('the council postponed the vote');
    await page.keyboard.press('Shift+ArrowLeft');
    await expect.poll(async () => (await stored()).find((a) => a.id === claim.id)!.target.quote.exact).toBe('the council postponed the');
    await undo(page);
    await expect.poll(async () => (await stored()).find((a) => a.id === claim.id)!.target.quote.exact).toBe('the council postponed the vote');
    // A selection not yet tagged moves the same way, then tags exactly.
    await page.keyboard.press('Escape');
    const start = TEXT.indexOf('the finance chair');
    await findAndSelect(page, TEXT, 'the finance chair', { start, end: start + 17, exact: 'the finance chair' });
    await page.keyboard.press('Shift+ArrowRight');
    await page.keyboard.press('Shift+ArrowRight');
    await expect.poll(() => selectionText(page)).toBe('the finance chair said on');
    await page.keyboard.press('Shift+ArrowLeft');
    await page.keyboard.press('q');
    await one('the finance chair said');
    // Typing straight after the tag key, before the editor is drawn, goes into its first field.
    await page.keyboard.press('Escape');
    const reasons = TEXT.indexOf('political reasons');
    await findAndSelect(page, TEXT, 'political reasons', { start: reasons, end: reasons + 17, exact: 'political reasons' });
    await page.keyboard.press('c');
    await page.keyboard.type('Critics');
    await page.keyboard.press('Enter');
    await expect.poll(async () => (await one('political reasons')).fields.claimant).toBe('Critics');
  });

  test('claims: verdicts with history, evidence from the web and from another snapshot; links to figures and quotes', async () => {
    const { page } = app;
    const other = await page.evaluate(async () => {
      const out = await window.glossa.importText({ text: 'Council minutes\n\nThe vote was moved to June for lack of figures.', title: 'Council minutes' });
      const { text } = await window.glossa.openSnapshot({ id: out.snapshotId });
      const s = text.indexOf('The vote was moved to June');
      await window.glossa.createAnnotation({ snapshotId: out.snapshotId, kind: 'claim', start: s, end: s + 26 });
      return out.snapshotId;
    });
    const claim = await one('the council postponed the vote');
    await page.goto(`${app.url}#/snapshot/${encodeURIComponent(id)}/a/${encodeURIComponent(claim.id)}`);
    await expect(editor(page)).toBeVisible();
    await article(page).focus();
    await page.keyboard.press('v');
    await expect(editorField(page, 'Verdict')).toBeFocused();
    await editorField(page, 'Verdict').selectOption('disputed');
    await expect.poll(async () => (await one(claim.target.quote.exact)).fields.verdict).toBe('disputed');
    await editorField(page, 'Verdict').selectOption('supported');
    await expect.poll(async () => (await one(claim.target.quote.exact)).fields.verdict).toBe('supported');
    const history = editor(page).getByRole('region', { name: 'Verdict history' });
    await expect(history.getByRole('listitem')).toHaveText([/Disputed/, /Supported/]);

    await editor(page).getByLabel('Evidence address').fill('https://example.org/minutes');
    await editor(page).getByLabel('Note on the new evidence').fill('official minutes');
    await editor(page).getByRole('button', { name: 'Add evidence' }).click();
    await expect(
      editor(page)
        .getByRole('list', { name: /^Evidence for/ })
        .getByRole('listitem'),
    ).toHaveCount(1);
    await editor(page).getByRole('button', { name: 'Link an annotation…' }).click();
    const picker = page.getByRole('dialog', { name: 'Evidence from the library' });
    await picker.getByLabel('Snapshot', { exact: true }).selectOption(other);
    await picker.getByRole('radio', { name: /The vote was moved to June/ }).check();
    await picker.getByLabel('Note').fill('says June');
    await picker.getByRole('button', { name: 'Add evidence' }).click();
    const evidence = editor(page).getByRole('list', { name: /^Evidence for/ });
    await expect(evidence.getByRole('listitem')).toHaveCount(2);
    await expect(evidence.getByRole('listitem').nth(1)).toContainText('Council minutes — “The vote was moved to June”');
    expect((await one(claim.target.quote.exact)).fields.evidence).toEqual([
      { url: 'https://example.org/minutes', snapshotId: null, annotationId: null, note: 'official minutes' },
      { url: null, snapshotId: other, annotationId: expect.any(String), note: 'says June' },
    ]);

    // A quote contains the claim: L, type part of it, Enter.
    const quoteText = '“We need about 12 more days to close a gap of nearly $40 million,”';
    await page.keyboard.press('Escape');
    await article(page).focus();
    await findAndSelect(page, TEXT, quoteText.replace(/[“”]/g, '"'), {
      start: TEXT.indexOf(quoteText),
      end: TEXT.indexOf(quoteText) + quoteText.length,
      exact: quoteText,
    });
    await page.keyboard.press('q');
    await page.keyboard.press('Escape');
    await page.keyboard.press('l');
    const link = page.getByRole('dialog', { name: 'Link to another annotation' });
    await expect(link.getByLabel('Relation')).toHaveValue('contains');
    await page.keyboard.type('postponed');
    await page.keyboard.press('Enter');
    await expect(link).toBeHidden();
    const quote = await one(quoteText);
    expect(quote.links).toEqual([{ rel: 'contains', annotationId: claim.id }]);
    await expect(editor(page).getByRole('region', { name: 'Links' })).toContainText('This quote contains claim “the council postponed the vote”');
    // The claim shows it from the other side.
    await editor(page)
      .getByRole('region', { name: 'Links' })
      .getByRole('button', { name: /claim “the council/ })
      .click();
    await expect(editor(page).getByRole('region', { name: 'Links' })).toContainText('contained in quote ““We need about 12');
  });

  test('figures: prefilled from the text, A accepts the rest, and related figures are checked', async () => {
    const { page } = app;
    await page.keyboard.press('Escape');
    await article(page).focus();
    for (const phrase of ['almost 20 times', '80 requests', '1,526 requests']) {
      const start = TEXT.indexOf(phrase);
      await findAndSelect(page, TEXT, phrase, { start, end: start + phrase.length, exact: phrase });
      await page.keyboard.press('f');
      await expect(editorField(page, 'Value')).toBeFocused();
      await page.keyboard.press('Escape');
    }
    await expect(editor(page)).toContainText('From the text: period 2016');
    await article(page).focus();
    await page.keyboard.press('a');
    await expect.poll(async () => (await one('1,526 requests')).fields).toMatchObject({ value: 1526, unit: 'requests' });
    await expect.poll(async () => (await one('80 requests')).fields.period ?? null).toBeNull();
    const eighty = await one('80 requests');
    await page.goto(`${app.url}#/snapshot/${encodeURIComponent(id)}/a/${encodeURIComponent(eighty.id)}`);
    await expect(editor(page)).toContainText('From the text: period 2016');
    await article(page).focus();
    await page.keyboard.press('a');
    await expect(editorField(page, 'Period')).toHaveValue('2016');
    await expect(page.getByRole('status', { name: 'Figure checks' })).toHaveText('Figure checks: 1 of 1 agree');
    await expect(editor(page).getByRole('list', { name: 'Checks with other figures' })).toContainText(
      '1,526 ÷ 80 = 19.1; “almost 20 times” allows 18 to 20: agrees.',
    );
    // The stated ratio edited to 25: the check now disagrees.
    const ratio = await one('almost 20 times');
    await page.evaluate(([s, a]) => window.glossa.updateAnnotation({ snapshotId: s, id: a, patch: { fields: { value: 25, qualifier: null } } }), [
      id,
      ratio.id,
    ] as const);
    await page.reload();
    await expect(page.getByRole('status', { name: 'Figure checks' })).toContainText('0 of 1 agree');
  });

  test('trash: deleted annotations are listed and restored; J/K move between annotations', async () => {
    const { page } = app;
    await page.goto(`${app.url}#/snapshot/${encodeURIComponent(id)}`);
    await expect(panelItems(page).first()).toBeVisible();
    const count = await panelItems(page).count();
    await article(page).focus();
    await page.keyboard.press('j');
    await expect(editor(page)).toBeVisible();
    const first = await editor(page).getAttribute('aria-label');
    await page.keyboard.press('j');
    await page.keyboard.press('k');
    await expect(editor(page)).toHaveAttribute('aria-label', first!);
    await page.keyboard.press('Delete');
    await expect(panelItems(page)).toHaveCount(count - 1);
    await page.getByRole('tab', { name: 'Trash (1)' }).click();
    await page
      .getByRole('list', { name: 'Deleted annotations' })
      .getByRole('button', { name: /^Restore/ })
      .click();
    await expect(page.getByRole('tab', { name: 'Trash (0)' })).toBeVisible();
    await page.getByRole('tab', { name: /^Annotations/ }).click();
    await expect(panelItems(page)).toHaveCount(count);
    // The library-wide trash page restores too, and undo puts it back in the trash.
    await article(page).focus();
    await page.keyboard.press('j');
    await page.keyboard.press('Delete');
    await page.getByRole('link', { name: 'Trash', exact: true }).click();
    const trash = page.getByRole('list', { name: 'Deleted annotations' }).getByRole('listitem');
    await expect(trash).toHaveCount(1);
    await expect(trash).toContainText('Council delays the budget vote');
    await trash.getByRole('button', { name: /^Restore/ }).click();
    await expect(trash).toHaveCount(0);
    await undo(page);
    await expect(trash).toHaveCount(1);
  });

  test('speakers: a rename reaches the quotes when asked, and the old name stays an alias', async () => {
    const { page } = app;
    const quote = await one('“We need about 12 more days to close a gap of nearly $40 million,”');
    await page.evaluate(([s, a]) => window.glossa.setQuoteSpeaker({ snapshotId: s, id: a, name: 'Finance chair' }), [id, quote.id] as const);
    await page.getByRole('link', { name: 'Speakers', exact: true }).click();
    await page.getByRole('button', { name: 'Edit speaker Finance chair' }).click();
    const dialog = page.getByRole('dialog', { name: 'Edit speaker “Finance chair”' });
    await dialog.getByLabel('Name').fill('Maria Lopez');
    await expect(dialog.getByLabel(/take the new name/)).toBeChecked();
    await dialog.getByLabel('Role').fill('finance committee chair');
    await dialog.getByRole('button', { name: 'Save' }).click();
    await expect(page.getByRole('row', { name: /Maria Lopez/ })).toContainText('Finance chair');
    await expect.poll(async () => (await one(quote.target.quote.exact)).fields.speaker).toBe('Maria Lopez');
    await page.getByRole('link', { name: 'Maria Lopez' }).click();
    await expect(page.getByRole('heading', { name: '1 quote in 1 article' })).toBeVisible();
    await undo(page);
    await expect.poll(async () => (await one(quote.target.quote.exact)).fields.speaker).toBe('Finance chair');
    expect(app.problems).toEqual([]);
  });

  test('a figure on an image: tagged from its button, named by the image in the panel, reached with J, undone', async () => {
    const { page } = app;
    await page.getByRole('link', { name: 'Library', exact: true }).click();
    await page.getByTestId('import-folder-input').setInputFiles(join(REPO_ROOT, 'test/fixtures/pages'));
    await page.getByRole('link', { name: 'Bridge reopens after two years' }).first().click();
    const figure = article(page).locator('figure[data-image-hash]');
    await expect(figure.locator('img')).toBeVisible();
    const alt = (await figure.locator('img').getAttribute('alt'))!;
    await figure.getByRole('button', { name: 'Tag figure' }).click();
    // The editor opens with its first field focused, as after tagging words.
    await expect(editorField(page, 'Value')).toBeFocused();
    await page.keyboard.type('50');
    await page.keyboard.press('Enter');
    await expect(article(page)).toBeFocused();
    const item = panelItems(page).filter({ hasText: `Image: ${alt}` });
    await expect(item).toHaveCount(1);
    await expect(editor(page)).toContainText(`Image: ${alt}: the whole image`);
    await expect(figure.getByRole('button', { name: /^Figure 1 on / })).toHaveAttribute('aria-pressed', 'true');
    // J and K reach it like any annotation.
    await page.keyboard.press('Escape');
    await expect(editor(page)).toHaveCount(0);
    await page.keyboard.press('j');
    await expect(editor(page)).toContainText(`Image: ${alt}`);
    // Undo takes back the value, then the figure.
    await undo(page);
    await undo(page);
    await expect(figure.getByRole('button', { name: /^Figure \d+ on / })).toHaveCount(0);
    await expect(item).toHaveCount(0);
    expect(app.problems).toEqual([]);
  });
});
