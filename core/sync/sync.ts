/**
 * Sync: commit what changed here, fetch, merge with Glossa's own merge, push.
 *
 * Git carries the files; it never merges them. A remote commit's content is read as a bundle
 * (remote-tree.ts: checked before anything is written) and merged by the bundle import's plan
 * and its all-or-nothing commit, so annotations merge per annotation, conflicts are kept side
 * by side with their authors, deletions travel as tombstones. The merged library is then
 * committed with both commits as parents and pushed; a push refused because someone pushed
 * first fetches and merges again.
 *
 * A kill at any step leaves the library as it was or fully merged: git objects and refs are
 * written by rename (objects.ts, repo.ts), the merge is one journalled commit of the store, and
 * the remote commit counts as merged only after that commit (state.merged).
 */
import * as fs from 'node:fs';
import git from 'isomorphic-git';
import http from 'isomorphic-git/http/node';
import { DEFAULT_LIMITS, type BundleLimits } from '../bundle/format.js';
import { planImport, type BundlePreview } from '../bundle/plan.js';
import { GlossaError } from '../model/errors.js';
import { SCHEMA_VERSION } from '../store/paths.js';
import { SHARED_INDEX } from './layout.js';
import type { LibraryStore } from '../store/types.js';
import { describeChange } from './describe.js';
import { remoteError } from './errors.js';
import { writeLibraryTree, type KnownObjects } from './library-tree.js';
import { commitBody, writeObject, type Signature } from './objects.js';
import { compactPacks } from './compact.js';
import { fetchPack, listRefs } from './fetch-pack.js';
import { ObjectReader } from './object-reader.js';
import type { PackLimits } from './pack.js';
import { readRemote, RemoteRefused } from './remote-tree.js';
import { sendPack } from './send-pack.js';
import {
  BRANCH,
  REMOTE,
  gitDirOf,
  readHead,
  readState,
  readTracking,
  remoteUrl,
  repairRepo,
  setHead,
  setTracking,
  writeState,
  type SyncState,
} from './repo.js';
import { showUrl } from './remote-url.js';

export interface Author {
  name: string;
  email: string;
}

export interface Credentials {
  username: string;
  password: string;
}

export type SyncStep = 'commit' | 'fetch' | 'merge' | 'push';

export interface SyncOptions {
  author: Author;
  credentials: Credentials | null;
  onStep?: (step: SyncStep) => void;
  limits?: Partial<BundleLimits>;
  now?: () => Date;
}

export interface SyncReport {
  remote: string;
  /** What this sync committed of the work done here (null: nothing new). */
  committed: string | null;
  /** What the merge brought from the remote (null: nothing new there). */
  brought: SyncBrought | null;
  pushed: boolean;
  head: string | null;
  lastSuccess: string;
}

export interface SyncBrought {
  articles: number;
  annotations: { added: number; updated: number; deleted: number };
  conflicts: string[];
  articleChanges: BundlePreview['articles'];
  notes: string[];
}

/** Fetch, merge, push: tries before giving up when others keep pushing first. */
const ATTEMPTS = 5;
/** Plans of a merge, when edits here keep landing while it is planned. */
const PLAN_ATTEMPTS = 3;

const signature = (author: Author, now: Date): Signature => ({
  name: author.name,
  email: author.email || `${author.name.toLowerCase().replace(/[^a-z0-9]+/g, '.') || 'glossa'}@users.glossa`,
  timestamp: Math.floor(now.getTime() / 1000),
});

const treeOf = (objects: ObjectReader, commit: string | null): string | null => (commit ? objects.commit(commit).tree : null);

function brought(preview: BundlePreview): SyncBrought {
  return {
    articles: preview.snapshots.added.length,
    annotations: { added: preview.annotations.added, updated: preview.annotations.updated, deleted: preview.annotations.deleted },
    conflicts: preview.annotations.conflicts,
    articleChanges: preview.articles,
    notes: [...preview.codebook.notes, ...preview.speakers.notes, ...preview.collections.notes],
  };
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/** Library settings, three-way per key: a key changed only there is taken; changed on both sides, the same value wins everywhere. */
async function mergeSettings(library: LibraryStore, base: Record<string, unknown>, theirs: Record<string, unknown>): Promise<void> {
  const mine = library.getSettings();
  const patch: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(theirs)) {
    if (same(value, base[key]) || same(value, mine[key])) continue;
    if (same(mine[key], base[key]) || JSON.stringify(value) > JSON.stringify(mine[key])) patch[key] = value;
  }
  if (Object.keys(patch).length) await library.saveSettings(patch);
}

function settingsAt(objects: ObjectReader, tree: string | null): Record<string, unknown> {
  if (!tree) return {};
  try {
    const entry = objects.tree(tree).find((e) => e.path === SHARED_INDEX);
    if (!entry) return {};
    const doc = JSON.parse(objects.blob(entry.oid).toString('utf8')) as { settings?: Record<string, unknown> };
    return doc.settings && typeof doc.settings === 'object' ? doc.settings : {};
  } catch {
    return {};
  }
}

/** Live annotations of an article, from the library's rows (no file read). */
function liveCountIn(library: LibraryStore): (id: string) => number {
  const rows = new Map(library.listSnapshots().map((r) => [r.id, r.counts]));
  return (id) => {
    const c = rows.get(id);
    return c ? c.quote + c.claim + c.figure + c.note : 0;
  };
}

/** Whether the library holds anything to share: a new, empty library (about to be filled by a clone) does not. */
const holdsAnything = (library: LibraryStore) =>
  library.listSnapshots().length + library.listCodebook().length + library.listSpeakers().length + library.listCollections().length > 0;

/**
 * Commits the library as it is now on top of `head` (when it changed); returns the new head
 * and its message. A new empty library commits nothing, so a clone takes the remote's commit
 * as it is instead of merging it with an empty one.
 */
async function commitLocal(
  library: LibraryStore,
  gitdir: string,
  objects: ObjectReader,
  head: string | null,
  sig: Signature,
  evenEmpty = false,
): Promise<{ head: string | null; message: string | null }> {
  if (!head && !evenEmpty && !holdsAnything(library)) return { head: null, message: null };
  const tree = await writeLibraryTree(library, gitdir);
  const before = treeOf(objects, head);
  if (head && before === tree) return { head, message: null };
  const message = await describeChange(gitdir, before, tree, liveCountIn(library));
  const commit = await writeObject(gitdir, 'commit', commitBody(tree, head ? [head] : [], sig, message));
  await setHead(gitdir, commit);
  return { head: commit, message };
}

/** The merge of a remote commit into the library, committed by the store all or nothing. */
async function mergeRemote(
  library: LibraryStore,
  objects: ObjectReader,
  state: SyncState,
  theirs: string,
  limits: BundleLimits,
): Promise<{ brought: SyncBrought | null; seen: KnownObjects }> {
  const baseTree = state.merged && objects.has(state.merged) ? treeOf(objects, state.merged) : null;
  const theirsTree = treeOf(objects, theirs)!;
  let content;
  try {
    content = readRemote(objects, baseTree, theirsTree, limits, SCHEMA_VERSION);
  } catch (e) {
    if (!(e instanceof RemoteRefused)) throw e;
    const more = e.problems.length > 1 ? ` (${e.problems.length - 1} more problem${e.problems.length > 2 ? 's' : ''})` : '';
    throw new GlossaError('BAD_REMOTE', `${e.problems[0]!.message}${more} Nothing was taken from the remote; your library is unchanged.`);
  }
  // An edit made here while the merge was planned refuses its commit (CONFLICT): plan again on the edited library.
  let planned;
  for (let attempt = 1; ; attempt++) {
    planned = await planImport(library, content.bundle, 'remote', content.readBlob, { matchByText: false });
    if (!planned.preview.ok) {
      const first = planned.preview.problems[0]!;
      throw new GlossaError('BAD_REMOTE', `${first.message} Nothing was taken from the remote; your library is unchanged.`);
    }
    try {
      if (planned.batch) await library.commitImport(planned.batch);
      break;
    } catch (e) {
      if (!(e instanceof GlossaError && e.code === 'CONFLICT') || attempt >= PLAN_ATTEMPTS) throw e;
    }
  }
  const { preview, batch } = planned;
  await mergeSettings(library, settingsAt(objects, baseTree), content.settings);
  // Removed for good there, and only in the trash here (nothing here contradicts it): removed here too.
  const purgedThere = new Set(content.bundle.purged.map((p) => p.id));
  const rows = library.listSnapshots().filter((s) => purgedThere.has(s.id) && s.article?.deletedAt && !s.article.deletionConflict);
  if (rows.length) await library.purgeSnapshots(rows.map((r) => r.id));
  return { brought: batch ? brought(preview) : null, seen: content.seen };
}

/**
 * A pack is bounded as a bundle is, with room above the file limit so the check that names the
 * file (remote-tree.ts) is the one a person reads; history can hold more objects than a tree.
 */
const packLimits = (limits: BundleLimits): PackLimits => ({
  maxObjectBytes: limits.maxEntryBytes + 64 * 1024 * 1024,
  maxTotalBytes: limits.maxTotalBytes,
  maxObjects: limits.maxEntries * 4,
});

function auth(credentials: Credentials | null) {
  return {
    onAuth: () => (credentials ? { username: credentials.username, password: credentials.password } : { cancel: true }),
    onAuthFailure: () => ({ cancel: true }),
  };
}

/**
 * The remote branch's commit, fetched when it is not here yet; null when the remote is empty.
 * The fetch names the commits here the remote may know (this branch, the last remote commit
 * seen) so it sends only what is new.
 */
async function fetchRemote(gitdir: string, url: string, credentials: Credentials | null, objects: ObjectReader, limits: BundleLimits): Promise<string | null> {
  const advertised = await listRefs(url, credentials);
  const oid = advertised.refs.get(`refs/heads/${BRANCH}`);
  if (!oid) return null;
  if (!objects.has(oid)) {
    const haves = [...new Set([await readHead(gitdir), await readTracking(gitdir)])].filter((h): h is string => !!h && objects.has(h));
    const fetched = await fetchPack(gitdir, url, oid, haves, advertised, credentials, packLimits(limits), objects);
    objects.adopt(fetched.objects);
  }
  await setTracking(gitdir, oid);
  return oid;
}

/** Pushes `head`; false when the remote moved on first (someone pushed): fetch and merge again. */
async function pushHead(gitdir: string, url: string, head: string, credentials: Credentials | null): Promise<boolean> {
  const sent = await sendPack(gitdir, url, `refs/heads/${BRANCH}`, head, credentials);
  if (sent === 'rejected') return false;
  if (sent === 'incomplete') {
    // The remote lacks an object the quick listing thought it had: isomorphic-git lists them all.
    try {
      const result = await git.push({ fs, http, gitdir, url, ref: BRANCH, remoteRef: BRANCH, remote: REMOTE, ...auth(credentials) });
      if (!result.ok) return false;
    } catch (e) {
      if ((e as { code?: string }).code === 'PushRejectedError') return false;
      throw e;
    }
  }
  await setTracking(gitdir, head);
  return true;
}

/** Commits carry the person's name: sync refuses to start without one. */
export function assertAuthor(author: Author): void {
  if (!author.name.trim())
    throw new GlossaError(
      'INVALID_INPUT',
      'Set your name before syncing, so your colleagues see who did what (Settings, or glossa config set name "Your Name").',
    );
}

/** Syncs of one library run one after another (a timer's and a click's may meet). */
const running = new Map<string, Promise<unknown>>();

export function syncLibrary(library: LibraryStore, opts: SyncOptions): Promise<SyncReport> {
  const key = gitDirOf(library.dir);
  const previous = running.get(key) ?? Promise.resolve();
  const next = previous.then(
    () => syncOnce(library, opts),
    () => syncOnce(library, opts),
  );
  running.set(key, next);
  const forget = () => {
    if (running.get(key) === next) running.delete(key);
  };
  next.then(forget, forget);
  return next;
}

async function syncOnce(library: LibraryStore, opts: SyncOptions): Promise<SyncReport> {
  const gitdir = gitDirOf(library.dir);
  const url = await remoteUrl(library.dir);
  if (!url) throw new GlossaError('NOT_SHARED', 'This library is not shared yet. Share it first (Share library…, or glossa share <https-address>).');
  assertAuthor(opts.author);
  const now = opts.now ?? (() => new Date());
  const limits = { ...DEFAULT_LIMITS, ...opts.limits };
  const sig = signature(opts.author, now());
  await repairRepo(gitdir);
  const state = await readState(gitdir);
  // One reader for the sync: what the fetch brings is handed to it already inflated.
  const objects = new ObjectReader(gitdir);
  state.lastAttempt = now().toISOString();
  try {
    opts.onStep?.('commit');
    await library.flushIndex();
    let { head, message } = await commitLocal(library, gitdir, objects, await readHead(gitdir), sig);
    let brought: SyncBrought | null = null;
    let pushed = false;
    for (let attempt = 1; ; attempt++) {
      opts.onStep?.('fetch');
      const theirs = await fetchRemote(gitdir, url, opts.credentials, objects, limits);
      // An empty library shared to an empty remote still makes the first commit.
      if (!head && !theirs) ({ head, message } = await commitLocal(library, gitdir, objects, null, sig, true));
      if (theirs && theirs !== head && !(head && objects.reaches(head, theirs))) {
        opts.onStep?.('merge');
        const merged = await mergeRemote(library, objects, state, theirs, limits);
        if (merged.brought) brought = merged.brought;
        const tree = await writeLibraryTree(library, gitdir, merged.seen);
        const fastForward = tree === treeOf(objects, theirs) && (!head || objects.reaches(theirs, head));
        const what = async () => describeChange(gitdir, treeOf(objects, head), tree, liveCountIn(library));
        head = fastForward
          ? theirs
          : await writeObject(gitdir, 'commit', commitBody(tree, head ? [head, theirs] : [theirs], sig, `Merge ${showUrl(url)}: ${await what()}`));
        await setHead(gitdir, head);
        state.merged = theirs;
        await writeState(gitdir, state);
      }
      if (head === theirs) break;
      opts.onStep?.('push');
      if ((pushed = await pushHead(gitdir, url, head!, opts.credentials))) break;
      if (attempt >= ATTEMPTS)
        throw new GlossaError(
          'CONFLICT',
          `Others kept pushing to ${showUrl(url)} while this sync merged their work (${ATTEMPTS} tries). Sync again in a moment.`,
        );
    }
    state.merged = head;
    state.lastSuccess = now().toISOString();
    state.lastError = null;
    await writeState(gitdir, state);
    await compactPacks(gitdir);
    return { remote: url, committed: message, brought, pushed, head, lastSuccess: state.lastSuccess };
  } catch (e) {
    const err = remoteError(e, url, state.lastSuccess);
    if (err instanceof GlossaError) state.lastError = { code: err.code, message: err.message };
    await writeState(gitdir, state).catch(() => undefined);
    throw err;
  }
}
