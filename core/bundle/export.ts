import { createHash } from 'node:crypto';
import { stat } from 'node:fs/promises';
import pkg from '../../package.json' with { type: 'json' };
import { GlossaError, type Snapshot } from '../model/index.js';
import { writeFileDurable } from '../store/durable-file.js';
import { mapInOrder } from '../store/parallel.js';
import { revisionOf } from '../store/revisions.js';
import type { LibraryStore } from '../store/types.js';
import { annotationsToCsv } from './csv.js';
import {
  ANNOTATIONS_CSV,
  ANNOTATIONS_JSONLD,
  ARTICLES,
  CODEBOOK,
  COLLECTIONS,
  DEFAULT_LIMITS,
  FORMAT_NAME,
  FORMAT_VERSION,
  HISTORY,
  MANIFEST,
  SPEAKERS,
  assetMember,
  extensionFor,
  htmlMember,
  parseMemberPath,
  sizeText,
  originalMember,
  sniffAssetExtension,
  snapshotMember,
  textMember,
  type BundleLimits,
  type CountsV3,
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
  /** What an importing Glossa accepts (format.ts DEFAULT_LIMITS): a bundle past them is refused, not written. Tests lower them. */
  limits?: Partial<BundleLimits>;
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
  /** Why Glossa would not import such a bundle, so the export would refuse to write it; null when it fits. */
  tooLarge: string | null;
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

/**
 * Every bundle Glossa writes, Glossa can import: the importer refuses members, totals and
 * counts past its limits (they keep zip bombs out), so an export past them is refused too,
 * saying what to do instead, rather than written for an hour and then turned away.
 */
function limitProblem(
  limits: BundleLimits,
  titles: ReadonlyMap<string, string | null>,
  what: { members?: number; member?: { name: string; bytes: number }; totalBytes?: number },
): string | null {
  const inParts = 'export the library in parts (chosen snapshots, a collection, a tag or a filter)';
  if (what.members !== undefined && what.members > limits.maxEntries) {
    return `This bundle would hold ${what.members.toLocaleString('en')} files, more than the ${limits.maxEntries.toLocaleString('en')} Glossa accepts when importing one: ${inParts}.`;
  }
  if (what.member && what.member.bytes > limits.maxEntryBytes) {
    const { bytes } = what.member;
    const { label, body } = describeMember(what.member.name, titles);
    const size = Number.isFinite(bytes) ? `would be ${sizeText(bytes)}` : 'would be larger than the largest text Glossa can make (about 512 MB)';
    return `${label} ${size}, more than the ${sizeText(limits.maxEntryBytes)} Glossa accepts for one file of a bundle when importing: ${inParts}${body ? ', or leave out original pages and images' : ''}.`;
  }
  if (what.totalBytes !== undefined && what.totalBytes > limits.maxTotalBytes) {
    return `This bundle would unpack to ${sizeText(what.totalBytes)}, more than the ${sizeText(limits.maxTotalBytes)} Glossa accepts when importing one: leave out original pages and images, or ${inParts}.`;
  }
  return null;
}

/** A member named for people; `body`: an original page or an image, which the export can leave out. */
function describeMember(name: string, titles: ReadonlyMap<string, string | null>): { label: string; body: boolean } {
  const role = parseMemberPath(name);
  const of = role && 'snapshotId' in role ? ` of “${titles.get(role.snapshotId) || role.snapshotId}”` : '';
  const label: Record<string, string> = {
    original: `The original page${of}`,
    asset: `An image${of}`,
    text: `The text${of}`,
    html: `The article${of}`,
    snapshot: `The record${of}`,
  };
  return { label: (role && label[role.role]) ?? `The bundle's ${name}`, body: role?.role === 'original' || role?.role === 'asset' };
}

function refuse(problem: string | null): void {
  if (problem) throw new GlossaError('TOO_LARGE', `${problem} Nothing was written.`);
}

/**
 * A member that is one JSON or CSV text. V8 caps a string at 2^29 − 24 characters (~512 MB;
 * annotations.jsonld gets there at roughly 450,000 annotations): past it the text counts as
 * too large (null), instead of a bare RangeError ("Invalid string length") nobody could act on.
 */
function oneText<T>(build: () => T): T | null {
  try {
    return build();
  } catch (e) {
    if (e instanceof RangeError && /string length/i.test(e.message)) return null;
    throw e;
  }
}

const EXT_BY_TYPE: Record<string, string> = {
  'image/png': 'png',
  'image/jpeg': 'jpg',
  'image/gif': 'gif',
  'image/webp': 'webp',
  'image/avif': 'avif',
  'image/svg+xml': 'svg',
};

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

function countsOf(sel: Selection): CountsV3 {
  const live = sel.annotations.filter((a) => a.deletedAt === null).length;
  return {
    snapshots: sel.snapshots.length,
    annotations: live,
    tombstones: sel.annotations.length - live,
    conflicts: sel.conflicts.length,
    tags: sel.codebook.length,
    speakers: sel.speakers.length,
    articles: sel.articles.size,
    deletedArticles: sel.deletedArticles.length,
    purged: sel.purged.length,
    collections: sel.collections.length,
  };
}

/** articles.json: records by snapshot id, tombstones of trashed articles, purged ids — each in id order (stable bytes). */
function articlesDoc(sel: Selection) {
  const byId = <T extends { id: string }>(list: readonly T[]) => [...list].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return {
    articles: Object.fromEntries(
      [...sel.articles.entries()].sort(([a], [b]) => (a < b ? -1 : 1)).map(([id, v]) => [id, { record: v.record, history: v.history }]),
    ),
    deleted: byId(sel.deletedArticles).map((d) => ({ id: d.id, textHash: d.textHash, title: d.title, record: d.record, history: d.history, knows: d.knows })),
    purged: byId(sel.purged).map((p) => ({ id: p.id, textHash: p.textHash, purgedAt: p.purgedAt })),
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
 * Writes a .glossa bundle of format version 3 (docs/bundle-format.md). The file appears at
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
  const limits = { ...DEFAULT_LIMITS, ...opts.limits };
  const titles = new Map(sel.snapshots.map((s) => [s.id, s.title]));
  const text = (name: string, build: () => Buffer) => async () => {
    const bytes = oneText(build);
    if (bytes === null) refuse(limitProblem(limits, titles, { member: { name, bytes: Infinity } }));
    return bytes!;
  };
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
    {
      name: ANNOTATIONS_JSONLD,
      compress: true,
      eager: true,
      produce: text(ANNOTATIONS_JSONLD, () => compactJson(annotationsToJsonLd(sel.snapshots, sel.annotations, { created, label }))),
    },
    {
      name: ANNOTATIONS_CSV,
      compress: true,
      eager: true,
      produce: text(ANNOTATIONS_CSV, () => Buffer.from(annotationsToCsv(sel.snapshots, sel.annotations), 'utf8')),
    },
    { name: HISTORY, compress: true, produce: async () => compactJson(historyDoc(sel)) },
    { name: CODEBOOK, compress: true, produce: async () => json(sel.codebook) },
    { name: SPEAKERS, compress: true, produce: async () => json(sel.speakers) },
    { name: ARTICLES, compress: true, produce: async () => compactJson(articlesDoc(sel)) },
    { name: COLLECTIONS, compress: true, produce: async () => json(sel.collections) },
  );

  refuse(limitProblem(limits, titles, { members: plan.length + 1 }));
  let unpacked = 0;
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
      unpacked += bytes.length;
      refuse(limitProblem(limits, titles, { member: { name: member.name, bytes: bytes.length }, totalBytes: unpacked }));
      // The blob store re-hashes every body it hands out (a damaged one throws HASH_MISMATCH), so a blob's name is its digest.
      const sha256 = member.blob ?? createHash('sha256').update(bytes).digest('hex');
      digests.set(member.name, { sha256, size: bytes.length });
      return bytes;
    },
  }));

  // The bundle appears under its name only when complete; a cancel or a failure leaves the old file (or none).
  await writeFileDurable(
    outPath,
    async (out) => {
      const zip = new ZipWriter(out, new Date(created));
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
    },
    { signal, cancelled },
  ).catch((e: unknown) => {
    // The writer's own failures (a full disk, a folder gone) keep their code, in the bundle's wording; refusals (limits, cancel) pass as they are.
    if (!(e instanceof GlossaError) || e.code !== 'WRITE_FAILED') throw e;
    throw new GlossaError('WRITE_FAILED', e.message.replace(/^Could not save /, 'Could not write the bundle to '));
  });
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
export async function estimateExport(
  library: LibraryStore,
  scope: ExportScope = { kind: 'library' },
  opts: Pick<ExportOptions, 'includeOriginals' | 'includeImages' | 'limits'> = {},
): Promise<ExportEstimate> {
  const sel = await selectForExport(library, scope);
  const counts = countsOf(sel);
  const sizeOf = async (hash: string) => (await library.blobs.size(hash)) ?? 0;
  let text = 0;
  const originals = { count: 0, bytes: 0 };
  const images = { count: 0, bytes: 0 };
  let members = 8;
  const titles = new Map(sel.snapshots.map((s) => [s.id, s.title]));
  // The largest member, for limitProblem: the annotation texts, or an original or image.
  let largest = { name: CODEBOOK, bytes: 0 };
  const note = (name: string, bytes: number) => {
    if (bytes > largest.bytes) largest = { name, bytes };
    return bytes;
  };
  const body = async (name: string, hash: string) => note(name, await sizeOf(hash));
  for (const s of sel.snapshots) {
    const bodies = await bodiesOf(library, s, opts);
    text += Buffer.byteLength(JSON.stringify(s, null, 2)) + (await body(textMember(s.id), s.textHash)) + (await body(htmlMember(s.id), s.htmlHash));
    members += 3;
    if (bodies.original) {
      originals.count++;
      originals.bytes += await body(originalMember(s.id, extensionFor(s.sourceFile)), bodies.original);
      members++;
    }
    for (const hash of bodies.images) {
      images.count++;
      images.bytes += await body(assetMember(s.id, hash, 'png'), hash);
      members++;
    }
  }
  for (const [name, build] of [
    [ANNOTATIONS_JSONLD, () => JSON.stringify(annotationsToJsonLd(sel.snapshots, sel.annotations))],
    [ANNOTATIONS_CSV, () => annotationsToCsv(sel.snapshots, sel.annotations)],
  ] as const) {
    const built = oneText(build);
    // Past the string limit: named as such, and counted at the limit (its least size) so the totals stay numbers.
    text += Math.min(note(name, built === null ? Infinity : Buffer.byteLength(built)), 2 ** 29);
  }
  text +=
    Buffer.byteLength(JSON.stringify([sel.codebook, sel.speakers, sel.collections], null, 2)) +
    Buffer.byteLength(JSON.stringify(historyDoc(sel))) +
    Buffer.byteLength(JSON.stringify(articlesDoc(sel)));
  const uncompressedBytes = text + originals.bytes + images.bytes;
  return {
    bytes: Math.round(text * TEXT_RATIO + originals.bytes * ORIGINAL_RATIO + images.bytes + members * PER_MEMBER),
    uncompressedBytes,
    snapshots: counts.snapshots,
    annotations: counts.annotations,
    tombstones: counts.tombstones,
    conflicts: counts.conflicts,
    originals,
    images,
    scope: sel.description,
    tooLarge: limitProblem({ ...DEFAULT_LIMITS, ...opts.limits }, titles, { members, member: largest, totalBytes: uncompressedBytes }),
  };
}
