import { describe, expect, test } from 'vitest';
import type { RuleName } from '../../../core/extract/boilerplate.js';
import { bodyText, extractArticle } from '../../../core/extract/extract.js';
import { P, body, text } from './ferry-story.js';

const page = (inner: string, head = '') =>
  `<!DOCTYPE html><html lang="en"><head><title>New ferry line for the bay</title>${head}</head><body><article><h1>New ferry line for the bay</h1>${inner}</article></body></html>`;
const extract = (html: string, disable: RuleName[] = []) => bodyText(extractArticle(html, { url: 'https://harbour.example/news/ferry', disable }));

describe('page furniture by class: call-to-action boxes, sidebars, share and comment plugins', () => {
  test('a "cta" box after the text (a membership pitch) goes', () => {
    const html = page(
      `${body.map(P).join('')}<div class="members-cta"><h4>One more thing</h4><p>If you liked this report, we have an offer for you: become a member and read every story without limits.</p></div>`,
    );
    expect(extract(html)).toBe(text);
  });

  test('a sidebar, a share plugin and a comment form go; "cta" inside a longer word does not count', () => {
    const html = page(
      `${P(body[0]!)}<div class="sidebar-content"><p>Weather on the coast: sunny spells with a light breeze from the west all afternoon.</p></div>${P(body[1]!)}` +
        `<div class="sharedaddy"><p>Send this story to a friend who lives by the sea and likes boats.</p></div>${P(body[2]!)}` +
        `<div id="respond" class="comment-respond main-column"><p>Leave your thoughts on the ferry below, we read every single message.</p></div>${P(body[3]!)}` +
        `<div class="factbox"><p>The bay is eleven kilometres wide at its widest point, the island survey says.</p></div>`,
    );
    expect(extract(html)).toBe(`${text}\n\nThe bay is eleven kilometres wide at its widest point, the island survey says.`);
  });
});

describe('teaser cards: a short <article> with a linked heading inside the article', () => {
  const card = (n: number) =>
    `<article class="card"><a href="/s/${n}"><img src="/i/${n}.jpg" alt=""></a><header><div>KICKER ${n}</div><h2><a href="/s/${n}">Other story number ${n} about the coast</a></h2></header><p>A short summary of the other story, written to make readers click through to it.</p></article>`;

  test('cards after the text go, and the text stays whole', () => {
    expect(extract(page(`${body.map(P).join('')}<section>${card(1)}${card(2)}</section>`))).toBe(text);
  });

  test('switched off, the cards stay (the rule is what removes them)', () => {
    const out = extract(page(`${body.map(P).join('')}<section>${card(1)}${card(2)}</section>`), ['teaser-cards']);
    expect(out).toContain('KICKER 1');
    expect(out).toContain('A short summary of the other story');
  });

  test('a nested <article> whose heading is not a link, or that holds a long text, stays', () => {
    const plain = `<article><h2>What the ferry will cost</h2><p>A single crossing will cost two euros, a monthly pass thirty.</p></article>`;
    const long = `<article><h2><a href="/s/9">The harbour in numbers</a></h2>${P(body.join(' '))}</article>`;
    const out = extract(page(`${body.map(P).join('')}${plain}${long}`));
    expect(out).toContain('A single crossing will cost two euros');
    expect(out).toContain('The harbour in numbers');
  });
});

describe('press-release boilerplate: the organisation describing itself at the end', () => {
  const about = 'Tidewater Marine is a leading provider of small passenger boats for coastal towns. Tidewater Marine employs 240 people at two yards.';
  const hq = 'Tidewater Marine is headquartered in Portbay and has offices in four countries.';

  test('closing "Name is a … provider" paragraphs about an organisation named in the text go', () => {
    expect(extract(page(`${body.map(P).join('')}<hr>${P(about)}${P(hq)}`))).toBe(text);
  });

  test('the same paragraph in the middle of the text stays', () => {
    const html = page(`${P(body[0]!)}${P(body[3]!)}${P(about)}${P(body[1]!)}${P(body[2]!)}`);
    expect(extract(html)).toContain(about);
  });

  test('an organisation the text never mentions is not taken for boilerplate', () => {
    const stranger = 'Northwind Freight is a provider of cargo services along the northern coast.';
    expect(extract(page(`${body.map(P).join('')}${P(stranger)}`))).toContain(stranger);
  });

  test('a closing sentence that opens with a pronoun (a word the text also uses) is not about an organisation', () => {
    const earlier = 'It took two years to agree on the route, council members said at the meeting on Tuesday evening.';
    const it = 'It is the first boat built by a subsidiary of the yard, which employs forty people.';
    expect(extract(page(`${P(earlier)}${body.map(P).join('')}${P(it)}`))).toContain(it);
  });
});

describe('a caption paragraph is not the start of the running text', () => {
  test('the date line after a figure with a long caption is still leading meta', () => {
    const figure =
      '<figure><img src="/harbour.jpg" alt=""><figcaption><p>The old harbour at dawn, seen from the lighthouse, with the fishing fleet at anchor before the first boats go out.</p></figcaption></figure>';
    const html = page(`${figure}<div class="edition"><p>harbour.example
<br>
<time>March 3, 2025</time></p></div>${body.map(P).join('')}`);
    expect(extract(html)).toBe(text);
  });
});

describe('stock furniture lines in other languages', () => {
  const withLines = (lines: string[]) => page(`${P(body[0]!)}${P(body[1]!)}${lines.map(P).join('')}${P(body[2]!)}${P(body[3]!)}`);

  test('share, like, loading, related and comment labels of blog templates go', () => {
    const lines = ['Compartilhe isso:', 'Curtir isso:', 'Carregando...', 'Posts relacionados', 'Ähnliche Beiträge', '3 comentários', 'Deixe um comentário'];
    expect(extract(withLines(lines))).toBe(text);
  });

  test('a "see also" teaser with a headline goes: "Veja também: …", "Siehe auch – …"', () => {
    const lines = ['Veja também: <a href="/a">a ponte nova abre em maio</a>', 'Siehe auch – <a href="/b">Der Hafen bekommt einen neuen Kran</a>'];
    expect(extract(withLines(lines))).toBe(text);
  });

  test('the same words inside a sentence stay', () => {
    const sentence = 'Compartilhe isso com a família, disse o prefeito aos moradores reunidos no porto velho naquela manhã.';
    expect(extract(withLines([sentence]))).toContain(sentence);
  });
});
