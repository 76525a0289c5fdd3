/**
 * Saved and fetched web pages (HTML, MHTML) → a snapshot: the article extracted from page
 * chrome and sanitised (core/extract), its images as blobs, its metadata, and the original
 * bytes kept for audit and re-extraction.
 */
import { decodeHtml, extractArticle, parseMhtml } from '../extract/index.js';
import { GlossaError, type Snapshot } from '../model/index.js';
import type { LibraryStore } from '../store/types.js';
import { capTitle } from '../text/blocks.js';
import { commitSnapshot, type ImportOutcome } from './commit.js';
import { findDebris } from './debris.js';
import { collectImages, type ImageFetcher, PageResources } from './images.js';

/** Saved pages above this size are not pages a person reads; refused before parsing. */
export const MAX_PAGE_BYTES = 50 * 1024 * 1024;

export interface PageInput {
  bytes: Uint8Array;
  format: 'html' | 'mhtml';
  /** File name for file imports (shown, kept as sourceFile). */
  name?: string | null;
  /** The page's address: the final URL of a fetch. Saved pages say it themselves, if at all. */
  url?: string | null;
  contentType?: string | null;
  method: 'file' | 'url' | 'paste';
  /** Files saved with the page (a "<name>_files" folder, files dropped together). */
  resources?: PageResources;
  /** Only for URL captures: fetch the article's images. */
  fetchImage?: ImageFetcher;
  signal?: AbortSignal;
}

/** Resolves a saved file's relative image paths when the page names no address of its own (never fetched). */
const LOCAL_BASE = 'https://saved-page.invalid/';

/** Fewer words than this and the page is probably not an article: say so. */
const SHORT_PAGE_WORDS = 80;

const mb = (n: number) => `${(n / 1024 / 1024).toFixed(1)} MiB`;

export async function importPage(library: LibraryStore, input: PageInput): Promise<ImportOutcome> {
  const what = input.name ? `"${input.name}"` : input.url ? input.url : 'The page';
  if (input.bytes.length === 0) throw new GlossaError('EMPTY_FILE', `${what} is empty (0 bytes): there is nothing to import.`);
  if (input.bytes.length > MAX_PAGE_BYTES) {
    throw new GlossaError(
      'TOO_LARGE',
      `${what} is ${mb(input.bytes.length)}; Glossa imports pages up to ${mb(MAX_PAGE_BYTES)}. Save the article alone (reader view, or "Save as text") and import that.`,
    );
  }

  const resources = input.resources ?? new PageResources();
  const { html, url, originalMediaType } = readPage(input, resources);
  let article;
  try {
    article = extractArticle(html, { url, fallbackBase: LOCAL_BASE, whole: input.method === 'paste' });
  } catch (e) {
    if (e instanceof GlossaError) throw new GlossaError(e.code, `${what}: ${e.message}`);
    throw e;
  }
  const stored = await collectImages(article.images, { resources, fetch: input.fetchImage, signal: input.signal });
  if (input.signal?.aborted) throw new GlossaError('CANCELLED', 'The capture was cancelled; nothing was saved.');

  const notices: string[] = [];
  if (article.method === 'page-text') {
    notices.push('No article was found in this page, so its visible text was kept. Check the snapshot, or save the article alone and import it again.');
  } else if (wordsIn(article.text) < SHORT_PAGE_WORDS) {
    notices.push(
      `This page has only ${wordsIn(article.text)} words of text: it may not be an article (a sign-in page, an index, a page that loads its text later). Check the snapshot; if the article is missing, save it again once it has loaded, or paste its text.`,
    );
  }
  if (stored.missing.length) {
    const first = stored.missing[0]!;
    notices.push(
      `${stored.missing.length} image${stored.missing.length === 1 ? ' was' : 's were'} not kept (${first.src}: ${first.reason}${stored.missing.length > 1 ? '; …' : ''}).`,
    );
  }
  const debris = findDebris(article.text, article.blocks);
  const sourceUrl = url ?? article.canonicalUrl;

  const outcome = await commitSnapshot(library, {
    text: article.text,
    html: article.articleHtml,
    original: input.bytes,
    assets: stored.assets,
    title: capTitle(article.title.replace(/\s+/g, ' ').trim() || input.name || 'Untitled page'),
    byline: article.byline,
    siteName: article.siteName,
    sourceUrl,
    sourceFile: input.name ?? null,
    lang: article.lang,
    publishedAt: article.publishedAt,
    captureMethod: input.method,
    blocks: article.blocks,
    authors: article.authors,
    modifiedAt: article.modifiedAt,
    canonicalUrl: article.canonicalUrl,
    description: article.description,
    originalMediaType,
    extraction: article.method,
    images: stored.images,
    ...(stored.missing.length
      ? { missingImages: stored.missing.map(({ alt, caption, offset, sourceUrl: from, reason }) => ({ alt, caption, offset, sourceUrl: from, reason })) }
      : {}),
    debris,
    versionOf: sourceUrl,
  });
  return { ...outcome, notices, debris: debris ? { marker: debris.marker, words: wordsIn(article.text.slice(debris.start)) } : null };
}

/** The page's HTML and address from its bytes; MHTML parts become resources. */
function readPage(input: Pick<PageInput, 'bytes' | 'format' | 'url' | 'contentType'>, resources: PageResources) {
  if (input.format === 'mhtml') {
    const page = parseMhtml(input.bytes);
    for (const r of page.resources) resources.add(r.location, r.bytes);
    const url = input.url ?? (page.url && /^https?:/i.test(page.url) ? page.url : null);
    return { html: page.html, url, originalMediaType: 'multipart/related' };
  }
  return { html: decodeHtml(input.bytes, input.contentType).text, url: input.url ?? null, originalMediaType: input.contentType?.trim() || 'text/html' };
}

/** The canonical text a page's original bytes give today: auditing a capture against its source. */
export function reextractText(original: Uint8Array, s: Pick<Snapshot, 'originalMediaType' | 'sourceUrl' | 'captureMethod'>): string {
  const format = s.originalMediaType === 'multipart/related' ? 'mhtml' : 'html';
  const url = s.captureMethod === 'url' ? s.sourceUrl : null;
  // The media type keeps the HTTP charset of a fetched page, so it decodes as it did then.
  const contentType = format === 'html' ? s.originalMediaType : null;
  const { html, url: pageUrl } = readPage({ bytes: original, format, url, contentType }, new PageResources());
  return extractArticle(html, { url: pageUrl, fallbackBase: LOCAL_BASE }).text;
}

const wordsIn = (s: string) => (s.match(/[\p{L}\p{N}]+/gu) ?? []).length;
