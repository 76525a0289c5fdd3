import { Snapshot, type Annotation, type TextTarget } from '../model/index.js';
import { assertSpan, verifyTarget } from '../text/selectors.js';
import {
  ANNOTATIONS_CSV,
  ANNOTATIONS_JSONLD,
  CODEBOOK,
  FORMAT_NAME,
  FORMAT_VERSION,
  MANIFEST,
  Manifest,
  SPEAKERS,
  parseMemberPath,
  snapshotMember,
  htmlMember,
  textMember,
  unsafeNameReason,
  type BundleLimits,
  type Counts,
  type MemberRole,
} from './format.js';
import { annotationFromJsonLd, collectionItems } from './jsonld.js';
import { BundleFault, problem, type BundleProblem } from './problems.js';
import { SafeZip } from './zip-reader.js';

/** A snapshot of the bundle whose every member has been hashed and checked. */
export interface BundleSnapshot {
  snapshot: Snapshot;
  text: string;
  /** Members holding the snapshot's blobs, by hash: read again (and re-hashed) on import. */
  blobMembers: Map<string, string>;
}

export interface VerifiedBundle {
  manifest: Manifest;
  /** Verified bytes of blob members kept from the hashing pass (within InspectOptions.keepBlobBytes), by member name. */
  blobBytes: Map<string, Buffer>;
  snapshots: BundleSnapshot[];
  annotations: Annotation[];
  codebook: unknown[];
  speakers: unknown[];
}

export interface Inspection {
  /** Open only when the bundle is fully valid: importBundle reads blobs from it again. */
  zip: SafeZip | null;
  bundle: VerifiedBundle | null;
  problems: BundleProblem[];
  format: string | null;
  version: number | null;
  created: string | null;
  appVersion: string | null;
  memberCount: number;
}

export interface InspectOptions {
  limits?: Partial<BundleLimits>;
  /** Called once per member hashed. */
  onMember?: (done: number, total: number) => void;
  /**
   * Keep up to this many bytes of blob members (HTML, originals, assets) from the hashing
   * pass, so an import need not inflate them again. 0 (the default) keeps none.
   */
  keepBlobBytes?: number;
}

const REQUIRED_TOP = [ANNOTATIONS_JSONLD, ANNOTATIONS_CSV, CODEBOOK, SPEAKERS];
const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
const short = (h: string) => h.slice(0, 12);
const bytes = (n: number) => `${n} byte${n === 1 ? '' : 's'}`;

function parseJson(bytes: Buffer, member: string, problems: BundleProblem[]): unknown {
  try {
    return JSON.parse(utf8.decode(bytes));
  } catch (e) {
    problems.push(problem(member, `Bundle member "${member}" is not valid JSON (${(e as Error).message}); the bundle is damaged. Ask the sender to export it again.`));
    return undefined;
  }
}

/** Why a target does not anchor in the canonical text (the same rule as everywhere: verifyTarget), or null. */
export function anchorProblem(text: string, target: TextTarget): string | null {
  const { start, end } = target.position;
  try {
    assertSpan(text, start, end);
  } catch (e) {
    return (e as Error).message;
  }
  if (verifyTarget(text, target)) return null;
  const found = text.slice(start, end);
  const { exact } = target.quote;
  if (found !== exact) return `its exact text ${JSON.stringify(exact.slice(0, 40))} differs from the text at ${start}–${end}: ${JSON.stringify(found.slice(0, 40))}`;
  return 'its prefix or suffix does not match the text around it';
}

/**
 * Every check a bundle gets before anything is imported: archive structure, manifest,
 * membership, each member's size and SHA-256, JSON and schemas, content hashes and anchors.
 * Collects problems instead of stopping at the first, so `verify` can list them all.
 * Throws only when the file cannot be read at all (the fs error).
 */
export async function inspectBundle(path: string, opts: InspectOptions = {}): Promise<Inspection> {
  const out: Inspection = { zip: null, bundle: null, problems: [], format: null, version: null, created: null, appVersion: null, memberCount: 0 };
  const problems = out.problems;
  let zip: SafeZip;
  try {
    zip = await SafeZip.open(path, opts.limits);
  } catch (e) {
    if (e instanceof BundleFault) {
      problems.push(e.problem);
      return out;
    }
    throw e;
  }
  try {
    out.memberCount = zip.entryCount;
    // Nothing is read from a zip whose structure is suspect.
    if (zip.problems.length > 0) {
      problems.push(...zip.problems);
      return out;
    }
    const manifest = await readManifest(zip, out);
    if (!manifest) return out;

    const roles = checkMembership(zip, manifest, problems);
    if (problems.length > 0) return out;

    const kept = await hashMembers(zip, manifest, roles, problems, opts.onMember, opts.keepBlobBytes ?? 0);
    if (problems.length > 0) return out;

    const bundle = checkContent(manifest, roles, kept, problems);
    if (problems.length > 0 || !bundle) return out;
    out.bundle = bundle;
    out.zip = zip;
    return out;
  } finally {
    if (!out.zip) zip.close();
  }
}

async function readManifest(zip: SafeZip, out: Inspection): Promise<Manifest | null> {
  const problems = out.problems;
  if (!zip.members.has(MANIFEST)) {
    problems.push(problem(MANIFEST, `The bundle has no ${MANIFEST}, so it is not a Glossa bundle (or it was repacked by another program). Export it again from Glossa.`));
    return null;
  }
  let bytes: Buffer;
  try {
    bytes = (await zip.read(MANIFEST, { keep: true })).bytes!;
  } catch (e) {
    if (e instanceof BundleFault) problems.push(e.problem);
    else throw e;
    return null;
  }
  const raw = parseJson(bytes, MANIFEST, problems) as Record<string, unknown> | undefined;
  if (raw === undefined) return null;
  if (typeof raw !== 'object' || raw === null || raw.format !== FORMAT_NAME) {
    problems.push(problem(MANIFEST, `${MANIFEST} does not describe a Glossa bundle (its format is not "${FORMAT_NAME}").`));
    return null;
  }
  out.format = FORMAT_NAME;
  if (typeof raw.version !== 'number' || !Number.isInteger(raw.version) || raw.version < 1) {
    problems.push(problem(MANIFEST, `${MANIFEST} has no valid format version; the bundle is damaged.`));
    return null;
  }
  out.version = raw.version;
  if (typeof raw.created === 'string') out.created = raw.created;
  if (typeof raw.appVersion === 'string') out.appVersion = raw.appVersion;
  // Checked before the schema: a newer format may have a different manifest altogether.
  if (raw.version > FORMAT_VERSION) {
    problems.push(
      problem(
        MANIFEST,
        `This bundle was made by a newer Glossa (bundle format version ${raw.version}${out.appVersion ? `, Glossa ${out.appVersion}` : ''}); this Glossa reads format version ${FORMAT_VERSION}. Update Glossa to import it.`,
      ),
    );
    return null;
  }
  const parsed = Manifest.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    problems.push(problem(MANIFEST, `${MANIFEST} is malformed at "${issue.path.join('.')}": ${issue.message}. The bundle is damaged.`));
    return null;
  }
  return parsed.data;
}

function checkMembership(zip: SafeZip, manifest: Manifest, problems: BundleProblem[]): Map<string, MemberRole> {
  const roles = new Map<string, MemberRole>();
  for (const name of Object.keys(manifest.files)) {
    const unsafe = unsafeNameReason(name);
    const role = unsafe ? null : parseMemberPath(name);
    if (name === MANIFEST || !role) {
      problems.push(problem(name, `${MANIFEST} lists "${name}", which is not a member a version ${FORMAT_VERSION} bundle can have.`));
      continue;
    }
    roles.set(name, role);
    if (!zip.members.has(name)) problems.push(problem(name, `Bundle member "${name}" is listed in the manifest but missing from the archive; the bundle is incomplete. Ask the sender to export it again.`));
  }
  for (const name of zip.members.keys()) {
    if (name !== MANIFEST && !(name in manifest.files)) {
      problems.push(problem(name, `Bundle member "${name}" is not listed in the manifest; something was added to the bundle after Glossa wrote it.`));
    }
  }
  for (const name of REQUIRED_TOP) {
    if (!(name in manifest.files)) problems.push(problem(name, `The bundle has no ${name}; it is incomplete. Ask the sender to export it again.`));
  }
  const ids = new Set([...roles.values()].flatMap((r) => ('snapshotId' in r ? [r.snapshotId] : [])));
  for (const id of ids) {
    for (const name of [snapshotMember(id), textMember(id), htmlMember(id)]) {
      if (!(name in manifest.files)) problems.push(problem(name, `Snapshot ${id} has no ${name.split('/').pop()} in the bundle; it is incomplete.`));
    }
  }
  return roles;
}

/** Members parsed or checked after hashing: always kept. */
const KEEP = new Set<MemberRole['role']>(['snapshot', 'text', 'jsonld', 'codebook', 'speakers']);
const BLOB = new Set<MemberRole['role']>(['html', 'original', 'asset']);

async function hashMembers(
  zip: SafeZip,
  manifest: Manifest,
  roles: Map<string, MemberRole>,
  problems: BundleProblem[],
  onMember: ((done: number, total: number) => void) | undefined,
  blobBudget: number,
): Promise<Map<string, Buffer>> {
  const kept = new Map<string, Buffer>();
  let blobBytes = 0;
  const names = [...roles.keys()];
  let done = 0;
  for (const name of names) {
    const expected = manifest.files[name]!;
    const declared = zip.members.get(name)!.entry.uncompressedSize;
    const mismatch = (what: string) =>
      problems.push(
        problem(name, `Bundle member "${name}" ${what}: it was changed or damaged after Glossa exported it. Ask the sender to export it again.`, 'HASH_MISMATCH'),
      );
    if (declared !== expected.size) {
      mismatch(`is ${bytes(declared)} but the manifest says ${bytes(expected.size)}`);
    } else {
      try {
        const role = roles.get(name)!.role;
        const keepBlob = BLOB.has(role) && blobBytes + expected.size <= blobBudget;
        if (keepBlob) blobBytes += expected.size;
        const read = await zip.read(name, { keep: KEEP.has(role) || keepBlob });
        if (read.sha256 !== expected.sha256) mismatch(`does not match its SHA-256 in the manifest (${short(read.sha256)}… instead of ${short(expected.sha256)}…)`);
        else if (read.bytes) kept.set(name, read.bytes);
      } catch (e) {
        if (!(e instanceof BundleFault)) throw e;
        // A member that cannot be inflated within the caps: the archive is hostile or broken, stop reading it.
        problems.push(e.problem);
        return kept;
      }
    }
    onMember?.(++done, names.length);
  }
  return kept;
}

function checkContent(manifest: Manifest, roles: Map<string, MemberRole>, kept: Map<string, Buffer>, problems: BundleProblem[]): VerifiedBundle | null {
  const snapshots = new Map<string, BundleSnapshot>();
  const digest = (name: string) => manifest.files[name]!.sha256;

  // Group members per snapshot, in manifest order.
  const groups = new Map<string, { original?: string; assets: string[] }>();
  for (const [name, role] of roles) {
    if (!('snapshotId' in role)) continue;
    const g = groups.get(role.snapshotId) ?? { assets: [] };
    groups.set(role.snapshotId, g);
    if (role.role === 'original') {
      if (g.original) problems.push(problem(name, `Snapshot ${role.snapshotId} has two original files in the bundle.`));
      g.original = name;
    }
    if (role.role === 'asset') g.assets.push(name);
  }

  for (const [id, group] of groups) {
    const where = snapshotMember(id);
    const json = parseJson(kept.get(where)!, where, problems);
    if (json === undefined) continue;
    const parsed = Snapshot.safeParse(json);
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      problems.push(problem(where, `${where} is not a valid snapshot ("${issue.path.join('.')}": ${issue.message}).`));
      continue;
    }
    const snapshot = parsed.data;
    const bad = (message: string, code: BundleProblem['code'] = 'BAD_BUNDLE') => problems.push(problem(where, message, code));
    if (snapshot.id !== id) {
      bad(`${where} describes snapshot ${snapshot.id}, not ${id}.`);
      continue;
    }
    const textName = textMember(id);
    if (digest(textName) !== snapshot.textHash) {
      problems.push(
        problem(textName, `The canonical text of snapshot ${id} does not hash to its textHash (${short(snapshot.textHash)}…); every annotation offset depends on it, so the bundle was refused.`, 'HASH_MISMATCH'),
      );
      continue;
    }
    let text: string;
    try {
      text = utf8.decode(kept.get(textName)!);
    } catch {
      problems.push(problem(textName, `The canonical text of snapshot ${id} is not valid UTF-8.`));
      continue;
    }
    if (digest(htmlMember(id)) !== snapshot.htmlHash) bad(`The article HTML of snapshot ${id} does not hash to its htmlHash.`, 'HASH_MISMATCH');
    const blobMembers = new Map<string, string>([
      [snapshot.textHash, textName],
      [snapshot.htmlHash, htmlMember(id)],
    ]);
    if (snapshot.originalHash === null) {
      if (group.original) bad(`Snapshot ${id} records no original file, but the bundle has ${group.original}.`);
    } else if (!group.original) {
      bad(`Snapshot ${id} records an original file (${short(snapshot.originalHash)}…) that is not in the bundle.`);
    } else if (digest(group.original) !== snapshot.originalHash) {
      bad(`The original file of snapshot ${id} does not hash to its originalHash.`, 'HASH_MISMATCH');
    } else blobMembers.set(snapshot.originalHash, group.original);
    const assetsByHash = new Map<string, string>();
    for (const name of group.assets) {
      const role = roles.get(name) as Extract<MemberRole, { role: 'asset' }>;
      if (digest(name) !== role.hash) bad(`Asset ${name} does not hash to the hash in its name.`, 'HASH_MISMATCH');
      assetsByHash.set(role.hash, name);
    }
    for (const hash of snapshot.assetHashes) {
      const name = assetsByHash.get(hash);
      if (!name) bad(`Snapshot ${id} uses asset ${short(hash)}…, which is not in the bundle.`);
      else blobMembers.set(hash, name);
    }
    for (const hash of assetsByHash.keys()) if (!snapshot.assetHashes.includes(hash)) bad(`The bundle has asset ${short(hash)}… that snapshot ${id} does not use.`);
    if (snapshot.blocks.some((b) => b.start > b.end || b.end > text.length)) bad(`Snapshot ${id} has text blocks outside its canonical text.`);
    snapshots.set(id, { snapshot, text, blobMembers });
  }

  const annotations = checkAnnotations(kept.get(ANNOTATIONS_JSONLD)!, snapshots, problems);

  const lists: Record<string, unknown[]> = {};
  for (const name of [CODEBOOK, SPEAKERS]) {
    const value = parseJson(kept.get(name)!, name, problems);
    if (value !== undefined && !Array.isArray(value)) problems.push(problem(name, `${name} must hold a JSON array.`));
    lists[name] = Array.isArray(value) ? value : [];
  }

  if (annotations) {
    const actual: Counts = {
      snapshots: snapshots.size,
      annotations: annotations.filter((a) => a.deletedAt === null).length,
      tombstones: annotations.filter((a) => a.deletedAt !== null).length,
    };
    for (const key of ['snapshots', 'annotations', 'tombstones'] as const) {
      if (actual[key] !== manifest.counts[key]) {
        problems.push(problem(MANIFEST, `${MANIFEST} counts ${manifest.counts[key]} ${key} but the bundle holds ${actual[key]}; the bundle is inconsistent.`));
      }
    }
  }
  if (problems.length > 0 || !annotations) return null;
  const blobBytes = new Map<string, Buffer>();
  for (const [name, bytes] of kept) if (BLOB.has(roles.get(name)!.role) || roles.get(name)!.role === 'text') blobBytes.set(name, bytes);
  return { manifest, blobBytes, snapshots: [...snapshots.values()], annotations, codebook: lists[CODEBOOK]!, speakers: lists[SPEAKERS]! };
}

function checkAnnotations(bytes: Buffer, snapshots: Map<string, BundleSnapshot>, problems: BundleProblem[]): Annotation[] | null {
  const doc = parseJson(bytes, ANNOTATIONS_JSONLD, problems);
  if (doc === undefined) return null;
  let items: unknown[];
  try {
    items = collectionItems(doc);
  } catch (e) {
    problems.push(problem(ANNOTATIONS_JSONLD, `${ANNOTATIONS_JSONLD} is ${(e as Error).message}.`));
    return null;
  }
  const out: Annotation[] = [];
  const seen = new Set<string>();
  const before = problems.length;
  items.forEach((item, i) => {
    const label = `annotation #${i + 1}${typeof (item as { id?: unknown })?.id === 'string' ? ` (${(item as { id: string }).id})` : ''}`;
    const bad = (message: string) => problems.push(problem(ANNOTATIONS_JSONLD, `In ${ANNOTATIONS_JSONLD}, ${label} ${message}.`));
    let a: Annotation;
    try {
      a = annotationFromJsonLd(item);
    } catch (e) {
      return bad(`is not a valid Glossa annotation: ${(e as Error).message}`);
    }
    if (seen.has(a.id)) return bad('appears twice');
    seen.add(a.id);
    const snap = snapshots.get(a.snapshotId);
    if (!snap) return bad(`belongs to snapshot ${a.snapshotId}, which is not in the bundle`);
    const anchor = anchorProblem(snap.text, a.target);
    if (anchor) return bad(`does not match the canonical text of snapshot ${a.snapshotId}: ${anchor}`);
    out.push(a);
  });
  return problems.length === before ? out : null;
}

