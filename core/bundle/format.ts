import { z } from 'zod';
import { Sha256 } from '../model/index.js';

/**
 * The .glossa bundle contract (docs/bundle-format.md is the prose version of this file).
 * Bump FORMAT_VERSION whenever a reader of the previous version could misread a new bundle.
 */
export const FORMAT_NAME = 'glossa-bundle';
/** The version this Glossa writes; it reads every version from 1 up to this one. */
export const FORMAT_VERSION = 3;
export type FormatVersion = 1 | 2 | 3;

export const MANIFEST = 'manifest.json';
export const ANNOTATIONS_JSONLD = 'annotations.jsonld';
export const ANNOTATIONS_CSV = 'annotations.csv';
export const CODEBOOK = 'codebook.json';
export const SPEAKERS = 'speakers.json';
/** Version 2: annotation histories and the versions kept side by side (conflicts). */
export const HISTORY = 'history.json';
/** Version 3: each article's own state (trash, corrections, tags, collections), trashed and purged articles as tombstones. */
export const ARTICLES = 'articles.json';
/** Version 3: the collections registry. */
export const COLLECTIONS = 'collections.json';

/** Snapshot ids become folder names inside the zip, so only these characters travel. */
export const SNAPSHOT_ID = /^[A-Za-z0-9][A-Za-z0-9_-]{0,127}$/;
const EXT = /^[a-z0-9]{1,10}$/;

export const snapshotDir = (id: string) => `snapshots/${id}`;
export const snapshotMember = (id: string) => `${snapshotDir(id)}/snapshot.json`;
export const textMember = (id: string) => `${snapshotDir(id)}/text.txt`;
export const htmlMember = (id: string) => `${snapshotDir(id)}/article.html`;
export const originalMember = (id: string, ext: string) => `${snapshotDir(id)}/original.${ext}`;
export const assetMember = (id: string, hash: string, ext: string) => `${snapshotDir(id)}/assets/${hash}.${ext}`;

/** What a member path means. `null` from parseMemberPath: the name is not part of the format. */
export type MemberRole =
  | { role: 'manifest' | 'jsonld' | 'csv' | 'codebook' | 'speakers' | 'history' | 'articles' | 'collections' }
  | { role: 'snapshot' | 'text' | 'html'; snapshotId: string }
  | { role: 'original'; snapshotId: string; ext: string }
  | { role: 'asset'; snapshotId: string; hash: string; ext: string };

const TOP: Record<string, MemberRole> = {
  [MANIFEST]: { role: 'manifest' },
  [ANNOTATIONS_JSONLD]: { role: 'jsonld' },
  [ANNOTATIONS_CSV]: { role: 'csv' },
  [CODEBOOK]: { role: 'codebook' },
  [SPEAKERS]: { role: 'speakers' },
};

/** What a member name means in a bundle of `version`; null: not a member that version has. */
export function parseMemberPath(name: string, version: FormatVersion = FORMAT_VERSION): MemberRole | null {
  if (name === HISTORY) return version >= 2 ? { role: 'history' } : null;
  if (name === ARTICLES) return version >= 3 ? { role: 'articles' } : null;
  if (name === COLLECTIONS) return version >= 3 ? { role: 'collections' } : null;
  const top = TOP[name];
  if (top) return top;
  const parts = name.split('/');
  if (parts[0] !== 'snapshots' || parts.length < 3) return null;
  const snapshotId = parts[1]!;
  if (!SNAPSHOT_ID.test(snapshotId)) return null;
  if (parts.length === 3) {
    const file = parts[2]!;
    if (file === 'snapshot.json') return { role: 'snapshot', snapshotId };
    if (file === 'text.txt') return { role: 'text', snapshotId };
    if (file === 'article.html') return { role: 'html', snapshotId };
    const original = /^original\.(.+)$/.exec(file);
    if (original && EXT.test(original[1]!)) return { role: 'original', snapshotId, ext: original[1]! };
    return null;
  }
  if (parts.length === 4 && parts[2] === 'assets') {
    const asset = /^([0-9a-f]{64})\.(.+)$/.exec(parts[3]!);
    if (asset && EXT.test(asset[2]!)) return { role: 'asset', snapshotId, hash: asset[1]!, ext: asset[2]! };
  }
  return null;
}

/**
 * Why a zip entry name is unsafe, or null. Glossa never extracts members to disk by name,
 * but a bundle that tries path tricks is hostile or broken either way, so it is refused.
 */
export function unsafeNameReason(name: string): string | null {
  if (name.length === 0) return 'has an empty name';
  if (name.length > 512) return 'has a name longer than 512 characters';
  if (/[\u0000-\u001f\u007f]/.test(name)) return 'has control characters in its name';
  if (name.includes('\\')) return 'uses backslashes in its path';
  if (/^[A-Za-z]:/.test(name)) return 'is an absolute path with a drive letter';
  if (name.startsWith('/')) return 'is an absolute path';
  if (name.endsWith('/')) return 'is a folder entry';
  const parts = name.split('/');
  if (parts.includes('..')) return 'points outside the bundle ("..")';
  if (parts.some((p) => p === '' || p === '.')) return 'has an empty or "." path segment';
  return null;
}

/** Extension for an original file: from its name when it looks like one, else "bin". */
export function extensionFor(fileName: string | null | undefined): string {
  const m = fileName ? /\.([A-Za-z0-9]{1,10})$/.exec(fileName) : null;
  return m ? m[1]!.toLowerCase() : 'bin';
}

/** Extension for an image asset, sniffed from its first bytes (the store keeps no media types). */
export function sniffAssetExtension(bytes: Uint8Array): string {
  const starts = (...sig: number[]) => sig.every((b, i) => bytes[i] === b);
  if (starts(0x89, 0x50, 0x4e, 0x47)) return 'png';
  if (starts(0xff, 0xd8, 0xff)) return 'jpg';
  if (starts(0x47, 0x49, 0x46, 0x38)) return 'gif';
  if (starts(0x52, 0x49, 0x46, 0x46) && bytes[8] === 0x57 && bytes[9] === 0x45 && bytes[10] === 0x42 && bytes[11] === 0x50) return 'webp';
  const head = Buffer.from(bytes.subarray(0, 256)).toString('utf8').trimStart();
  if (head.startsWith('<svg') || (head.startsWith('<?xml') && head.includes('<svg'))) return 'svg';
  return 'bin';
}

export const MemberDigest = z.object({ sha256: Sha256, size: z.number().int().nonnegative() });

export const Counts = z.object({
  snapshots: z.number().int().nonnegative(),
  /** Live annotations (what a person sees). */
  annotations: z.number().int().nonnegative(),
  /** Deleted annotations kept as tombstones so the deletion travels. */
  tombstones: z.number().int().nonnegative(),
});
export type Counts = z.infer<typeof Counts>;

const manifestBase = {
  format: z.literal(FORMAT_NAME),
  created: z.string(),
  appVersion: z.string(),
  /** Every member except manifest.json itself. */
  files: z.record(z.string(), MemberDigest),
};

export const ManifestV1 = z.object({ ...manifestBase, version: z.literal(1), counts: Counts });

export const CountsV2 = Counts.extend({
  /** Versions kept beside a current one (history.json). */
  conflicts: z.number().int().nonnegative(),
  tags: z.number().int().nonnegative(),
  speakers: z.number().int().nonnegative(),
});
export type CountsV2 = z.infer<typeof CountsV2>;

export const ScopeKindV2 = z.enum(['library', 'snapshots', 'tag', 'speaker', 'filter']);
export const ScopeKind = z.enum([...ScopeKindV2.options, 'collection']);

export const ManifestV2 = z.object({
  ...manifestBase,
  version: z.literal(2),
  counts: CountsV2,
  /** What the export was asked to include; a body the library itself lacked is left out either way. */
  contents: z.object({ originals: z.boolean(), images: z.boolean() }),
  /** What was exported, for people: e.g. { kind: "tag", description: "tag “Immigration”" }. */
  scope: z.object({ kind: ScopeKindV2, description: z.string() }),
});

export const CountsV3 = CountsV2.extend({
  /** Article records carried with the bundle's snapshots (articles.json `articles`). */
  articles: z.number().int().nonnegative(),
  /** Articles in the exporting library's trash, carried as their record only (no bodies). */
  deletedArticles: z.number().int().nonnegative(),
  /** Articles removed for good there (ids only). */
  purged: z.number().int().nonnegative(),
  collections: z.number().int().nonnegative(),
});
export type CountsV3 = z.infer<typeof CountsV3>;

export const ManifestV3 = ManifestV2.extend({
  version: z.literal(3),
  counts: CountsV3,
  scope: z.object({ kind: ScopeKind, description: z.string() }),
});

export const Manifest = z.discriminatedUnion('version', [ManifestV1, ManifestV2, ManifestV3]);
export type Manifest = z.infer<typeof Manifest>;

/**
 * Caps that stop a hostile bundle from exhausting memory or disk. They are enforced on the
 * bytes actually inflated, never on the sizes the zip declares.
 */
export interface BundleLimits {
  /** Largest single member, uncompressed. */
  maxEntryBytes: number;
  /** All members together, uncompressed. */
  maxTotalBytes: number;
  maxEntries: number;
  /** Largest uncompressed/compressed ratio, checked once a member passes ratioFloorBytes. */
  maxRatio: number;
  ratioFloorBytes: number;
}

/** A size in the limits' messages, on import and export alike: "300 MB", "4,096 MB", "2 KB". */
export const sizeText = (bytes: number) =>
  bytes < 1024 * 1024 ? `${Math.ceil(bytes / 1024).toLocaleString('en')} KB` : `${Math.round(bytes / (1024 * 1024)).toLocaleString('en')} MB`;

export const DEFAULT_LIMITS: BundleLimits = {
  maxEntryBytes: 256 * 1024 * 1024,
  maxTotalBytes: 4 * 1024 * 1024 * 1024,
  maxEntries: 200_000,
  maxRatio: 200,
  ratioFloorBytes: 1024 * 1024,
};
