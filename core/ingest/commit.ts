/**
 * The one write path of every capture: hash the canonical text, look for a duplicate or an
 * earlier version, validate the record — and only then write (blobs first, then the snapshot
 * that names them). A bad capture or a duplicate writes nothing.
 */
import { createHash } from 'node:crypto';
import { v7 as uuidv7 } from 'uuid';
import { restoreRecord } from '../articles/record.js';
import { GlossaError, inTrash, Snapshot, type SnapshotSummary } from '../model/index.js';
import type { LibraryStore } from '../store/types.js';
import { countWords } from '../text/words.js';

export const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');
export const utf8 = (s: string) => new Uint8Array(Buffer.from(s, 'utf8'));

export type ImportOutcome = {
  snapshotId: string;
  title: string;
  /** The same text was already in the library: that snapshot is returned, nothing written (unless it was in the trash). */
  duplicate: boolean;
  /** The duplicate was in the trash: capturing it again restored it, annotations and all. */
  restored?: boolean;
  /** When this capture is a new version of an earlier one (same address, changed text). */
  previousVersionId?: string | null;
  /** Things the researcher should know: no article found, images not kept, debris to trim. */
  notices?: string[];
  /** Trailing comment-form debris found in the text, offered for trimming. */
  debris?: { marker: string; words: number } | null;
};

/** Everything about a capture except what the commit derives (id, hashes, counts). */
export type SnapshotDraft = Omit<
  Snapshot,
  'id' | 'textHash' | 'htmlHash' | 'originalHash' | 'wordCount' | 'assetHashes' | 'previousVersionId' | 'capturedAt'
> & {
  text: string;
  html: string;
  original: Uint8Array;
  /** Image bodies by hash (already hashed by the caller; stored here with the rest). */
  assets: Map<string, Uint8Array>;
  /**
   * The address whose earlier captures this one follows (URL captures): the newest snapshot
   * with this sourceUrl or canonicalUrl becomes previousVersionId.
   */
  versionOf?: string | null;
  /** An explicit earlier version (trimming debris makes a new version of the same snapshot). */
  previousVersionId?: string | null;
};

/** The newest capture of an address, following previousVersionId chains through the index. */
export function latestVersionOf(library: LibraryStore, address: string): SnapshotSummary | undefined {
  const rows = library.listSnapshots().filter((r) => r.sourceUrl === address);
  return rows.at(-1);
}

export async function commitSnapshot(library: LibraryStore, draft: SnapshotDraft): Promise<ImportOutcome> {
  const { text, html, original, assets, versionOf, previousVersionId: explicitPrevious, ...meta } = draft;
  if (text.trim() === '') throw new GlossaError('EMPTY_FILE', 'There is no text to import.');
  const textBytes = utf8(text);
  const textHash = sha256(textBytes);

  return serialised(library, async () => {
    // Duplicate first: the same text already in the library is that snapshot, unchanged.
    const existing = library.findByTextHash(textHash);
    if (existing) {
      const found = { snapshotId: existing.id, title: existing.title, duplicate: true, previousVersionId: existing.previousVersionId };
      // Capturing an article again means wanting it: one in the trash comes back as it was.
      if (!inTrash(existing.article)) return found;
      await library.putArticle(existing.id, restoreRecord(await library.getArticle(existing.id), new Date().toISOString()));
      return { ...found, restored: true, notices: ['This article was in the trash; capturing it again restored it with its annotations.'] };
    }

    const previousVersionId = explicitPrevious ?? (versionOf ? (latestVersionOf(library, versionOf)?.id ?? null) : null);
    const htmlBytes = utf8(html);
    const htmlHash = sha256(htmlBytes);
    const originalHash = sha256(original);
    // Validated before any write: a record the store would refuse must not leave blobs behind.
    const snapshot = Snapshot.parse({
      ...meta,
      id: uuidv7(),
      capturedAt: new Date().toISOString(),
      wordCount: countWords(text),
      textHash,
      htmlHash,
      originalHash,
      assetHashes: [...assets.keys()],
      previousVersionId,
    } satisfies Partial<Snapshot>);

    const bodies: [string, Uint8Array, string][] = [
      ['canonical text', textBytes, textHash],
      ['article HTML', htmlBytes, htmlHash],
      ['original', original, originalHash],
      ...[...assets].map(([hash, bytes]): [string, Uint8Array, string] => ['image', bytes, hash]),
    ];
    for (const [what, bytes, hash] of bodies) {
      const stored = await library.blobs.put(bytes);
      if (stored !== hash) {
        throw new GlossaError(
          'HASH_MISMATCH',
          `The library stored the ${what} under ${stored}, but its SHA-256 is ${hash}. The import was stopped; run "glossa verify".`,
        );
      }
    }
    await library.addSnapshot(snapshot);
    return { snapshotId: snapshot.id, title: snapshot.title, duplicate: false, previousVersionId };
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
