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
  /** The newest format version this Glossa reads. */
  supportedVersion: number;
  created: string | null;
  appVersion: string | null;
  /** Entries in the archive (manifest included). */
  members: number;
  /** What the bundle holds; null unless every check passed. */
  counts: Counts | null;
  /** Each problem names its member (null: the archive as a whole). Empty when ok. */
  problems: BundleProblem[];
}

/**
 * Checks a bundle without importing it: structure, manifest, every member's size and
 * SHA-256, schemas, content hashes and anchors. A bad bundle is reported, never thrown;
 * only a path that cannot be read at all throws (the fs error).
 */
export async function verifyBundle(path: string, opts: { limits?: Partial<BundleLimits> } = {}): Promise<VerifyReport> {
  const inspection = await inspectBundle(path, { limits: opts.limits });
  inspection.zip?.close();
  const { bundle } = inspection;
  return {
    path,
    ok: bundle !== null && inspection.problems.length === 0,
    format: inspection.format,
    version: inspection.version,
    supportedVersion: FORMAT_VERSION,
    created: inspection.created,
    appVersion: inspection.appVersion,
    members: inspection.memberCount,
    counts: bundle ? bundle.manifest.counts : null,
    problems: inspection.problems,
  };
}
