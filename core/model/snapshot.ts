import { z } from 'zod';
import { ArticleRowState } from './article.js';

/** How the article reached the library. */
export const CaptureMethod = z.enum(['file', 'text', 'paste', 'url']);
export type CaptureMethod = z.infer<typeof CaptureMethod>;

/**
 * A structural block of the canonical text (heading, paragraph, ...). Blocks are
 * ranges of the canonical text, so the reader can render the article from the text
 * alone and every rendered character maps back to one canonical offset.
 */
export const Block = z.object({
  type: z.enum(['heading', 'paragraph', 'quote', 'list-item', 'caption', 'preformatted']),
  start: z.number().int().nonnegative(),
  end: z.number().int().nonnegative(),
  /** Writing direction the page gives this block (dir="auto" resolved); absent when it states none. */
  dir: z.enum(['ltr', 'rtl']).optional(),
  /** Language the page gives this block (BCP 47, as written); absent when it states none. */
  lang: z.string().optional(),
});
export type Block = z.infer<typeof Block>;

export const Sha256 = z.string().regex(/^[0-9a-f]{64}$/, 'a lowercase hex SHA-256');

/** An image of the article, stored as a blob so it shows offline. */
export const SnapshotImage = z.object({
  hash: Sha256,
  /** Sniffed from the bytes (image/png, image/jpeg, image/gif, image/webp, image/avif, image/svg+xml). */
  mediaType: z.string(),
  alt: z.string().default(''),
  caption: z.string().nullable().default(null),
  /** Canonical text offset the image stands before: the reader draws it there. */
  offset: z.number().int().nonnegative(),
  /** Where it was found in the page (http(s) URL, or null for inline data and saved files). */
  sourceUrl: z.string().nullable().default(null),
});
export type SnapshotImage = z.infer<typeof SnapshotImage>;

/** An image the page showed that could not be kept (not saved with the page, too large, not a picture): the reader marks its place. */
export const MissingImage = z.object({
  alt: z.string().default(''),
  caption: z.string().nullable().default(null),
  /** Canonical text offset the image stood before. */
  offset: z.number().int().nonnegative(),
  sourceUrl: z.string().nullable().default(null),
  /** Why it was not kept, in words. */
  reason: z.string(),
});
export type MissingImage = z.infer<typeof MissingImage>;

/** Trailing text that looks like page debris (a comment form), offered for trimming, never dropped. */
export const Debris = z.object({
  start: z.number().int().nonnegative(),
  end: z.number().int().nonnegative(),
  /** The phrase that gave it away, e.g. "Leave a Reply". */
  marker: z.string(),
});
export type Debris = z.infer<typeof Debris>;

/**
 * Immutable record of one captured article, written once as snapshot.json.
 * Bodies (canonical text, article HTML, original bytes) live in the blob store by hash.
 */
export const Snapshot = z.object({
  id: z.string().min(1),
  title: z.string(),
  byline: z.string().nullable().default(null),
  siteName: z.string().nullable().default(null),
  sourceUrl: z.string().nullable().default(null),
  /** Name of the file the article came from, when it came from a file. */
  sourceFile: z.string().nullable().default(null),
  lang: z.string().nullable().default(null),
  publishedAt: z.string().nullable().default(null),
  capturedAt: z.string(),
  captureMethod: CaptureMethod,
  wordCount: z.number().int().nonnegative(),
  /** SHA-256 of the canonical text (UTF-8); also the key for duplicate detection. */
  textHash: Sha256,
  /** SHA-256 of the stored (sanitised) article HTML. */
  htmlHash: Sha256,
  /** SHA-256 of the original bytes as received, kept for audit and re-extraction. */
  originalHash: Sha256.nullable().default(null),
  assetHashes: z.array(Sha256).default([]),
  blocks: z.array(Block),
  previousVersionId: z.string().nullable().default(null),
  /** All authors found (JSON-LD, meta); `byline` is the line as printed. */
  authors: z.array(z.string()).default([]),
  modifiedAt: z.string().nullable().default(null),
  canonicalUrl: z.string().nullable().default(null),
  description: z.string().nullable().default(null),
  /** Media type of the original bytes (text/plain, text/html, multipart/related). */
  originalMediaType: z.string().nullable().default(null),
  /**
   * How the text was obtained: 'text' (plain text as given), 'article' (extracted from a
   * page), 'page-text' (no article found; the page's visible text).
   */
  extraction: z.enum(['text', 'article', 'page-text']).default('text'),
  images: z.array(SnapshotImage).default([]),
  /** Images the page showed that were not kept (absent when none: records from before it stay as written). */
  missingImages: z.array(MissingImage).optional(),
  debris: Debris.nullable().default(null),
});
export type Snapshot = z.infer<typeof Snapshot>;

/** The row kept per snapshot in glossa.json: enough to list the library without opening files. */
export const SnapshotSummary = Snapshot.pick({
  id: true,
  title: true,
  siteName: true,
  sourceUrl: true,
  sourceFile: true,
  capturedAt: true,
  captureMethod: true,
  wordCount: true,
  textHash: true,
  previousVersionId: true,
}).extend({
  /** Live (not deleted) annotations per kind, kept current by the store. */
  counts: z.object({ quote: z.number(), claim: z.number(), figure: z.number(), note: z.number() }),
  /** The article's own state (trash, corrections, tags, collections), when it has any; kept current by the store. */
  article: ArticleRowState.optional(),
});
export type SnapshotSummary = z.infer<typeof SnapshotSummary>;
