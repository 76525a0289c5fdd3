/**
 * The codebook as a REFI-QDA codebook file (.qdc, Codebook.xsd). What REFI cannot hold:
 * a tag's shortcut key travels in a "[Glossa tag]" block of its Description (see
 * described.ts); created/updated times do not travel (REFI codes have none), so an import
 * stamps them with `now`.
 */
import { readFile, stat } from 'node:fs/promises';
import pkg from '../../package.json' with { type: 'json' };
import { GlossaError, type CodeTag } from '../model/index.js';
import { readCodes, tagCodes } from './codes.js';
import { decodeXmlBytes } from './decode.js';
import { childNamed, childrenNamed, parseXml, renderXml } from './xml.js';

export const CODEBOOK_NS = 'urn:QDA-XML:codebook:1.0';
export const GLOSSA_ORIGIN = `Glossa ${pkg.version}`;
/** Larger than any real codebook by far; keeps a hostile file from filling memory. */
export const MAX_QDC_BYTES = 32 * 1024 * 1024;

/** A .qdc document for these tags. Throws INVALID_INPUT for an empty codebook (REFI requires at least one code). */
export function codebookToQdc(tags: readonly CodeTag[], opts: { origin?: string } = {}): string {
  if (tags.length === 0) {
    throw new GlossaError('INVALID_INPUT', 'The codebook is empty, and a REFI-QDA codebook must hold at least one code. Add a tag first.');
  }
  return renderXml({
    name: 'CodeBook',
    attrs: { xmlns: CODEBOOK_NS, origin: opts.origin ?? GLOSSA_ORIGIN },
    children: [{ name: 'Codes', children: tagCodes(tags) }],
  });
}

/**
 * Tags from a .qdc document (or the codebook of a project.qde). Bad codes are skipped or
 * repaired and listed in `problems`; a document that is not a REFI codebook at all throws
 * INVALID_INPUT.
 */
export function qdcToCodebook(xml: string, now: string = new Date().toISOString()): { tags: CodeTag[]; problems: string[] } {
  if (xml.length > MAX_QDC_BYTES) {
    throw new GlossaError(
      'INVALID_INPUT',
      `The codebook file is larger than ${MAX_QDC_BYTES / (1024 * 1024)} MB, far more than any codebook; it was not read.`,
    );
  }
  const root = parseXml(xml, 'The codebook file', 'INVALID_INPUT');
  let codebook = root;
  if (root.name === 'Project') {
    const inner = childNamed(root, 'CodeBook');
    if (!inner) throw new GlossaError('INVALID_INPUT', 'This REFI-QDA project has no codebook to import.');
    codebook = inner;
  } else if (root.name !== 'CodeBook') {
    throw new GlossaError('INVALID_INPUT', `This is not a REFI-QDA codebook: its root element is <${root.name}>, not <CodeBook>. Choose a .qdc file.`);
  }
  const problems: string[] = [];
  const codes = childNamed(codebook, 'Codes');
  if (!codes) problems.push('The codebook has no <Codes> element; there was nothing to import.');
  const read = readCodes(codes, now, problems);
  const sets = childrenNamed(childNamed(codebook, 'Sets') ?? codebook, 'Set').length;
  if (sets > 0) problems.push(`${sets} code set${sets === 1 ? '' : 's'} (groups of codes) are not carried: Glossa has no code sets.`);
  if (read.speakers.length > 0)
    problems.push(
      `${read.speakers.length} speaker code${read.speakers.length === 1 ? ' was' : 's were'} not imported as tags; import the whole project (.qdpx) to bring speakers in.`,
    );
  return { tags: read.tags, problems };
}

/** Reads a .qdc file from disk (UTF-8 or UTF-16 with a byte order mark) and imports it. */
export async function readQdc(path: string, now?: string): Promise<{ tags: CodeTag[]; problems: string[] }> {
  let size: number;
  try {
    size = (await stat(path)).size;
  } catch {
    throw new GlossaError('NOT_FOUND', `There is no codebook file at ${path}.`);
  }
  if (size > MAX_QDC_BYTES)
    throw new GlossaError('TOO_LARGE', `${path} is larger than ${MAX_QDC_BYTES / (1024 * 1024)} MB, far more than any codebook; it was not read.`);
  return qdcToCodebook(decodeXmlBytes(await readFile(path), 'The codebook file', 'INVALID_INPUT'), now);
}
