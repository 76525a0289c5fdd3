import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import { GlossaError } from '../model/index.js';

/** The glossa.json format this code reads and writes. */
export const SCHEMA_VERSION = 1;

/** Where everything lives inside one library folder (docs/DATA-MODEL.md). */
export function libraryLayout(dir: string) {
  return {
    root: dir,
    index: join(dir, 'glossa.json'),
    snapshots: join(dir, 'snapshots'),
    blobs: join(dir, 'blobs', 'sha256'),
    lock: join(dir, '.lock'),
    /** Touched before each index flush to read the file system's own clock (see counts.ts). */
    clock: join(dir, '.counts-clock'),
  };
}
export type LibraryLayout = ReturnType<typeof libraryLayout>;

/** Names a library folder may contain; anything else means "this is not a library". */
/** `trash` is still recognised: libraries made by earlier versions have an (empty) one. A shared library (core/sync) also has its git repository and git's two settings files. */
export const LIBRARY_ENTRIES = new Set([
  'glossa.json',
  'snapshots',
  'blobs',
  'trash',
  '.lock',
  '.counts-clock',
  '.staging',
  '.git',
  '.gitattributes',
  '.gitignore',
]);

// Ids become folder names, so only a conservative alphabet is allowed: UUIDs and ULIDs fit,
// and '/', '\\', '..', NUL or a leading dot can never reach a path.
const SAFE_ID = /^[A-Za-z0-9][A-Za-z0-9_-]{0,127}$/;
const SHA256 = /^[0-9a-f]{64}$/;

export const isSnapshotId = (id: unknown): id is string => typeof id === 'string' && SAFE_ID.test(id);

export function assertSnapshotId(id: unknown): asserts id is string {
  if (!isSnapshotId(id)) {
    throw new GlossaError('INVALID_INPUT', `"${String(id).slice(0, 80)}" is not a valid snapshot id (letters, digits, '-' and '_' only, at most 128).`);
  }
}

export const isSha256 = (hash: unknown): hash is string => typeof hash === 'string' && SHA256.test(hash);

export function assertHash(hash: unknown): asserts hash is string {
  if (!isSha256(hash)) {
    throw new GlossaError('INVALID_INPUT', `"${String(hash).slice(0, 80)}" is not a SHA-256 hash (64 lowercase hex digits).`);
  }
}

export const snapshotDir = (layout: LibraryLayout, id: string) => {
  assertSnapshotId(id);
  return join(layout.snapshots, id);
};
export const snapshotFile = (layout: LibraryLayout, id: string) => join(snapshotDir(layout, id), 'snapshot.json');
export const annotationsFile = (layout: LibraryLayout, id: string) => join(snapshotDir(layout, id), 'annotations.json');

/** blobs/sha256/<first 2 hex>/<hash>: the fan-out keeps folders small. */
export function blobFile(blobRoot: string, hash: string): string {
  assertHash(hash);
  return join(blobRoot, hash.slice(0, 2), hash);
}

/** `<userData>/library`, the default location inside the app's user-data folder. */
export const defaultLibraryDir = (userDataDir: string) => join(userDataDir, 'library');

/**
 * Electron's `app.getPath('userData')` for productName "Glossa", computed without Electron,
 * so the CLI finds the same default library as the app.
 */
export function defaultUserDataDir(appName = 'Glossa', env: NodeJS.ProcessEnv = process.env): string {
  if (process.platform === 'win32') return join(env.APPDATA ?? join(homedir(), 'AppData', 'Roaming'), appName);
  if (process.platform === 'darwin') return join(homedir(), 'Library', 'Application Support', appName);
  return join(env.XDG_CONFIG_HOME || join(homedir(), '.config'), appName);
}

/**
 * Which library to open: an explicit choice (--library, a setting) wins, then GLOSSA_LIBRARY,
 * then `<userData>/library` (the app's, or Electron's default location when not given).
 */
export function resolveLibraryDir(explicit?: string, userDataDir?: string, env: NodeJS.ProcessEnv = process.env): string {
  if (explicit && explicit.trim()) return resolve(explicit);
  const fromEnv = env.GLOSSA_LIBRARY;
  if (fromEnv && fromEnv.trim()) return resolve(fromEnv);
  return resolve(defaultLibraryDir(userDataDir ?? defaultUserDataDir('Glossa', env)));
}
