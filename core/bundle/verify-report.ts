import { FORMAT_VERSION, type BundleLimits, type Counts } from './format.js';
import type { BundleProblem } from './problems.js';
import { inspectBundle } from './verify.js';

export interface VerifyReport {
  path: string;
  /** True when the bundle passed every check importBundle makes before writing. */
  ok: boolean;
  /** "glossa-bundle" once the manifest says so, else null. */
  format: string | null;
  version: number | null;
  /** The newest format version this Glossa reads (it reads every older one too). */
  supportedVersion: number;
  created: string | null;
  appVersion: string | null;
  /** Entries in the archive (manifest included). */
  members: number;
  /** What the bundle holds (from the manifest, checked against the content); null unless every check passed. */
  counts: Counts | null;
  /** Version 2 and later, when every check passed: what else the bundle carries. */
  details: {
    /** What was exported ("the whole library", "tag “Immigration”", …). */
    scope: string;
    /** Whether the export was asked to carry originals and images. */
    contents: { originals: boolean; images: boolean };
    /** Originals and images the snapshots name but the bundle leaves out. */
    omittedBodies: number;
    /** Annotations with a history (so a merge can tell edits from conflicts), and versions kept side by side. */
    histories: number;
    conflicts: number;
    tags: number;
    speakers: number;
  } | null;
  /** Each problem names its member (null: the archive as a whole). Empty when ok. */
  problems: BundleProblem[];
}

/**
 * Checks a bundle without importing it: structure, manifest, every member's size and
 * SHA-256, schemas, content hashes, anchors, histories, codebook and speakers. A bad bundle
 * is reported, never thrown; only a path that cannot be read at all throws (the fs error).
 */
export async function verifyBundle(path: string, opts: { limits?: Partial<BundleLimits> } = {}): Promise<VerifyReport> {
  const inspection = await inspectBundle(path, { limits: opts.limits });
  inspection.zip?.close();
  const { bundle } = inspection;
  const manifest = bundle?.manifest;
  return {
    path,
    ok: bundle !== null && inspection.problems.length === 0,
    format: inspection.format,
    version: inspection.version,
    supportedVersion: FORMAT_VERSION,
    created: inspection.created,
    appVersion: inspection.appVersion,
    members: inspection.memberCount,
    counts: manifest ? { snapshots: manifest.counts.snapshots, annotations: manifest.counts.annotations, tombstones: manifest.counts.tombstones } : null,
    details:
      bundle && manifest && manifest.version !== 1
        ? {
            scope: manifest.scope.description,
            contents: manifest.contents,
            omittedBodies: bundle.snapshots.reduce((n, s) => n + s.omitted.length, 0),
            histories: Object.values(bundle.history).filter((h) => h.length > 0).length,
            conflicts: manifest.counts.conflicts,
            tags: manifest.counts.tags,
            speakers: manifest.counts.speakers,
          }
        : null,
    problems: inspection.problems,
  };
}
