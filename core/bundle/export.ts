import { createHash, randomBytes } from 'node:crypto';
import { open, rename, stat, unlink } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import pkg from '../../package.json' with { type: 'json' };
import { GlossaError, type Snapshot } from '../model/index.js';
import { mapInOrder } from '../store/parallel.js';
import { revisionOf } from '../store/revisions.js';
import type { LibraryStore } from '../store/types.js';
import { annotationsToCsv } from './csv.js';
import {
  ANNOTATIONS_CSV,
  ANNOTATIONS_JSONLD,
  CODEBOOK,
  FORMAT_NAME,
  FORMAT_VERSION,
  HISTORY,
  MANIFEST,
  SPEAKERS,
  assetMember,
  extensionFor,
  htmlMember,
  originalMember,
  sniffAssetExtension,
  snapshotMember,
  textMember,
  type CountsV2,
  type Manifest,
} from './format.js';
import { annotationsToJsonLd } from './jsonld.js';
import { selectForExport, type ExportScope, type Selection } from './scope.js';
import { ZipWriter, type ZipEntry } from './zip-writer.js';

export interface ExportOptions {
  /** What to export; the whole library when absent. */
  scope?: ExportScope;
  /** Shorthand for `scope: { kind: 'snapshots', snapshotIds }` (ignored when `scope` is given). */
  snapshotIds?: string[];
  /** Carry each snapshot's original bytes as captured (default true). */
  includeOriginals?: boolean;
  /** Carry each snapshot's images (default true). */
  includeImages?: boolean;
  /** Members written so far, of all; `label` names the member being written. */
  onProgress?: (done: number, total: number, label?: string) => void;
  /** Aborting stops the export (GlossaError CANCELLED) and removes the partial file. */
  signal?: AbortSignal;
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
  /** Versions kept side by side (unresolved conflicts) that travel with their annotations. */
  conflicts: number;
  tags: number;
  speakers: number;
  /** Originals and images the bundle leaves out (by choice, or because the library lacks them). */
  omitted: number;
  /** What was exported, for people. */
  scope: string;
}

export interface ExportEstimate {
  /** Expected size of the bundle file (text and JSON deflate to roughly a third). */
  bytes: number;
  /** The members' own sizes, before compression. */
  uncompressedBytes: number;
  snapshots: number;
  annotations: number;
  tombstones: number;
  conflicts: number;
  originals: { count: number; bytes: number };
  images: { count: number; bytes: number };
  scope: string;
}

/** One member to write: produced only when the zip writer reaches it, so one body is in memory at a time. */
interface Planned {
  name: string;
  compress: boolean;
  eager?: boolean;
  produce: () => Promise<Buffer>;
  /** For blobs: the hash the store filed the bytes under (the store checks it on reading). */
  blob?: string;
}

const json = (value: unknown) => Buffer.from(`${JSON.stringify(value, null, 2)}\n`, 'utf8');
/** The large machine-read members go without indentation: it would be 40% of their bytes, to write, inflate and parse. */
const compactJson = (value: unknown) => Buffer.from(`${JSON.stringify(value)}\n`, 'utf8');
const cancelled = () => new GlossaError('CANCELLED', 'The export was cancelled; no file was written.');

const EXT_BY_TYPE: Record<string, string> = { 'image/png': 'png', 'image/jpeg': 'jpg', 'image/gif': 'gif', 'image/webp': 'webp', 'image/avif': 'avif', 'image/svg+xml': 'svg' };

function scopeOf(opts: ExportOptions): ExportScope {
  if (opts.scope) return opts.scope;
  if (opts.snapshotIds) {
    if (opts.snapshotIds.length === 0) throw new GlossaError('INVALID_INPUT', 'Choose at least one snapshot to export (or none, to export the whole library).');
    return { kind: 'snapshots', snapshotIds: opts.snapshotIds };
  }
  return { kind: 'library' };
}

/** The bodies each snapshot carries: text and HTML always, the original and images when asked for and present. */
async function bodiesOf(library: LibraryStore, s: Snapshot, opts: ExportOptions) {
  const original = s.originalHash && opts.includeOriginals !== false && (await library.blobs.has(s.originalHash)) ? s.originalHash : null;
  const images: string[] = [];
  if (opts.includeImages !== false) for (const hash of s.assetHashes) if (await library.blobs.has(hash)) images.push(hash);
  const omitted = (s.originalHash && !original ? 1 : 0) + s.assetHashes.length - images.length;
  return { original, images, omitted };
}

function countsOf(sel: Selection): CountsV2 {
  const live = sel.annotations.filter((a) => a.deletedAt === null).length;
  return {
    snapshots: sel.snapshots.length,
    annotations: live,
    tombstones: sel.annotations.length - live,
    conflicts: sel.conflicts.length,
    tags: sel.codebook.length,
    speakers: sel.speakers.length,
  };
}

/** history.json: histories by annotation id, kept versions by id then revision (stable bytes for equal content). */
function historyDoc(sel: Selection) {
  const history = Object.fromEntries(Object.entries(sel.history).sort(([a], [b]) => (a < b ? -1 : 1)));
  const conflicts = sel.conflicts
    .map((c) => ({ c, key: `${c.annotation.id}\u0000${revisionOf(c.annotation)}` }))
    .sort((a, b) => (a.key < b.key ? -1 : 1))
    .map(({ c }) => ({ annotation: c.annotation, history: c.history }));
  return { history, conflicts };
}

/**
 * Writes a .glossa bundle of format version 2 (docs/bundle-format.md). The file appears at
 * `outPath` only when complete (temp file, fsync, rename); a failure or cancel leaves no
 * partial bundle behind.
 */
export async function exportBundle(library: LibraryStore, outPath: string, opts: ExportOptions = {}): Promise<ExportReport> {
  const { signal } = opts;
  if (signal?.aborted) throw cancelled();
  const sel = await selectForExport(library, scopeOf(opts), signal);
  const created = new Date().toISOString();
  const counts = countsOf(sel);

  const label = `Glossa annotations: ${sel.description}`;
  const plan: Planned[] = [];
  const blob = (name: string, hash: string, compress = true) => plan.push({ name, compress, blob: hash, produce: () => library.blobs.get(hash) });
  let omitted = 0;
  const allBodies = await mapInOrder(sel.snapshots, 8, (s) => bodiesOf(library, s, opts));
  for (const [i, s] of sel.snapshots.entries()) {
    const bodies = allBodies[i]!;
    omitted += bodies.omitted;
    plan.push({ name: snapshotMember(s.id), compress: true, produce: async () => json(s) });
    blob(textMember(s.id), s.textHash);
    blob(htmlMember(s.id), s.htmlHash);
    if (bodies.original) blob(originalMember(s.id, extensionFor(s.sourceFile)), bodies.original);
    for (const hash of bodies.images) {
      // The media type recorded at capture names the file; older snapshots have only the bytes to go by.
      const known = EXT_BY_TYPE[s.images.find((i) => i.hash === hash)?.mediaType ?? ''];
      // Images are compressed already.
      blob(assetMember(s.id, hash, known ?? sniffAssetExtension(await library.blobs.get(hash))), hash, false);
    }
  }
  // The large annotation members last, but made and deflated from the start (eager): their
  // work overlaps the snapshot members' instead of holding them up or trailing them.
  plan.push(
    { name: ANNOTATIONS_JSONLD, compress: true, eager: true, produce: async () => compactJson(annotationsToJsonLd(sel.snapshots, sel.annotations, { created, label })) },
    { name: ANNOTATIONS_CSV, compress: true, eager: true, produce: async () => Buffer.from(annotationsToCsv(sel.snapshots, sel.annotations), 'utf8') },
    { name: HISTORY, compress: true, produce: async () => compactJson(historyDoc(sel)) },
    { name: CODEBOOK, compress: true, produce: async () => json(sel.codebook) },
    { name: SPEAKERS, compress: true, produce: async () => json(sel.speakers) },
  );

  const files: Manifest['files'] = {};
  const digests = new Map<string, { sha256: string; size: number }>();
  const total = plan.length + 1;
  let done = 0;
  const tick = (name: string) => opts.onProgress?.(++done, total, name);
  opts.onProgress?.(0, total);
  const entries: ZipEntry[] = plan.map((member) => ({
    name: member.name,
    compress: member.compress,
    eager: member.eager,
    produce: async () => {
      if (signal?.aborted) throw cancelled();
      const bytes = await member.produce();
      // The blob store re-hashes every body it hands out (a damaged one throws HASH_MISMATCH), so a blob's name is its digest.
      const sha256 = member.blob ?? createHash('sha256').update(bytes).digest('hex');
      digests.set(member.name, { sha256, size: bytes.length });
      return bytes;
    },
  }));

  const tmp = join(dirname(outPath), `.${basename(outPath)}.${randomBytes(6).toString('hex')}.part`);
  let handle;
  try {
    handle = await open(tmp, 'wx');
  } catch (e) {
    throw new GlossaError('INVALID_INPUT', `Could not write the bundle to ${outPath}: ${(e as Error).message}. Choose a folder you can write to.`);
  }
  try {
    const zip = new ZipWriter(handle, new Date(created));
    await zip.addAll(entries, { onEntry: (entry) => tick(entry.name) });
    // Listed in plan order, so equal exports list their members alike.
    for (const m of plan) files[m.name] = digests.get(m.name)!;
    if (signal?.aborted) throw cancelled();
    const manifest: Manifest = {
      format: FORMAT_NAME,
      version: FORMAT_VERSION,
      created,
      appVersion: pkg.version,
      counts,
      contents: { originals: opts.includeOriginals !== false, images: opts.includeImages !== false },
      scope: { kind: sel.kind, description: sel.description },
      files,
    };
    // Last, so it can list the digest of every member written before it.
    await zip.addAll([{ name: MANIFEST, compress: true, produce: async () => json(manifest) }], { onEntry: () => tick(MANIFEST) });
    await zip.finish();
    await handle.sync();
    await handle.close();
    handle = null;
    if (signal?.aborted) throw cancelled();
    await rename(tmp, outPath);
  } catch (e) {
    await handle?.close().catch(() => undefined);
    await unlink(tmp).catch(() => undefined);
    if (e instanceof GlossaError) throw e;
    throw new GlossaError('INVALID_INPUT', `Could not write the bundle to ${outPath}: ${(e as Error).message}. Choose a folder you can write to.`);
  }
  return {
    path: outPath,
    bytes: (await stat(outPath)).size,
    snapshots: counts.snapshots,
    annotations: counts.annotations,
    tombstones: counts.tombstones,
    conflicts: counts.conflicts,
    tags: counts.tags,
    speakers: counts.speakers,
    omitted,
    scope: sel.description,
  };
}

/** Rough deflate ratios: text, HTML and JSON shrink to about a third; images not at all. */
const TEXT_RATIO = 0.33;
const ORIGINAL_RATIO = 0.4;
/** Zip headers per member (local + central, with a name of ~80 characters). */
const PER_MEMBER = 250;

/**
 * What exportBundle would write, without writing: counts, and the size of the bundle
 * (exact before compression, estimated after), so it can be shown before the export starts.
 */
export async function estimateExport(library: LibraryStore, scope: ExportScope = { kind: 'library' }, opts: Pick<ExportOptions, 'includeOriginals' | 'includeImages'> = {}): Promise<ExportEstimate> {
  const sel = await selectForExport(library, scope);
  const counts = countsOf(sel);
  const sizeOf = async (hash: string) => (await library.blobs.size(hash)) ?? 0;
  let text = 0;
  const originals = { count: 0, bytes: 0 };
  const images = { count: 0, bytes: 0 };
  let members = 6;
  for (const s of sel.snapshots) {
    const bodies = await bodiesOf(library, s, opts);
    text += Buffer.byteLength(JSON.stringify(s, null, 2)) + (await sizeOf(s.textHash)) + (await sizeOf(s.htmlHash));
    members += 3;
    if (bodies.original) {
      originals.count++;
      originals.bytes += await sizeOf(bodies.original);
      members++;
    }
    for (const hash of bodies.images) {
      images.count++;
      images.bytes += await sizeOf(hash);
      members++;
    }
  }
  text += Buffer.byteLength(JSON.stringify(annotationsToJsonLd(sel.snapshots, sel.annotations)));
  text += Buffer.byteLength(annotationsToCsv(sel.snapshots, sel.annotations));
  text += Buffer.byteLength(JSON.stringify([sel.codebook, sel.speakers], null, 2)) + Buffer.byteLength(JSON.stringify(historyDoc(sel)));
  return {
    bytes: Math.round(text * TEXT_RATIO + originals.bytes * ORIGINAL_RATIO + images.bytes + members * PER_MEMBER),
    uncompressedBytes: text + originals.bytes + images.bytes,
    snapshots: counts.snapshots,
    annotations: counts.annotations,
    tombstones: counts.tombstones,
    conflicts: counts.conflicts,
    originals,
    images,
    scope: sel.description,
  };
}
