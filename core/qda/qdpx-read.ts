/**
 * Opens a .qdpx with the bundle reader's hostile-zip checks (core/bundle/zip-reader.ts),
 * reads project.qde and only the plain-text files it names inside "sources/". Paths
 * pointing outside the archive (relative://, absolute://) are never followed.
 */
import { unsafeNameReason } from '../bundle/format.js';
import { BundleFault } from '../bundle/problems.js';
import { SafeZip } from '../bundle/zip-reader.js';
import { GlossaError } from '../model/index.js';
import { decodeSourceText, decodeXmlBytes } from './decode.js';
import { interpretProject, textPaths, type QdpxRead, type SourceText } from './project-read.js';
import { PROJECT_MEMBER } from './project-write.js';
import { parseXml } from './xml.js';

/** Caps on what is read into memory; other members (media) are listed but never inflated. */
export interface QdpxLimits {
  maxProjectBytes: number;
  maxSourceBytes: number;
  maxTotalTextBytes: number;
}

export const DEFAULT_QDPX_LIMITS: QdpxLimits = {
  maxProjectBytes: 256 * 1024 * 1024,
  maxSourceBytes: 64 * 1024 * 1024,
  maxTotalTextBytes: 1024 * 1024 * 1024,
};

const mb = (n: number) => `${Math.round(n / (1024 * 1024))} MB`;
const bad = (path: string, detail: string) => new GlossaError('BAD_BUNDLE', `The REFI-QDA project ${path} cannot be imported: ${detail}`);

/** The zip member an internal:// path names, or why it cannot be read. */
function memberFor(plainTextPath: string): { member: string } | { missing: string } {
  const m = /^internal:\/\/(.*)$/i.exec(plainTextPath.trim());
  if (!m) {
    const scheme = /^([a-z]+):\/\//i.exec(plainTextPath)?.[1];
    return {
      missing: scheme
        ? `its text is a file outside the project (${scheme}://); Glossa reads only sources stored inside the .qdpx.`
        : `its text path "${plainTextPath.slice(0, 80)}" is not an internal:// path.`,
    };
  }
  const file = m[1]!;
  const member = `sources/${file}`;
  if (file.includes('/') || unsafeNameReason(member))
    return { missing: `its text path "${plainTextPath.slice(0, 80)}" does not name a file in the project's sources folder.` };
  return { member };
}

/**
 * Reads a .qdpx. Throws NOT_FOUND when there is no file, BAD_BUNDLE when it is not a usable
 * REFI-QDA project (not a zip, unsafe entries, no or malformed project.qde); everything it
 * could not carry is listed in `problems`.
 */
export async function readQdpx(path: string, opts: { now?: string; limits?: Partial<QdpxLimits> } = {}): Promise<QdpxRead> {
  const limits = { ...DEFAULT_QDPX_LIMITS, ...opts.limits };
  const now = opts.now ?? new Date().toISOString();
  let zip: SafeZip;
  try {
    // Media members may be large; none is inflated, so only the structural checks apply to them.
    zip = await SafeZip.open(path, { maxEntryBytes: Number.MAX_SAFE_INTEGER, maxTotalBytes: Number.MAX_SAFE_INTEGER });
  } catch (e) {
    if (e instanceof BundleFault) throw bad(path, e.message.replace(/Glossa bundle/g, 'REFI-QDA project'));
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') throw new GlossaError('NOT_FOUND', `There is no file at ${path}.`);
    throw new GlossaError('INVALID_INPUT', `${path} cannot be read: ${(e as Error).message}.`);
  }
  try {
    // Folder entries ("sources/") are common in zips other tools write, and harmless here: nothing is extracted by name.
    const fatal = zip.problems.filter((p) => !(p.member?.endsWith('/') && unsafeNameReason(p.member.slice(0, -1)) === null && /folder entry/.test(p.message)));
    if (fatal.length > 0) throw bad(path, `${fatal[0]!.message}${fatal.length > 1 ? ` (and ${fatal.length - 1} more problems)` : ''}`);

    const names = [...zip.members.keys()];
    const find = (name: string) => (zip.members.has(name) ? name : names.find((n) => n.toLowerCase() === name.toLowerCase()));
    const rootQde = names.filter((n) => !n.includes('/') && n.toLowerCase().endsWith('.qde'));
    const projectMember = find(PROJECT_MEMBER) ?? (rootQde.length === 1 ? rootQde[0] : undefined);
    if (!projectMember) throw bad(path, 'it has no project.qde, so it is not a REFI-QDA project (.qdpx).');

    const read = async (member: string, cap: number): Promise<Buffer> => {
      const size = zip.members.get(member)!.entry.uncompressedSize;
      if (size > cap) throw new GlossaError('TOO_LARGE', `${member} is ${mb(size)}, more than the ${mb(cap)} Glossa reads`);
      return (await zip.read(member, { keep: true })).bytes!;
    };

    let qde: Buffer;
    try {
      qde = await read(projectMember, limits.maxProjectBytes);
    } catch (e) {
      throw bad(path, `${(e as Error).message.replace(/\.$/, '')}.`);
    }
    const root = parseXml(decodeXmlBytes(qde, `${projectMember}`, 'BAD_BUNDLE'), `The project file ${projectMember}`, 'BAD_BUNDLE');

    const texts = new Map<string, SourceText>();
    let total = 0;
    for (const p of textPaths(root)) {
      const target = memberFor(p);
      if ('missing' in target) {
        texts.set(p, target);
        continue;
      }
      const member = find(target.member);
      if (!member) {
        texts.set(p, { missing: `its text file ${target.member} is missing from the .qdpx.` });
        continue;
      }
      try {
        const size = zip.members.get(member)!.entry.uncompressedSize;
        if (total + size > limits.maxTotalTextBytes)
          throw new Error(`the texts together pass the ${mb(limits.maxTotalTextBytes)} Glossa reads from one project`);
        const bytes = await read(member, limits.maxSourceBytes);
        total += bytes.length;
        texts.set(p, decodeSourceText(bytes));
      } catch (e) {
        // A damaged or crafted member condemns the archive; a text over the cap is just left out.
        if (e instanceof BundleFault) throw bad(path, e.message);
        texts.set(p, { missing: `its text file could not be read (${(e as Error).message.replace(/\.$/, '')}).` });
      }
    }
    return interpretProject(root, (p) => texts.get(p) ?? { missing: 'its text was not read.' }, now);
  } finally {
    zip.close();
  }
}
