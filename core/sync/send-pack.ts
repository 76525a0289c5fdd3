/**
 * Pushing over git's smart HTTP protocol (receive-pack), sending only what the remote lacks.
 *
 * isomorphic-git's push lists the objects to send by walking the whole tree of the new commit
 * and of the merge base (every folder of a 1,000-article library, twice, on every sync). Here
 * the new commits' trees are compared with the remote's tree folder by folder, skipping every
 * folder whose id is unchanged, so a sync carrying ten edits reads about fifteen trees. If the
 * remote still misses an object (its unpack fails), sync falls back to isomorphic-git's push.
 */
import type { Credentials } from './sync.js';
import { pkt, pktLines, request } from './http.js';
import { ObjectReader } from './object-reader.js';
import { writePack, type GitObject } from './pack.js';

const ZERO = '0'.repeat(40);

export type SendResult = 'ok' | 'rejected' | 'incomplete';

/** The remote's commit for `ref`, or zeros when the branch does not exist yet. */
async function remoteRef(url: string, ref: string, credentials: Credentials | null): Promise<string> {
  const body = await request(`${url}/info/refs?service=git-receive-pack`, credentials, { method: 'GET' });
  for (const line of pktLines(body)) {
    const [oid, name] = line.split('\0')[0]!.trim().split(' ');
    if (name === ref && oid && /^[0-9a-f]{40}$/.test(oid)) return oid;
  }
  return ZERO;
}

/** Objects reachable from `head` that the remote (at `old`) lacks: new commits, and the trees and blobs that differ from the remote's. */
function missingObjects(objects: ObjectReader, head: string, old: string): string[] {
  const out = new Set<string>();
  const treeEntries = (oid: string | null) => (oid ? objects.tree(oid) : []);
  const walk = (mine: string, theirs: string | null) => {
    if (mine === theirs || out.has(mine)) return;
    out.add(mine);
    const before = new Map(treeEntries(theirs).map((e) => [e.path, e]));
    for (const e of treeEntries(mine)) {
      const there = before.get(e.path);
      if (there?.oid === e.oid) continue;
      if (e.type === 'tree') walk(e.oid, there?.type === 'tree' ? there.oid : null);
      else out.add(e.oid);
    }
  };
  const oldTree = old === ZERO ? null : objects.commit(old).tree;
  // The remote's history, walked once: a commit in it is never sent.
  const known = old === ZERO ? new Set<string>() : objects.history(old);
  const queue = [head];
  const seen = new Set<string>();
  while (queue.length) {
    const c = queue.shift()!;
    if (seen.has(c) || known.has(c)) continue;
    seen.add(c);
    out.add(c);
    const commit = objects.commit(c);
    walk(commit.tree, oldTree);
    queue.push(...commit.parents);
  }
  return [...out];
}

function packOf(objects: ObjectReader, oids: readonly string[]): Buffer {
  return writePack(oids.map((oid): [string, GitObject] => [oid, objects.read(oid)])).pack;
}

/** Pushes `head` to `ref` on the remote if it still points where it did (no force). */
export async function sendPack(gitdir: string, url: string, ref: string, head: string, credentials: Credentials | null): Promise<SendResult> {
  const old = await remoteRef(url, ref, credentials);
  if (old === head) return 'ok';
  // The remote moved to a commit we do not have: fetch and merge first.
  const objects = new ObjectReader(gitdir);
  if (old !== ZERO && !objects.has(old)) return 'rejected';
  const missing = missingObjects(objects, head, old);
  const body = Buffer.concat([pkt(`${old} ${head} ${ref}\0report-status agent=glossa\n`), Buffer.from('0000'), packOf(objects, missing)]);
  const reply = pktLines(
    await request(`${url}/git-receive-pack`, credentials, {
      method: 'POST',
      headers: { 'content-type': 'application/x-git-receive-pack-request', accept: 'application/x-git-receive-pack-result' },
      body,
    }),
  );
  const unpack = reply.find((l) => l.startsWith('unpack '));
  if (unpack && unpack.trim() !== 'unpack ok') return 'incomplete';
  if (reply.some((l) => l.startsWith(`ok ${ref}`))) return 'ok';
  // "ng <ref> missing necessary objects": ours to send, not a race with another pusher.
  if (reply.some((l) => l.startsWith(`ng ${ref}`) && /missing|connect/i.test(l))) return 'incomplete';
  return 'rejected';
}
