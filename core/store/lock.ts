import * as fs from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
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

/** Inside the `.lock` folder: who holds it, so a holder that died on this machine is known at once. */
export const LOCK_OWNER_FILE = 'owner.json';

export interface LockOwner {
  pid: number;
  hostname: string;
}

/**
 * proper-lockfile's file system, with the owner record kept inside the lock folder: written
 * right after the mkdir that takes the lock (before proper-lockfile stamps the folder's mtime,
 * so the record never looks like a takeover), removed before every rmdir that drops it.
 */
const ownerFs = {
  ...fs,
  mkdir(path: string, callback: (err: NodeJS.ErrnoException | null) => void) {
    fs.mkdir(path, (err) => {
      if (err) return callback(err);
      const owner: LockOwner = { pid: process.pid, hostname: hostname() };
      // The record is a hint: without it, a killed holder's lock is taken over when stale.
      fs.writeFile(join(path, LOCK_OWNER_FILE), JSON.stringify(owner), () => callback(null));
    });
  },
  rmdir(path: string, callback: (err: NodeJS.ErrnoException | null) => void) {
    fs.unlink(join(path, LOCK_OWNER_FILE), () => fs.rmdir(path, callback));
  },
  rmdirSync(path: string) {
    fs.rmSync(join(path, LOCK_OWNER_FILE), { force: true });
    fs.rmdirSync(path);
  },
};

function readOwner(lockDir: string): LockOwner | null {
  try {
    const owner = JSON.parse(fs.readFileSync(join(lockDir, LOCK_OWNER_FILE), 'utf8')) as Partial<LockOwner>;
    return Number.isSafeInteger(owner.pid) && (owner.pid ?? 0) > 0 && typeof owner.hostname === 'string' ? (owner as LockOwner) : null;
  } catch {
    return null;
  }
}

/** True only when the holder ran on this machine and no process with its id exists any more. */
export function holderIsDead(owner: LockOwner): boolean {
  if (owner.hostname !== hostname()) return false;
  try {
    process.kill(owner.pid, 0);
    return false;
  } catch (e) {
    // EPERM: the process exists (another user's): it still holds the lock.
    return (e as NodeJS.ErrnoException).code === 'ESRCH';
  }
}

/**
 * Removes a lock whose holder is dead. Of several processes doing this at once, only the one
 * whose unlink of the dead holder's record succeeds removes the folder; the others find the
 * library locked (by whichever of them locks it next).
 */
function takeOverDeadLock(lockDir: string): boolean {
  const owner = readOwner(lockDir);
  if (owner ? !holderIsDead(owner) : !abandoned(lockDir)) return false;
  try {
    if (owner) fs.unlinkSync(join(lockDir, LOCK_OWNER_FILE));
    else fs.rmSync(join(lockDir, LOCK_OWNER_FILE), { force: true });
    fs.rmdirSync(lockDir);
    return true;
  } catch {
    return false;
  }
}

/** A live holder writes its record within moments of taking the lock. */
const RECORD_GRACE_MS = 1000;

/**
 * A lock folder without a whole owner record, untouched for longer than a holder takes to
 * write one: what a process killed between taking the lock and writing its record, or while
 * releasing it (record removed, folder not yet), leaves behind. Nobody holds it.
 */
function abandoned(lockDir: string): boolean {
  try {
    const newest = Math.max(
      fs.statSync(lockDir).mtimeMs,
      ...(fs.existsSync(join(lockDir, LOCK_OWNER_FILE)) ? [fs.statSync(join(lockDir, LOCK_OWNER_FILE)).mtimeMs] : []),
    );
    return Date.now() - newest > RECORD_GRACE_MS;
  } catch {
    return false;
  }
}

/**
 * One writer per library: a `.lock` folder created atomically (mkdir) and kept fresh by
 * proper-lockfile, with its holder's pid and host inside. A holder that was killed on this
 * machine is known dead at once (no process with its pid) and its lock is taken over; a live
 * holder still blocks; a holder on another machine (a shared folder) is taken over only once
 * its lock went `staleMs` without a refresh.
 */
export async function lockLibrary(dir: string, opts: LockOptions): Promise<LibraryLock> {
  let compromised: Error | null = null;
  let release: () => Promise<void>;
  const attempt = () =>
    lockfile.lock(dir, {
      lockfilePath: opts.lockfilePath,
      stale: opts.staleMs ?? 10_000,
      retries: 0,
      realpath: false,
      fs: ownerFs,
      onCompromised: (err) => {
        // proper-lockfile's default throws from a timer, which would kill the app.
        compromised = err;
        if (opts.onCompromised) opts.onCompromised(err);
        else console.warn(`Glossa lost the lock on ${dir}: ${err.message}. Saving is disabled until the library is reopened.`);
      },
    });
  try {
    try {
      release = await attempt();
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'ELOCKED' || !takeOverDeadLock(opts.lockfilePath)) throw e;
      release = await attempt();
    }
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
