import { describe, expect, test } from 'vitest';
import type { RuleName } from '../../../core/extract/boilerplate.js';
import { bodyText, extractArticle } from '../../../core/extract/extract.js';
import { P, body, text } from './ferry-story.js';

// Another invented story, which a page appends after the ferry report.
const other = [
  'The county library will close its reading room for two months while builders replace the leaking glass roof above it.',
  'Readers can still borrow books at the front desk, the librarian said, and the children’s corner moves to the town hall.',
  'The roof was last repaired in 1987, when a storm broke three of its panes and flooded the newspaper archive below.',
];

const TITLE = 'New ferry line for the bay';
const page = (inner: string) => `<!DOCTYPE html><html lang="en"><head><title>${TITLE}</title></head><body><main>${inner}</main></body></html>`;
const extract = (html: string, disable: RuleName[] = []) => extractArticle(html, { url: 'https://harbour.example/news/ferry', disable });
const bodyOf = (html: string, disable: RuleName[] = []) => bodyText(extract(html, disable));

describe('text in a <figure> beside its picture is a caption', () => {
  // Readability turns these <div>s into <p>s and drops their classes on the way.
  const figure =
    '<figure class="Figure"><img src="https://harbour.example/boat.jpg" alt="The boat" width="800" height="500">' +
    '<div class="Figure-content"><div class="Figure-caption">The first of the two boats on trial in the bay</div><div class="Figure-credit">(Tidewater Marine)</div></div></figure>';
  const html = page(`<article><h1>${TITLE}</h1>${P(body[0]!)}${P(body[1]!)}${figure}${P(body[2]!)}${P(body[3]!)}</article>`);

  test('caption and credit leave the running text and stay as caption blocks of their own', () => {
    expect(bodyOf(html)).toBe(text);
    const a = extract(html);
    const captions = a.blocks.filter((b) => b.type === 'caption').map((b) => a.text.slice(b.start, b.end));
    expect(captions).toEqual(['The first of the two boats on trial in the bay', '(Tidewater Marine)']);
  });

  test('switched off, the lines are running text (the rule is what marks them)', () => {
    expect(bodyOf(html, ['captions'])).toContain('(Tidewater Marine)');
  });

  test('a figure without a picture (a pull quote) keeps its text in the body', () => {
    const quote = '<figure><blockquote><p>“We have waited thirty years for a boat to the islands,” one fisherman said.</p></blockquote></figure>';
    const out = bodyOf(page(`<article><h1>${TITLE}</h1>${P(body[0]!)}${P(body[1]!)}${quote}${P(body[2]!)}${P(body[3]!)}</article>`));
    expect(out).toContain('We have waited thirty years for a boat to the islands');
  });
});

describe('calls to subscribe and notes on the comment section', () => {
  const withLines = (lines: string[]) =>
    page(`<article><h1>${TITLE}</h1>${P(body[0]!)}${P(body[1]!)}${lines.map(P).join('')}${P(body[2]!)}${P(body[3]!)}</article>`);

  test('offers of the publication, in English and other languages, go', () => {
    const lines = [
      'Get Harbour Monthly delivered through your letterbox every month. 12 issues for £20. Click here for more information.',
      'Sign up for our free morning newsletter and get the ferry timetable straight to your inbox.',
      'Abonnez-vous à notre newsletter pour recevoir les horaires du port.',
      'Jetzt den Newsletter abonnieren und nichts verpassen.',
      'Note: we are temporarily moderating all comments submitted, to deal with a surge in spam.',
      'Comments are closed.',
    ];
    expect(bodyOf(withLines(lines))).toBe(text);
  });

  test('reporting about newsletters and comments is not an offer: it stays', () => {
    const lines = [
      'The council’s newsletter, which 4,000 households subscribe to, will print the new timetable in March.',
      'A spokesman for the ferry company declined to comment on the fare policy before the council vote.',
    ];
    const out = bodyOf(withLines(lines));
    for (const line of lines) expect(out).toContain(line);
  });

  test('switched off, the offer stays', () => {
    const offer = 'Sign up for our free morning newsletter and get the ferry timetable straight to your inbox.';
    expect(bodyOf(withLines([offer]), ['stock-phrases'])).toContain(offer);
  });
});

describe('the title repeated above the text', () => {
  test('as a paragraph (not only as a heading) it goes; the standfirst stays', () => {
    const dek = 'Boats every forty minutes from April, at the price of a bus ticket';
    const html = page(`<article><p class="title-line">${TITLE}</p><p class="dek">${dek}</p>${body.map(P).join('')}</article>`);
    expect(bodyOf(html)).toBe(`${dek}\n\n${text}`);
  });

  test('the same words later in the text stay', () => {
    const html = page(`<article><h1>${TITLE}</h1>${P(body[0]!)}${P(body[1]!)}${P(TITLE)}${P(body[2]!)}${P(body[3]!)}</article>`);
    expect(bodyOf(html)).toContain(`${body[1]}\n\n${TITLE}\n\n${body[2]}`);
  });
});

describe('the next story loaded below the page’s own (infinite scroll)', () => {
  const story = (title: string, paragraphs: string[]) => `<article class="story"><h1>${title}</h1>${paragraphs.map(P).join('')}</article>`;

  test('of two <article>s of running text, the one headed by the page title stays', () => {
    const html = page(`<div class="stories">${story(TITLE, body)}${story('Library roof to be replaced', other)}</div>`);
    expect(bodyOf(html)).toBe(text);
  });

  test('the page title picks the story even when the other comes first', () => {
    const html = page(`<div class="stories">${story('Library roof to be replaced', other)}${story(TITLE, body)}</div>`);
    expect(bodyOf(html)).toBe(text);
    // The mark set before Readability is gone from what is stored.
    expect(extract(html).articleHtml).not.toContain('data-glossa');
  });

  test('switched off, both stories are kept (the rule is what drops the second)', () => {
    const html = page(`<div class="stories">${story(TITLE, body)}${story('Library roof to be replaced', other)}</div>`);
    expect(bodyOf(html, ['teaser-cards'])).toContain(other[0]);
  });

  test('many entries (a live blog) are all the page’s own and stay', () => {
    const entries = [...body, ...other].map((p, i) => `<article class="entry"><h2>Update ${i + 1}: the harbour</h2>${P(p)}${P(p)}</article>`);
    const out = bodyOf(page(`<div class="live">${entries.join('')}</div>`));
    for (const p of [...body, ...other]) expect(out).toContain(p);
  });
});
