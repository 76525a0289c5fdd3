/**
 * A REFI-QDA project (.qdpx: a zip holding project.qde, validated by Project.xsd, and each
 * article's canonical text as sources/<guid>.txt in UTF-8). Annotations become plain-text
 * selections coded with their tags and with their kind's code; their fields and comment go
 * into the selection's Description in readable text; links between annotations become
 * REFI Links. Deleted annotations do not travel.
 */
import { randomBytes } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { open, rename, stat, unlink } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import yazl from 'yazl';
import { GlossaError, type Annotation, type AnnotationFields, type CodeTag, type Snapshot, type Speaker } from '../model/index.js';
import { KIND_CODES, glossaCode, speakerGuid, tagCodes, tagGuid } from './codes.js';
import { withBlock, type Entry } from './described.js';
import { derivedGuid, guidFor, normaliseGuid } from './guid.js';
import { OffsetMap } from './offsets.js';
import { GLOSSA_ORIGIN } from './qdc.js';
import { renderXml, type XmlNode } from './xml.js';

export const PROJECT_NS = 'urn:QDA-XML:project:1.0';
export const PROJECT_MEMBER = 'project.qde';

export interface QdpxInput {
  snapshots: { snapshot: Snapshot; text: string }[];
  annotations: Annotation[];
  codebook: CodeTag[];
  speakers: Speaker[];
  user?: { name: string; guid?: string };
  /** The project's name in the QDA tool; "Glossa export" when absent. */
  name?: string;
  /** Creation time written into the project (ISO); now when absent. */
  now?: string;
}

export interface QdpxWriteReport {
  bytes: number;
  sources: number;
  /** Annotations written as selections. */
  selections: number;
  /** Codes written: tags, speakers and Glossa's own. */
  codes: number;
  /** Annotations or links that could not be written, each with the reason. */
  problems: string[];
}

/** Field labels in the order they are written (and read back: project-read.ts). */
export const FIELD_LABELS: readonly (readonly [keyof AnnotationFields, string])[] = [
  ['speaker', 'Speaker'],
  ['speakerRole', 'Speaker role'],
  ['quoteType', 'Quote type'],
  ['cue', 'Cue'],
  ['claimant', 'Claimant'],
  ['verdict', 'Verdict'],
  ['evidenceNote', 'Evidence note'],
  ['evidence', 'Evidence'],
  ['checkworthiness', 'Check-worthiness'],
  ['value', 'Value'],
  ['unit', 'Unit'],
  ['qualifier', 'Qualifier'],
  ['measure', 'Measure'],
  ['period', 'Period'],
];

const DATE_TIME = /^-?\d{4,}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})?$/;
/** xsd:dateTime or nothing: a value the schema refuses would make the whole project invalid. */
const when = (iso: string | null | undefined) => (iso && DATE_TIME.test(iso) ? iso : undefined);

/** A short selection name, as ATLAS.ti shows quotations: the text itself, cut at 100 characters. */
function selectionName(exact: string): string {
  const flat = exact.replace(/\s+/g, ' ').trim();
  const chars = [...flat];
  return chars.length > 100 ? `${chars.slice(0, 100).join('')}…` : flat;
}

function fieldEntries(a: Annotation, speakers: Map<string, Speaker>): Entry[] {
  const out: Entry[] = [];
  for (const [key, label] of FIELD_LABELS) {
    const value = a.fields[key];
    if (value === null || value === undefined) continue;
    if (key === 'evidence') {
      for (const e of a.fields.evidence ?? []) out.push([label, JSON.stringify(e)]);
    } else if (key === 'speaker') {
      out.push([label, speakers.get(value as string)?.name ?? (value as string)]);
    } else {
      out.push([label, String(value)]);
    }
  }
  if (a.origin.type === 'suggested') {
    out.push(['Suggested by', a.origin.detector ?? 'a detector']);
    if (a.origin.accepted !== null) out.push(['Accepted', a.origin.accepted ? 'yes' : 'no']);
  }
  return out;
}

function articleDescription(s: Snapshot): string {
  const entries: Entry[] = [];
  const add = (label: string, v: string | null) => v && entries.push([label, v]);
  add('URL', s.sourceUrl);
  add('Site', s.siteName);
  add('Byline', s.byline);
  add('Published', s.publishedAt);
  add('Captured', s.capturedAt);
  add('File', s.sourceFile);
  return withBlock(s.description ?? '', 'article', entries);
}

export interface BuiltProject {
  xml: string;
  /** Zip member name → text, one per article. */
  sources: Map<string, string>;
  selections: number;
  codes: number;
  problems: string[];
}

const countCodes = (nodes: readonly (XmlNode | null | undefined | false)[]): number =>
  nodes.reduce((n, c) => (c && c.name === 'Code' ? n + 1 + countCodes(c.children ?? []) : n), 0);

/** The project.qde text and the source files to put beside it; pure (no I/O). */
export function buildProject(input: QdpxInput): BuiltProject {
  const now = input.now ?? new Date().toISOString();
  const problems: string[] = [];
  const userName = input.user?.name?.trim() || 'Glossa';
  const user = normaliseGuid(input.user?.guid) ?? derivedGuid(`user:${input.user?.guid ?? userName}`);
  const speakers = new Map(input.speakers.map((s) => [s.id, s]));
  const tagIds = new Set(input.codebook.map((t) => t.id));
  const snapshotIds = new Set(input.snapshots.map((s) => s.snapshot.id));
  const selectionGuid = (id: string) => guidFor('annotation', id);

  const live = input.annotations.filter((a) => a.deletedAt === null);
  const bySnapshot = new Map<string, Annotation[]>();
  for (const a of live) {
    if (!snapshotIds.has(a.snapshotId)) {
      problems.push(`Annotation ${a.id} belongs to snapshot ${a.snapshotId}, which is not in this export; it was left out.`);
      continue;
    }
    const list = bySnapshot.get(a.snapshotId);
    if (list) list.push(a);
    else bySnapshot.set(a.snapshotId, [a]);
  }

  const written = new Set<string>();
  const sources = new Map<string, string>();
  const sourceNodes: XmlNode[] = [];
  for (const { snapshot: s, text } of input.snapshots) {
    const guid = guidFor('snapshot', s.id);
    const file = `${guid}.txt`;
    if (sources.has(`sources/${file}`)) {
      problems.push(`Snapshot ${s.id} was given twice; it was written once.`);
      continue;
    }
    sources.set(`sources/${file}`, text);
    const map = new OffsetMap(text);
    const selections: XmlNode[] = [];
    const annotations = [...(bySnapshot.get(s.id) ?? [])].sort((x, y) => x.target.position.start - y.target.position.start || x.target.position.end - y.target.position.end);
    for (const a of annotations) {
      const { start, end } = a.target.position;
      const from = map.toCodePoint(start);
      const to = map.toCodePoint(end);
      if (from === null || to === null || to <= from) {
        problems.push(`Annotation ${a.id} spans ${start}–${end}, which is not a span of whole characters in "${s.title}"; it was left out.`);
        continue;
      }
      if (text.slice(start, end) !== a.target.quote.exact) {
        problems.push(`Annotation ${a.id} no longer matches the text of "${s.title}" at ${start}–${end}; it was left out.`);
        continue;
      }
      const guid = selectionGuid(a.id);
      const codes: string[] = [];
      if (a.kind !== 'note') codes.push(KIND_CODES[a.kind].guid);
      if (a.fields.speaker && speakers.has(a.fields.speaker)) codes.push(speakerGuid(a.fields.speaker));
      for (const tag of a.tags) {
        if (tagIds.has(tag)) codes.push(tagGuid(tag));
        else problems.push(`Annotation ${a.id} has tag ${tag}, which is not in the codebook; that coding was left out.`);
      }
      const description = withBlock(a.comment, a.kind, fieldEntries(a, speakers));
      selections.push({
        name: 'PlainTextSelection',
        attrs: {
          guid,
          name: selectionName(a.target.quote.exact),
          startPosition: from,
          endPosition: to,
          creatingUser: user,
          creationDateTime: when(a.createdAt),
          modifyingUser: user,
          modifiedDateTime: when(a.updatedAt),
        },
        children: [
          description ? { name: 'Description', text: description } : null,
          ...[...new Set(codes)].map((code) => ({
            name: 'Coding',
            attrs: { guid: derivedGuid(`coding:${guid}:${code}`), creatingUser: user, creationDateTime: when(a.updatedAt) },
            children: [{ name: 'CodeRef', attrs: { targetGUID: code } }],
          })),
        ],
      });
      written.add(a.id);
    }
    const description = articleDescription(s);
    sourceNodes.push({
      name: 'TextSource',
      attrs: {
        guid,
        name: s.title.trim() || s.sourceFile || 'Untitled article',
        plainTextPath: `internal://${file}`,
        creatingUser: user,
        creationDateTime: when(s.capturedAt),
      },
      children: [description ? { name: 'Description', text: description } : null, ...selections],
    });
  }

  const links: XmlNode[] = [];
  for (const a of live) {
    if (!written.has(a.id)) continue;
    for (const link of a.links) {
      if (!written.has(link.annotationId)) {
        problems.push(`Annotation ${a.id} links (${link.rel}) to ${link.annotationId}, which is not in this export; the link was left out.`);
        continue;
      }
      const origin = selectionGuid(a.id);
      const target = selectionGuid(link.annotationId);
      links.push({
        name: 'Link',
        attrs: { guid: derivedGuid(`link:${origin}:${link.rel}:${target}`), name: link.rel, direction: 'OneWay', originGUID: origin, targetGUID: target },
      });
    }
  }

  const codeNodes = [...tagCodes(input.codebook), glossaCode(input.speakers)];
  const xml = renderXml({
    name: 'Project',
    attrs: {
      xmlns: PROJECT_NS,
      name: input.name?.trim() || 'Glossa export',
      origin: GLOSSA_ORIGIN,
      creatingUserGUID: user,
      creationDateTime: when(now),
      modifyingUserGUID: user,
      modifiedDateTime: when(now),
    },
    children: [
      { name: 'Users', children: [{ name: 'User', attrs: { guid: user, name: userName } }] },
      { name: 'CodeBook', children: [{ name: 'Codes', children: codeNodes }] },
      sourceNodes.length > 0 ? { name: 'Sources', children: sourceNodes } : null,
      links.length > 0 ? { name: 'Links', children: links } : null,
      {
        name: 'Description',
        text:
          'Exported from Glossa. Codes under "Glossa" mark the kind of each annotation (Quote, Claim, Figure) and, under "Speakers", who is quoted. ' +
          "Each selection's description ends with its Glossa fields in a [Glossa …] block.",
      },
    ],
  });
  return { xml, sources, selections: written.size, codes: countCodes(codeNodes), problems };
}

/**
 * Writes the .qdpx. The file appears at `outPath` only when complete (temp file, fsync,
 * rename); a failure leaves nothing behind.
 */
export async function writeQdpx(input: QdpxInput, outPath: string): Promise<QdpxWriteReport> {
  const built = buildProject(input);
  const stamp = new Date(input.now ?? Date.now());
  const mtime = Number.isNaN(stamp.getTime()) ? new Date() : stamp;
  const zip = new yazl.ZipFile();
  zip.addBuffer(Buffer.from(built.xml, 'utf8'), PROJECT_MEMBER, { mtime });
  for (const [member, text] of built.sources) zip.addBuffer(Buffer.from(text, 'utf8'), member, { mtime });
  zip.end();
  const tmp = join(dirname(outPath), `.${basename(outPath)}.${randomBytes(6).toString('hex')}.part`);
  const out = createWriteStream(tmp, { flags: 'wx' });
  try {
    await pipeline(zip.outputStream, out);
    const handle = await open(tmp, 'r+');
    try {
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(tmp, outPath);
  } catch (e) {
    if (!out.closed) await new Promise<void>((resolve) => out.once('close', () => resolve()));
    await unlink(tmp).catch(() => undefined);
    throw new GlossaError('WRITE_FAILED', `Could not write the REFI-QDA project to ${outPath}: ${(e as Error).message}. Choose a folder you can write to.`);
  }
  return { bytes: (await stat(outPath)).size, sources: built.sources.size, selections: built.selections, codes: built.codes, problems: built.problems };
}
