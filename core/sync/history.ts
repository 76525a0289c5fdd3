/**
 * An annotation's history from the repository: each commit that changed it, who made the
 * commit, when, and which of its fields changed. Merges that only carried someone else's
 * change along are left out (the change is listed once, at the commit that made it).
 */
import * as fs from 'node:fs';
import git from 'isomorphic-git';
import type { Annotation } from '../model/index.js';
import { revisionOf } from '../store/revisions.js';
import { BRANCH, gitDirOf, isRepo } from './repo.js';

export interface HistoryEntry {
  commit: string;
  /** ISO time of the commit. */
  at: string;
  /** Who committed it (the person whose Glossa synced it). */
  author: { name: string; email: string };
  /** Who last changed the annotation, as the annotation records it. */
  modifiedBy: string | null;
  change: 'created' | 'changed' | 'deleted' | 'restored';
  /** What changed from the version before ("fields.verdict", "tags", "note", "target"…). */
  fields: string[];
  message: string;
}

function changedKeys(a: Annotation, b: Annotation): string[] {
  const out: string[] = [];
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
  for (const k of [...keys].sort()) {
    if (k === 'updatedAt' || k === 'modifiedBy') continue;
    const va = (a as Record<string, unknown>)[k];
    const vb = (b as Record<string, unknown>)[k];
    if (k === 'fields' && va && vb) {
      const fa = va as Record<string, unknown>;
      const fb = vb as Record<string, unknown>;
      for (const f of [...new Set([...Object.keys(fa), ...Object.keys(fb)])].sort())
        if (JSON.stringify(fa[f]) !== JSON.stringify(fb[f])) out.push(`fields.${f}`);
    } else if (JSON.stringify(va) !== JSON.stringify(vb)) out.push(k);
  }
  return out;
}

async function versionAt(gitdir: string, commit: string, filepath: string, id: string, cache: object): Promise<Annotation | null> {
  try {
    const { blob } = await git.readBlob({ fs, gitdir, oid: commit, filepath, cache });
    const doc = JSON.parse(Buffer.from(blob).toString('utf8')) as { annotations?: Annotation[] };
    return doc.annotations?.find((a) => a.id === id) ?? null;
  } catch {
    return null;
  }
}

export async function annotationHistory(libraryDir: string, snapshotId: string, annotationId: string): Promise<HistoryEntry[]> {
  if (!(await isRepo(libraryDir))) return [];
  const gitdir = gitDirOf(libraryDir);
  const filepath = `snapshots/${snapshotId}/annotations.json`;
  const cache = {};
  let commits;
  try {
    commits = await git.log({ fs, gitdir, ref: BRANCH, cache });
  } catch {
    return []; // nothing committed yet
  }
  const versions = new Map<string, Annotation | null>();
  for (const c of commits) versions.set(c.oid, await versionAt(gitdir, c.oid, filepath, annotationId, cache));
  const rev = (a: Annotation | null | undefined) => (a ? revisionOf(a) : null);
  const entries: HistoryEntry[] = [];
  // Oldest first; a commit changed the annotation when it differs from every parent's version.
  for (const c of [...commits].reverse()) {
    const now = versions.get(c.oid) ?? null;
    if (!now) continue;
    const parents = c.commit.parent.map((p) => versions.get(p) ?? null);
    if (parents.some((p) => rev(p) === rev(now))) continue;
    const before = parents.find((p) => p !== null) ?? null;
    const change = !before ? 'created' : now.deletedAt && !before.deletedAt ? 'deleted' : !now.deletedAt && before.deletedAt ? 'restored' : 'changed';
    entries.push({
      commit: c.oid,
      at: new Date(c.commit.author.timestamp * 1000).toISOString(),
      author: { name: c.commit.author.name, email: c.commit.author.email },
      modifiedBy: (now as { modifiedBy?: { name?: string } }).modifiedBy?.name ?? null,
      change,
      fields: before ? changedKeys(before, now) : [],
      message: c.commit.message.trim(),
    });
  }
  return entries.reverse();
}
