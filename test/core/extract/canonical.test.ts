import { describe, expect, test } from 'vitest';
import { htmlToCanonical, type CanonicalText } from '../../../core/extract/canonical.js';

/** The invariants every canonical text keeps, whatever the HTML. */
function expectInvariants({ text, blocks }: CanonicalText): void {
  let previousEnd = -1;
  for (const b of blocks) {
    expect(b.start).toBeGreaterThanOrEqual(0);
    expect(b.end).toBeLessThanOrEqual(text.length);
    expect(b.end).toBeGreaterThan(b.start);
    expect(b.start).toBeGreaterThan(previousEnd); // sorted and disjoint (a separator between)
    const slice = text.slice(b.start, b.end);
    expect(slice).toBe(slice.trim());
    previousEnd = b.end;
  }
  // Blocks cover the text exactly, separated by "\n\n".
  expect(blocks.map((b) => text.slice(b.start, b.end)).join('\n\n')).toBe(text);
}

const slices = (c: CanonicalText) => c.blocks.map((b) => [b.type, c.text.slice(b.start, b.end)]);

describe('htmlToCanonical', () => {
  test('paragraphs, headings, lists, quotes, captions and pre become typed blocks', () => {
    const c = htmlToCanonical(
      '<h2> A  heading </h2><p>One <b>bold</b>\n word.</p><ul><li>first</li><li><p>second</p></li></ul>' +
        '<blockquote><p>quoted</p></blockquote><figure><img alt="x"><figcaption>Caption</figcaption></figure>' +
        '<pre>  code\n    indented\n</pre>',
    );
    expect(slices(c)).toEqual([
      ['heading', 'A heading'],
      ['paragraph', 'One bold word.'],
      ['list-item', 'first'],
      ['list-item', 'second'],
      ['quote', 'quoted'],
      ['caption', 'Caption'],
      ['preformatted', 'code\n    indented'],
    ]);
    expectInvariants(c);
  });

  test('white space collapses (NBSP too), <br> is a line break, <br><br> splits the block', () => {
    const c = htmlToCanonical('<p>a\u00a0\u00a0 b\t\r\nc</p><p>line one<br>line two<br> <br>next</p>');
    expect(slices(c)).toEqual([
      ['paragraph', 'a b c'],
      ['paragraph', 'line one\nline two'],
      ['paragraph', 'next'],
    ]);
    expectInvariants(c);
  });

  test('table rows are blocks with tab-separated cells; hidden and active content is skipped', () => {
    const c = htmlToCanonical(
      '<table><tr><th>City</th><th>Votes</th></tr><tr><td> Leeds </td><td>1,204</td></tr></table>' +
        '<script>alert(1)</script><style>p{}</style><p>soft\u00adhyphen and emoji 👩‍👩‍👧 and “quotes”</p><noscript>no</noscript>',
    );
    expect(slices(c)).toEqual([
      ['paragraph', 'City\tVotes'],
      ['paragraph', 'Leeds\t1,204'],
      ['paragraph', 'softhyphen and emoji 👩‍👩‍👧 and “quotes”'],
    ]);
    expectInvariants(c);
  });

  test('empty and whitespace-only input give empty text and no blocks', () => {
    for (const html of ['', '   ', '<p> </p><div>\n</div>', '<img alt="only an image">']) {
      expect(htmlToCanonical(html)).toEqual({ text: '', blocks: [] });
    }
  });

  test('deterministic: same HTML, same result; text inside text nodes is taken as is', () => {
    const html = '<article><h1>T</h1><p>Offsets: “x” — y…</p><div>inline <span>run</span><p>block</p>tail</div></article>';
    const a = htmlToCanonical(html);
    const b = htmlToCanonical(html);
    expect(b).toEqual(a);
    expect(slices(a)).toEqual([
      ['heading', 'T'],
      ['paragraph', 'Offsets: “x” — y…'],
      ['paragraph', 'inline run'],
      ['paragraph', 'block'],
      ['paragraph', 'tail'],
    ]);
    expectInvariants(a);
  });

  test('deep nesting does not overflow the stack (iterative walk)', () => {
    const depth = 20_000;
    const html = '<div>'.repeat(depth) + '<p>deep text</p>' + '</div>'.repeat(depth);
    const c = htmlToCanonical(html);
    expect(c.text).toBe('deep text');
    expectInvariants(c);
  });
});
