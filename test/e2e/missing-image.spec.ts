/**
 * An image the saved page showed but did not save: the reader marks its place with a labelled
 * box (its alt text, and why it was not kept on hover), where the page had it — never nothing.
 * The page is written for this test.
 */
import { expect, test } from '@playwright/test';
import { useTempLibrary } from './library.helpers.js';
import { article } from './reader.helpers.js';

const TITLE = 'Bridge repairs start on Monday';
const PARA = 'Crews will close one lane of the river bridge for six weeks while the deck is resurfaced and the railings are replaced.';
const PAGE = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${TITLE}</title></head>
<body><main><article>
<h1>${TITLE}</h1>
<p>${PARA} ${PARA}</p>
<figure><img src="Bridge_files/crews-at-work.jpg" alt="Crews on the bridge deck at dawn" width="800" height="450"><figcaption>Work begins at six each morning.</figcaption></figure>
<p>${PARA} The city says buses will keep their routes.</p>
<p>${PARA} Cyclists are asked to use the ferry path instead.</p>
</article></main></body></html>`;

test.describe('images the page did not save', () => {
  const lib = useTempLibrary('glossa-missing-image-');

  test('leave a labelled placeholder in the reader, at their place in the text', async () => {
    const { page } = lib.app;
    await page.getByTestId('import-file-input').setInputFiles([{ name: 'bridge.html', mimeType: 'text/html', buffer: Buffer.from(PAGE) }]);
    await expect(page.getByRole('region', { name: 'Import results' })).toContainText('1 image was not kept');
    await page.getByRole('table').getByRole('link', { name: TITLE }).click();
    const placeholder = article(page).getByRole('img', { name: 'Image not saved: Crews on the bridge deck at dawn' });
    await expect(placeholder).toBeVisible();
    await expect(article(page).locator('.image-missing figcaption')).toHaveText('Work begins at six each morning.');
    await expect(article(page).locator('.image-missing')).toHaveAttribute('title', /not saved with the page/);
    // Between the paragraph before it and the one after it.
    const order = await article(page).evaluate((el) =>
      [...el.querySelectorAll('.image-missing, p.block')].map((n) => (n.classList.contains('image-missing') ? 'image' : (n.textContent ?? '').slice(-12))),
    );
    expect(order.indexOf('image')).toBe(1);
    expect(lib.app.problems).toEqual([]);
  });
});
