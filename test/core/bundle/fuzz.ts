/**
 * Bundle fuzzing, shared by test/core/bundle/fuzz.test.ts (a fixed number of cases in every
 * test run) and bench/fuzz.ts (`npm run fuzz`, as many as asked). Valid bundles are mutated
 * at three levels — raw bytes, zip entries, and JSON inside members (with the manifest's
 * hashes made to match, so the deeper checks are reached) — and imported into real libraries.
 *
 * The property: every import either succeeds, or fails with a GlossaError whose message a
 * person can act on, and then the library folder is byte-for-byte what it was.
 */
import { cp, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { exportBundle, importBundle, verifyBundle } from '../../../core/bundle/index.js';
import { GlossaError, type CodeTag, type Speaker } from '../../../core/model/index.js';
import { openLibrary, type Library } from '../../../core/store/index.js';
import { prng } from '../text/shared.js';
import { hashTree, seedLibrary, tempDir, withLibrary } from './library.js';
import { readMembers, relist, renameEntry, writeZip, type Member } from './zipcraft.js';

type Rand = () => number;
const int = (r: Rand, n: number) => Math.floor(r() * n);
const pick = <T>(r: Rand, list: readonly T[]): T => list[int(r, list.length)]!;

export interface Seed {
  name: string;
  bytes: Buffer;
  members: Member[];
}

export interface FuzzCase {
  index: number;
  mutation: string;
  bytes: Buffer;
}

const NASTY_NAMES = [
  '../evil',
  '/etc/passwd',
  'C:/evil',
  'a\\b',
  'snapshots/x/../../y',
  'snapshots/',
  'x'.repeat(600),
  'bad\u0001name',
  'Manifest.JSON',
  'manifest.json',
  'snapshots/a/b/c/d',
  'annotations.csv',
  'readme.txt',
];
const VALUES: unknown[] = [
  null,
  0,
  -1,
  1.5,
  1e308,
  '',
  'x',
  '\u0000',
  '💥',
  true,
  false,
  [],
  {},
  [1, 2],
  { a: 1 },
  'urn:uuid:00000000-0000-4000-8000-000000000000',
  '2024-01-01T00:00:00.000Z',
  'not a date',
  2 ** 53,
];

/** Every [parent, key] slot of a JSON value, for picking one at random. */
function slots(value: unknown, out: [Record<string | number, unknown>, string | number][] = [], depth = 0): typeof out {
  if (depth > 12 || value === null || typeof value !== 'object') return out;
  for (const key of Array.isArray(value) ? value.keys() : Object.keys(value)) {
    out.push([value as Record<string | number, unknown>, key]);
    slots((value as Record<string | number, unknown>)[key], out, depth + 1);
  }
  return out;
}

function mutateJson(r: Rand, value: unknown): string {
  const all = slots(value);
  if (all.length === 0) return 'no slot';
  const [parent, key] = pick(r, all);
  const old = parent[key];
  switch (int(r, 7)) {
    case 0:
      if (Array.isArray(parent)) parent.splice(key as number, 1);
      else delete parent[key];
      return `delete ${key}`;
    case 1:
      parent[key] = pick(r, VALUES);
      return `set ${key}`;
    case 2:
      if (typeof old === 'string') parent[key] = old + pick(r, ['x', ' ', '\n', 'é', '\ud83d']);
      else if (typeof old === 'number') parent[key] = old + pick(r, [1, -1, 0.5, -1e9]);
      else parent[key] = String(old);
      return `nudge ${key}`;
    case 3:
      if (Array.isArray(parent)) parent.push(structuredClone(old));
      else parent[`${String(key)}_copy`] = structuredClone(old);
      return `duplicate ${key}`;
    case 4:
      parent[key] = typeof old === 'string' ? '' : typeof old === 'number' ? -old : null;
      return `empty ${key}`;
    case 5: {
      const [other, otherKey] = pick(r, all);
      parent[key] = structuredClone(other[otherKey]);
      return `copy into ${key}`;
    }
    default:
      if (typeof old === 'string' && old.length > 1) parent[key] = old.slice(0, int(r, old.length));
      else parent[key] = [old];
      return `cut ${key}`;
  }
}

const JSON_MEMBERS = /(^manifest\.json|snapshot\.json|annotations\.jsonld|history\.json|codebook\.json|speakers\.json)$/;

/** One mutated bundle, deterministic in (seed bundle, r). */
export async function mutate(r: Rand, seed: Seed, scratch: string): Promise<{ mutation: string; bytes: Buffer }> {
  const level = r();
  if (level < 0.35) {
    // Raw bytes of the archive.
    const b = Buffer.from(seed.bytes);
    switch (int(r, 6)) {
      case 0: {
        const n = 1 + int(r, 8);
        for (let i = 0; i < n; i++) {
          const at = int(r, b.length);
          b[at] = b[at]! ^ (1 << int(r, 8));
        }
        return { mutation: `flip ${n} bits`, bytes: b };
      }
      case 1: {
        const at = int(r, b.length);
        for (let i = at; i < Math.min(b.length, at + 1 + int(r, 64)); i++) b[i] = int(r, 256);
        return { mutation: `scribble at ${at}`, bytes: b };
      }
      case 2: {
        const at = int(r, b.length);
        return { mutation: `truncate at ${at}`, bytes: b.subarray(0, at) };
      }
      case 3: {
        const at = int(r, b.length);
        return {
          mutation: `insert at ${at}`,
          bytes: Buffer.concat([b.subarray(0, at), Buffer.from(Array.from({ length: 1 + int(r, 32) }, () => int(r, 256))), b.subarray(at)]),
        };
      }
      case 4: {
        const at = int(r, b.length);
        return { mutation: `cut at ${at}`, bytes: Buffer.concat([b.subarray(0, at), b.subarray(at + 1 + int(r, 64))]) };
      }
      default: {
        // The end of central directory and the central directory are where structure lives.
        const at = Math.max(0, b.length - 1 - int(r, Math.min(b.length, 400)));
        b[at] = int(r, 256);
        return { mutation: `tail byte ${at}`, bytes: b };
      }
    }
  }
  let members = seed.members.map((m) => ({ ...m }));
  let mutation: string;
  /** Names yazl (rightly) will not write: written as a placeholder of the same length, then patched in. */
  const renames: [string, string][] = [];
  const buffers = () => members.filter((m) => Buffer.isBuffer(m.data)) as (Member & { data: Buffer })[];
  if (level < 0.55) {
    // Zip entries.
    const m = pick(r, buffers());
    switch (int(r, 6)) {
      case 0:
        members = members.filter((x) => x !== m);
        mutation = `drop ${m.name}`;
        break;
      case 1:
        members.push({ ...m });
        mutation = `duplicate ${m.name}`;
        break;
      case 2: {
        const nasty = pick(r, NASTY_NAMES);
        const placeholder = `p${renames.length}`.padEnd(Buffer.byteLength(nasty), 'q');
        renames.push([placeholder, nasty]);
        m.name = placeholder;
        mutation = `rename to ${JSON.stringify(nasty.slice(0, 40))}`;
        break;
      }
      case 3:
        m.mode = pick(r, [0o120777, 0o040755, 0o010644, 0o020644]);
        mutation = `mode ${m.mode.toString(8)} on ${m.name}`;
        break;
      case 4:
        m.data = Buffer.from(Array.from({ length: int(r, 200) }, () => int(r, 256)));
        mutation = `random data in ${m.name}`;
        break;
      default:
        m.data = Buffer.alloc(0);
        mutation = `empty ${m.name}`;
    }
    if (r() < 0.5 && members.some((x) => x.name === 'manifest.json') && Buffer.isBuffer(m.data) && m.name !== 'manifest.json') {
      members = relistSafely(members, m.name);
      mutation += ', relisted';
    }
  } else {
    // JSON inside a member; usually with the manifest made to agree, so content checks run.
    const candidates = buffers().filter((m) => JSON_MEMBERS.test(m.name));
    const m = pick(r, candidates);
    let value: unknown;
    try {
      value = JSON.parse(m.data.toString('utf8'));
    } catch {
      value = null;
    }
    const steps = 1 + int(r, 3);
    const done: string[] = [];
    if (r() < 0.08) {
      // The whole member as something else: an object for a list, a list for an object, a string…
      value = pick(r, [...VALUES, [value], { value }]);
      done.push('replace all');
    } else for (let i = 0; i < steps; i++) done.push(mutateJson(r, value));
    m.data = Buffer.from(JSON.stringify(value, null, r() < 0.5 ? 2 : 0));
    mutation = `${m.name}: ${done.join('; ')}`;
    if (m.name !== 'manifest.json' && r() < 0.8) {
      members = relistSafely(members, m.name);
      mutation += ', relisted';
    }
  }
  const path = join(scratch, 'mutant.glossa');
  await writeZip(path, members);
  const bytes = await readFile(path);
  for (const [placeholder, nasty] of renames) renameEntry(bytes, placeholder, nasty);
  return { mutation, bytes };
}

/** relist, unless the manifest itself is no longer JSON (then the bundle stays as broken as it is). */
function relistSafely(members: Member[], name: string): Member[] {
  try {
    return relist(members, [name]);
  } catch {
    return members;
  }
}

/** Valid bundles to start from: a v2 bundle with codebook, speakers, histories and a conflict, and the committed v1 bundle. */
export async function makeSeeds(v1Fixture: string): Promise<Seed[]> {
  const work = await tempDir('glossa-fuzz-');
  const a = await tempDir('glossa-fuzz-');
  const at = '2024-03-01T00:00:00.000Z';
  const tag = (id: string, parentId: string | null): CodeTag => ({
    id,
    name: id,
    parentId,
    color: '#1f77b4',
    key: null,
    description: '',
    createdAt: at,
    updatedAt: at,
  });
  const speaker = (id: string): Speaker => ({ id, name: id, aliases: [], role: null, organisation: null, createdAt: at, updatedAt: at });
  const seeded = await withLibrary(a, async (lib) => {
    const s = await seedLibrary(lib);
    await lib.saveCodebook([tag('immigration', null), tag('policing', 'immigration'), tag('numbers', null), tag('budget', null)]);
    await lib.saveSpeakers([speaker('James O’Neill'), speaker('Corey Johnson')]);
    return s;
  });
  const first = join(work, 'first.glossa');
  await withLibrary(a, (lib) => exportBundle(lib, first));
  // A second library edits the same annotation: merged back, a conflict and histories travel.
  const b = await tempDir('glossa-fuzz-');
  const [quote] = seeded.annotations;
  await withLibrary(b, async (lib) => {
    await importBundle(lib, first);
    await lib.putAnnotation({ ...quote!, comment: 'edited in b', updatedAt: '2030-01-02T00:00:00.000Z' });
  });
  const fromB = join(work, 'b.glossa');
  await withLibrary(b, (lib) => exportBundle(lib, fromB));
  await withLibrary(a, async (lib) => {
    await lib.putAnnotation({ ...quote!, comment: 'edited in a', updatedAt: '2030-01-01T00:00:00.000Z' });
    await importBundle(lib, fromB);
  });
  const full = join(work, 'full.glossa');
  await withLibrary(a, (lib) => exportBundle(lib, full));
  const report = await verifyBundle(full);
  if (!report.ok || report.details?.conflicts !== 1) throw new Error(`fuzz seed is not what it should be: ${JSON.stringify(report.problems)}`);
  const seeds: Seed[] = [];
  for (const [name, path] of [
    ['v2', full],
    ['v1', v1Fixture],
  ] as const) {
    seeds.push({ name, bytes: await readFile(path), members: await readMembers(path) });
  }
  return seeds;
}

export interface Failure {
  index: number;
  mutation: string;
  library: string;
  problem: string;
  bundle: string;
}

interface Target {
  name: string;
  dir: string;
  lib: Library;
  tree: Record<string, string>;
}

/**
 * Runs `cases` mutations from `seed` (a number) and checks the property for each. Returns
 * the failures (empty when all is well) with everything needed to reproduce one.
 */
export async function fuzz(opts: {
  seeds: Seed[];
  cases: number;
  seed: number;
  onCase?: (i: number) => void;
}): Promise<{ failures: Failure[]; imported: number; refused: number; mutations: Map<string, number> }> {
  const r = prng(opts.seed);
  const scratch = await tempDir('glossa-fuzz-');
  const keep = join(scratch, 'failures');
  await mkdir(keep);
  // Libraries to import into: an empty one, and one that already holds the v2 seed's content.
  const template = await tempDir('glossa-fuzz-');
  await writeFile(join(scratch, 'seed.glossa'), opts.seeds[0]!.bytes);
  await withLibrary(template, (lib) => importBundle(lib, join(scratch, 'seed.glossa')));
  const fresh = async (name: string): Promise<Target> => {
    const dir = join(scratch, `${name}-${Math.floor(r() * 1e9)}`);
    if (name === 'holding') await cp(template, dir, { recursive: true });
    const lib = await openLibrary(dir);
    await lib.flushIndex();
    return { name, dir, lib, tree: await hashTree(dir) };
  };
  const targets = [await fresh('empty'), await fresh('holding')];
  const failures: Failure[] = [];
  const mutations = new Map<string, number>();
  let imported = 0;
  let refused = 0;
  const path = join(scratch, 'case.glossa');
  try {
    for (let index = 0; index < opts.cases; index++) {
      opts.onCase?.(index);
      const seed = pick(r, opts.seeds);
      const { mutation, bytes } = await mutate(r, seed, scratch);
      const kind = mutation.split(/[ :]/)[0]!.replace(/snapshots\/[^/]+\//, 'snapshots/*/');
      mutations.set(kind, (mutations.get(kind) ?? 0) + 1);
      await writeFile(path, bytes);
      const t = int(r, targets.length);
      const target = targets[t]!;
      const fail = async (problem: string) => {
        const bundle = join(keep, `case-${index}.glossa`);
        await writeFile(bundle, bytes);
        failures.push({ index, mutation: `${seed.name}: ${mutation}`, library: target.name, problem, bundle });
      };
      let outcome: unknown;
      try {
        outcome = await importBundle(target.lib, path);
      } catch (e) {
        outcome = e;
      }
      if (outcome instanceof Error) {
        refused++;
        if (!(outcome instanceof GlossaError)) await fail(`threw ${outcome.name}, not a GlossaError: ${outcome.message}`);
        else if (outcome.message.length < 30 || !/[.!]\s*$/.test(outcome.message))
          await fail(`a message no one can act on: ${JSON.stringify(outcome.message)}`);
        const now = await hashTree(target.dir);
        if (JSON.stringify(now) !== JSON.stringify(target.tree)) await fail(`the library changed although the import failed (${outcome.message})`);
      } else {
        imported++;
        // What was imported must read back; then start this library afresh.
        try {
          for (const s of target.lib.listSnapshots()) await target.lib.listAnnotations(s.id, { includeDeleted: true });
          if (!(await verifyBundle(path)).ok) await fail('imported a bundle that verifyBundle rejects');
        } catch (e) {
          await fail(`the library does not read back after the import: ${(e as Error).message}`);
        }
        await target.lib.close();
        await rm(target.dir, { recursive: true, force: true });
        targets[t] = await fresh(target.name);
      }
    }
  } finally {
    for (const t of targets) await t.lib.close().catch(() => undefined);
  }
  return { failures, imported, refused, mutations };
}

export const describeFailure = (f: Failure) => `case ${f.index} (${f.mutation}) into the ${f.library} library: ${f.problem} — bundle kept at ${f.bundle}`;
