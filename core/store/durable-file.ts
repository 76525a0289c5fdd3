import { randomBytes } from 'node:crypto';
import { readFile as readFileCallback } from 'node:fs';
import { lstat, open, readdir, rename, statfs, unlink, type FileHandle } from 'node:fs/promises';
import { promisify } from 'node:util';
import { basename, dirname, join, resolve } from 'node:path';
import type { Adapter } from 'lowdb';
import { GlossaError } from '../model/index.js';

/**
 * Reads a whole file. The callback readFile, not fs/promises': a library reads thousands of
 * small files at once (an export reads two per snapshot), and fs/promises awaits open, fstat,
 * read and close one by one, costing the main thread about twice the CPU (measured on 2,000
 * annotation files: 146 ms against 65 ms).
 */
export const readWholeFile = promisify(readFileCallback);

/**
 * Atomic, durable file writes: write a temp file in the same folder, fsync it, rename it over
 * the target, fsync the folder. rename(2) is atomic within a folder, so a crash at any instant
 * leaves the old or the new file, never a torn one; the two fsyncs make "new" survive a power
 * cut once the promise resolves. Files outside the library (exports) are written the same way.
 */

const TEMP_SUFFIX = /\.[0-9a-f]{12}\.tmp$/;
const tempNameFor = (file: string) => join(dirname(file), `.${basename(file)}.${randomBytes(6).toString('hex')}.tmp`);

/** Writes to one file run one after another, so an older write can never land last. */
const queues = new Map<string, Promise<unknown>>();

export function serialised<R>(file: string, task: () => Promise<R>): Promise<R> {
  const key = resolve(file);
  const previous = queues.get(key) ?? Promise.resolve();
  const next = previous.then(task, task);
  queues.set(key, next);
  const forget = () => {
    if (queues.get(key) === next) queues.delete(key);
  };
  next.then(forget, forget);
  return next;
}

// Some platforms (Windows) or file systems cannot open or fsync a folder; the rename is still atomic there.
const DIR_SYNC_UNSUPPORTED = new Set(['EISDIR', 'EPERM', 'EINVAL', 'EBADF', 'EACCES', 'ENOTSUP']);

/** fsync a folder so a rename or a new entry in it is on disk. */
export async function fsyncDir(dir: string): Promise<void> {
  let handle;
  try {
    handle = await open(dir, 'r');
    await handle.sync();
  } catch (e) {
    if (!DIR_SYNC_UNSUPPORTED.has((e as NodeJS.ErrnoException).code ?? '')) throw e;
  } finally {
    await handle?.close();
  }
}

export interface DurableWriteOptions {
  /** Refuse to replace an existing file (immutable records such as snapshot.json). */
  noOverwrite?: boolean;
  /** Checked once the bytes are on disk, just before the rename: a cancel then still leaves the old file. */
  signal?: AbortSignal;
  /** The error a cancel becomes (the signal's reason otherwise). */
  cancelled?: () => Error;
}

/** What a failed write was writing: its size, and the free space on its disk when known. */
interface WriteSize {
  bytes: number;
  /** False when a streamed body failed part way: at least `bytes` were needed. */
  complete: boolean;
  freeBytes: number | null;
}

const NO_SPACE = new Set(['ENOSPC', 'EDQUOT']);

export const formatBytes = (n: number): string =>
  n < 1024
    ? `${n} bytes`
    : n < 1024 ** 2
      ? `${(n / 1024).toFixed(1)} KB`
      : n < 1024 ** 3
        ? `${(n / 1024 ** 2).toFixed(1)} MB`
        : `${(n / 1024 ** 3).toFixed(2)} GB`;

async function freeSpace(dir: string): Promise<number | null> {
  try {
    const s = await statfs(dir);
    return Number(s.bavail) * Number(s.bsize);
  } catch {
    return null;
  }
}

/** Turns an OS error into a message a person can act on; the target file was not touched. */
function writeFailed(file: string, e: unknown, size?: WriteSize): GlossaError {
  if (e instanceof GlossaError) return e;
  const err = e as NodeJS.ErrnoException;
  const why: Record<string, string> = {
    ENOSPC: 'the disk is full',
    EDQUOT: 'the disk quota is used up',
    EROFS: 'the disk is read-only',
    EACCES: 'permission was denied',
    EPERM: 'permission was denied',
  };
  // ENOENT on the temp file or the rename: the folder is gone (a body's own ENOENT keeps its message).
  const folderGone = err.code === 'ENOENT' && typeof err.path === 'string' && dirname(err.path) === dirname(file);
  let reason = folderGone ? 'its folder does not exist (any more)' : (why[err.code ?? ''] ?? err.message ?? String(e));
  if (NO_SPACE.has(err.code ?? '') && size) {
    // A streamed body that failed at its first byte says only what is free.
    const parts = size.complete || size.bytes > 0 ? [`it needs ${size.complete ? '' : 'more than '}${formatBytes(size.bytes)}`] : [];
    if (size.freeBytes !== null) parts.push(`${formatBytes(size.freeBytes)} free`);
    reason += ` (${[...parts, 'free up space on that disk'].join('; ').replace(/; (?=[\d.]+ \w+ free)/, ', ')})`;
  }
  const error = new GlossaError(
    'WRITE_FAILED',
    `Could not save ${file}: ${reason}. The previous version of the file is intact (a new file is not created); fix the cause or choose another place, and try again.`,
  );
  (error as Error & { cause?: unknown }).cause = e;
  return error;
}

/**
 * The message for a write that is not writeFileDurable's own (an import's staging) when it met
 * a full disk; any other error is returned as it is. `target` names what was being written.
 */
export async function noSpaceError(target: string, e: unknown, bytes: number, complete: boolean): Promise<unknown> {
  if (!NO_SPACE.has((e as NodeJS.ErrnoException).code ?? '')) return e;
  return writeFailed(target, e, { bytes, complete, freeBytes: await freeSpace(dirname(target)) });
}

/**
 * A fault the next writes meet, as the disk would raise it: set by tests where no small file
 * system can be mounted, to prove that a write failing part way leaves every file as it was.
 * It fires once the body is in the temp file (where a full disk fails the write or its fsync).
 */
export type WriteFault = (file: string) => NodeJS.ErrnoException | null;
let writeFault: WriteFault | null = null;

export function injectWriteFault(fault: WriteFault | null): void {
  writeFault = fault;
}

/** The injected fault for a write made outside writeFileDurable (an import's staging), if any. */
export const writeFaultFor = (file: string): NodeJS.ErrnoException | null => writeFault?.(file) ?? null;

/** Fills the open temp file; whatever it writes becomes the file only if it resolves. */
export type WriteBody = (out: FileHandle) => Promise<void>;

async function writeNow(file: string, body: WriteBody, opts: DurableWriteOptions, size: number | null): Promise<void> {
  const temp = tempNameFor(file);
  let handle: FileHandle | undefined;
  let stopped: unknown;
  try {
    handle = await open(temp, 'wx');
    await body(handle);
    const fault = writeFault?.(file);
    if (fault) throw fault;
    await handle.sync();
    await handle.close();
    handle = undefined;
    if (opts.signal?.aborted) throw (stopped = opts.cancelled?.() ?? opts.signal.reason);
    if (opts.noOverwrite && (await exists(file))) {
      throw new GlossaError('INVALID_INPUT', `${file} already exists and is never overwritten.`);
    }
    await rename(temp, file);
  } catch (e) {
    await handle?.close().catch(() => undefined);
    const noSpace = NO_SPACE.has((e as NodeJS.ErrnoException).code ?? '');
    // A streamed body's size is known only as far as it got: what reached the temp file.
    const partial = noSpace && size === null ? ((await lstat(temp).catch(() => null))?.size ?? 0) : 0;
    await unlink(temp).catch(() => undefined);
    // A cancel is not a failure to write: the caller's own error says what happened.
    if (e === stopped) throw e;
    throw writeFailed(file, e, noSpace ? { bytes: size ?? partial, complete: size !== null, freeBytes: await freeSpace(dirname(file)) } : undefined);
  }
  await fsyncDir(dirname(file));
}

/**
 * The one writer for every file Glossa writes, in the library or where the researcher chose
 * (exports, codebooks, projects, bundles): the file is the old one (or absent) until the new
 * one is complete and on disk. `data` is the whole content, or a function that streams it
 * into the temp file (zips); if that function throws, the temp file is removed.
 */
export function writeFileDurable(file: string, data: string | Uint8Array | WriteBody, opts: DurableWriteOptions = {}): Promise<void> {
  const body: WriteBody = typeof data === 'function' ? data : (out) => out.writeFile(data);
  const size = typeof data === 'function' ? null : typeof data === 'string' ? Buffer.byteLength(data) : data.byteLength;
  return serialised(file, () => writeNow(file, body, opts, size));
}

/** Whether a name is one of this writer's temp files (`.<name>.<12 hex>.tmp`): never data. */
export const isTempName = (name: string): boolean => name.startsWith('.') && TEMP_SUFFIX.test(name);

export async function exists(file: string): Promise<boolean> {
  try {
    await lstat(file);
    return true;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return false;
    throw e;
  }
}

/**
 * Removes temp files left by writes that a crash interrupted (they are never read, only
 * clutter). Only call while holding the library lock, so no live write is in progress.
 */
export async function removeTempDebris(dir: string): Promise<string[]> {
  let names: string[];
  try {
    names = await readdir(dir);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw e;
  }
  const debris = names.filter(isTempName);
  await Promise.all(debris.map((n) => unlink(join(dir, n)).catch(() => undefined)));
  return debris;
}

const DEFAULT_RECOVERY = 'Restore the file from a backup (or move it out of the library folder), then open the library again.';

/** A file that exists but cannot be trusted: report it, never overwrite it. */
export function corruptFile(file: string, detail: string, recovery = DEFAULT_RECOVERY): GlossaError {
  return new GlossaError('LIBRARY_CORRUPT', `${file} is damaged (${detail}). Glossa has not changed the library. ${recovery}`);
}

export interface DurableJSONFileOptions<T> {
  /** Checks the parsed value; throw (any error) to report the file as damaged. */
  validate?: (data: unknown) => T;
  /** What to tell the person when the file is damaged. */
  recovery?: string;
  /** JSON indentation; 0 for compact. */
  space?: number;
}

/** lowdb adapter that reads JSON and writes it atomically and durably (see above). */
export class DurableJSONFile<T> implements Adapter<T> {
  constructor(
    readonly file: string,
    private readonly opts: DurableJSONFileOptions<T> = {},
  ) {}

  async read(): Promise<T | null> {
    let text: string;
    try {
      text = await readWholeFile(this.file, 'utf8');
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw e;
    }
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch (e) {
      throw corruptFile(this.file, `not valid JSON: ${(e as Error).message}`, this.opts.recovery);
    }
    if (!this.opts.validate) return parsed as T;
    try {
      return this.opts.validate(parsed);
    } catch (e) {
      // A validator may already say something more precise (e.g. "written by a newer Glossa").
      if (e instanceof GlossaError) throw e;
      throw corruptFile(this.file, `unexpected content: ${summarise(e)}`, this.opts.recovery);
    }
  }

  /** Serialises before touching the disk, so bad data (cycles, BigInt) fails with the file intact. */
  write(data: T): Promise<void> {
    let text: string;
    try {
      text = JSON.stringify(data, null, this.opts.space ?? 0);
    } catch (e) {
      return Promise.reject(
        new GlossaError(
          'INVALID_INPUT',
          `Could not save ${this.file}: the data cannot be written as JSON (${(e as Error).message}). The file was not changed.`,
        ),
      );
    }
    if (text === undefined) {
      return Promise.reject(new GlossaError('INVALID_INPUT', `Could not save ${this.file}: nothing to write. The file was not changed.`));
    }
    return writeFileDurable(this.file, text);
  }
}

function summarise(e: unknown): string {
  const issues = (e as { issues?: { path: PropertyKey[]; message: string }[] }).issues;
  if (Array.isArray(issues) && issues.length) {
    return issues
      .slice(0, 3)
      .map((i) => `${i.path.map(String).join('.') || '(root)'}: ${i.message}`)
      .join('; ');
  }
  return (e as Error).message ?? String(e);
}
