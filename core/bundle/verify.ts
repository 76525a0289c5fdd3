import { GlossaError } from '../model/index.js';
import {
  ANNOTATIONS_CSV,
  ANNOTATIONS_JSONLD,
  CODEBOOK,
  FORMAT_NAME,
  FORMAT_VERSION,
  ARTICLES,
  COLLECTIONS,
  HISTORY,
  MANIFEST,
  Manifest,
  SPEAKERS,
  parseMemberPath,
  snapshotMember,
  htmlMember,
  textMember,
  unsafeNameReason,
  type BundleLimits,
  type FormatVersion,
  type MemberRole,
} from './format.js';
import { checkContent, parseJson, type VerifiedBundle } from './content.js';
import { BundleFault, problem, type BundleProblem } from './problems.js';
import { SafeZip } from './zip-reader.js';

export { type VerifiedBundle } from './content.js';

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
  /** Aborting stops the hashing with GlossaError CANCELLED. */
  signal?: AbortSignal;
}

const REQUIRED_TOP = [ANNOTATIONS_JSONLD, ANNOTATIONS_CSV, CODEBOOK, SPEAKERS];
const short = (h: string) => h.slice(0, 12);
const bytes = (n: number) => `${n} byte${n === 1 ? '' : 's'}`;

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

    const kept = await hashMembers(zip, manifest, roles, problems, opts.onMember, opts.keepBlobBytes ?? 0, opts.signal);
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
    problems.push(
      problem(MANIFEST, `The bundle has no ${MANIFEST}, so it is not a Glossa bundle (or it was repacked by another program). Export it again from Glossa.`),
    );
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
  const version: FormatVersion = manifest.version;
  for (const name of Object.keys(manifest.files)) {
    const unsafe = unsafeNameReason(name);
    const role = unsafe ? null : parseMemberPath(name, version);
    if (name === MANIFEST || !role) {
      problems.push(problem(name, `${MANIFEST} lists "${name}", which is not a member a version ${version} bundle can have.`));
      continue;
    }
    roles.set(name, role);
    if (!zip.members.has(name))
      problems.push(
        problem(
          name,
          `Bundle member "${name}" is listed in the manifest but missing from the archive; the bundle is incomplete. Ask the sender to export it again.`,
        ),
      );
  }
  for (const name of zip.members.keys()) {
    if (name !== MANIFEST && !(name in manifest.files)) {
      problems.push(problem(name, `Bundle member "${name}" is not listed in the manifest; something was added to the bundle after Glossa wrote it.`));
    }
  }
  const required = [...REQUIRED_TOP, ...(version >= 2 ? [HISTORY] : []), ...(version >= 3 ? [ARTICLES, COLLECTIONS] : [])];
  for (const name of required) {
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
const KEEP = new Set<MemberRole['role']>(['snapshot', 'text', 'jsonld', 'codebook', 'speakers', 'history', 'articles', 'collections']);
const BLOB = new Set<MemberRole['role']>(['html', 'original', 'asset']);

async function hashMembers(
  zip: SafeZip,
  manifest: Manifest,
  roles: Map<string, MemberRole>,
  problems: BundleProblem[],
  onMember: ((done: number, total: number) => void) | undefined,
  blobBudget: number,
  signal: AbortSignal | undefined,
): Promise<Map<string, Buffer>> {
  const kept = new Map<string, Buffer>();
  let blobBytes = 0;
  const names = [...roles.keys()];
  let done = 0;
  for (const name of names) {
    if (signal?.aborted) throw new GlossaError('CANCELLED', 'The import was cancelled; nothing in your library changed.');
    const expected = manifest.files[name]!;
    const declared = zip.members.get(name)!.entry.uncompressedSize;
    const mismatch = (what: string) =>
      problems.push(
        problem(
          name,
          `Bundle member "${name}" ${what}: it was changed or damaged after Glossa exported it. Ask the sender to export it again.`,
          'HASH_MISMATCH',
        ),
      );
    if (declared !== expected.size) {
      mismatch(`is ${bytes(declared)} but the manifest says ${bytes(expected.size)}`);
    } else {
      try {
        const role = roles.get(name)!.role;
        const keepBlob = BLOB.has(role) && blobBytes + expected.size <= blobBudget;
        if (keepBlob) blobBytes += expected.size;
        const read = await zip.read(name, { keep: KEEP.has(role) || keepBlob });
        if (read.sha256 !== expected.sha256)
          mismatch(`does not match its SHA-256 in the manifest (${short(read.sha256)}… instead of ${short(expected.sha256)}…)`);
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
