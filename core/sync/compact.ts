/**
 * Every fetch stores its own pack, so a library synced for months would hold thousands of small
 * ones, and every read would look through each of them. Past MAX_PACKS, they are merged into one:
 * the new pack and its index are written (by rename) before the old ones go, so a kill at any
 * point leaves every object readable (at worst twice, until the next compaction).
 */
import { readdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { readFileSync } from 'node:fs';
import { writeFileDurable } from '../store/durable-file.js';
import { ObjectReader } from './object-reader.js';
import { packIndex, readPackIndex, writePack, type GitObject } from './pack.js';

/** Packs kept as they are; one more and they are merged. */
export const MAX_PACKS = 16;

/** Merges the repository's packs into one when there are more than `max`; returns how many were merged (0: none). */
export async function compactPacks(gitdir: string, max = MAX_PACKS): Promise<number> {
  const dir = join(gitdir, 'objects', 'pack');
  const names = await readdir(dir).catch(() => [] as string[]);
  const packs = names.filter((n) => n.endsWith('.idx') && names.includes(n.replace(/\.idx$/, '.pack'))).map((n) => n.replace(/\.idx$/, ''));
  if (packs.length <= max) return 0;
  const oids = new Set<string>();
  for (const p of packs) for (const oid of readPackIndex(readFileSync(join(dir, `${p}.idx`))).keys()) oids.add(oid);
  const objects = new ObjectReader(gitdir);
  const { pack, indexed } = writePack([...oids].map((oid): [string, GitObject] => [oid, objects.read(oid)]));
  const name = `pack-${indexed.checksum}`;
  await writeFileDurable(join(dir, `${name}.pack`), pack);
  await writeFileDurable(join(dir, `${name}.idx`), packIndex(indexed));
  // The index first: a pack without one is what a killed fetch leaves, and repair removes it.
  for (const p of packs) {
    if (p === name) continue;
    await rm(join(dir, `${p}.idx`), { force: true });
    await rm(join(dir, `${p}.pack`), { force: true });
  }
  return packs.length;
}
