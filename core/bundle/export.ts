import { createHash, randomBytes } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { open, rename, stat, unlink } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import yazl from 'yazl';
import pkg from '../../package.json' with { type: 'json' };
import { GlossaError, type Annotation, type Snapshot } from '../model/index.js';
import type { LibraryStore } from '../store/types.js';
import { annotationsToCsv } from './csv.js';
import {
  ANNOTATIONS_CSV,
  ANNOTATIONS_JSONLD,
  CODEBOOK,
  FORMAT_NAME,
  FORMAT_VERSION,
  MANIFEST,
  SNAPSHOT_ID,
  SPEAKERS,
  assetMember,
  extensionFor,
  htmlMember,
  originalMember,
  sniffAssetExtension,
  snapshotMember,
  textMember,
  type Manifest,
} from './format.js';
import { annotationsToJsonLd } from './jsonld.js';

export interface ExportOptions {
  /** Snapshots to export, in this order; all of the library when absent. */
  snapshotIds?: string[];
  onProgress?: (done: number, total: number) => void;
}

export interface ExportReport {
  path: string;
  /** Size of the written bundle file. */
  bytes: number;
  snapshots: number;
  /** Live annotations exported. */
  annotations: number;
  /** Deleted annotations exported as tombstones, so the deletions travel. */
  tombstones: number;
}

/** One member to write: produced only when the zip writer reaches it, so one body is in memory at a time. */
interface Planned {
  name: string;
  compress: boolean;
  produce: () => Promise<Buffer>;
  /** For blobs: the hash the store filed the bytes under, re-checked on the way out. */
  blob?: string;
}

const json = (value: unknown) => Buffer.from(`${JSON.stringify(value, null, 2)}\n`, 'utf8');

/**
 * Writes a .glossa bundle (docs/bundle-format.md). The file appears at `outPath` only when
 * complete (temp file, fsync, rename); a failure leaves no partial bundle behind.
 */
export async function exportBundle(library: LibraryStore, outPath: string, opts: ExportOptions = {}): Promise<ExportReport> {
  if (opts.snapshotIds && opts.snapshotIds.length === 0) {
    throw new GlossaError('INVALID_INPUT', 'Choose at least one snapshot to export (or none, to export the whole library).');
  }
  const ids = opts.snapshotIds ? [...new Set(opts.snapshotIds)] : library.listSnapshots().map((s) => s.id);
  const snapshots: Snapshot[] = [];
  const annotations: Annotation[] = [];
  for (const id of ids) {
    const snapshot = await library.getSnapshot(id);
    if (!SNAPSHOT_ID.test(snapshot.id)) {
      throw new GlossaError('LIBRARY_CORRUPT', `Snapshot id "${snapshot.id}" cannot be written to a bundle (only letters, digits, "-" and "_" travel).`);
    }
    snapshots.push(snapshot);
    annotations.push(...(await library.listAnnotations(id, { includeDeleted: true })));
  }
  const created = new Date().toISOString();
  const live = annotations.filter((a) => a.deletedAt === null).length;

  const plan: Planned[] = [];
  const blob = (name: string, hash: string, compress = true) => plan.push({ name, compress, blob: hash, produce: () => library.blobs.get(hash) });
  for (const s of snapshots) {
    plan.push({ name: snapshotMember(s.id), compress: true, produce: async () => json(s) });
    blob(textMember(s.id), s.textHash);
    blob(htmlMember(s.id), s.htmlHash);
    if (s.originalHash) blob(originalMember(s.id, extensionFor(s.sourceFile)), s.originalHash);
    for (const hash of s.assetHashes) {
      // The store keeps no media type, so the extension is sniffed; images are already compressed.
      blob(assetMember(s.id, hash, sniffAssetExtension(await library.blobs.get(hash))), hash, false);
    }
  }
  plan.push(
    {
      name: ANNOTATIONS_JSONLD,
      compress: true,
      produce: async () => json(annotationsToJsonLd(snapshots, annotations, { created, label: `Glossa annotations of ${snapshots.length} snapshot${snapshots.length === 1 ? '' : 's'}` })),
    },
    { name: ANNOTATIONS_CSV, compress: true, produce: async () => Buffer.from(annotationsToCsv(snapshots, annotations), 'utf8') },
    { name: CODEBOOK, compress: true, produce: async () => json([]) },
    { name: SPEAKERS, compress: true, produce: async () => json([]) },
  );

  const files: Manifest['files'] = {};
  const total = plan.length + 1;
  let done = 0;
  const tick = () => opts.onProgress?.(++done, total);
  opts.onProgress?.(0, total);

  const zip = new yazl.ZipFile();
  const mtime = new Date(created);
  for (const member of plan) {
    zip.addReadStreamLazy(member.name, { mtime, compress: member.compress }, (cb) => {
      member.produce().then(
        (bytes) => {
          const sha256 = createHash('sha256').update(bytes).digest('hex');
          if (member.blob && sha256 !== member.blob) {
            return cb(
              new GlossaError('HASH_MISMATCH', `Blob ${member.blob} of the library no longer matches its hash, so ${member.name} cannot be exported. Run \`glossa verify\` to list damaged blobs.`),
              undefined as never,
            );
          }
          files[member.name] = { sha256, size: bytes.length };
          tick();
          cb(null, Readable.from([bytes]));
        },
        (err: unknown) => cb(err as Error, undefined as never),
      );
    });
  }
  // Last, so it can list the digest of every member written before it.
  zip.addReadStreamLazy(MANIFEST, { mtime }, (cb) => {
    const manifest: Manifest = {
      format: FORMAT_NAME,
      version: FORMAT_VERSION,
      created,
      appVersion: pkg.version,
      counts: { snapshots: snapshots.length, annotations: live, tombstones: annotations.length - live },
      files,
    };
    tick();
    cb(null, Readable.from([json(manifest)]));
  });
  zip.end();

  const tmp = join(dirname(outPath), `.${basename(outPath)}.${randomBytes(6).toString('hex')}.part`);
  let failure: unknown = null;
  const out = createWriteStream(tmp, { flags: 'wx' });
  // A member that cannot be produced fails the zip, not its output stream: end the pipeline by hand.
  zip.on('error', (e: unknown) => {
    failure ??= e;
    (zip.outputStream as Readable).destroy(e as Error);
  });
  try {
    await pipeline(zip.outputStream, out);
    if (failure) throw failure;
    const handle = await open(tmp, 'r+');
    try {
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(tmp, outPath);
  } catch (e) {
    const cause = failure ?? e;
    // Only once the file is closed can its removal not be undone by a late open.
    if (!out.closed) await new Promise<void>((resolve) => out.once('close', () => resolve()));
    await unlink(tmp).catch(() => undefined);
    if (cause instanceof GlossaError) throw cause;
    throw new GlossaError('INVALID_INPUT', `Could not write the bundle to ${outPath}: ${(cause as Error).message}. Choose a folder you can write to.`);
  }
  return { path: outPath, bytes: (await stat(outPath)).size, snapshots: snapshots.length, annotations: live, tombstones: annotations.length - live };
}
