/**
 * Direction and language of the article: what the page says (html/body `dir` and `lang`,
 * and `dir`/`lang` on elements around the text) must survive Readability, which keeps the
 * article's elements but drops their ancestors.
 *
 * Before Readability, every element whose direction or language (inherited from an
 * ancestor below <body>) differs from the page's own is marked with it in data attributes;
 * after it, the marks become real `dir`/`lang` attributes where the article tree does not
 * already give the same, and the page's own direction goes on the article's outer element.
 * The canonical text does not change; canonical.ts reads the attributes into each block.
 */
import { directionOfText, langValue, type Direction } from './canonical.js';
import { isElement, lowerTag, type DDocument, type DElement, type DNode } from './dom.js';

const MARK_DIR = 'data-glossa-dir';
const MARK_LANG = 'data-glossa-lang';

// Languages written right to left (primary subtags).
const RTL_LANGS = new Set([
  'ar',
  'arc',
  'ckb',
  'dv',
  'fa',
  'he',
  'iw',
  'ks',
  'ku',
  'pa-arab',
  'ps',
  'sd',
  'ug',
  'ur',
  'yi',
  'syr',
  'prs',
  'azb',
  'mzn',
  'glk',
  'lrc',
  'bal',
  'bqi',
]);

export interface PageDirection {
  /** The page's direction: stated on <body>/<html>, else that of a right-to-left language. */
  dir: Direction | null;
  /** The page's language as stated on <body>/<html> ('' = explicitly unknown). */
  lang: string | null;
}

const NOT_TEXT = new Set(['script', 'style', 'template', 'noscript', 'bdi', 'svg', 'math', 'textarea']);

/** dir="auto": the first strong character of the element's own text (stops there: nested auto elements stay cheap). */
function autoDirection(el: DElement): Direction {
  const stack: DNode[] = [...Array.from(el.childNodes)].reverse();
  while (stack.length) {
    const node = stack.pop()!;
    if (node.nodeType === 3) {
      const d = directionOfText(node.textContent ?? '');
      if (d) return d;
    } else if (isElement(node)) {
      if (NOT_TEXT.has(lowerTag(node))) continue;
      if (/^(ltr|rtl|auto)$/i.test((node.getAttribute('dir') ?? '').trim())) continue;
      const kids = node.childNodes;
      for (let i = kids.length - 1; i >= 0; i--) stack.push(kids[i]!);
    }
  }
  return 'ltr';
}

function ownDir(el: DElement): Direction | null {
  const raw = (el.getAttribute('dir') ?? '').trim().toLowerCase();
  if (raw === 'ltr' || raw === 'rtl') return raw;
  if (raw === 'auto') return autoDirection(el);
  return null;
}

const ownLang = (el: DElement): string | undefined => langValue(el.getAttribute('lang') ?? el.getAttribute('xml:lang'));

/** Whether a language tag names a language written right to left. */
export function isRtlLanguage(tag: string | null | undefined): boolean {
  if (!tag) return false;
  const lower = tag.toLowerCase();
  const primary = lower.split('-')[0]!;
  if (/-(arab|hebr|syrc|thaa|nkoo|adlm|rohg)\b/.test(lower)) return true;
  if (/-(latn|cyrl)\b/.test(lower)) return false;
  return RTL_LANGS.has(primary);
}

/** The page's direction and language, and marks on elements that differ from them (before Readability). */
export function markDirection(doc: DDocument, fallbackLang: string | null): PageDirection {
  const html = doc.documentElement;
  const body = doc.body;
  const bodyLang = body ? ownLang(body) : undefined;
  const htmlLang = html ? ownLang(html) : undefined;
  const stated = bodyLang ?? htmlLang;
  const lang = stated === undefined ? null : stated;
  const dir = (body ? ownDir(body) : null) ?? (html ? ownDir(html) : null) ?? (isRtlLanguage(lang ?? fallbackLang) ? 'rtl' : null);
  if (!body) return { dir, lang };

  // Iterative walk with the direction and language in force on each element.
  const stack: { el: DElement; dir: Direction | null; lang: string | null }[] = [];
  const kids = body.children;
  for (let i = kids.length - 1; i >= 0; i--) stack.push({ el: kids[i]!, dir, lang });
  while (stack.length) {
    const { el, dir: outerDir, lang: outerLang } = stack.pop()!;
    const d = ownDir(el);
    const l = ownLang(el);
    const curDir = d ?? outerDir;
    const curLang = l === undefined ? outerLang : l;
    if (!d && curDir !== dir && curDir) el.setAttribute(MARK_DIR, curDir);
    if (l === undefined && curLang !== lang) el.setAttribute(MARK_LANG, curLang ?? '');
    const children = el.children;
    for (let i = children.length - 1; i >= 0; i--) stack.push({ el: children[i]!, dir: curDir, lang: curLang });
  }
  return { dir, lang };
}

/**
 * After Readability: marks become attributes where the article tree would not give the same
 * direction or language already; the article's outer element gets the page's direction.
 */
export function applyDirection(root: DElement, page: PageDirection): void {
  if (page.dir && !root.getAttribute('dir')) root.setAttribute('dir', page.dir);
  const stack: { el: DElement; dir: Direction | null; lang: string | null }[] = [];
  const kids = root.children;
  const rootDir = ownDir(root) ?? page.dir;
  const rootLang = ownLang(root) ?? page.lang;
  for (let i = kids.length - 1; i >= 0; i--) stack.push({ el: kids[i]!, dir: rootDir, lang: rootLang });
  while (stack.length) {
    const { el, dir, lang } = stack.pop()!;
    const markDir = el.getAttribute(MARK_DIR);
    const markLang = el.getAttribute(MARK_LANG);
    el.removeAttribute(MARK_DIR);
    el.removeAttribute(MARK_LANG);
    let d = ownDir(el);
    let l = ownLang(el);
    // An element the page gave no mark to reads in the page's own direction and language.
    const wantDir = d ?? ((markDir as Direction | null) || page.dir);
    const wantLang = l !== undefined ? l : markLang !== null ? markLang : page.lang;
    if (!d && wantDir && wantDir !== dir) {
      el.setAttribute('dir', wantDir);
      d = wantDir;
    }
    if (l === undefined && (wantLang ?? null) !== (lang ?? null)) {
      el.setAttribute('lang', wantLang ?? '');
      l = wantLang ?? '';
    }
    const children = el.children;
    for (let i = children.length - 1; i >= 0; i--) stack.push({ el: children[i]!, dir: d ?? dir, lang: l === undefined ? lang : l });
  }
}
