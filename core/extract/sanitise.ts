/**
 * Sanitising article HTML for storage and display: DOMPurify with an allow-list of plain
 * article markup, on jsdom.
 *
 * Why jsdom: DOMPurify relies on the DOM behaving like a browser's. On its own fixture set
 * (dompurify-xss-fixtures, default config) it gives the expected output for 141 of 143
 * payloads on jsdom, but only 2 on happy-dom and 9 on linkedom, where event handlers and
 * javascript: URLs come through. A fast DOM that lets payloads pass is worse than a slower one.
 *
 * What comes out (whatever came in):
 * - only the tags in ALLOWED_TAGS, only the attributes in ALLOWED_ATTR; no script, style,
 *   event handlers, forms, frames, embeds, SVG or MathML;
 * - nothing that loads by itself: no src, srcset, style, background, poster, ping. An image
 *   keeps its address in the inert `data-glossa-src` attribute (absolute http(s) or a
 *   data:image URI) for the capture step to fetch and replace with a local blob;
 * - links only as absolute http(s)/mailto URLs or in-page #fragments (the reader opens them
 *   outside the app, if at all).
 */
import { createRequire } from 'node:module';
import createDOMPurify from 'dompurify';
import { parseFragment, serialize } from 'parse5';

export const IMAGE_SRC_ATTR = 'data-glossa-src';

export const ALLOWED_TAGS = [
  'a',
  'abbr',
  'address',
  'article',
  'aside',
  'b',
  'bdi',
  'bdo',
  'blockquote',
  'br',
  'caption',
  'cite',
  'code',
  'col',
  'colgroup',
  'dd',
  'del',
  'details',
  'dfn',
  'div',
  'dl',
  'dt',
  'em',
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
  'hr',
  'i',
  'img',
  'ins',
  'kbd',
  'li',
  'main',
  'mark',
  'ol',
  'p',
  'pre',
  'q',
  'rp',
  'rt',
  'ruby',
  's',
  'samp',
  'section',
  'small',
  'span',
  'strong',
  'sub',
  'summary',
  'sup',
  'table',
  'tbody',
  'td',
  'tfoot',
  'th',
  'thead',
  'time',
  'tr',
  'u',
  'ul',
  'var',
  'wbr',
];

export const ALLOWED_ATTR = [
  'href',
  'alt',
  'title',
  'lang',
  'dir',
  'colspan',
  'rowspan',
  'scope',
  'datetime',
  'start',
  'reversed',
  'width',
  'height',
  IMAGE_SRC_ATTR,
];

// Plain text and relative references pass DOMPurify's URI check; schemes other than these fail.
const ALLOWED_URI_REGEXP = /^(?:(?:https?|mailto):|[^a-z]|[a-z+.-]+(?:[^a-z+.\-:]|$))/i;

export interface SanitiseOptions {
  /** Base for relative links and image addresses (the page URL, or its <base href>). */
  baseUrl?: string | null;
}

interface PurifyLike {
  sanitize(html: string, config: Record<string, unknown>): string;
  addHook(name: string, fn: (node: HookElement, data: { attrName?: string; attrValue?: string; keepAttr?: boolean } | null) => void): void;
}
interface HookElement {
  nodeName: string;
  getAttribute(n: string): string | null;
  setAttribute(n: string, v: string): void;
  removeAttribute(n: string): void;
  hasAttribute(n: string): boolean;
  remove(): void;
}

let purifier: PurifyLike | null = null;
// The base URL of the call in progress: hooks are installed once and read it from here.
let currentBase: string | null = null;

function resolve(raw: string, base: string | null): string | null {
  const value = raw.trim();
  if (!value) return null;
  try {
    return base ? new URL(value, base).href : new URL(value).href;
  } catch {
    return null;
  }
}

/** First URL of a srcset ("a.jpg 1x, b.jpg 2x" → "a.jpg"), used when src is missing. */
function firstSrcset(srcset: string | null): string | null {
  const m = srcset?.trim().match(/^(\S+)/);
  return m ? m[1]!.replace(/,$/, '') : null;
}

// Attributes lazy loaders keep the real address in, most specific first.
const LAZY_SRC = ['data-src', 'data-lazy-src', 'data-original', 'data-lazy', 'data-hi-res-src', 'data-full-src', 'data-url', 'data-img-src', 'data-echo'];
const LAZY_SRCSET = ['data-srcset', 'data-lazy-srcset', 'srcset'];
// Stand-ins a lazy loader shows until it swaps the real picture in.
const PLACEHOLDER_FILE =
  /(?:^|[/_-])(?:blank|spacer|transparent|pixel|placeholder|lazy|lazyload|loading|loader|empty|grey|gray|1x1|clear|dot)(?:[-_.]\w*)?\.(?:gif|png|svg|jpe?g|webp)(?:[?#].*)?$/i;

/** Width and height of a base64 PNG or GIF data: URI, from its header; null for anything else. */
export function dataImageSize(uri: string): { width: number; height: number } | null {
  const m = /^data:image\/(png|gif);base64,([A-Za-z0-9+/=\s]{16,})/i.exec(uri.trim());
  if (!m) return null;
  const bytes = Buffer.from(m[2]!.replace(/\s+/g, '').slice(0, 44), 'base64');
  if (m[1]!.toLowerCase() === 'png' && bytes.length >= 24 && bytes.toString('latin1', 12, 16) === 'IHDR') {
    return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
  }
  if (m[1]!.toLowerCase() === 'gif' && bytes.length >= 10 && bytes.toString('latin1', 0, 3) === 'GIF') {
    return { width: bytes.readUInt16LE(6), height: bytes.readUInt16LE(8) };
  }
  return null;
}

/** A src that is no picture of the article: a data: image of 2 pixels or less, a data: SVG stand-in, a spacer or loading file. */
export function isPlaceholderSrc(src: string): boolean {
  const v = src.trim();
  if (/^data:/i.test(v)) {
    if (/^data:image\/svg\+xml/i.test(v)) return true;
    const size = dataImageSize(v);
    return size !== null && (size.width <= 2 || size.height <= 2);
  }
  return PLACEHOLDER_FILE.test(v);
}

/**
 * The address of the picture an <img> shows: its src unless that is a lazy-load stand-in,
 * else the address the lazy loader would have swapped in (data-src, srcset, …).
 */
export function pictureSource(node: Pick<HookElement, 'getAttribute'>): string | null {
  const own = node.getAttribute('src') ?? node.getAttribute(IMAGE_SRC_ATTR);
  if (own?.trim() && !isPlaceholderSrc(own)) return own;
  for (const name of LAZY_SRC) {
    const v = node.getAttribute(name);
    if (v?.trim() && !isPlaceholderSrc(v)) return v;
  }
  for (const name of LAZY_SRCSET) {
    const v = firstSrcset(node.getAttribute(name));
    if (v && !isPlaceholderSrc(v)) return v;
  }
  return null;
}

const dimension = (v: string | null): number | null => {
  const m = v?.trim().match(/^(\d+(?:\.\d+)?)(?:px)?$/i);
  return m ? Number(m[1]) : null;
};

/**
 * A tracking pixel or spacer: 2 pixels or less across or down (by attribute or inline
 * style), or no address worth keeping once stand-ins are set aside.
 */
export function isPixel(node: Pick<HookElement, 'getAttribute'>): boolean {
  const style = node.getAttribute('style') ?? '';
  const styled = (name: string) => dimension(new RegExp(`(?:^|;)\\s*${name}\\s*:\\s*([^;]+)`, 'i').exec(style)?.[1] ?? null);
  const sizes = [dimension(node.getAttribute('width')), dimension(node.getAttribute('height')), styled('width'), styled('height')];
  if (sizes.some((n) => n !== null && n <= 2)) return true;
  return pictureSource(node) === null && [node.getAttribute('src'), ...LAZY_SRC.map((n) => node.getAttribute(n))].some((v) => v?.trim());
}

const SAFE_IMAGE = /^(?:https?:\/\/|data:image\/(?:png|jpe?g|gif|webp|avif|bmp|svg\+xml)[;,])/i;
const SAFE_LINK = /^(?:https?:\/\/|mailto:)/i;

/** The image address to keep, or null when it is not something we could ever fetch safely. */
export function imageAddress(raw: string | null, base: string | null): string | null {
  if (!raw) return null;
  const trimmed = raw.trim();
  if (/^data:/i.test(trimmed)) return SAFE_IMAGE.test(trimmed) ? trimmed : null;
  const url = resolve(trimmed, base);
  return url && SAFE_IMAGE.test(url) ? url : null;
}

function getPurifier(): PurifyLike {
  if (purifier) return purifier;
  // jsdom is loaded through require so its type declarations (which pull the browser DOM
  // type library into every file) stay out of core's type check.
  const require = createRequire(import.meta.url);
  const { JSDOM } = require('jsdom') as { JSDOM: new (html: string) => { window: unknown } };
  const window = new JSDOM('<!DOCTYPE html>').window;
  const p = (createDOMPurify as unknown as (w: unknown) => PurifyLike)(window);

  p.addHook('beforeSanitizeAttributes', (node) => {
    if (node.nodeName !== 'IMG') return;
    // Move the picture's address into an inert attribute before src is dropped.
    const address = imageAddress(pictureSource(node), currentBase);
    if (address) node.setAttribute(IMAGE_SRC_ATTR, address);
    else node.removeAttribute(IMAGE_SRC_ATTR);
    // Not a picture of the article: nothing to store, nothing to show or tag.
    if (isPixel(node)) node.remove();
  });
  p.addHook('uponSanitizeAttribute', (node, data) => {
    if (!data?.attrName) return;
    if (data.attrName === 'href') {
      const v = data.attrValue ?? '';
      if (node.nodeName !== 'A') {
        data.keepAttr = false;
      } else if (v.trim().startsWith('#')) {
        data.attrValue = v.trim();
      } else {
        const url = resolve(v, currentBase);
        if (url && SAFE_LINK.test(url)) data.attrValue = url;
        else data.keepAttr = false;
      }
    } else if (data.attrName === IMAGE_SRC_ATTR) {
      // Set by the hook above for images only; anything else carrying it is forged.
      if (node.nodeName !== 'IMG' || !imageAddress(data.attrValue ?? null, null)) data.keepAttr = false;
    }
  });
  purifier = p;
  return p;
}

const CONFIG = {
  ALLOWED_TAGS,
  ALLOWED_ATTR,
  ALLOWED_URI_REGEXP,
  ALLOW_DATA_ATTR: false,
  ALLOW_ARIA_ATTR: false,
  ALLOW_UNKNOWN_PROTOCOLS: false,
  ADD_URI_SAFE_ATTR: [IMAGE_SRC_ATTR],
  KEEP_CONTENT: true,
  WHOLE_DOCUMENT: false,
  RETURN_DOM: false,
  SAFE_FOR_TEMPLATES: false,
};

interface P5 {
  nodeName: string;
  tagName?: string;
  attrs?: { name: string; value: string }[];
  childNodes?: P5[];
  parentNode?: P5 | null;
}

const TAG_SET = new Set(ALLOWED_TAGS);
const ATTR_SET = new Set(ALLOWED_ATTR);

/**
 * Second, independent pass over DOMPurify's output with the browser's parser (parse5):
 * only allowed elements and attributes survive, whatever DOMPurify had to leave (it keeps
 * the `is` attribute, for instance). Its serialisation is also the stored form, so what a
 * browser builds from the stored HTML is exactly this tree.
 */
function enforce(html: string): string {
  const root = parseFragment(html) as unknown as P5;
  const stack: P5[] = [root];
  while (stack.length) {
    const node = stack.pop()!;
    const kids = node.childNodes ?? [];
    for (let i = kids.length - 1; i >= 0; i--) {
      const child = kids[i]!;
      if (child.tagName !== undefined && !TAG_SET.has(child.tagName)) {
        kids.splice(i, 1);
        continue;
      }
      if (child.nodeName === '#comment') {
        kids.splice(i, 1);
        continue;
      }
      if (child.attrs) child.attrs = child.attrs.filter((a) => ATTR_SET.has(a.name));
      stack.push(child);
    }
  }
  return serialize(root as never);
}

/** Sanitised copy of `html` (a fragment) that is safe to store and to show. */
export function sanitiseArticleHtml(html: string, opts: SanitiseOptions = {}): string {
  const p = getPurifier();
  currentBase = opts.baseUrl ?? null;
  try {
    return enforce(p.sanitize(html, CONFIG));
  } finally {
    currentBase = null;
  }
}
