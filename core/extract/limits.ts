/**
 * Limits that keep extraction bounded on hostile or broken pages.
 *
 * - Size: pages over MAX_HTML_CHARS are refused with TOO_LARGE (a saved news page is
 *   typically 0.1–3 MB; 10 MB pages still extract, in about a second).
 * - Nesting: browsers stop nesting at a fixed depth (Chromium's parser: 512) and attach
 *   deeper elements as siblings. We do the same before parsing, at MAX_DEPTH, by dropping
 *   the start and end tags of elements that would sit deeper; their text stays (a dropped
 *   block element leaves a paragraph break behind). Without it
 *   Readability's recursive helpers overflow the stack on pages nested a few thousand deep,
 *   and tree building slows down quadratically.
 */
import { GlossaError } from '../model/errors.js';

export const MAX_HTML_CHARS = 40 * 1024 * 1024;
export const MAX_DEPTH = 400;

export function checkSize(html: string): void {
  if (html.length > MAX_HTML_CHARS) {
    const mb = (html.length / 1024 / 1024).toFixed(1);
    throw new GlossaError(
      'TOO_LARGE',
      `This page is ${mb} million characters long; Glossa extracts articles from pages up to ${MAX_HTML_CHARS / 1024 / 1024} million. ` +
        "Save the article alone (for example from the browser's reader view) or paste its text.",
    );
  }
}

const VOID = new Set([
  'area',
  'base',
  'br',
  'col',
  'embed',
  'hr',
  'img',
  'input',
  'link',
  'meta',
  'param',
  'source',
  'track',
  'wbr',
  'basefont',
  'bgsound',
  'frame',
  'keygen',
  'image',
]);
// Elements whose content is raw text: tags inside them are not tags.
const RAW = new Set(['script', 'style', 'textarea', 'title', 'xmp', 'iframe', 'noembed', 'noframes', 'plaintext']);
// Block elements: dropping one must not glue its text to its neighbours'.
const BREAKS = new Set([
  'address',
  'article',
  'aside',
  'blockquote',
  'dd',
  'details',
  'div',
  'dl',
  'dt',
  'fieldset',
  'figcaption',
  'figure',
  'footer',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'header',
  'li',
  'main',
  'nav',
  'ol',
  'p',
  'pre',
  'section',
  'table',
  'tr',
  'td',
  'th',
  'ul',
]);
// Elements a new start tag of the same name implicitly closes.
const SELF_CLOSING_SIBLINGS = new Set(['p', 'li', 'dt', 'dd', 'option', 'tr', 'td', 'th']);
// Block starts that implicitly close an open <p>.
const CLOSES_P = new Set([
  'address',
  'article',
  'aside',
  'blockquote',
  'details',
  'div',
  'dl',
  'fieldset',
  'figcaption',
  'figure',
  'footer',
  'form',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'header',
  'hgroup',
  'hr',
  'main',
  'menu',
  'nav',
  'ol',
  'p',
  'pre',
  'section',
  'table',
  'ul',
  'li',
]);

const TOKEN_RE = /<!--[\s\S]*?(?:-->|$)|<!\[CDATA\[[\s\S]*?(?:\]\]>|$)|<([/]?)([a-zA-Z][^\s/>]*)((?:[^>"']|"[^"]*"|'[^']*')*)>/g;

/**
 * Returns the HTML with elements nested deeper than `maxDepth` unwrapped (their text kept).
 * An approximation of the HTML tree builder that errs on the side of counting too deep
 * (it knows the common implied end tags); pages within the limit come back unchanged.
 */
export function limitNesting(html: string, maxDepth = MAX_DEPTH): string {
  // Cheap exit: fewer start tags than the limit cannot nest that deep.
  let starts = 0;
  for (let i = html.indexOf('<'); i !== -1 && starts <= maxDepth; i = html.indexOf('<', i + 1)) {
    const c = html.charCodeAt(i + 1);
    if ((c >= 65 && c <= 90) || (c >= 97 && c <= 122)) starts++;
  }
  if (starts <= maxDepth) return html;

  const stack: { name: string; dropped: boolean }[] = [];
  const out: string[] = [];
  let copied = 0;
  let changed = false;
  // A dropped block element leaves a paragraph break (<br><br>), so its text stays a paragraph.
  const drop = (from: number, to: number, name: string): void => {
    out.push(html.slice(copied, from));
    if (BREAKS.has(name)) out.push('<br><br>');
    copied = to;
    changed = true;
  };
  const popTo = (name: string): { name: string; dropped: boolean } | null => {
    for (let i = stack.length - 1; i >= 0; i--) {
      if (stack[i]!.name === name) {
        const entry = stack[i]!;
        stack.length = i;
        return entry;
      }
    }
    return null;
  };

  let lower: string | undefined;
  TOKEN_RE.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = TOKEN_RE.exec(html))) {
    const name = m[2]?.toLowerCase();
    if (!name) continue; // comment or CDATA
    const start = m.index;
    const end = start + m[0].length;
    if (m[1] === '/') {
      const entry = popTo(name);
      if (entry?.dropped) drop(start, end, name);
      continue;
    }
    if (RAW.has(name)) {
      // Skip to the matching end tag; the element itself is a leaf.
      // Raw-text elements are leaves: kept whole, whatever their depth.
      lower ??= html.toLowerCase();
      const close = lower.indexOf(`</${name}`, end);
      TOKEN_RE.lastIndex = close === -1 ? html.length : close;
      continue;
    }
    if (VOID.has(name) || (m[3] ?? '').trimEnd().endsWith('/')) continue;
    const top = stack[stack.length - 1];
    if (top && SELF_CLOSING_SIBLINGS.has(name) && top.name === name) stack.pop();
    else if (top && top.name === 'p' && CLOSES_P.has(name)) stack.pop();
    const tooDeep = stack.length >= maxDepth;
    if (tooDeep) drop(start, end, name);
    stack.push({ name, dropped: tooDeep });
  }
  if (!changed) return html;
  out.push(html.slice(copied));
  return out.join('');
}
