/**
 * Import: bytes of a file, or pasted text → a Snapshot in the library.
 *
 * Order matters: decode and validate everything, hash the canonical text and look for a
 * duplicate, build and validate the snapshot record — and only then write (blobs first,
 * then the snapshot that names them). A bad file or a duplicate writes nothing.
 */
import { createHash } from 'node:crypto';
import { v7 as uuidv7 } from 'uuid';
import { GlossaError, Snapshot, type CaptureMethod } from '../model/index.js';
import type { LibraryStore } from '../store/types.js';
import { blocksFromPlainText, capTitle, titleFromPlainText } from '../text/blocks.js';
import { canonicalFromPlainText } from '../text/canonical.js';
import { htmlFromBlocks } from '../text/html.js';
import { countWords } from '../text/words.js';
import { MAX_TEXT_FILE_BYTES, decodeTextFile } from './decode.js';

export { MAX_TEXT_FILE_BYTES, decodeTextFile } from './decode.js';

export type ImportOutcome = { snapshotId: string; title: string; duplicate: boolean };

/** File extensions imported as plain text (Markdown is read as plain text for now). */
export const TEXT_EXTENSIONS: readonly string[] = ['txt', 'text', 'md'];

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');
const utf8 = (s: string) => new Uint8Array(Buffer.from(s, 'utf8'));

function extensionOf(name: string): string {
  const base = name.split(/[\\/]/).pop() ?? name;
  const dot = base.lastIndexOf('.');
  return dot > 0 ? base.slice(dot + 1).toLowerCase() : '';
}

/** Imports one file by its extension; throws UNSUPPORTED_FORMAT for anything not listed in TEXT_EXTENSIONS. */
export async function importBytes(library: LibraryStore, file: { name: string; data: Uint8Array }): Promise<ImportOutcome> {
  const ext = extensionOf(file.name);
  if (!TEXT_EXTENSIONS.includes(ext)) {
    const list = TEXT_EXTENSIONS.map((e) => `.${e}`).join(', ');
    throw new GlossaError(
      'UNSUPPORTED_FORMAT',
      `"${file.name}" is ${ext ? `a .${ext} file` : 'a file without an extension'}; Glossa imports plain text files (${list}) for now. Save the article as plain text and import that.`,
    );
  }
  const text = decodeTextFile(file.data, file.name);
  return importCanonical(library, { raw: text, original: file.data, method: 'file', sourceFile: file.name });
}

/**
 * Imports text that did not come as a file's bytes: pasted (method 'paste') or typed text,
 * or an already decoded file (method 'file' with its `sourceFile` name).
 */
export async function importText(
  library: LibraryStore,
  input: { text: string; title?: string; method: 'paste' | 'text' | 'file'; sourceFile?: string },
): Promise<ImportOutcome> {
  const original = utf8(input.text);
  if (original.length > MAX_TEXT_FILE_BYTES) {
    throw new GlossaError(
      'TOO_LARGE',
      `The text is ${(original.length / 1024 / 1024).toFixed(1)} MiB; Glossa imports texts up to ${MAX_TEXT_FILE_BYTES / 1024 / 1024} MiB. Split it into smaller parts.`,
    );
  }
  return importCanonical(library, {
    raw: input.text,
    original,
    method: input.method,
    sourceFile: input.sourceFile ?? null,
    title: input.title,
  });
}

interface Candidate {
  raw: string;
  original: Uint8Array;
  method: CaptureMethod;
  sourceFile: string | null;
  title?: string;
}

async function importCanonical(library: LibraryStore, c: Candidate): Promise<ImportOutcome> {
  const text = canonicalFromPlainText(c.raw);
  if (text.trim() === '') {
    const what = c.sourceFile ? `"${c.sourceFile}"` : 'The text';
    throw new GlossaError(c.sourceFile ? 'EMPTY_FILE' : 'INVALID_INPUT', `${what} has no text to import (it is empty or only white space).`);
  }
  const textBytes = utf8(text);
  const textHash = sha256(textBytes);

  return serialised(library, async () => {
    // Duplicate check first: the same text already in the library is that snapshot, unchanged.
    const existing = library.findByTextHash(textHash);
    if (existing) return { snapshotId: existing.id, title: existing.title, duplicate: true };

    const blocks = blocksFromPlainText(text);
    const title = capTitle(c.title?.trim().replace(/\s+/g, ' ') || titleFromPlainText(text));
    const html = utf8(htmlFromBlocks(text, blocks, title));
    const htmlHash = sha256(html);
    const originalHash = sha256(c.original);
    // Validated before any write: a record the store would refuse must not leave blobs behind.
    const snapshot = Snapshot.parse({
      id: uuidv7(),
      title,
      sourceFile: c.sourceFile,
      capturedAt: new Date().toISOString(),
      captureMethod: c.method,
      wordCount: countWords(text),
      textHash,
      htmlHash,
      originalHash,
      blocks,
    } satisfies Partial<Snapshot>);

    for (const [what, bytes, hash] of [
      ['canonical text', textBytes, textHash],
      ['article HTML', html, htmlHash],
      ['original', c.original, originalHash],
    ] as const) {
      const stored = await library.blobs.put(bytes);
      if (stored !== hash) {
        throw new GlossaError('HASH_MISMATCH', `The library stored the ${what} under ${stored}, but its SHA-256 is ${hash}. The import was stopped; run "glossa verify".`);
      }
    }
    await library.addSnapshot(snapshot);
    return { snapshotId: snapshot.id, title: snapshot.title, duplicate: false };
  });
}

/**
 * Imports into one library run one at a time, so two imports of the same text at once
 * (a double paste, a file dropped twice) cannot both pass the duplicate check.
 */
const queues = new WeakMap<LibraryStore, Promise<unknown>>();

function serialised<T>(library: LibraryStore, task: () => Promise<T>): Promise<T> {
  const previous = queues.get(library) ?? Promise.resolve();
  const run = previous.then(task);
  queues.set(
    library,
    run.catch(() => undefined),
  );
  return run;
}
