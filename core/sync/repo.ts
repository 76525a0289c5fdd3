/**
 * The library's git repository (<library>/.git): its refs, written durably by Glossa (a ref
 * torn by a kill would break every later sync), the per-machine sync state, and the repair
 * run before each sync that undoes what a killed process can leave behind.
 */
import * as fs from 'node:fs';
import { mkdir, readdir, readFile, rm, stat, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import { createHash } from 'node:crypto';
import git from 'isomorphic-git';
import { writeFileDurable } from '../store/durable-file.js';
import { GIT_DIR } from './layout.js';
import { isObjectTemp } from './objects.js';

export const BRANCH = 'main';
export const REMOTE = 'origin';
const LOCAL_REF = `refs/heads/${BRANCH}`;
const TRACKING_REF = `refs/remotes/${REMOTE}/${BRANCH}`;
const OID = /^[0-9a-f]{40}$/;

export const gitDirOf = (libraryDir: string) => join(libraryDir, GIT_DIR);

/** Kept on this machine only (in .git): when the last sync worked, what went wrong since, which remote commit was merged last. */
export interface SyncState {
  /** The remote commit whose content the library last merged (the base for reading only what changed). */
  merged: string | null;
  lastSuccess: string | null;
  lastAttempt: string | null;
  lastError: { code: string; message: string } | null;
}

const stateFile = (gitdir: string) => join(gitdir, 'glossa', 'sync.json');

export async function readState(gitdir: string): Promise<SyncState> {
  try {
    const raw = JSON.parse(await readFile(stateFile(gitdir), 'utf8')) as Partial<SyncState>;
    return {
      merged: typeof raw.merged === 'string' && OID.test(raw.merged) ? raw.merged : null,
      lastSuccess: typeof raw.lastSuccess === 'string' ? raw.lastSuccess : null,
      lastAttempt: typeof raw.lastAttempt === 'string' ? raw.lastAttempt : null,
      lastError: raw.lastError && typeof raw.lastError.message === 'string' ? raw.lastError : null,
    };
  } catch {
    return { merged: null, lastSuccess: null, lastAttempt: null, lastError: null };
  }
}

export async function writeState(gitdir: string, state: SyncState): Promise<void> {
  await mkdir(join(gitdir, 'glossa'), { recursive: true });
  await writeFileDurable(stateFile(gitdir), JSON.stringify(state, null, 2) + '\n');
}

export async function isRepo(libraryDir: string): Promise<boolean> {
  try {
    return (await stat(join(gitDirOf(libraryDir), 'HEAD'))).isFile();
  } catch {
    return false;
  }
}

export async function initRepo(libraryDir: string): Promise<void> {
  await git.init({ fs, dir: libraryDir, defaultBranch: BRANCH });
  await mkdir(join(gitDirOf(libraryDir), 'glossa'), { recursive: true });
}

export async function remoteUrl(libraryDir: string): Promise<string | null> {
  const url = await git.getConfig({ fs, dir: libraryDir, path: `remote.${REMOTE}.url` });
  return typeof url === 'string' && url ? url : null;
}

export async function setRemoteUrl(libraryDir: string, url: string): Promise<void> {
  await git.setConfig({ fs, dir: libraryDir, path: `remote.${REMOTE}.url`, value: url });
  await git.setConfig({ fs, dir: libraryDir, path: `remote.${REMOTE}.fetch`, value: `+refs/heads/*:refs/remotes/${REMOTE}/*` });
}

async function readRef(gitdir: string, ref: string): Promise<string | null> {
  try {
    const value = (await readFile(join(gitdir, ref), 'utf8')).trim();
    return OID.test(value) ? value : null;
  } catch {
    return null;
  }
}

export const readHead = (gitdir: string) => readRef(gitdir, LOCAL_REF);
export const readTracking = (gitdir: string) => readRef(gitdir, TRACKING_REF);

async function writeRef(gitdir: string, ref: string, oid: string): Promise<void> {
  await mkdir(join(gitdir, ref, '..'), { recursive: true });
  await writeFileDurable(join(gitdir, ref), `${oid}\n`);
}

export const setHead = (gitdir: string, oid: string) => writeRef(gitdir, LOCAL_REF, oid);
export const setTracking = (gitdir: string, oid: string) => writeRef(gitdir, TRACKING_REF, oid);

/**
 * What a killed sync can leave, undone before the next one: temp object files; a pack whose
 * index is missing or torn (isomorphic-git writes the pack, then its index, in place); a ref
 * file that is not a whole commit id (the tracking ref is only a cache of the remote: fetched again).
 */
export async function repairRepo(gitdir: string): Promise<void> {
  const objects = join(gitdir, 'objects');
  for (const fan of await readdir(objects).catch(() => [] as string[])) {
    if (!/^[0-9a-f]{2}$/.test(fan)) continue;
    for (const name of await readdir(join(objects, fan)).catch(() => [] as string[]))
      if (isObjectTemp(name)) await unlink(join(objects, fan, name)).catch(() => undefined);
  }
  const packDir = join(objects, 'pack');
  const packs = await readdir(packDir).catch(() => [] as string[]);
  for (const name of packs) {
    if (!name.endsWith('.pack')) continue;
    const base = name.slice(0, -'.pack'.length);
    if (!(await packIndexIsWhole(join(packDir, `${base}.idx`)))) {
      await rm(join(packDir, `${base}.idx`), { force: true });
      await rm(join(packDir, name), { force: true });
    }
  }
  for (const name of packs) if (name.endsWith('.idx') && !packs.includes(name.replace(/\.idx$/, '.pack'))) await rm(join(packDir, name), { force: true });
  for (const ref of [LOCAL_REF, TRACKING_REF]) {
    const file = join(gitdir, ref);
    const text = await readFile(file, 'utf8').catch(() => null);
    if (text !== null && !OID.test(text.trim())) await unlink(file);
  }
}

/** A pack index ends with the SHA-1 of everything before it: a torn one does not. */
async function packIndexIsWhole(file: string): Promise<boolean> {
  try {
    const bytes = await readFile(file);
    if (bytes.length < 40) return false;
    const body = bytes.subarray(0, bytes.length - 20);
    return createHash('sha1')
      .update(body)
      .digest()
      .equals(bytes.subarray(bytes.length - 20));
  } catch {
    return false;
  }
}
