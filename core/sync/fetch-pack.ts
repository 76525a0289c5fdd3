/**
 * Fetching over git's smart HTTP protocol (upload-pack, protocol v0/v1 as every git host
 * speaks it): one request for the branch list, one for the pack. The pack is checked and
 * indexed with Node's zlib (pack.ts) and written as a .pack and its .idx, each by temp file and
 * rename, the index last: a fetch killed on the way leaves no pack git or Glossa would read.
 */
import { join } from 'node:path';
import { mkdir } from 'node:fs/promises';
import { writeFileDurable } from '../store/durable-file.js';
import { pkt, pktBuffers, request } from './http.js';
import type { ObjectReader } from './object-reader.js';
import { BadPack, indexPack, packIndex, type IndexedPack, type PackLimits } from './pack.js';
import type { Credentials } from './sync.js';

const OID = /^[0-9a-f]{40}$/;

export interface Advertisement {
  refs: Map<string, string>;
  capabilities: Set<string>;
}

/** The remote's branches and what its upload-pack can do. */
export async function listRefs(url: string, credentials: Credentials | null): Promise<Advertisement> {
  const body = await request(`${url}/info/refs?service=git-upload-pack`, credentials, { method: 'GET' }, 16 * 1024 * 1024);
  const refs = new Map<string, string>();
  let capabilities = new Set<string>();
  for (const line of pktBuffers(body)) {
    const text = line.toString('utf8').replace(/\n$/, '');
    if (!text || text.startsWith('# service=')) continue;
    const [head, caps] = text.split('\0');
    if (caps !== undefined) capabilities = new Set(caps.split(' ').filter(Boolean));
    const [oid, name] = head!.split(' ');
    if (oid && name && OID.test(oid)) refs.set(name, oid);
  }
  return { refs, capabilities };
}

/** The pack's bytes out of the answer: after the ACK/NAK lines, on side band 1 (2 is progress, 3 an error). */
function packOf(answer: Buffer, sideBand: boolean): Buffer {
  if (!sideBand) {
    const at = answer.indexOf('PACK');
    if (at < 0) throw new BadPack('the answer holds no pack.');
    return answer.subarray(at);
  }
  const parts: Buffer[] = [];
  for (const line of pktBuffers(answer)) {
    if (line.length === 0) continue;
    const band = line[0];
    // Before the bands: the ACK/NAK lines, skipped with the progress (2).
    if (band === 1) parts.push(line.subarray(1));
    else if (band === 3) throw new BadPack(`the remote stopped with an error: ${line.subarray(1).toString('utf8').trim().slice(0, 200)}`);
  }
  return Buffer.concat(parts);
}

/**
 * Fetches what `want` needs and the repository lacks (`haves`: commits here), stores it as a
 * pack, and returns its objects inflated, for the merge to read without inflating them again.
 */
export async function fetchPack(
  gitdir: string,
  url: string,
  want: string,
  haves: readonly string[],
  advertised: Advertisement,
  credentials: Credentials | null,
  limits: PackLimits,
  here: ObjectReader,
): Promise<IndexedPack> {
  const sideBand = advertised.capabilities.has('side-band-64k');
  const caps = [advertised.capabilities.has('ofs-delta') ? 'ofs-delta' : '', sideBand ? 'side-band-64k' : '', 'no-progress', 'agent=glossa'].filter(Boolean);
  const body = Buffer.concat([pkt(`want ${want} ${caps.join(' ')}\n`), Buffer.from('0000'), ...haves.map((h) => pkt(`have ${h}\n`)), pkt('done\n')]);
  const answer = await request(
    `${url}/git-upload-pack`,
    credentials,
    { method: 'POST', headers: { 'content-type': 'application/x-git-upload-pack-request', accept: 'application/x-git-upload-pack-result' }, body },
    // Packed bytes are at most about what they inflate to: the same bound, with room for framing.
    Math.min(limits.maxTotalBytes + 1024 * 1024, 2 ** 31 - 1),
  );
  const pack = packOf(answer, sideBand);
  const indexed = indexPack(pack, limits, (oid) => (here.has(oid) ? here.read(oid) : null));
  if (!indexed.objects.has(want) && !here.has(want)) throw new BadPack(`it lacks the commit ${want} it was asked for.`);
  const dir = join(gitdir, 'objects', 'pack');
  await mkdir(dir, { recursive: true });
  const name = join(dir, `pack-${indexed.checksum}`);
  await writeFileDurable(`${name}.pack`, pack);
  await writeFileDurable(`${name}.idx`, packIndex(indexed));
  return indexed;
}
