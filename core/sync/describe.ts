/**
 * Commit messages that say what changed ("2 annotations added, 1 changed in 1 article;
 * codebook changed"), read from the two trees, so the repository's log reads as a diary.
 */
import * as fs from 'node:fs';
import git from 'isomorphic-git';
import type { Annotation } from '../model/index.js';
import { revisionOf } from '../store/revisions.js';
import { SHARED_INDEX } from './layout.js';

type Entry = { path: string; oid: string };

async function entries(gitdir: string, oid: string | null, cache: object): Promise<Map<string, string>> {
  if (!oid) return new Map();
  const { tree } = await git.readTree({ fs, gitdir, oid, cache });
  return new Map(tree.map((e: Entry) => [e.path, e.oid]));
}

async function annotationsOf(gitdir: string, treeOid: string | undefined, cache: object): Promise<Map<string, Annotation>> {
  if (!treeOid) return new Map();
  const files = await entries(gitdir, treeOid, cache);
  const oid = files.get('annotations.json');
  if (!oid) return new Map();
  const { blob } = await git.readBlob({ fs, gitdir, oid, cache });
  const doc = JSON.parse(Buffer.from(blob).toString('utf8')) as { annotations?: Annotation[] };
  return new Map((doc.annotations ?? []).map((a) => [a.id, a]));
}

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/**
 * One line for a commit turning tree `from` into tree `to`. `liveCount` gives an article's
 * live annotations from the library's rows, so a first commit of a thousand articles reads
 * no annotation file.
 */
export async function describeChange(gitdir: string, from: string | null, to: string, liveCount: (id: string) => number): Promise<string> {
  const cache = {};
  const [a, b] = await Promise.all([entries(gitdir, from, cache), entries(gitdir, to, cache)]);
  const [sa, sb] = await Promise.all([entries(gitdir, a.get('snapshots') ?? null, cache), entries(gitdir, b.get('snapshots') ?? null, cache)]);
  let added = 0;
  let changed = 0;
  let deleted = 0;
  let articlesTouched = 0;
  let captured = 0;
  for (const [id, oid] of sb) {
    if (sa.get(id) === oid) continue;
    if (!sa.has(id)) {
      captured++;
      const n = liveCount(id);
      added += n;
      if (n) articlesTouched++;
      continue;
    }
    const [before, after] = await Promise.all([annotationsOf(gitdir, sa.get(id), cache), annotationsOf(gitdir, oid, cache)]);
    let touched = false;
    for (const [aid, next] of after) {
      const prev = before.get(aid);
      if (prev && revisionOf(prev) === revisionOf(next)) continue;
      touched = true;
      if (next.deletedAt !== null && (!prev || prev.deletedAt === null)) deleted++;
      else if (!prev || prev.deletedAt !== null) added++;
      else changed++;
    }
    if (touched) articlesTouched++;
  }
  const removed = [...sa.keys()].filter((id) => !sb.has(id)).length;
  const parts: string[] = [];
  const edits = [added && `${plural(added, 'annotation')} added`, changed && `${changed} changed`, deleted && `${deleted} deleted`].filter(Boolean);
  if (edits.length) parts.push(`${edits.join(', ')} in ${plural(articlesTouched, 'article')}`);
  if (captured) parts.push(`${plural(captured, 'article')} captured`);
  if (removed) parts.push(`${plural(removed, 'article')} removed for good`);
  if (a.get(SHARED_INDEX) !== b.get(SHARED_INDEX)) parts.push('codebook, speakers, collections or settings changed');
  const rest = [...sb].filter(([id, oid]) => sa.has(id) && sa.get(id) !== oid).length - articlesTouched;
  if (rest > 0 && !edits.length) parts.push(`${plural(rest, 'article')} changed (trash, details, tags or collections)`);
  return parts.length ? parts.join('; ') : 'No changes';
}
