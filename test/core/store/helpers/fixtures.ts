/** Builders for store tests and the bench: real snapshots with real blobs, valid annotations. */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { v4 as uuidv4, v7 as uuidv7 } from 'uuid';
import { Snapshot, type Annotation, type AnnotationKind } from '../../../../core/model/index.js';
import { type Library, openLibrary } from '../../../../core/store/index.js';
import type { LibraryStore } from '../../../../core/store/types.js';

export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../../../..');
export const HELPERS = dirname(fileURLToPath(import.meta.url));

export const tempDir = (prefix = 'glossa-store-') => mkdtemp(join(tmpdir(), prefix));
export const removeDir = (dir: string) => rm(dir, { recursive: true, force: true });

export function articleText(n: number): string {
  return `Article number ${n}\n\nThe council said on Tuesday that ${n * 7} people had applied. "We are pleased," said the mayor.\n\nMore text follows here.`;
}

/** Puts the bodies in the blob store and returns a valid snapshot naming them. */
export async function makeSnapshot(lib: LibraryStore, n: number, overrides: Partial<Snapshot> = {}): Promise<Snapshot> {
  const text = articleText(n);
  const textHash = await lib.blobs.put(text);
  const htmlHash = await lib.blobs.put(`<article><p>${text.replaceAll('\n\n', '</p><p>')}</p></article>`);
  // Defaults filled by the schema; overrides applied after, so tests can build invalid records.
  const base = Snapshot.parse({
    id: uuidv7(),
    title: `Article number ${n}`,
    byline: null,
    siteName: 'Example News',
    sourceUrl: `https://news.example/${n}`,
    sourceFile: null,
    lang: 'en',
    publishedAt: null,
    capturedAt: new Date(Date.UTC(2024, 0, 1) + n * 60_000).toISOString(),
    captureMethod: 'text',
    wordCount: text.split(/\s+/).length,
    textHash,
    htmlHash,
    originalHash: null,
    assetHashes: [],
    blocks: [{ type: 'paragraph', start: 0, end: text.length }],
    previousVersionId: null,
  });
  return { ...base, ...overrides };
}

const KINDS: AnnotationKind[] = ['quote', 'claim', 'figure', 'note'];

export function makeAnnotation(snapshotId: string, i: number, overrides: Partial<Annotation> = {}): Annotation {
  const start = (i * 13) % 90;
  const end = start + 5 + (i % 7);
  const at = new Date(Date.UTC(2024, 1, 1) + i * 1000).toISOString();
  return {
    id: uuidv4(),
    snapshotId,
    kind: KINDS[i % KINDS.length]!,
    target: {
      quote: { type: 'TextQuoteSelector', exact: 'x'.repeat(end - start), prefix: 'before ', suffix: ' after' },
      position: { type: 'TextPositionSelector', start, end },
    },
    fields: i % 4 === 2 ? { value: i, unit: 'people', qualifier: 'about', measure: 'applicants' } : {},
    tags: [],
    comment: `comment ${i}`,
    links: [],
    origin: { type: 'human', detector: null, accepted: null },
    createdAt: at,
    updatedAt: at,
    deletedAt: null,
    ...overrides,
  };
}

/** Starts a helper script under tsx in a child Node process. */
export function spawnHelper(script: string, args: string[]): ChildProcess {
  return spawn(process.execPath, ['--import', 'tsx', join(HELPERS, script), ...args], {
    cwd: REPO_ROOT,
    stdio: ['pipe', 'pipe', 'pipe'],
  });
}

/** Resolves with the first stdout line matching `pattern`; rejects if the child exits first. */
export function waitForLine(child: ChildProcess, pattern: RegExp): Promise<string> {
  return new Promise((resolvePromise, reject) => {
    let buffer = '';
    let stderr = '';
    const onData = (chunk: Buffer) => {
      buffer += chunk.toString();
      const line = buffer.split('\n').find((l) => pattern.test(l));
      if (line !== undefined) {
        cleanup();
        resolvePromise(line);
      }
    };
    const onErr = (chunk: Buffer) => (stderr += chunk.toString());
    const onExit = (code: number | null) => {
      cleanup();
      reject(new Error(`helper exited (${code}) before printing ${pattern}: ${stderr}${buffer}`));
    };
    const cleanup = () => {
      child.stdout?.off('data', onData);
      child.stderr?.off('data', onErr);
      child.off('exit', onExit);
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onErr);
    child.on('exit', onExit);
  });
}

export function exited(child: ChildProcess): Promise<number | null> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve(child.exitCode);
  return new Promise((r) => child.on('exit', (code) => r(code)));
}

/**
 * Opens a library whose previous holder was killed: its lock is taken over once stale
 * (2 s here), so this polls rather than guessing a delay.
 */
export async function openAfterCrash(dir: string): Promise<Library> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await openLibrary(dir, { staleLockMs: 2000 });
    } catch (e) {
      if ((e as { code?: string }).code !== 'LIBRARY_LOCKED' || attempt > 150) throw e;
      await new Promise((r) => setTimeout(r, 100));
    }
  }
}
