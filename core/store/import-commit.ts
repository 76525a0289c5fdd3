import { createHash, randomBytes } from 'node:crypto';
import { mkdir, open, readdir, readFile, rename, rm, rmdir } from 'node:fs/promises';
import { join } from 'node:path';
import { GlossaError } from '../model/index.js';
import { fsyncDir, writeFaultFor } from './durable-file.js';
import { blobFile, isSha256, isSnapshotId, type LibraryLayout } from './paths.js';
import { eachLimit } from './parallel.js';

/**
 * All-or-nothing commit of a bundle import, across many files:
 *
 * 1. stage: every new file is written and fsynced under `.staging/<id>/` (blobs as
 *    `blobs/<hash>`; in `files/`, a new snapshot's `<snapshot id>.snapshot.json` and
 *    `<snapshot id>.annotations.json`, a replaced annotation file as `<snapshot id>.replace.json`);
 * 2. commit: `journal.json` is written and fsynced; from this instant the import happens;
 * 3. apply: each staged file is renamed into place (atomic per file), folders are fsynced,
 *    the registries (codebook, speakers, collections) are written, and the staging folder is removed.
 *
 * A failure or cancel before step 2 removes the staging folder: the library is unchanged,
 * byte for byte.
 * A crash during step 3 leaves the journal, and the next open finishes the renames
 * (rollForwardImports), so a reader never sees half an import once the library is open.
 */
export const STAGING = '.staging';
const JOURNAL = 'journal.json';
const WRITERS = 16;

export interface ImportJournal {
  /** Blobs moved into blobs/sha256/ (first: snapshots name them). */
  blobs: string[];
  /** New snapshots (folders moved into snapshots/). */
  add: string[];
  /** Existing snapshots whose annotations.json is replaced. */
  replace: string[];
  codebook?: unknown[];
  speakers?: unknown[];
  collections?: unknown[];
}

export interface StagedFiles {
  /** Bodies by hash; `read` is called once, and its bytes must hash to `hash`. */
  blobs: { hash: string; read: () => Promise<Uint8Array> }[];
  add: { id: string; snapshotJson: string; annotationsJson: string }[];
  replace: { id: string; annotationsJson: string }[];
}

const cancelled = () => new GlossaError('CANCELLED', 'The import was cancelled before anything was written; the library is unchanged.');

async function writeSynced(file: string, text: string | Uint8Array): Promise<void> {
  const handle = await open(file, 'wx');
  try {
    await handle.writeFile(text);
    // Where a test injects a full disk (durable-file.ts), staging meets it as the store's writes do.
    const fault = writeFaultFor(file);
    if (fault) throw fault;
    await handle.sync();
  } finally {
    await handle.close();
  }
}

const stagingRoot = (layout: LibraryLayout) => join(layout.root, STAGING);

async function removeStaging(layout: LibraryLayout, dir: string): Promise<void> {
  await rm(dir, { recursive: true, force: true });
  // Gone when empty, so a library that imported something looks as it did before.
  await rmdir(stagingRoot(layout)).catch(() => undefined);
}

/**
 * Steps 1 and 2. Returns the staging folder, committed; throws (with nothing changed) otherwise.
 * `beforeCommit` runs once everything is staged and the import can no longer be cancelled,
 * just before the journal commits it (the store marks its generation there).
 */
export async function stageImport(
  layout: LibraryLayout,
  files: StagedFiles,
  journal: ImportJournal,
  signal?: AbortSignal,
  beforeCommit?: () => Promise<void>,
): Promise<string> {
  const root = stagingRoot(layout);
  if (await mkdir(root, { recursive: true })) await fsyncDir(layout.root);
  const dir = join(root, randomBytes(6).toString('hex'));
  try {
    await mkdir(join(dir, 'blobs'), { recursive: true });
    await mkdir(join(dir, 'files'));
    await eachLimit(files.blobs, WRITERS, async (b) => {
      if (signal?.aborted) throw cancelled();
      const bytes = await b.read();
      // The store files bodies by hash: never under a name they do not hash to.
      if (createHash('sha256').update(bytes).digest('hex') !== b.hash) {
        throw new GlossaError('HASH_MISMATCH', `Content offered as ${b.hash} does not hash to it; nothing was imported.`);
      }
      await writeSynced(join(dir, 'blobs', b.hash), bytes);
    });
    const texts: [string, string][] = [
      ...files.add.flatMap((f): [string, string][] => [
        [`${f.id}.annotations.json`, f.annotationsJson],
        [`${f.id}.snapshot.json`, f.snapshotJson],
      ]),
      ...files.replace.map((f): [string, string] => [`${f.id}.replace.json`, f.annotationsJson]),
    ];
    await eachLimit(texts, WRITERS, async ([name, text]) => {
      if (signal?.aborted) throw cancelled();
      await writeSynced(join(dir, 'files', name), text);
    });
    await fsyncDir(join(dir, 'blobs'));
    await fsyncDir(join(dir, 'files'));
    if (signal?.aborted) throw cancelled();
    await beforeCommit?.();
    await writeSynced(join(dir, JOURNAL), `${JSON.stringify(journal)}\n`);
    await fsyncDir(dir);
    return dir;
  } catch (e) {
    await removeStaging(layout, dir);
    throw e;
  }
}

/** Renames, where a missing source means this one was moved already (by an earlier, interrupted apply). */
async function moveIfThere(from: string, to: string): Promise<void> {
  try {
    await rename(from, to);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
  }
}

/**
 * Step 3, also run by open() for a journal a crash left behind. Idempotent: a staged file
 * that is gone was moved already. A new snapshot's annotations.json is moved before its
 * snapshot.json, which is what makes the folder a snapshot. A staged blob may land on a copy
 * stored meanwhile: same name, same bytes.
 */
export async function applyStaged(
  layout: LibraryLayout,
  dir: string,
  journal: ImportJournal,
  writeRegistry: (j: ImportJournal) => Promise<void>,
): Promise<void> {
  const fans = new Map<string, Promise<void>>();
  let newFan = false;
  const fan = (hash: string) => {
    const folder = join(layout.blobs, hash.slice(0, 2));
    let made = fans.get(folder);
    if (!made) {
      made = mkdir(folder, { recursive: true }).then((created) => {
        if (created) newFan = true;
      });
      fans.set(folder, made);
    }
    return made;
  };
  await eachLimit(journal.blobs, WRITERS, async (hash) => {
    await fan(hash);
    await moveIfThere(join(dir, 'blobs', hash), blobFile(layout.blobs, hash));
  });
  if (newFan) await fsyncDir(layout.blobs);
  await eachLimit([...fans.keys()], WRITERS, fsyncDir);
  await eachLimit(journal.add, WRITERS, async (id) => {
    const to = join(layout.snapshots, id);
    await mkdir(to, { recursive: true });
    await moveIfThere(join(dir, 'files', `${id}.annotations.json`), join(to, 'annotations.json'));
    await moveIfThere(join(dir, 'files', `${id}.snapshot.json`), join(to, 'snapshot.json'));
    await fsyncDir(to);
  });
  await eachLimit(journal.replace, WRITERS, async (id) => {
    await moveIfThere(join(dir, 'files', `${id}.replace.json`), join(layout.snapshots, id, 'annotations.json'));
    await fsyncDir(join(layout.snapshots, id));
  });
  await fsyncDir(layout.snapshots);
  if (journal.codebook || journal.speakers || journal.collections) await writeRegistry(journal);
  await removeStaging(layout, dir);
}

/**
 * On open: finishes every committed import a crash interrupted and discards uncommitted
 * staging. Returns the snapshots it touched, whose counts must be recomputed.
 */
export async function rollForwardImports(layout: LibraryLayout, writeRegistry: (j: ImportJournal) => Promise<void>): Promise<Set<string>> {
  const touched = new Set<string>();
  let names: string[];
  try {
    names = (await readdir(stagingRoot(layout))).sort();
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return touched;
    throw e;
  }
  for (const name of names) {
    const dir = join(stagingRoot(layout), name);
    let journal: ImportJournal | null = null;
    try {
      const raw = JSON.parse(await readFile(join(dir, JOURNAL), 'utf8')) as ImportJournal;
      // Ids become paths: only ever well-formed ones (the journal is ours, but it is on disk).
      const blobs = raw.blobs ?? [];
      if (
        Array.isArray(raw.add) &&
        Array.isArray(raw.replace) &&
        Array.isArray(blobs) &&
        [...raw.add, ...raw.replace].every(isSnapshotId) &&
        blobs.every(isSha256)
      ) {
        journal = { ...raw, blobs };
      }
    } catch {
      // No journal (or a torn one, which fsync-before-commit rules out): the import never happened.
    }
    if (!journal) {
      await removeStaging(layout, dir);
      continue;
    }
    await applyStaged(layout, dir, journal, writeRegistry);
    for (const id of [...journal.add, ...journal.replace]) touched.add(id);
  }
  await rmdir(stagingRoot(layout)).catch(() => undefined);
  return touched;
}
