import { createHash } from 'node:crypto';
import type { Annotation, ArticleRecord } from '../model/index.js';

/**
 * Revisions of an annotation, for merging bundles: a version is named by the hash of its
 * content, and each stored version carries the revisions it was derived from (its history).
 * One version supersedes another exactly when the other's revision is in its history; two
 * versions neither of which supersedes the other were edited on both sides (a conflict).
 * docs/bundle-format.md ("Merge") gives the rules.
 */

/**
 * JSON with object keys sorted at every level: equal data gives equal text whatever the key
 * order. (Sorted copies, then the native serialiser: merges hash every version, and this is
 * several times faster than a replacer or a hand-written writer. Integer-like keys would
 * come first, as in any JavaScript object; annotations have none.)
 */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(sortedCopy(value)) ?? 'null';
}

function sortedCopy(value: unknown): unknown {
  if (value === null || typeof value !== 'object') return value;
  if (typeof (value as { toJSON?: unknown }).toJSON === 'function') return sortedCopy((value as { toJSON: () => unknown }).toJSON());
  if (Array.isArray(value)) return value.map(sortedCopy);
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(value).sort()) out[key] = sortedCopy((value as Record<string, unknown>)[key]);
  return out;
}

/** Revisions are 128-bit prefixes of a SHA-256: short in every file, and collisions are out of reach. */
export const REVISION = /^[0-9a-f]{32}$/;

/** Revisions already computed, per record: versions are never changed in place, only replaced. */
const known = new WeakMap<object, string>();

/** The revision of one version of an annotation (every field, id and snapshot included) or of an article record. */
export function revisionOf(a: Annotation | ArticleRecord): string {
  let rev = known.get(a);
  if (!rev) {
    rev = createHash('sha256').update(canonicalJson(a)).digest('hex').slice(0, 32);
    known.set(a, rev);
  }
  return rev;
}

/** Sorted, without repeats: histories are sets, written in one order so equal sets give equal bytes. */
export function sortedSet(...lists: Iterable<string>[]): string[] {
  const out = new Set<string>();
  for (const list of lists) for (const x of list) out.add(x);
  return [...out].sort();
}
