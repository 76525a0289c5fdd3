/**
 * Git's object store, written the way Glossa writes everything: each loose object goes to a temp
 * file and is renamed into place, so a process killed mid-write never leaves a torn object under
 * its final name (isomorphic-git writes objects in place, and then trusts any file it finds).
 * Reading and the network stay with isomorphic-git.
 */
import { createHash, randomBytes } from 'node:crypto';
import { mkdir, rename, stat, unlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { deflateSync } from 'node:zlib';

export type ObjectType = 'blob' | 'tree' | 'commit';

export function objectId(type: ObjectType, body: Uint8Array): string {
  return createHash('sha1').update(`${type} ${body.length}\0`).update(body).digest('hex');
}

const objectPath = (gitdir: string, oid: string) => join(gitdir, 'objects', oid.slice(0, 2), oid.slice(2));

/** Writes one loose object unless it is already there; returns its id. */
export async function writeObject(gitdir: string, type: ObjectType, body: Uint8Array, known?: Set<string>): Promise<string> {
  const oid = objectId(type, body);
  if (known?.has(oid)) return oid;
  const file = objectPath(gitdir, oid);
  try {
    await stat(file);
  } catch {
    const dir = join(gitdir, 'objects', oid.slice(0, 2));
    await mkdir(dir, { recursive: true });
    const temp = join(dir, `.tmp-${randomBytes(6).toString('hex')}`);
    const head = Buffer.from(`${type} ${body.length}\0`);
    await writeFile(temp, deflateSync(Buffer.concat([head, body]), { level: 1 }));
    try {
      await rename(temp, file);
    } catch (e) {
      await unlink(temp).catch(() => undefined);
      throw e;
    }
  }
  known?.add(oid);
  return oid;
}

export interface TreeEntry {
  name: string;
  mode: '100644' | '040000';
  oid: string;
}

/** A tree's bytes in git's order (folders sort as if their name ended in '/'). */
export function treeBody(entries: readonly TreeEntry[]): Buffer {
  const key = (e: TreeEntry) => (e.mode === '040000' ? `${e.name}/` : e.name);
  const sorted = [...entries].sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
  return Buffer.concat(sorted.flatMap((e) => [Buffer.from(`${e.mode === '040000' ? '40000' : e.mode} ${e.name}\0`), Buffer.from(e.oid, 'hex')]));
}

export interface Signature {
  name: string;
  email: string;
  /** Seconds since the epoch. */
  timestamp: number;
}

export function commitBody(tree: string, parents: readonly string[], author: Signature, message: string): Buffer {
  const sig = (s: Signature) => `${s.name} <${s.email}> ${s.timestamp} +0000`;
  const lines = [`tree ${tree}`, ...parents.map((p) => `parent ${p}`), `author ${sig(author)}`, `committer ${sig(author)}`, '', message];
  return Buffer.from(lines.join('\n') + (message.endsWith('\n') ? '' : '\n'));
}

/** Tells apart a random temp name left by a killed write. */
export const isObjectTemp = (name: string) => name.startsWith('.tmp-');
