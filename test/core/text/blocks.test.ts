import { readFileSync } from 'node:fs';
import { parseFragment, type DefaultTreeAdapterMap } from 'parse5';
import { describe, expect, it } from 'vitest';
import type { Block } from '../../../core/model/index.js';
import { MAX_TITLE_LENGTH, blocksFromPlainText, titleFromPlainText } from '../../../core/text/blocks.js';
import { canonicalFromPlainText } from '../../../core/text/canonical.js';
import { escapeHtml, htmlFromBlocks } from '../../../core/text/html.js';
import { HAVE_NYPD, NYPD_TXT, prng } from './shared.js';

const slices = (text: string, blocks: Block[]) => blocks.map((b) => [b.type, text.slice(b.start, b.end)]);

/** Sorted, disjoint, inside the text, trimmed, and never cutting a surrogate pair. */
function expectBlockInvariants(text: string, blocks: Block[]) {
  let last = 0;
  for (const b of blocks) {
    expect(b.start).toBeGreaterThanOrEqual(last);
    expect(b.end).toBeGreaterThan(b.start);
    expect(b.end).toBeLessThanOrEqual(text.length);
    const body = text.slice(b.start, b.end);
    expect(body.trim()).toBe(body);
    for (const i of [b.start, b.end]) {
      const pairSplit = /[\uD800-\uDBFF]/.test(text.charAt(i - 1)) && /[\uDC00-\uDFFF]/.test(text.charAt(i));
      expect(pairSplit).toBe(false);
    }
    last = b.end;
  }
}

describe('blocksFromPlainText', () => {
  it('splits paragraphs at blank lines and takes a short single first line as the heading', () => {
    const text = 'The Title\n\nFirst paragraph,\nsecond line.\n\n\n\nSecond paragraph.';
    expect(slices(text, blocksFromPlainText(text))).toEqual([
      ['heading', 'The Title'],
      ['paragraph', 'First paragraph,\nsecond line.'],
      ['paragraph', 'Second paragraph.'],
    ]);
  });

  it('treats lines of only spaces, tabs or NBSP as blank, and trims each block', () => {
    const text = 'Title\n \t\u00a0\n  indented para  \n\u00a0\nlast\u00a0';
    expect(slices(text, blocksFromPlainText(text))).toEqual([
      ['heading', 'Title'],
      ['paragraph', 'indented para'],
      ['paragraph', 'last'],
    ]);
  });

  it('does not make a heading of a multi-line first block, a lone block, or a long first line', () => {
    expect(blocksFromPlainText('Line one\nline two\n\nMore').map((b) => b.type)).toEqual(['paragraph', 'paragraph']);
    expect(blocksFromPlainText('Only one line').map((b) => b.type)).toEqual(['paragraph']);
    const long = 'word '.repeat(100).trim();
    expect(blocksFromPlainText(`${long}\n\nNext`).map((b) => b.type)).toEqual(['paragraph', 'paragraph']);
  });

  it('returns no blocks for empty or blank text', () => {
    expect(blocksFromPlainText('')).toEqual([]);
    expect(blocksFromPlainText(' \n\t\n')).toEqual([]);
  });

  it('keeps its invariants on random text with emoji, NBSP, CR and blank lines', () => {
    const rand = prng(7);
    const parts = ['a', 'word', ' ', '\n', '\n\n', '\u00a0', '😀', '“', '”', 'é', '\t', ' \n '];
    for (let n = 0; n < 300; n++) {
      let raw = '';
      const len = Math.floor(rand() * 40);
      for (let i = 0; i < len; i++) raw += parts[Math.floor(rand() * parts.length)];
      const text = canonicalFromPlainText(raw);
      const blocks = blocksFromPlainText(text);
      expectBlockInvariants(text, blocks);
      // Nothing but white space is left outside the blocks.
      let outside = '';
      let at = 0;
      for (const b of blocks) {
        outside += text.slice(at, b.start);
        at = b.end;
      }
      outside += text.slice(at);
      expect(outside.trim()).toBe('');
    }
  });

  it.skipIf(!HAVE_NYPD)(
    'gives the NYPD article its title as heading and one block per paragraph (skipped when ../shared/fixtures/nypd-ice-2017 is absent)',
    () => {
      const text = canonicalFromPlainText(readFileSync(NYPD_TXT, 'utf8'));
      const blocks = blocksFromPlainText(text);
      expectBlockInvariants(text, blocks);
      expect(blocks[0]!.type).toBe('heading');
      expect(text.slice(blocks[0]!.start, blocks[0]!.end)).toBe('NYPD Ignored More than 1,500 Federal Requests to Detain Immigrants in 2017');
      // The file separates paragraphs by blank lines: every block is one of them.
      const paragraphs = text
        .split(/\n\s*\n/)
        .map((p) => p.trim())
        .filter(Boolean);
      expect(slices(text, blocks).map(([, body]) => body)).toEqual(paragraphs);
      expect(blocks.slice(1).every((b) => b.type === 'paragraph')).toBe(true);
    },
  );
});

describe('titleFromPlainText', () => {
  it('is the first non-empty line, trimmed, with runs of white space made one space', () => {
    expect(titleFromPlainText('\n  \n  A\u00a0 title\t here  \nbody')).toBe('A title here');
  });

  it('caps long titles at a word boundary with an ellipsis', () => {
    const title = titleFromPlainText('word '.repeat(200));
    expect(title.length).toBeLessThanOrEqual(MAX_TITLE_LENGTH);
    expect(title.endsWith('word…')).toBe(true);
  });

  it('never cuts a surrogate pair when capping', () => {
    const title = titleFromPlainText('😀'.repeat(400));
    expect(title.length).toBeLessThanOrEqual(MAX_TITLE_LENGTH);
    expect(title.endsWith('😀…')).toBe(true);
  });

  it('is empty for blank text', () => {
    expect(titleFromPlainText(' \n ')).toBe('');
  });
});

type Node = DefaultTreeAdapterMap['childNode'];
type Element = DefaultTreeAdapterMap['element'];
const isElement = (n: Node): n is Element => 'tagName' in n;
const textOf = (n: Node): string =>
  n.nodeName === '#text' ? (n as DefaultTreeAdapterMap['textNode']).value : isElement(n) ? n.childNodes.map(textOf).join('') : '';
const elements = (nodes: Node[]): Element[] => nodes.flatMap((n) => (isElement(n) ? [n, ...elements(n.childNodes)] : []));

describe('htmlFromBlocks', () => {
  it('escapes everything and maps heading to h1, paragraphs to p, single newlines to <br>', () => {
    const text = 'Title <b>&amp;</b>\n\n“Hi” <script>alert(1)</script>\nsecond\u00a0line\n\n\'x\' & "y"';
    const blocks = blocksFromPlainText(text);
    const html = htmlFromBlocks(text, blocks, 'T <i>"</i>');
    expect(html).not.toMatch(/<script|<b>|<i>/);
    expect(html).toContain('<title>T &lt;i&gt;&quot;&lt;/i&gt;</title>');

    // Parsed as a browser would, the article holds exactly the blocks' text.
    const body = html.slice(html.indexOf('<article>'), html.indexOf('</article>') + '</article>'.length);
    const article = elements(parseFragment(body).childNodes)[0]!;
    const children = article.childNodes.filter(isElement);
    expect(children.map((c) => c.tagName)).toEqual(['h1', 'p', 'p']);
    expect(children.map((c) => textOf(c))).toEqual(blocks.map((b) => text.slice(b.start, b.end).replace(/\n/g, '')));
    expect(elements(children[1]!.childNodes).map((e) => e.tagName)).toEqual(['br']);
  });

  it('escapeHtml covers the five special characters', () => {
    expect(escapeHtml(`<a href="x">'&'</a>`)).toBe('&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;');
  });
});
