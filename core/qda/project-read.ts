/**
 * Reads a REFI-QDA project back: plain-text sources become articles (title, text, and the
 * metadata Glossa wrote), their selections become annotations, codes become tags, speakers
 * and kinds. Anything Glossa has no place for (pictures, audio, video, cases, variables,
 * sets, graphs, codings of whole documents) is named in `problems`, never silently dropped.
 */
import { GlossaError, type Annotation, type AnnotationFields, type AnnotationKind, type CodeTag, type Speaker } from '../model/index.js';
import { AnnotationFields as FieldsSchema, Annotation as AnnotationSchema, Evidence } from '../model/index.js';
import { makeTarget } from '../text/selectors.js';
import { idFromRef, readCodes } from './codes.js';
import { entry, takeBlock, type Entry } from './described.js';
import { OffsetMap } from './offsets.js';
import { FIELD_LABELS } from './project-write.js';
import { childNamed, childrenNamed, type XmlElement } from './xml.js';

/** An article of the project, with the metadata Glossa wrote when it was Glossa's export. */
export interface QdpxSnapshot {
  /** The source's GUID, lowercase: annotations name it as their snapshotId. */
  guid: string;
  title: string;
  /** The source text exactly as in the project; annotation offsets (UTF-16) refer to it. */
  text: string;
  /** The source's description without Glossa's metadata block. */
  description: string;
  sourceUrl: string | null;
  siteName: string | null;
  byline: string | null;
  publishedAt: string | null;
  capturedAt: string | null;
  sourceFile: string | null;
}

export interface QdpxRead {
  name: string;
  origin: string | null;
  snapshots: QdpxSnapshot[];
  annotations: Annotation[];
  codebook: CodeTag[];
  speakers: Speaker[];
  problems: string[];
}

/** The text behind a plainTextPath, or why there is none. */
export type SourceText = { text: string; lossy: boolean } | { missing: string };
export type TextLookup = (plainTextPath: string) => SourceText;

const KINDS = new Set<AnnotationKind>(['quote', 'claim', 'figure', 'note']);
const DATE_TIME = /^-?\d{4,}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})?$/;
const INTEGER = /^\s*[+-]?\d{1,15}\s*$/;
const textOf = (el: XmlElement, name: string) => childNamed(el, name)?.text ?? '';

/** Every plainTextPath the project refers to (text sources, PDF representations, notes). */
export function textPaths(root: XmlElement): string[] {
  const out: string[] = [];
  for (const { el } of textSources(root)) if (el.attrs.plainTextPath !== undefined && !childNamed(el, 'PlainTextContent')) out.push(el.attrs.plainTextPath);
  for (const note of childrenNamed(childNamed(root, 'Notes') ?? root, 'Note')) {
    if (note.attrs.plainTextPath !== undefined && !childNamed(note, 'PlainTextContent')) out.push(note.attrs.plainTextPath);
  }
  return [...new Set(out)];
}

/** Text sources, and the plain-text representations of PDF sources (their selections are text selections). */
function textSources(root: XmlElement): { el: XmlElement; name: string }[] {
  const sources = childNamed(root, 'Sources');
  if (!sources) return [];
  const out: { el: XmlElement; name: string }[] = [];
  for (const el of sources.children) {
    if (el.name === 'TextSource') out.push({ el, name: el.attrs.name ?? '' });
    if (el.name === 'PDFSource') {
      const rep = childNamed(el, 'Representation');
      if (rep) out.push({ el: rep, name: el.attrs.name ?? rep.attrs.name ?? '' });
    }
  }
  return out;
}

function plural(n: number, one: string, many = `${one}s`) {
  return `${n} ${n === 1 ? one : many}`;
}

/** Interprets a parsed project.qde; `lookup` gives the text of each plainTextPath (read beforehand). */
export function interpretProject(root: XmlElement, lookup: TextLookup, now: string): QdpxRead {
  if (root.name !== 'Project') {
    throw new GlossaError('BAD_BUNDLE', `This is not a REFI-QDA project: project.qde's root element is <${root.name}>, not <Project>.`);
  }
  const problems: string[] = [];
  const codes = readCodes(childNamed(childNamed(root, 'CodeBook') ?? root, 'Codes'), now, problems);
  const speakerNames = new Map(codes.speakers.map((s) => [s.id, s.name]));

  // Notes, for selections that refer to them (ATLAS.ti and NVivo write memos this way).
  const notes = new Map<string, string>();
  for (const note of childrenNamed(childNamed(root, 'Notes') ?? root, 'Note')) {
    const id = note.attrs.guid ? idFromRef(note.attrs.guid) : null;
    if (!id) continue;
    const inline = childNamed(note, 'PlainTextContent');
    let body = inline?.text ?? '';
    if (!inline && note.attrs.plainTextPath) {
      const got = lookup(note.attrs.plainTextPath);
      body = 'text' in got ? got.text : '';
    }
    const title = note.attrs.name?.trim();
    notes.set(id, title && body ? `${title}: ${body}` : title || body);
  }

  const snapshots: QdpxSnapshot[] = [];
  const annotations: Annotation[] = [];
  const byId = new Map<string, Annotation>();
  const seenSources = new Set<string>();
  let wholeCodings = 0;
  let unknownCodes = 0;

  for (const { el, name } of textSources(root)) {
    const title = name.trim() || 'Untitled source';
    const rawGuid = el.attrs.guid;
    if (!rawGuid) {
      problems.push(`Source "${title}" has no guid; it was skipped.`);
      continue;
    }
    const guid = idFromRef(rawGuid);
    if (seenSources.has(guid)) {
      problems.push(`Source "${title}" repeats the GUID ${rawGuid}; only the first source with it was kept.`);
      continue;
    }
    seenSources.add(guid);
    const inline = childNamed(el, 'PlainTextContent');
    let text: string;
    if (inline) text = inline.text;
    else if (el.attrs.plainTextPath !== undefined) {
      const got = lookup(el.attrs.plainTextPath);
      if ('missing' in got) {
        problems.push(`Source "${title}" was skipped with its selections: ${got.missing}`);
        continue;
      }
      if (got.lossy) problems.push(`Source "${title}" has bytes that are not UTF-8; they were replaced with "\uFFFD", and its selections may be shifted.`);
      text = got.text;
    } else {
      problems.push(`Source "${title}" has neither text nor a plainTextPath; it was skipped.`);
      continue;
    }

    const rawDescription = textOf(el, 'Description');
    const block = takeBlock(rawDescription);
    const meta: readonly Entry[] = block?.what === 'article' ? block.entries : [];
    const get = (label: string) => entry(meta, label) ?? null;
    snapshots.push({
      guid,
      title,
      text,
      description: block?.what === 'article' ? block.rest : rawDescription,
      sourceUrl: get('URL'),
      siteName: get('Site'),
      byline: get('Byline'),
      publishedAt: get('Published'),
      capturedAt: get('Captured') ?? (DATE_TIME.test(el.attrs.creationDateTime ?? '') ? el.attrs.creationDateTime! : null),
      sourceFile: get('File'),
    });
    wholeCodings += childrenNamed(el, 'Coding').length;

    const map = new OffsetMap(text);
    for (const sel of childrenNamed(el, 'PlainTextSelection')) {
      const label = `Selection "${(sel.attrs.name ?? '').slice(0, 60)}" in "${title}"`;
      if (!sel.attrs.guid) {
        problems.push(`${label} has no guid; it was skipped.`);
        continue;
      }
      const id = idFromRef(sel.attrs.guid);
      if (byId.has(id)) {
        problems.push(`${label} repeats the GUID ${sel.attrs.guid}; only the first selection with it was kept.`);
        continue;
      }
      const rawStart = sel.attrs.startPosition ?? '';
      const rawEnd = sel.attrs.endPosition ?? '';
      const start = INTEGER.test(rawStart) ? map.toUtf16(Number(rawStart)) : null;
      const end = INTEGER.test(rawEnd) ? map.toUtf16(Number(rawEnd)) : null;
      if (start === null || end === null || end <= start) {
        problems.push(
          `${label} spans positions ${rawStart || '?'}–${rawEnd || '?'}, which is not a span inside the source's ${map.codePoints} characters; it was skipped.`,
        );
        continue;
      }

      let kind: AnnotationKind | null = null;
      let speaker: string | null = null;
      const tags: string[] = [];
      for (const coding of childrenNamed(sel, 'Coding')) {
        const ref = childNamed(coding, 'CodeRef')?.attrs.targetGUID;
        const meaning = ref ? codes.meaning.get(idFromRef(ref)) : undefined;
        if (!meaning) unknownCodes++;
        else if ('kind' in meaning) {
          if (kind && kind !== meaning.kind) problems.push(`${label} is coded both ${kind} and ${meaning.kind}; it was kept as a ${kind}.`);
          kind ??= meaning.kind;
        } else if ('speaker' in meaning) speaker ??= meaning.speaker;
        else if ('tag' in meaning) {
          if (!tags.includes(meaning.tag)) tags.push(meaning.tag);
        }
      }

      const description = textOf(sel, 'Description');
      const block = takeBlock(description);
      const ours = block && KINDS.has(block.what as AnnotationKind) ? block : null;
      kind ??= ours ? (block!.what as AnnotationKind) : 'note';
      const entries = ours?.entries ?? [];
      const fields = readFields(entries, speaker, speakerNames, label, problems);
      let comment = ours ? ours.rest : description;
      for (const ref of childrenNamed(sel, 'NoteRef')) {
        const note = ref.attrs.targetGUID ? notes.get(idFromRef(ref.attrs.targetGUID)) : undefined;
        if (note) comment = comment ? `${comment}\n\n${note}` : note;
      }
      const detector = entry(entries, 'Suggested by');
      const accepted = entry(entries, 'Accepted');
      const createdAt = DATE_TIME.test(sel.attrs.creationDateTime ?? '') ? sel.attrs.creationDateTime! : now;
      const updatedAt = DATE_TIME.test(sel.attrs.modifiedDateTime ?? '') ? sel.attrs.modifiedDateTime! : createdAt;
      const parsed = AnnotationSchema.safeParse({
        id,
        snapshotId: guid,
        kind,
        target: makeTarget(text, start, end),
        fields,
        tags,
        comment,
        links: [],
        origin:
          detector === undefined
            ? { type: 'human', detector: null, accepted: null }
            : { type: 'suggested', detector, accepted: accepted === 'yes' ? true : accepted === 'no' ? false : null },
        createdAt,
        updatedAt,
        deletedAt: null,
      });
      if (!parsed.success) {
        problems.push(`${label} could not be read (${parsed.error.issues[0]?.message ?? 'invalid'}); it was skipped.`);
        continue;
      }
      annotations.push(parsed.data);
      byId.set(id, parsed.data);
    }
  }

  let strayLinks = 0;
  for (const link of childrenNamed(childNamed(root, 'Links') ?? root, 'Link')) {
    const from = link.attrs.originGUID ? byId.get(idFromRef(link.attrs.originGUID)) : undefined;
    const to = link.attrs.targetGUID ? byId.get(idFromRef(link.attrs.targetGUID)) : undefined;
    if (!from || !to) {
      strayLinks++;
      continue;
    }
    from.links.push({ rel: link.attrs.name?.trim() || 'related', annotationId: to.id });
  }

  const sources = childNamed(root, 'Sources');
  for (const kind of ['PictureSource', 'AudioSource', 'VideoSource'] as const) {
    const n = sources ? childrenNamed(sources, kind).length : 0;
    if (n > 0) problems.push(`${plural(n, kind.replace('Source', '').toLowerCase() + ' source')} skipped: Glossa holds text only.`);
  }
  const pdfOnly = sources ? childrenNamed(sources, 'PDFSource').filter((p) => !childNamed(p, 'Representation')).length : 0;
  if (pdfOnly > 0) problems.push(`${plural(pdfOnly, 'PDF source')} without a plain-text representation skipped: Glossa holds text only.`);
  if (wholeCodings > 0) problems.push(`${plural(wholeCodings, 'coding')} of whole sources not carried: Glossa codes passages of text.`);
  if (unknownCodes > 0) problems.push(`${plural(unknownCodes, 'coding')} named a code that is not in the codebook; those codings were dropped.`);
  if (strayLinks > 0) problems.push(`${plural(strayLinks, 'link')} between elements other than text selections not carried.`);
  for (const [el, what] of [
    ['Cases', 'cases'],
    ['Variables', 'variables'],
    ['Sets', 'sets'],
    ['Graphs', 'graphs'],
  ] as const) {
    if (childNamed(root, el)) problems.push(`The project's ${what} are not carried: Glossa has no ${what}.`);
  }

  return {
    name: root.attrs.name ?? 'Untitled project',
    origin: root.attrs.origin ?? null,
    snapshots,
    annotations,
    codebook: codes.tags,
    speakers: codes.speakers,
    problems,
  };
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** Glossa fields from a selection's block; a value that does not fit its field is dropped and named. */
function readFields(entries: readonly Entry[], speaker: string | null, speakerNames: Map<string, string>, label: string, problems: string[]): AnnotationFields {
  const fields: Record<string, unknown> = {};
  for (const [key, name] of FIELD_LABELS) {
    const values = entries.filter(([l]) => l === name).map(([, v]) => v);
    if (values.length === 0) continue;
    let value: unknown = values[0];
    if (key === 'evidence') {
      const list: unknown[] = [];
      for (const v of values) {
        const parsed = Evidence.safeParse(parseJson(v));
        if (parsed.success) list.push(parsed.data);
        else problems.push(`${label}: an evidence line could not be read and was dropped.`);
      }
      value = list;
    } else if (key === 'value' || key === 'checkworthiness') {
      value = Number(values[0]);
    }
    const check = FieldsSchema.shape[key].safeParse(value);
    if (check.success) fields[key] = check.data;
    else problems.push(`${label}: "${name}: ${values[0]}" does not fit Glossa's ${name.toLowerCase()} field and was dropped.`);
  }
  // The speaker's code names the person exactly; the line only repeats the name for people.
  if (speaker) fields.speaker = speaker;
  else if (typeof fields.speaker === 'string') {
    const byName = [...speakerNames].find(([, n]) => n === fields.speaker);
    if (byName) fields.speaker = byName[0];
  }
  return fields as AnnotationFields;
}
