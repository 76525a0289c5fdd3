import { describe, expect, test } from 'vitest';
import { bodyText, extractArticle } from '../../../core/extract/extract.js';

const P = (s: string) => `<p>${s}</p>`;
const body = [
  'Prices of basic food rose by 4% in October, the statistics office said on Thursday, the fastest increase since the spring.',
  'Bread and milk led the rise, while fruit became cheaper after a good harvest in the south of the country, the office added.',
  'Economists had expected a smaller increase and said the central bank was now likely to keep interest rates unchanged.',
  'The photo agency that took the pictures said its image archive would be opened to researchers next year, free of charge.',
];

const page = `<!DOCTYPE html><html lang="en"><head><title>Food prices rise 4% | Daily Ledger</title>
<meta property="og:title" content="Food prices rise 4%"><meta name="author" content="Ines Moreau"></head><body>
<header class="masthead"><nav><a href="/">Home</a><a href="/economy">Economy</a></nav></header>
<article>
  <h1>Food prices rise 4%</h1>
  <div class="byline">By Ines Moreau</div>
  <p>Updated 10:02 am GMT, November 21, 2024</p>
  ${P(body[0]!)}
  <div class="image"><img src="/a.jpg" alt=""></div>
  <p>A market stall in the capital on Wednesday. (AP Photo/Kim Lee)</p>
  ${P(body[1]!)}
  <p><a href="/economy/rates">READ MORE: Central bank holds rates</a></p>
  ${P(body[2]!)}
  <p>Advertisement</p>
  ${P(body[3]!)}
  <p>(Reporting by Ines Moreau; editing by Tom Reid)</p>
  <p>Filed under: <a href="/t/economy">Economy</a>, <a href="/t/food">Food</a></p>
  <h3>More stories</h3>
  <ul><li><a href="/1">Rents climb again</a></li><li><a href="/2">Fuel duty frozen</a></li><li><a href="/3">Wages lag prices</a></li></ul>
  <p>Ines Moreau is the Ledger's economics correspondent.</p>
</article>
<footer>© Daily Ledger</footer></body></html>`;

describe('clean-up rules', () => {
  const a = extractArticle(page, { url: 'https://ledger.example/economy/food-prices' });

  test('the body text is exactly the four paragraphs', () => {
    expect(bodyText(a)).toBe(body.join('\n\n'));
  });

  test('a credit-tailed line by an image becomes a caption, not body text', () => {
    expect(a.blocks.filter((b) => b.type === 'caption').map((b) => a.text.slice(b.start, b.end))).toEqual([
      'A market stall in the capital on Wednesday. (AP Photo/Kim Lee)',
    ]);
  });

  test('each rule can be switched off (the benchmark measures them that way)', () => {
    const raw = extractArticle(page, {
      url: 'https://ledger.example/economy/food-prices',
      disable: ['page-boilerplate', 'captions', 'title', 'leading-meta', 'stock-phrases', 'link-blocks', 'trailing'],
    });
    expect(raw.text).toContain('READ MORE');
    expect(raw.text).toContain('Advertisement');
    expect(raw.text).toContain('Filed under');
  });
});

describe('the end of the article: newsletter prompts, an author bio with an e-mail', () => {
  const html = (tail: string) =>
    `<!DOCTYPE html><html lang="en"><head><title>Food prices rise 4%</title></head><body><article><h1>Food prices rise 4%</h1>${body.map(P).join('')}${tail}</article></body></html>`;

  test('"Want more stories like this?" and "Sign up for our newsletter" go', () => {
    expect(bodyText(extractArticle(html('<p>Want more stories like this?</p><p>SIGN UP FOR OUR NEWSLETTER</p>')))).toBe(body.join('\n\n'));
  });

  test('"Name (e-mail) is …" closing the article is a bio; the same words inside the text stay', () => {
    const bio = '<p>Ines Moreau (ines@ledger.example) is the economics correspondent of the Ledger.</p>';
    expect(bodyText(extractArticle(html(bio)))).toBe(body.join('\n\n'));
    const inside = `<!DOCTYPE html><html lang="en"><head><title>T</title></head><body><article>${P(body[0]!)}${bio}${P(body[1]!)}${P(body[2]!)}${P(body[3]!)}${P(body[0]!)}</article></body></html>`;
    expect(bodyText(extractArticle(inside))).toContain('ines@ledger.example');
  });
});
