/**
 * What a remote commit brings, read from git's object store and checked as a bundle is checked
 * (names, sizes, JSON, schemas, body hashes, anchors) before anything reaches the library. The
 * result is a VerifiedBundle, so sync merges through the bundle import's plan and its
 * all-or-nothing commit: one merge, whichever way the work arrived.
 *
 * Only what changed since the last merged remote commit is read: a sync that brings ten edited
 * annotations reads ten articles, not the library.
 */
import { createHash } from 'node:crypto';
import { z } from 'zod';
import { anchorProblem, checkCollections, checkRegistry, issueOf, utf8, type BundleSnapshot, type VerifiedBundle } from '../bundle/content.js';
import { CODEBOOK, FORMAT_NAME, SPEAKERS, sizeText, type BundleLimits, type Manifest } from '../bundle/format.js';
import { problem, type BundleProblem } from '../bundle/problems.js';
import { Sha256, Snapshot, type Annotation } from '../model/index.js';
import { AnnotationsDoc } from '../store/annotations-file.js';
import type { AnnotationVersion } from '../store/types.js';
import { UnsafeName, type ObjectReader, type TreeEntry as Entry } from './object-reader.js';
import { FAN_OUT, ROOT_FILES, SAFE_ID, SHA256, SHARED_INDEX, SNAPSHOT_FILES } from './layout.js';

export interface RemoteContent {
  bundle: VerifiedBundle;
  /** A body of the remote by hash (the bundle's blob "member"), checked against its name. */
  readBlob(member: string): Promise<Uint8Array>;
  /** The remote's library settings (glossa.json `settings`). */
  settings: Record<string, unknown>;
  /**
   * What the remote's files that never change (bodies, snapshot records) hash to as git
   * objects, by library path, and the ids of the trees and files read (objects the fetch
   * already stored): the library's next tree reuses them instead of hashing and writing again.
   */
  seen: { fixed: Map<string, string>; trees: Set<string>; objects: Set<string> };
}

const SharedIndex = z.looseObject({
  schemaVersion: z.number().int().positive(),
  codebook: z.array(z.unknown()).default([]),
  speakers: z.array(z.unknown()).default([]),
  collections: z.array(z.unknown()).default([]),
  settings: z.record(z.string(), z.unknown()).default({}),
  purged: z.array(z.strictObject({ id: z.string().regex(SAFE_ID, 'a snapshot id'), textHash: Sha256, purgedAt: z.string() })).default([]),
});

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');
const FILE_MODES = new Set(['100644', '100755']);

/** Refused: the first problem and how many more, with the promise the user needs. */
export class RemoteRefused extends Error {
  constructor(readonly problems: BundleProblem[]) {
    super(problems[0]!.message);
    this.name = 'RemoteRefused';
  }
}

export function readRemote(objects: ObjectReader, baseTree: string | null, theirsTree: string, limits: BundleLimits, schemaVersion: number): RemoteContent {
  const seen = { fixed: new Map<string, string>(), trees: new Set<string>(), objects: new Set<string>() };
  const problems: BundleProblem[] = [];
  let bytesRead = 0;
  let entries = 0;
  const fail = (path: string | null, message: string, code: BundleProblem['code'] = 'BAD_BUNDLE'): never => {
    throw new RemoteRefused([...problems, problem(path, message, code)]);
  };
  const tree = (oid: string, path: string): Entry[] => {
    let list: Entry[];
    try {
      list = objects.tree(oid);
    } catch (e) {
      // Names such as ".." or "a/b", refused while the tree is parsed.
      if (!(e instanceof UnsafeName)) throw e;
      return fail(path, `The remote's ${path} folder holds an unsafe name (${e.message}); it was refused.`);
    }
    entries += list.length;
    if (entries > limits.maxEntries)
      fail(path, `The remote holds more than ${limits.maxEntries.toLocaleString('en')} files; it is not a Glossa library this version can take.`);
    return list;
  };
  const blob = (oid: string, path: string): Buffer => {
    const bytes = objects.blob(oid);
    if (bytes.length > limits.maxEntryBytes)
      fail(path, `${path} on the remote is ${sizeText(bytes.length)}, over the ${sizeText(limits.maxEntryBytes)} a file may have.`);
    bytesRead += bytes.length;
    if (bytesRead > limits.maxTotalBytes) fail(path, `What the remote brings is over ${sizeText(limits.maxTotalBytes)}; it was not taken.`);
    return bytes;
  };
  const json = (oid: string, path: string): unknown => {
    try {
      return JSON.parse(utf8(blob(oid, path)));
    } catch (e) {
      if (e instanceof RemoteRefused) throw e;
      return fail(path, `${path} on the remote is not valid JSON (${(e as Error).message}).`);
    }
  };
  const expectFile = (e: Entry, path: string) => {
    if (e.type !== 'blob' || !FILE_MODES.has(e.mode))
      fail(path, `${path} on the remote is not an ordinary file (a link, a folder or a submodule); it was refused.`);
  };
  const expectDir = (e: Entry, path: string) => {
    if (e.type !== 'tree') fail(path, `${path} on the remote should be a folder.`);
  };

  // ---- the root: only the names a library has ----
  const root = tree(theirsTree, '/');
  const base = baseTree ? new Map(objects.tree(baseTree).map((e) => [e.path, e])) : new Map<string, Entry>();
  const byName = new Map(root.map((e) => [e.path, e]));
  for (const e of root) {
    if (ROOT_FILES.has(e.path)) expectFile(e, e.path);
    else if (e.path === 'snapshots' || e.path === 'blobs') expectDir(e, e.path);
    else fail(e.path, `The remote holds "${e.path.slice(0, 80)}", which is not part of a Glossa library; it was refused.`);
  }
  const indexEntry = byName.get(SHARED_INDEX) ?? fail(SHARED_INDEX, `The remote has no ${SHARED_INDEX}: it is not a Glossa library.`);

  // ---- glossa.json: registries, settings, articles removed for good ----
  const rawIndex = json(indexEntry.oid, SHARED_INDEX);
  const index = SharedIndex.safeParse(rawIndex);
  if (!index.success) fail(SHARED_INDEX, `${SHARED_INDEX} on the remote is malformed at ${issueOf(index.error!)}.`);
  const shared = index.data!;
  if (shared.schemaVersion > schemaVersion)
    fail(SHARED_INDEX, `The remote library was written by a newer Glossa (format ${shared.schemaVersion}). Update Glossa to sync with it.`);
  const registryProblems: BundleProblem[] = [];
  const kept = new Map([
    [CODEBOOK, Buffer.from(JSON.stringify(shared.codebook))],
    [SPEAKERS, Buffer.from(JSON.stringify(shared.speakers))],
  ]);
  const registry = checkRegistry(3, kept, registryProblems);
  const collections = checkCollections(Buffer.from(JSON.stringify(shared.collections)), registryProblems);
  if (!registry || !collections) {
    throw new RemoteRefused(registryProblems.map((p) => problem(SHARED_INDEX, `In ${SHARED_INDEX} on the remote: ${p.message}`)));
  }

  // ---- bodies: looked up by hash in blobs/sha256/<fan>/ ----
  const fanTrees = new Map<string, Map<string, Entry>>();
  const blobsEntry = byName.get('blobs');
  const sha = blobsEntry ? tree(blobsEntry.oid, 'blobs').find((e) => e.path === 'sha256') : undefined;
  if (blobsEntry) {
    const top = tree(blobsEntry.oid, 'blobs');
    for (const e of top)
      if (e.path !== 'sha256') fail(`blobs/${e.path}`, `The remote holds blobs/${e.path.slice(0, 80)}, which is not part of a Glossa library.`);
  }
  const fans = sha ? new Map(tree(sha.oid, 'blobs/sha256').map((e) => [e.path, e])) : new Map<string, Entry>();
  for (const [name, e] of fans) {
    if (!FAN_OUT.test(name)) fail(`blobs/sha256/${name}`, `The remote holds blobs/sha256/${name.slice(0, 80)}, which is not part of a Glossa library.`);
    expectDir(e, `blobs/sha256/${name}`);
  }
  const bodyEntry = (hash: string): Entry | null => {
    const fan = hash.slice(0, 2);
    let list = fanTrees.get(fan);
    if (!list) {
      const e = fans.get(fan);
      list = new Map(e ? tree(e.oid, `blobs/sha256/${fan}`).map((x) => [x.path, x]) : []);
      for (const [name, x] of list) {
        const path = `blobs/sha256/${fan}/${name}`;
        if (!SHA256.test(name) || !name.startsWith(fan)) fail(path, `The remote holds ${path.slice(0, 120)}, which is not a body named by its SHA-256.`);
        expectFile(x, path);
      }
      for (const [name, x] of list) seen.fixed.set(`blobs/sha256/${fan}/${name}`, x.oid);
      if (e) seen.trees.add(e.oid);
      fanTrees.set(fan, list);
    }
    return list.get(hash) ?? null;
  };
  const body = (hash: string): Buffer => {
    const path = `blobs/sha256/${hash.slice(0, 2)}/${hash}`;
    const e = bodyEntry(hash) ?? fail(path, `The remote lacks the body ${hash.slice(0, 12)}… that one of its articles names.`);
    const bytes = blob(e.oid, path);
    if (sha256(bytes) !== hash)
      fail(path, `The body ${path} on the remote does not hash to its name: it was altered or damaged, so nothing was taken.`, 'HASH_MISMATCH');
    return bytes;
  };

  // ---- articles that changed since the last merged remote commit ----
  const snapshotsEntry = byName.get('snapshots');
  const baseSnapshots = base.get('snapshots');
  const theirs = snapshotsEntry ? tree(snapshotsEntry.oid, 'snapshots') : [];
  const before = baseSnapshots && baseSnapshots.oid !== snapshotsEntry?.oid ? new Map(objects.tree(baseSnapshots.oid).map((e) => [e.path, e.oid])) : null;
  const changed = baseSnapshots?.oid === snapshotsEntry?.oid ? [] : theirs.filter((e) => before?.get(e.path) !== e.oid);

  const snapshots: BundleSnapshot[] = [];
  const annotations: Annotation[] = [];
  const history: Record<string, string[]> = {};
  const conflicts: AnnotationVersion[] = [];
  const articles: VerifiedBundle['articles'] = new Map();
  for (const e of changed) {
    const dir = `snapshots/${e.path}`;
    if (!SAFE_ID.test(e.path))
      fail(dir.slice(0, 140), `The remote holds ${dir.slice(0, 120)}, which is not an article folder (ids are letters, digits, '-' and '_').`);
    expectDir(e, dir);
    const files = new Map(tree(e.oid, dir).map((x) => [x.path, x]));
    for (const [name, x] of files) {
      if (!SNAPSHOT_FILES.has(name)) fail(`${dir}/${name}`, `The remote holds ${dir}/${name.slice(0, 80)}, which is not part of a Glossa library.`);
      expectFile(x, `${dir}/${name}`);
    }
    seen.trees.add(e.oid);
    const recordPath = `${dir}/snapshot.json`;
    if (files.get('snapshot.json')) seen.fixed.set(recordPath, files.get('snapshot.json')!.oid);
    const parsed = Snapshot.safeParse(json((files.get('snapshot.json') ?? fail(recordPath, `The remote's ${dir} has no snapshot.json.`)).oid, recordPath));
    if (!parsed.success) fail(recordPath, `${recordPath} on the remote is not a valid snapshot (${issueOf(parsed.error!)}).`);
    const snapshot = parsed.data!;
    if (snapshot.id !== e.path) fail(recordPath, `${recordPath} on the remote describes article ${snapshot.id}, not ${e.path}.`);
    let text: string;
    try {
      text = utf8(body(snapshot.textHash));
    } catch (err) {
      if (err instanceof RemoteRefused) throw err;
      return fail(recordPath, `The canonical text of article ${e.path} on the remote is not valid UTF-8.`);
    }
    if (snapshot.blocks.some((b) => b.start > b.end || b.end > text.length))
      fail(recordPath, `Article ${e.path} on the remote has text blocks outside its text.`);
    if (snapshot.images.some((i) => i.offset > text.length)) fail(recordPath, `Article ${e.path} on the remote places an image outside its text.`);
    const blobMembers = new Map<string, string>();
    const omitted: string[] = [];
    const optional = [...(snapshot.originalHash ? [snapshot.originalHash] : []), ...snapshot.assetHashes];
    for (const hash of [snapshot.textHash, snapshot.htmlHash, ...optional]) {
      if (bodyEntry(hash)) blobMembers.set(hash, hash);
      else if (optional.includes(hash)) omitted.push(hash);
      else fail(recordPath, `The remote lacks the article HTML of ${e.path} (${hash.slice(0, 12)}…).`);
    }
    snapshots.push({ snapshot, text, blobMembers, omitted });

    const docPath = `${dir}/annotations.json`;
    const docEntry = files.get('annotations.json') ?? fail(docPath, `The remote's ${dir} has no annotations.json.`);
    seen.objects.add(docEntry.oid);
    const doc = AnnotationsDoc.safeParse(json(docEntry.oid, docPath));
    if (!doc.success) fail(docPath, `${docPath} on the remote is malformed at ${issueOf(doc.error!)}.`);
    const d = doc.data!;
    const ids = new Set<string>();
    const check = (a: Annotation, what: string) => {
      if (a.snapshotId !== e.path) fail(docPath, `${what} ${a.id} in ${docPath} belongs to article ${a.snapshotId}, not ${e.path}.`);
      const anchor = anchorProblem(text, a.target, snapshot.images);
      if (anchor) fail(docPath, `${what} ${a.id} in ${docPath} does not match the article's text: ${anchor}.`);
    };
    for (const a of d.annotations) {
      if (ids.has(a.id)) fail(docPath, `Annotation ${a.id} appears twice in ${docPath}.`);
      ids.add(a.id);
      check(a, 'Annotation');
      annotations.push(a);
      if (d.history?.[a.id]) history[a.id] = d.history[a.id]!;
    }
    for (const c of d.conflicts ?? []) {
      if (!ids.has(c.annotation.id)) fail(docPath, `A kept version of ${c.annotation.id} in ${docPath} has no current version.`);
      check(c.annotation, 'A kept version of');
      conflicts.push(c);
    }
    if (d.article) articles.set(e.path, { record: d.article, history: d.articleHistory ?? [] });
  }

  const manifest: Manifest = {
    format: FORMAT_NAME,
    version: 3,
    created: new Date().toISOString(),
    appVersion: 'remote',
    files: {},
    contents: { originals: true, images: true },
    scope: { kind: 'library', description: 'the shared library' },
    counts: {
      snapshots: snapshots.length,
      annotations: annotations.filter((a) => a.deletedAt === null).length,
      tombstones: annotations.filter((a) => a.deletedAt !== null).length,
      conflicts: conflicts.length,
      tags: registry.codebook.length,
      speakers: registry.speakers.length,
      articles: articles.size,
      deletedArticles: 0,
      purged: shared.purged.length,
      collections: collections.length,
    },
  };
  return {
    bundle: {
      manifest,
      version: 3,
      blobBytes: new Map(),
      snapshots,
      annotations,
      history,
      conflicts,
      historyKnown: true,
      codebook: registry.codebook,
      speakers: registry.speakers,
      articles,
      deletedArticles: [],
      purged: shared.purged,
      collections,
    },
    readBlob: async (hash) => body(hash),
    settings: shared.settings,
    seen,
  };
}
