/**
 * The stored article HTML of a plain-text capture: a minimal standalone page built from the
 * canonical text and its blocks. Everything from the text is escaped, so the page has no
 * markup but ours. The canonical text stays the source of offsets; this page is what
 * exports and "open original" show.
 */
import type { Block } from '../model/snapshot.js';

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export const escapeHtml = (s: string): string => s.replace(/[&<>"']/g, (c) => ESCAPES[c] ?? c);

const lines = (s: string) => s.split('\n').map(escapeHtml).join('<br>');

function blockHtml(text: string, block: Block): string {
  const body = text.slice(block.start, block.end);
  switch (block.type) {
    case 'heading':
      return `<h1>${lines(body)}</h1>`;
    case 'quote':
      return `<blockquote><p>${lines(body)}</p></blockquote>`;
    case 'list-item':
      return `<ul><li>${lines(body)}</li></ul>`;
    case 'preformatted':
      return `<pre>${escapeHtml(body)}</pre>`;
    case 'caption':
    case 'paragraph':
      return `<p>${lines(body)}</p>`;
  }
}

export function htmlFromBlocks(text: string, blocks: readonly Block[], title: string): string {
  return [
    '<!DOCTYPE html>',
    '<html>',
    '<head>',
    '<meta charset="utf-8">',
    `<title>${escapeHtml(title)}</title>`,
    '</head>',
    '<body>',
    '<article>',
    ...blocks.map((b) => blockHtml(text, b)),
    '</article>',
    '</body>',
    '</html>',
    '',
  ].join('\n');
}
