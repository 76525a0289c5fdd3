/**
 * The library as a git tree: every shared file written as a git object (objects.ts) and the
 * folders as trees, returning the root tree's id. A cache of what each file hashed to last
 * time (by size and mtime, as git's own index does) keeps a sync of a 1,000-article library
 * that changed one article from re-reading 1,000 files; bodies and snapshot records never
 * change, so their ids are kept for good.
 */
import { readdir, readFile, stat, writeFile, rename } from 'node:fs/promises';
import { join } from 'node:path';
import type { LibraryStore } from '../store/types.js';
import { mapInOrder } from '../store/parallel.js';
import { GITATTRIBUTES, GITATTRIBUTES_TEXT, GITIGNORE, GITIGNORE_TEXT, SHARED_INDEX, SHA256, FAN_OUT, sharedIndex } from './layout.js';
import { writeObject, treeBody, type TreeEntry } from './objects.js';

interface CacheEntry {
  size: number;
  mtimeMs: number;
  oid: string;
}
interface TreeCache {
  /** Mutable files (annotations.json) by path: what they hashed to at that size and mtime. */
  files: Record<string, CacheEntry>;
  /** Immutable files (snapshot.json, bodies) by path. */
  fixed: Record<string, string>;
  /** Each article's folder tree by the ids of its two files: most articles are unchanged between syncs. */
  folders?: Record<string, string>;
}

const cacheFile = (gitdir: string) => join(gitdir, 'glossa', 'tree-cache.json');
const READERS = 16;

async function loadCache(gitdir: string): Promise<TreeCache> {
  try {
    const raw = JSON.parse(await readFile(cacheFile(gitdir), 'utf8')) as TreeCache;
    if (raw && typeof raw.files === 'object' && typeof raw.fixed === 'object') return { ...raw, folders: raw.folders ?? {} };
  } catch {
    // Missing or damaged: a cache, rebuilt by hashing.
  }
  return { files: {}, fixed: {}, folders: {} };
}

async function saveCache(gitdir: string, cache: TreeCache): Promise<void> {
  const file = cacheFile(gitdir);
  const temp = `${file}.${process.pid}.tmp`;
  await writeFile(temp, JSON.stringify(cache));
  await rename(temp, file);
}

const dirEntry = (name: string, oid: string): TreeEntry => ({ name, mode: '040000', oid });
const fileEntry = (name: string, oid: string): TreeEntry => ({ name, mode: '100644', oid });

async function listDir(dir: string): Promise<string[]> {
  try {
    return await readdir(dir);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw e;
  }
}

/** Objects already in the repository (fetched): immutable files by path, and tree ids. */
export interface KnownObjects {
  fixed: ReadonlyMap<string, string>;
  trees: ReadonlySet<string>;
  /** Any other object ids known to be stored (files read from the remote). */
  objects: ReadonlySet<string>;
}

/** Writes the library's shared files as git objects; returns the root tree id. */
export async function writeLibraryTree(library: LibraryStore, gitdir: string, known?: KnownObjects): Promise<string> {
  const cache = await loadCache(gitdir);
  const written = new Set(known?.trees);
  const stored = new Set(known?.objects);
  const next: TreeCache = { files: {}, fixed: {}, folders: {} };
  const blob = (bytes: Uint8Array) => writeObject(gitdir, 'blob', bytes, stored);
  const tree = (entries: TreeEntry[]) => writeObject(gitdir, 'tree', treeBody(entries), written);

  const fixed = async (rel: string, abs: string): Promise<string> => {
    const oid = cache.fixed[rel] ?? known?.fixed.get(rel) ?? (await blob(await readFile(abs)));
    next.fixed[rel] = oid;
    return oid;
  };
  const mutable = async (rel: string, abs: string): Promise<string> => {
    const s = await stat(abs);
    const hit = cache.files[rel];
    const oid = hit && hit.size === s.size && hit.mtimeMs === s.mtimeMs ? hit.oid : await blob(await readFile(abs));
    next.files[rel] = { size: s.size, mtimeMs: s.mtimeMs, oid };
    return oid;
  };

  // snapshots/<id>/{snapshot.json, annotations.json}: every article with a folder, the trash included.
  const ids = library
    .listSnapshots()
    .map((s) => s.id)
    .sort();
  const snapshotTrees = await mapInOrder(ids, READERS, async (id) => {
    const dir = join(library.dir, 'snapshots', id);
    const record = await fixed(`snapshots/${id}/snapshot.json`, join(dir, 'snapshot.json'));
    const annotations = await mutable(`snapshots/${id}/annotations.json`, join(dir, 'annotations.json'));
    const key = `${record}${annotations}`;
    const folder = cache.folders?.[key] ?? (await tree([fileEntry('snapshot.json', record), fileEntry('annotations.json', annotations)]));
    next.folders![key] = folder;
    return dirEntry(id, folder);
  });

  // blobs/sha256/<2 hex>/<hash>: every body on disk.
  const blobRoot = join(library.dir, 'blobs', 'sha256');
  const fans = (await listDir(blobRoot)).filter((f) => FAN_OUT.test(f)).sort();
  const fanTrees: TreeEntry[] = [];
  for (const fan of fans) {
    const hashes = (await listDir(join(blobRoot, fan))).filter((h) => SHA256.test(h) && h.startsWith(fan)).sort();
    if (hashes.length === 0) continue;
    const entries = await mapInOrder(hashes, READERS, async (h) => fileEntry(h, await fixed(`blobs/sha256/${fan}/${h}`, join(blobRoot, fan, h))));
    fanTrees.push(dirEntry(fan, await tree(entries)));
  }

  const root: TreeEntry[] = [
    fileEntry(GITATTRIBUTES, await blob(Buffer.from(GITATTRIBUTES_TEXT))),
    fileEntry(GITIGNORE, await blob(Buffer.from(GITIGNORE_TEXT))),
    fileEntry(SHARED_INDEX, await blob(Buffer.from(sharedIndex(library)))),
  ];
  if (snapshotTrees.length) root.push(dirEntry('snapshots', await tree(snapshotTrees)));
  if (fanTrees.length) root.push(dirEntry('blobs', await tree([dirEntry('sha256', await tree(fanTrees))])));
  const oid = await tree(root);
  await saveCache(gitdir, next);
  return oid;
}
