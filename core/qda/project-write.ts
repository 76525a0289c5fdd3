/**
 * A REFI-QDA project (.qdpx: a zip holding project.qde, validated by Project.xsd, and each
 * article's canonical text as sources/<guid>.txt in UTF-8). Annotations become plain-text
 * selections coded with their tags and with their kind's code; their fields and comment go
 * into the selection's Description in readable text; links between annotations become
 * REFI Links. Figures tagged on an image become PictureSelections (in pixels) on a
 * PictureSource holding the image, when its bytes are given and its size can be read;
 * otherwise a Note on the article's TextSource says what they were. Deleted annotations do not travel.
 */
import { stat } from 'node:fs/promises';
import yazl from 'yazl';
import { describeRect } from '../anchor/image.js';
import { type Annotation, type AnnotationFields, type CodeTag, type ImageRect, type Snapshot, type Speaker } from '../model/index.js';
import { KIND_CODES, glossaCode, speakerGuid, tagCodes, tagGuid } from './codes.js';
import { withBlock, type Entry } from './described.js';
import { derivedGuid, guidFor, normaliseGuid } from './guid.js';
import { extensionOf, imageSize, type ImageSize } from './image-size.js';
import { OffsetMap } from './offsets.js';
import { GLOSSA_ORIGIN } from './qdc.js';
import { renderXml, type XmlNode } from './xml.js';
import { writeFileDurable } from '../store/durable-file.js';

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
  /** Bytes of the images figures are tagged on, by SHA-256: they travel as picture sources. */
  images?: ReadonlyMap<string, Uint8Array>;
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
  /** Zip member name → bytes, one per image a figure is tagged on. */
  pictures: Map<string, Uint8Array>;
  selections: number;
  codes: number;
  problems: string[];
}

/** A selection's corners in pixels: the area's fractions of the image's size, at least one pixel each way. */
export function pixelBox(rect: ImageRect | null, size: ImageSize): { firstX: number; firstY: number; secondX: number; secondY: number } {
  const r = rect ?? { x: 0, y: 0, w: 1, h: 1 };
  const clamp = (v: number, max: number) => Math.min(max, Math.max(0, Math.round(v)));
  const firstX = Math.min(clamp(r.x * size.width, size.width), size.width - 1);
  const firstY = Math.min(clamp(r.y * size.height, size.height), size.height - 1);
  return {
    firstX,
    firstY,
    secondX: Math.max(firstX + 1, clamp((r.x + r.w) * size.width, size.width)),
    secondY: Math.max(firstY + 1, clamp((r.y + r.h) * size.height, size.height)),
  };
}

const kindName = (a: Annotation) => (a.kind === 'note' ? 'Note' : KIND_CODES[a.kind].name);

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
  const pictures = new Map<string, Uint8Array>();
  const sourceNodes: XmlNode[] = [];
  const noteNodes: XmlNode[] = [];
  const codingsOf = (a: Annotation, guid: string): XmlNode[] => {
    const codes: string[] = [];
    if (a.kind !== 'note') codes.push(KIND_CODES[a.kind].guid);
    if (a.fields.speaker && speakers.has(a.fields.speaker)) codes.push(speakerGuid(a.fields.speaker));
    for (const tag of a.tags) {
      if (tagIds.has(tag)) codes.push(tagGuid(tag));
      else problems.push(`Annotation ${a.id} has tag ${tag}, which is not in the codebook; that coding was left out.`);
    }
    return [...new Set(codes)].map((code) => ({
      name: 'Coding',
      attrs: { guid: derivedGuid(`coding:${guid}:${code}`), creatingUser: user, creationDateTime: when(a.updatedAt) },
      children: [{ name: 'CodeRef', attrs: { targetGUID: code } }],
    }));
  };
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
    const all = [...(bySnapshot.get(s.id) ?? [])].sort(
      (x, y) => x.target.position.start - y.target.position.start || x.target.position.end - y.target.position.end,
    );
    const annotations = all.filter((a) => !a.target.image);
    const onImages = all.filter((a) => a.target.image);
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
        children: [description ? { name: 'Description', text: description } : null, ...codingsOf(a, guid)],
      });
      written.add(a.id);
    }
    const pictureNodes: XmlNode[] = [];
    const noteRefs: XmlNode[] = [];
    for (const hash of new Set(onImages.map((a) => a.target.image!.hash))) {
      const figures = onImages.filter((a) => a.target.image!.hash === hash);
      const image = s.images.find((i) => i.hash === hash);
      const bytes = input.images?.get(hash);
      const size = bytes ? imageSize(bytes) : null;
      const label = image?.caption?.trim() || image?.alt?.trim() || `Image ${hash.slice(0, 12)}`;
      if (image && bytes && size) {
        const pictureGuid = derivedGuid(`picture:${s.id}:${hash}`);
        const member = `${pictureGuid}.${extensionOf(image.mediaType)}`;
        pictures.set(`sources/${member}`, bytes);
        const selections: XmlNode[] = figures.map((a) => {
          const guid = selectionGuid(a.id);
          const description = withBlock(a.comment, a.kind, fieldEntries(a, speakers));
          written.add(a.id);
          return {
            name: 'PictureSelection',
            attrs: {
              guid,
              name: selectionName(`${kindName(a)}: ${label}`),
              ...pixelBox(a.target.image!.rect, size),
              creatingUser: user,
              creationDateTime: when(a.createdAt),
              modifyingUser: user,
              modifiedDateTime: when(a.updatedAt),
            },
            children: [description ? { name: 'Description', text: description } : null, ...codingsOf(a, guid)],
          };
        });
        const entries: Entry[] = [
          ['Article', s.title],
          ['SHA-256', hash],
          ['Size', `${size.width}×${size.height} pixels`],
        ];
        if (image.alt) entries.push(['Alt text', image.alt]);
        pictureNodes.push({
          name: 'PictureSource',
          attrs: { guid: pictureGuid, name: label, path: `internal://${member}`, creatingUser: user, creationDateTime: when(s.capturedAt) },
          children: [{ name: 'Description', text: withBlock(image.caption ?? '', 'image', entries) }, ...selections],
        });
        continue;
      }
      // No bytes or no readable size: REFI-QDA has no place for them but a note on the article.
      const why = !image
        ? 'the article has no such image'
        : !bytes
          ? 'its bytes were not given'
          : `its size could not be read from its ${image.mediaType} header`;
      for (const a of figures) {
        const guid = derivedGuid(`image-note:${a.id}`);
        const lines = [`${kindName(a)} on ${label} (${describeRect(a.target.image!.rect)}; image SHA-256 ${hash})`];
        noteNodes.push({
          name: 'Note',
          attrs: {
            guid,
            name: selectionName(lines[0]!),
            creatingUser: user,
            creationDateTime: when(a.createdAt),
            modifyingUser: user,
            modifiedDateTime: when(a.updatedAt),
          },
          children: [{ name: 'PlainTextContent', text: withBlock(`${lines[0]}\n\n${a.comment}`.trimEnd(), a.kind, fieldEntries(a, speakers)) }],
        });
        noteRefs.push({ name: 'NoteRef', attrs: { targetGUID: guid } });
        problems.push(`Annotation ${a.id} is tagged on an image of "${s.title}", but ${why}; it was written as a note on the article.`);
      }
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
      children: [description ? { name: 'Description', text: description } : null, ...selections, ...noteRefs],
    });
    sourceNodes.push(...pictureNodes);
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
      noteNodes.length > 0 ? { name: 'Notes', children: noteNodes } : null,
      links.length > 0 ? { name: 'Links', children: links } : null,
      {
        name: 'Description',
        text:
          'Exported from Glossa. Codes under "Glossa" mark the kind of each annotation (Quote, Claim, Figure) and, under "Speakers", who is quoted. ' +
          "Each selection's description ends with its Glossa fields in a [Glossa …] block.",
      },
    ],
  });
  return { xml, sources, pictures, selections: written.size, codes: countCodes(codeNodes), problems };
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
  // Pictures are compressed already.
  for (const [member, bytes] of built.pictures) zip.addBuffer(Buffer.from(bytes), member, { mtime, compress: false });
  zip.end();
  await writeFileDurable(outPath, async (out) => {
    for await (const chunk of zip.outputStream as AsyncIterable<Buffer>) await out.write(chunk);
  });
  return {
    bytes: (await stat(outPath)).size,
    sources: built.sources.size + built.pictures.size,
    selections: built.selections,
    codes: built.codes,
    problems: built.problems,
  };
}
