/**
 * What of a library is shared through git, and where it sits in the repository. The repository's
 * tree *is* an ordinary library folder (a plain `git clone` opens in Glossa), minus everything
 * derived or kept per machine: the index rows and counts in glossa.json, the lock, the clock,
 * staging, temp files. glossa.json is committed with only what a team shares.
 */
import { SCHEMA_VERSION } from '../store/paths.js';
import type { LibraryStore } from '../store/types.js';

export const GIT_DIR = '.git';
export const SHARED_INDEX = 'glossa.json';
export const GITATTRIBUTES = '.gitattributes';
export const GITIGNORE = '.gitignore';

/** Git must never line-merge Glossa's files (a plain `git pull` reports a conflict instead); Glossa merges them itself. */
export const GITATTRIBUTES_TEXT = '# Glossa merges these files itself (glossa sync); git must not line-merge them.\n* -merge\n';
/** What stays on each machine, for anyone who looks at the folder with git. */
export const GITIGNORE_TEXT = '# Kept on each machine, never shared (Glossa commits only the shared files).\n.lock/\n.counts-clock\n.staging/\n.*.tmp\n';

const byId = <T extends { id: string }>(list: readonly T[]): T[] => [...list].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
const sortedKeys = (o: Record<string, unknown>) =>
  Object.fromEntries(
    Object.keys(o)
      .sort()
      .map((k) => [k, o[k]]),
  );

/**
 * The shared part of glossa.json: registries a team shares, and the articles removed for good.
 * No rows, no counts. Lists by id and settings by key, so equal registries give equal bytes
 * on every machine whatever order entries arrived in (else each sync would commit a reordering).
 */
export function sharedIndex(library: LibraryStore): string {
  const purged = byId(library.listPurged());
  const doc = {
    schemaVersion: SCHEMA_VERSION,
    snapshots: [],
    codebook: byId(library.listCodebook()),
    speakers: byId(library.listSpeakers()),
    collections: byId(library.listCollections()),
    settings: sortedKeys(library.getSettings()),
    ...(purged.length ? { purged } : {}),
  };
  return JSON.stringify(doc, null, 2) + '\n';
}

/** Names a repository's tree may hold at each level; anything else is refused as hostile. */
export const SAFE_ID = /^[A-Za-z0-9][A-Za-z0-9_-]{0,127}$/;
export const FAN_OUT = /^[0-9a-f]{2}$/;
export const SHA256 = /^[0-9a-f]{64}$/;
export const ROOT_FILES = new Set([SHARED_INDEX, GITATTRIBUTES, GITIGNORE]);
export const SNAPSHOT_FILES = new Set(['snapshot.json', 'annotations.json']);
