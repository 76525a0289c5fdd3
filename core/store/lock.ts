import lockfile from 'proper-lockfile';
import { GlossaError } from '../model/index.js';

export interface LibraryLock {
  /** Set when another process took the lock over (e.g. this one was frozen past the stale time). */
  readonly compromised: Error | null;
  release(): Promise<void>;
}

export interface LockOptions {
  lockfilePath: string;
  /** A lock not refreshed for this long belongs to a dead process and is taken over. */
  staleMs?: number;
  /** Told when the lock is lost; by default a warning, never a crash. */
  onCompromised?: (err: Error) => void;
}

/**
 * One writer per library: a `.lock` folder created atomically (mkdir) and kept fresh by
 * proper-lockfile; a holder that was killed stops refreshing it, so after `staleMs` the next
 * opener takes it over.
 */
export async function lockLibrary(dir: string, opts: LockOptions): Promise<LibraryLock> {
  let compromised: Error | null = null;
  let release: () => Promise<void>;
  try {
    release = await lockfile.lock(dir, {
      lockfilePath: opts.lockfilePath,
      stale: opts.staleMs ?? 10_000,
      retries: 0,
      realpath: false,
      onCompromised: (err) => {
        // proper-lockfile's default throws from a timer, which would kill the app.
        compromised = err;
        if (opts.onCompromised) opts.onCompromised(err);
        else console.warn(`Glossa lost the lock on ${dir}: ${err.message}. Saving is disabled until the library is reopened.`);
      },
    });
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ELOCKED') {
      throw new GlossaError(
        'LIBRARY_LOCKED',
        `The library at ${dir} is open in another Glossa window or process. Close it there, or choose another library (GLOSSA_LIBRARY / --library).`,
      );
    }
    throw e;
  }
  let released = false;
  return {
    get compromised() {
      return compromised;
    },
    async release() {
      if (released) return;
      released = true;
      // After a compromise the lock is someone else's now (or gone): nothing to release.
      if (compromised) return;
      await release().catch((e: NodeJS.ErrnoException) => {
        if (e.code !== 'ERELEASED' && e.code !== 'ENOTACQUIRED') throw e;
      });
    },
  };
}
