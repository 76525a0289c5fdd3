/**
 * Where a library's search index lives: in this machine's cache folder, under a name derived
 * from the library's path — never inside the library folder. A copy, backup or sync of the
 * library then never carries an index that may not match it (and never carries 100 MB of
 * derived data); a copy opened elsewhere, or on another machine, gets its own index, built
 * on first open. The library's generation stamp tells a stale cache file from a current one.
 */
import { createHash } from 'node:crypto';
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';

/** The per-user cache folder of the app (the OS's convention; not backed up or synced). */
export function defaultCacheDir(appName = 'Glossa', env: NodeJS.ProcessEnv = process.env): string {
  if (process.platform === 'win32') return join(env.LOCALAPPDATA ?? join(homedir(), 'AppData', 'Local'), appName, 'Cache');
  if (process.platform === 'darwin') return join(homedir(), 'Library', 'Caches', appName);
  return join(env.XDG_CACHE_HOME || join(homedir(), '.cache'), appName);
}

/** `<cache>/search/<hash of the library path>.sqlite` */
export function indexFileFor(libraryDir: string, cacheDir = defaultCacheDir()): string {
  const key = createHash('sha256').update(resolve(libraryDir)).digest('hex').slice(0, 32);
  return join(cacheDir, 'search', `${key}.sqlite`);
}
