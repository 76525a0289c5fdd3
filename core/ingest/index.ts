/**
 * Capture: bytes of a file, a fetched page, or pasted text → a Snapshot in the library.
 *
 * Every path validates and extracts first and writes last, through commitSnapshot (one write
 * path: duplicate check by text hash, version link, blobs, then the record). A bad input,
 * a cancel or a duplicate writes nothing.
 */
import type { LibraryStore } from '../store/types.js';
import { type ImportOutcome, utf8 } from './commit.js';
import { decodeTextFile } from './decode.js';
import { formatOfFile } from './formats.js';
import type { ImageFetcher, PageResources } from './images.js';
import type * as Page from './page.js';
import { assertTextSize, importPlainText } from './text.js';

export { MAX_TEXT_FILE_BYTES, decodeTextFile } from './decode.js';
export { commitSnapshot, latestVersionOf, type ImportOutcome, type SnapshotDraft } from './commit.js';
export { findDebris } from './debris.js';
export { IMPORTABLE_EXTENSIONS, extensionOf, formatOfContentType, formatOfFile, sniffFormat, type PageFormat } from './formats.js';
export { PageResources, collectImages, sniffImage, type ImageFetcher } from './images.js';

/**
 * Saved pages need the extraction code (DOM, Readability, sanitiser): loaded on the first page
 * imported, so listing or importing plain text starts without it.
 */
export async function importPage(...args: Parameters<typeof Page.importPage>): ReturnType<typeof Page.importPage> {
  const page = await import('./page.js');
  return page.importPage(...args);
}
export { importPlainText, type TextCandidate } from './text.js';
export { carryAnnotations, orphansBetween, placeTarget, PREVIOUS_VERSION_REL } from './versions.js';

/** File extensions imported as plain text (kept for callers that list them). */
export const TEXT_EXTENSIONS: readonly string[] = ['txt', 'text', 'md', 'markdown'];

export interface ImportFileOptions {
  /** Files saved with a page (its "<name>_files" folder, or files dropped together). */
  resources?: PageResources;
  signal?: AbortSignal;
}

/** Imports one file by its extension (or, without one, by its first bytes). */
export async function importBytes(library: LibraryStore, file: { name: string; data: Uint8Array }, opts: ImportFileOptions = {}): Promise<ImportOutcome> {
  const format = formatOfFile(file.name, file.data);
  if (format === 'text') {
    const text = decodeTextFile(file.data, file.name);
    return importPlainText(library, { raw: text, original: file.data, method: 'file', sourceFile: file.name });
  }
  return importPage(library, { bytes: file.data, format, name: file.name, method: 'file', resources: opts.resources, signal: opts.signal });
}

/**
 * Imports text that did not come as a file's bytes: pasted (method 'paste') or typed text,
 * or an already decoded file (method 'file' with its `sourceFile` name). Pasted HTML (the
 * clipboard's text/html) keeps its paragraphs and links.
 */
export async function importText(
  library: LibraryStore,
  input: { text: string; html?: string | null; title?: string; method: 'paste' | 'text' | 'file'; sourceFile?: string },
): Promise<ImportOutcome> {
  if (input.html && input.html.trim()) {
    const bytes = utf8(input.html);
    assertTextSize(bytes);
    const outcome = await importPage(library, { bytes, format: 'html', name: input.sourceFile ?? null, method: input.method === 'file' ? 'file' : 'paste' });
    // A pasted fragment is never a whole page: "no article found" says nothing useful here.
    return { ...outcome, notices: outcome.notices?.filter((n) => !/^(No article was found|This page has only)/.test(n)) };
  }
  const original = utf8(input.text);
  assertTextSize(original);
  return importPlainText(library, { raw: input.text, original, method: input.method, sourceFile: input.sourceFile ?? null, title: input.title });
}

/** A page fetched by the shell (URL capture): its final address, content type and bytes. */
export async function importFetched(
  library: LibraryStore,
  page: { finalUrl: string; contentType: string | null; bytes: Uint8Array },
  opts: { fetchImage?: ImageFetcher; signal?: AbortSignal; format: 'html' | 'mhtml' | 'text' },
): Promise<ImportOutcome> {
  if (opts.format === 'text') {
    const text = decodeTextFile(page.bytes, page.finalUrl);
    return importPlainText(library, { raw: text, original: page.bytes, method: 'url', sourceFile: null, sourceUrl: page.finalUrl });
  }
  return importPage(library, {
    bytes: page.bytes,
    format: opts.format,
    url: page.finalUrl,
    contentType: page.contentType,
    method: 'url',
    fetchImage: opts.fetchImage,
    signal: opts.signal,
  });
}
export { listImportable, resourcesBeside, splitDropped, MAX_FILES_PER_BATCH, type DiskFile } from './folder.js';
