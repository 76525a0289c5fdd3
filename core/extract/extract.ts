/**
 * extractArticle: from a web page's HTML to the stored article (sanitised HTML, canonical
 * text with blocks, images, metadata).
 *
 * Pipeline: size check → parse (linkedom, nesting limited) → metadata (before anything
 * changes the tree) → Readability + clean-up rules → sanitise (DOMPurify on jsdom) →
 * normalise (parse5 round trip) → canonical text from that stored HTML.
 */
import { GlossaError } from '../model/errors.js';
import type { Block } from '../model/snapshot.js';
import { findArticle, type FindArticleOptions } from './article.js';
import { canonicalFromTree, canonicalWithImages, parse5Adapter, type ImageSlot, type P5Node } from './canonical.js';
import { applyDirection, markDirection, type PageDirection } from './direction.js';
import { parseDocument, type DDocument, type DElement } from './dom.js';
import { checkSize } from './limits.js';
import { extractMetadata, splitAuthors } from './metadata.js';
import { IMAGE_SRC_ATTR, sanitiseArticleHtml } from './sanitise.js';

export interface ExtractedImage {
  /** Absolute http(s) URL or data:image URI, as found in the page (to be stored as a blob). */
  src: string;
  alt: string;
  caption: string | null;
  /** Canonical text offset the image stands before. */
  offset: number;
}

export interface ExtractedArticle {
  title: string;
  byline: string | null;
  siteName: string | null;
  lang: string | null;
  /** As the page states it (usually ISO 8601); not reinterpreted. */
  publishedAt: string | null;
  modifiedAt: string | null;
  canonicalUrl: string | null;
  description: string | null;
  authors: string[];
  /** Sanitised article HTML; images carry their address in data-glossa-src, not src. */
  articleHtml: string;
  /** htmlToCanonical(articleHtml).text */
  text: string;
  blocks: Block[];
  images: ExtractedImage[];
  /**
   * 'article': the article was found in the page; 'page-text': none was (or extraction
   * failed), so this is the page's visible text — worth telling the user.
   */
  method: 'article' | 'page-text';
}

export interface ExtractOptions extends FindArticleOptions {
  /** The page's URL (final URL after redirects): resolves relative links and images. */
  url?: string | null;
  /**
   * Base for relative addresses when the page names none (no URL, <base> or canonical link):
   * a saved file's "Page_files/a.jpg" must still resolve, to be matched with the saved files.
   */
  fallbackBase?: string | null;
  /**
   * Keep the whole document instead of looking for an article in it: HTML pasted from the
   * clipboard is exactly what the person selected, headings included.
   */
  whole?: boolean;
}

function absolute(raw: string | null | undefined, base?: string | null): string | null {
  if (!raw) return null;
  try {
    const u = base ? new URL(raw.trim(), base) : new URL(raw.trim());
    return /^https?:$/.test(u.protocol) ? u.href : null;
  } catch {
    return null;
  }
}

function baseUrlOf(doc: DDocument, pageUrl: string | null, canonical: string | null): string | null {
  const baseHref = doc.querySelector('base[href]')?.getAttribute('href') ?? null;
  return absolute(baseHref, pageUrl) ?? absolute(pageUrl) ?? absolute(canonical);
}

/** The caption of the <figure> an image sits in, if any. */
function captionOf(img: P5Node): string | null {
  for (let n = img.parentNode; n; n = n.parentNode) {
    if (n.tagName === 'figure') {
      const cap = (n.childNodes ?? []).find((c) => c.tagName === 'figcaption');
      // Its blocks (caption, credit) as one line, a space between them.
      const text = cap ? canonicalFromTree(cap, parse5Adapter).text.replace(/\s+/g, ' ').trim() : '';
      return text || null;
    }
  }
  return null;
}

/** Images of the stored HTML with their alt text, figure caption and place in the text. */
function listImages(slots: ImageSlot<P5Node>[]): ExtractedImage[] {
  const out: ExtractedImage[] = [];
  for (const { node, offset } of slots) {
    const attr = (n: string) => node.attrs?.find((a) => a.name === n)?.value ?? null;
    const src = attr(IMAGE_SRC_ATTR);
    if (src) out.push({ src, alt: (attr('alt') ?? '').trim(), caption: captionOf(node), offset });
  }
  return out;
}

/**
 * HTML of the article element for sanitising: with its own element when the page gives a
 * direction (so the stored HTML keeps it), else its content only.
 */
function withDirection(root: DElement, page: PageDirection): string {
  applyDirection(root, page);
  const dir = root.getAttribute('dir');
  return dir ? `<div dir="${dir}">${root.innerHTML}</div>` : root.innerHTML;
}

/** Whole visible body, for pages where no article is found (a sensible snapshot, not nothing). */
function bodyFallback(doc: DDocument, page: PageDirection): string {
  const body = doc.body;
  if (!body) return '';
  for (const tag of ['script', 'style', 'noscript', 'template', 'nav', 'header', 'footer']) {
    const els = Array.from(body.getElementsByTagName(tag));
    for (const el of els) el.remove();
  }
  const wrapper = doc.createElement('div');
  while (body.firstChild) wrapper.appendChild(body.firstChild);
  return withDirection(wrapper, page);
}

export function extractArticle(html: string, opts: ExtractOptions = {}): ExtractedArticle {
  if (typeof html !== 'string') throw new GlossaError('INVALID_INPUT', 'The page to extract must be text (decode its bytes first).');
  checkSize(html);
  if (!html.trim()) throw new GlossaError('EMPTY_FILE', 'The page is empty: there is nothing to extract.');

  const doc = parseDocument(html);
  const meta = extractMetadata(doc);
  const pageUrl = absolute(opts.url ?? null);
  const baseUrl = baseUrlOf(doc, pageUrl, meta.canonicalUrl) ?? absolute(opts.fallbackBase ?? null);
  // Read before Readability changes the tree: the last resort for a title.
  const heading = doc.querySelector('h1')?.textContent?.replace(/\s+/g, ' ').trim() || null;
  const page = markDirection(doc, meta.lang);

  // Readability and the clean-up rules are heuristics over arbitrary markup: if they fail on
  // a page, the page's visible text is still a sensible snapshot, so fall back instead of failing.
  let found: ReturnType<typeof findArticle> | null = null;
  if (!opts.whole) {
    try {
      found = findArticle(
        doc,
        { title: meta.title, byline: meta.byline, authors: meta.authors, siteName: meta.siteName, description: meta.description },
        { disable: opts.disable, readability: opts.readability },
      );
    } catch {
      found = null;
    }
  }

  // The sanitiser's output is a parse5 serialisation: what a browser builds when it reads the
  // stored HTML back is this very tree, so the canonical text derived from it is stable.
  let articleHtml = found?.root ? sanitiseArticleHtml(withDirection(found.root, page), { baseUrl }).trim() : '';
  let { text, blocks, images } = canonicalWithImages(articleHtml);
  let method: ExtractedArticle['method'] = 'article';
  if (!text && opts.whole) {
    articleHtml = sanitiseArticleHtml(bodyFallback(doc, page), { baseUrl }).trim();
    ({ text, blocks, images } = canonicalWithImages(articleHtml));
  } else if (!text) {
    method = 'page-text';
    // No article found (or nothing left of it): keep the page's visible text instead.
    try {
      const fresh = parseDocument(html);
      articleHtml = sanitiseArticleHtml(bodyFallback(fresh, markDirection(fresh, meta.lang)), { baseUrl }).trim();
    } catch (e) {
      if (e instanceof RangeError) {
        throw new GlossaError('TOO_LARGE', 'This page is too deeply structured to analyse. Save the article alone or paste its text.');
      }
      throw e;
    }
    ({ text, blocks, images } = canonicalWithImages(articleHtml));
  }
  if (!text) {
    throw new GlossaError(
      'EMPTY_FILE',
      'No readable text was found in this page. If the article is there in a browser, save it again after it has loaded, or paste its text.',
    );
  }

  const byline = found?.byline ?? meta.byline;
  const authors = meta.authors.length ? meta.authors : byline ? splitAuthors(byline) : [];
  // Structured data first (Readability misses JSON-LD in @graph or with several @types),
  // then Readability's cleaned-up <title>, then the first words of the text.
  const siteName = found?.siteName ?? meta.siteName;
  const title = withoutSiteName(
    meta.title ??
      (found?.title || null) ??
      meta.documentTitle ??
      heading ??
      (blocks[0] ? text.slice(blocks[0].start, Math.min(blocks[0].end, blocks[0].start + 120)) : ''),
    siteName,
  );

  return {
    title,
    byline,
    siteName,
    lang: page.lang || (found?.lang ?? meta.lang),
    publishedAt: found?.publishedTime ?? meta.publishedAt,
    modifiedAt: meta.modifiedAt,
    canonicalUrl: absolute(meta.canonicalUrl, baseUrl),
    description: meta.description,
    authors,
    articleHtml,
    text,
    blocks,
    images: listImages(images),
    method,
  };
}

/**
 * "Council passes budget | The Courier" → "Council passes budget" when the part cut off is the
 * site's own name (Readability keeps short titles whole, site name and all).
 */
export function withoutSiteName(title: string, siteName: string | null): string {
  if (!siteName) return title;
  const site = siteName.trim().toLowerCase();
  const m = /^(.+?)\s+[|\-–—:·•]\s+(.+)$/u.exec(title) ?? null;
  if (!m) return title;
  const [, head, tail] = m;
  if (tail!.trim().toLowerCase() === site) return head!.trim();
  if (head!.trim().toLowerCase() === site) return tail!.trim();
  return title;
}

/** The article's running text without captions: what "article body" means in extraction benchmarks. */
export function bodyText(article: Pick<ExtractedArticle, 'text' | 'blocks'>): string {
  return article.blocks
    .filter((b) => b.type !== 'caption')
    .map((b) => article.text.slice(b.start, b.end))
    .join('\n\n');
}
