/** Plain text (files, pasted or typed) → a snapshot whose HTML is built from its paragraphs. */
import { GlossaError, type CaptureMethod } from '../model/index.js';
import type { LibraryStore } from '../store/types.js';
import { blocksFromPlainText, capTitle, titleFromPlainText } from '../text/blocks.js';
import { canonicalFromPlainText } from '../text/canonical.js';
import { htmlFromBlocks } from '../text/html.js';
import { commitSnapshot, type ImportOutcome } from './commit.js';
import { MAX_TEXT_FILE_BYTES } from './decode.js';
import { findDebris } from './debris.js';

export interface TextCandidate {
  raw: string;
  original: Uint8Array;
  method: CaptureMethod;
  sourceFile: string | null;
  sourceUrl?: string | null;
  title?: string;
  /** Metadata that came with the text (a REFI-QDA source's description, say). */
  meta?: { byline?: string | null; siteName?: string | null; publishedAt?: string | null };
}

export function assertTextSize(original: Uint8Array): void {
  if (original.length > MAX_TEXT_FILE_BYTES) {
    throw new GlossaError(
      'TOO_LARGE',
      `The text is ${(original.length / 1024 / 1024).toFixed(1)} MiB; Glossa imports texts up to ${MAX_TEXT_FILE_BYTES / 1024 / 1024} MiB. Split it into smaller parts.`,
    );
  }
}

export async function importPlainText(library: LibraryStore, c: TextCandidate): Promise<ImportOutcome> {
  const text = canonicalFromPlainText(c.raw);
  if (text.trim() === '') {
    const what = c.sourceFile ? `"${c.sourceFile}"` : 'The text';
    throw new GlossaError(c.sourceFile ? 'EMPTY_FILE' : 'INVALID_INPUT', `${what} has no text to import (it is empty or only white space).`);
  }
  const blocks = blocksFromPlainText(text);
  const title = capTitle(c.title?.trim().replace(/\s+/g, ' ') || titleFromPlainText(text));
  const debris = findDebris(text, blocks);
  const outcome = await commitSnapshot(library, {
    text,
    html: htmlFromBlocks(text, blocks, title),
    original: c.original,
    assets: new Map(),
    title,
    byline: c.meta?.byline ?? null,
    siteName: c.meta?.siteName ?? null,
    sourceUrl: c.sourceUrl ?? null,
    sourceFile: c.sourceFile,
    lang: null,
    publishedAt: c.meta?.publishedAt ?? null,
    captureMethod: c.method,
    blocks,
    authors: [],
    modifiedAt: null,
    canonicalUrl: null,
    description: null,
    originalMediaType: 'text/plain',
    extraction: 'text',
    images: [],
    debris,
    versionOf: c.sourceUrl ?? null,
  });
  return {
    ...outcome,
    notices: [],
    debris: debris ? { marker: debris.marker, words: (text.slice(debris.start).match(/[\p{L}\p{N}]+/gu) ?? []).length } : null,
  };
}
