/** Turning a library into a shared one (share), and starting a library from a shared one (clone). */
import { GlossaError } from '../model/errors.js';
import type { LibraryStore } from '../store/types.js';
import { initRepo, isRepo, remoteUrl, setRemoteUrl } from './repo.js';
import { checkRemoteUrl, showUrl } from './remote-url.js';
import { assertAuthor, syncLibrary, type SyncOptions, type SyncReport } from './sync.js';

/**
 * Makes the library a git repository managed by Glossa with `url` as its remote, and syncs:
 * an existing library gets its first push; a remote that already holds a library is merged.
 */
export async function shareLibrary(library: LibraryStore, rawUrl: string, opts: SyncOptions): Promise<SyncReport> {
  const url = checkRemoteUrl(rawUrl);
  assertAuthor(opts.author);
  if (!(await isRepo(library.dir))) await initRepo(library.dir);
  const before = await remoteUrl(library.dir);
  if (before && before !== url)
    throw new GlossaError(
      'INVALID_INPUT',
      `This library is already shared through ${showUrl(before)}. To move it, unshare it first (glossa unshare) and share it again.`,
    );
  if (!before) await setRemoteUrl(library.dir, url);
  return syncLibrary(library, opts);
}

/** Where the library syncs to, or null when it is not shared. */
export async function sharedWith(library: LibraryStore): Promise<string | null> {
  return (await isRepo(library.dir)) ? remoteUrl(library.dir) : null;
}
