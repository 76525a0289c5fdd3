import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { MEDIA_FRAGMENTS, rectFromMediaFragment, rectToMediaFragment } from '../anchor/image.js';
import { Annotation, AnnotationKind, Sha256, type Author, type Snapshot, type VerdictChange } from '../model/index.js';

/**
 * W3C Web Annotation (https://www.w3.org/TR/annotation-model/) for Glossa annotations.
 * Standard properties carry what the model has words for (id, created, modified, the
 * kind as a classifying body, tags, comment, both selectors); the `glossa:` extension
 * carries the rest, so a bundle round-trips every field. docs/bundle-format.md lists the mapping.
 * A claim's verdict history is also written as one `assessing` body per change (value: the
 * verdict, or "none" when it was cleared; `created`: when; `glossa:note`: why), so tools that
 * know only the W3C model see each dated verdict; reading back checks them against the fields.
 */
export const W3C_CONTEXT = 'http://www.w3.org/ns/anno.jsonld';
export const GLOSSA_VOCAB = 'urn:glossa:vocab#';
export const JSONLD_CONTEXT = [
  W3C_CONTEXT,
  {
    '@version': 1.1,
    glossa: GLOSSA_VOCAB,
    // Opaque JSON values: kept whole through JSON-LD expansion instead of dropped as unknown terms.
    'glossa:fields': { '@type': '@json' },
    'glossa:links': { '@type': '@json' },
    'glossa:origin': { '@type': '@json' },
  },
] as const;

const SNAPSHOT_IRI = 'urn:glossa:snapshot:';
const ANNOTATION_IRI = 'urn:glossa:annotation:';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export const snapshotIri = (id: string) => SNAPSHOT_IRI + encodeURIComponent(id);
/** UUIDs become urn:uuid (the W3C examples' form); any other id stays addressable. */
export const annotationIri = (id: string) => (UUID.test(id) ? `urn:uuid:${id.toLowerCase()}` : ANNOTATION_IRI + encodeURIComponent(id));

function idFromIri(iri: string, what: string): string {
  if (iri.startsWith('urn:uuid:') && UUID.test(iri.slice(9))) return iri.slice(9);
  if (iri.startsWith(ANNOTATION_IRI)) return decodeURIComponent(iri.slice(ANNOTATION_IRI.length));
  throw new Error(`${what} "${iri}" is neither urn:uuid:… nor ${ANNOTATION_IRI}…`);
}

/** The part of a snapshot the JSON-LD needs; a SnapshotSummary or a full Snapshot will do (images give figures on images their format). */
export type SnapshotRef = Pick<Snapshot, 'id'> & Partial<Pick<Snapshot, 'title' | 'sourceUrl' | 'images'>>;

/** An image named by its content: the same picture has the same IRI in every snapshot and library. */
const IMAGE_IRI = 'urn:sha256:';
export const imageIri = (hash: string) => IMAGE_IRI + hash;

export interface JsonLdOptions {
  /** Collection IRI; a fresh urn:uuid by default. */
  id?: string;
  label?: string;
  created?: string;
}

type Body = {
  type: 'TextualBody';
  purpose: 'classifying' | 'tagging' | 'commenting' | 'assessing';
  value: string;
  format?: 'text/plain';
  created?: string;
  'glossa:note'?: string;
};

/** The value of an assessing body for a change that cleared the verdict. */
const NO_VERDICT = 'none';

/** One `assessing` body per verdict change, oldest first. */
function verdictBodies(history: readonly VerdictChange[]): Body[] {
  return history.map((c) => ({
    type: 'TextualBody',
    purpose: 'assessing',
    value: c.verdict ?? NO_VERDICT,
    format: 'text/plain',
    created: c.at,
    ...(c.note ? { 'glossa:note': c.note } : {}),
  }));
}

/**
 * The page a snapshot was captured from, written as the URL parser serialises it (an address
 * with spaces or non-ASCII letters becomes a valid URI); undefined unless it is on the web.
 */
function webScope(url: string | null | undefined): string | undefined {
  if (!url) return undefined;
  try {
    const u = new URL(url);
    return u.protocol === 'http:' || u.protocol === 'https:' ? u.href : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Who created an annotation as a W3C `creator`: a Person with a name and the e-mail as a
 * mailto: IRI. Who changed it last has no W3C property: `glossa:modifiedBy` carries it, written
 * as an agent the same way (so JSON-LD processors read it as one, with no term of its own).
 */
export function creatorOf(author: Author): Record<string, unknown> {
  return { type: 'Person', name: author.name, ...(author.email ? { email: `mailto:${encodeURI(author.email)}` } : {}) };
}

/** A `creator` as creatorOf writes it back to an Author; throws saying what is wrong. */
function authorFromCreator(raw: unknown, what = 'creator'): Author {
  const c = z.object({ type: z.literal('Person'), name: z.string(), email: z.string().startsWith('mailto:').optional() }).safeParse(raw);
  if (!c.success) throw new Error(`${what}: ${issueText(c.error)}`);
  let email: string | undefined;
  try {
    email = c.data.email === undefined ? undefined : decodeURI(c.data.email.slice('mailto:'.length));
  } catch {
    throw new Error(`${what}: the e-mail "${c.data.email!.slice(0, 80)}" is not a valid mailto: address`);
  }
  return { name: c.data.name, ...(email !== undefined ? { email } : {}) };
}

const DETECTOR_IRI = 'urn:glossa:detector:';

/**
 * A suggested annotation's detector as W3C `generator` (the software that made it): an IRI
 * naming detector and version, `Software` (as:Application), its name, and the version as
 * schema.org's softwareVersion. A person's annotation has none. glossa:origin keeps it all.
 */
export function generatorOf(origin: Annotation['origin']): Record<string, unknown> | undefined {
  if (origin.type !== 'suggested' || !origin.detector) return undefined;
  const at = origin.detector.lastIndexOf('@');
  const name = at > 0 ? origin.detector.slice(0, at) : origin.detector;
  const version = at > 0 ? origin.detector.slice(at + 1) : '';
  return {
    id: DETECTOR_IRI + encodeURIComponent(name) + (version ? `@${encodeURIComponent(version)}` : ''),
    type: 'Software',
    name,
    ...(version ? { 'schema:softwareVersion': version } : {}),
  };
}

/** `scope`: the snapshot's webScope, when the caller has worked it out once for many annotations. */
export function annotationToJsonLd(a: Annotation, snapshot?: SnapshotRef, scope = webScope(snapshot?.sourceUrl)): Record<string, unknown> {
  const body: Body[] = [{ type: 'TextualBody', purpose: 'classifying', value: a.kind, format: 'text/plain' }];
  for (const tag of a.tags) body.push({ type: 'TextualBody', purpose: 'tagging', value: tag });
  if (a.comment !== '') body.push({ type: 'TextualBody', purpose: 'commenting', value: a.comment, format: 'text/plain' });
  body.push(...verdictBodies(a.fields.verdictHistory ?? []));
  const { quote, position, image } = a.target;
  const textTarget = {
    type: 'SpecificResource',
    // Offsets count UTF-16 units of this snapshot's canonical text, not of the live page.
    source: snapshotIri(a.snapshotId),
    // The page the snapshot was captured from, as context for tools that know the web.
    ...(scope !== undefined ? { scope } : {}),
    selector: [
      { type: 'TextQuoteSelector', exact: quote.exact, prefix: quote.prefix, suffix: quote.suffix },
      { type: 'TextPositionSelector', start: position.start, end: position.end },
    ],
  };
  const item: Record<string, unknown> = {
    '@context': JSONLD_CONTEXT,
    id: annotationIri(a.id),
    type: 'Annotation',
    motivation: 'classifying',
    created: a.createdAt,
    modified: a.updatedAt,
    body,
    // A figure on an image has two targets: where the image stands in the text (a zero-width
    // span), and the image itself, as it appears in the snapshot, with the area as a media fragment.
    target: image ? [textTarget, imageTargetJsonLd(a.snapshotId, image, snapshot)] : textTarget,
    'glossa:kind': a.kind,
    'glossa:fields': a.fields,
    'glossa:origin': a.origin,
  };
  if (a.createdBy) item.creator = creatorOf(a.createdBy);
  if (a.modifiedBy) item['glossa:modifiedBy'] = creatorOf(a.modifiedBy);
  const generator = generatorOf(a.origin);
  if (generator) item.generator = generator;
  if (a.links.length > 0) item['glossa:links'] = a.links;
  if (a.deletedAt !== null) item['glossa:deleted'] = a.deletedAt;
  return item;
}

function imageTargetJsonLd(snapshotId: string, image: NonNullable<Annotation['target']['image']>, snapshot?: SnapshotRef): Record<string, unknown> {
  const format = snapshot?.images?.find((i) => i.hash === image.hash)?.mediaType;
  return {
    type: 'SpecificResource',
    source: { id: imageIri(image.hash), type: 'Image', ...(format ? { format } : {}) },
    scope: snapshotIri(snapshotId),
    ...(image.rect ? { selector: { type: 'FragmentSelector', conformsTo: MEDIA_FRAGMENTS, value: rectToMediaFragment(image.rect) } } : {}),
  };
}

/** Snapshot order as given, then position in the text, then id: stable output for equal input. */
export const textOrder = (snapshots: readonly SnapshotRef[]) => {
  const rank = new Map(snapshots.map((s, i) => [s.id, i]));
  return (a: Annotation, b: Annotation) =>
    (rank.get(a.snapshotId) ?? Infinity) - (rank.get(b.snapshotId) ?? Infinity) ||
    (a.snapshotId < b.snapshotId ? -1 : a.snapshotId > b.snapshotId ? 1 : 0) ||
    a.target.position.start - b.target.position.start ||
    a.target.position.end - b.target.position.end ||
    (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
};

/**
 * A W3C AnnotationCollection holding every given annotation (tombstones too: they carry
 * `glossa:deleted`), in one embedded AnnotationPage, ordered by snapshot then position.
 */
export function annotationsToJsonLd(snapshots: readonly SnapshotRef[], annotations: readonly Annotation[], opts: JsonLdOptions = {}): Record<string, unknown> {
  // Each snapshot's address is parsed once, not once per annotation (a fifth of the time on a large export).
  const byId = new Map(snapshots.map((s) => [s.id, { snapshot: s, scope: webScope(s.sourceUrl) }]));
  const items = [...annotations].sort(textOrder(snapshots)).map((a) => {
    const ref = byId.get(a.snapshotId);
    return annotationToJsonLd(a, ref?.snapshot, ref?.scope);
  });
  const id = opts.id ?? `urn:uuid:${randomUUID()}`;
  const label = opts.label ?? (snapshots.length === 1 && snapshots[0]!.title ? `Glossa annotations: ${snapshots[0]!.title}` : 'Glossa annotations');
  const collection: Record<string, unknown> = {
    '@context': JSONLD_CONTEXT,
    id,
    type: 'AnnotationCollection',
    label,
    total: items.length,
    ...(opts.created ? { created: opts.created } : {}),
  };
  if (items.length > 0) {
    const pageId = `urn:uuid:${randomUUID()}`;
    collection.first = { id: pageId, type: 'AnnotationPage', startIndex: 0, items };
    collection.last = pageId;
  }
  return collection;
}

// ---- reading back -------------------------------------------------------------------

const TextualBody = z.object({
  type: z.literal('TextualBody'),
  purpose: z.enum(['classifying', 'tagging', 'commenting', 'assessing']),
  value: z.string(),
  created: z.string().optional(),
  'glossa:note': z.string().optional(),
});

const TextTargetLd = z.object({
  source: z.string(),
  selector: z.tuple([
    z.object({ type: z.literal('TextQuoteSelector'), exact: z.string(), prefix: z.string(), suffix: z.string() }),
    z.object({ type: z.literal('TextPositionSelector'), start: z.number(), end: z.number() }),
  ]),
});
const ImageTargetLd = z.object({
  type: z.literal('SpecificResource'),
  source: z.object({ id: z.string().startsWith(IMAGE_IRI), type: z.literal('Image') }),
  scope: z.string(),
  selector: z.object({ type: z.literal('FragmentSelector'), conformsTo: z.literal(MEDIA_FRAGMENTS), value: z.string() }).optional(),
});

const Item = z.object({
  id: z.string(),
  type: z.literal('Annotation'),
  created: z.string(),
  modified: z.string(),
  body: z.array(TextualBody).min(1),
  target: z.union([TextTargetLd, z.tuple([TextTargetLd, ImageTargetLd])]),
  'glossa:kind': AnnotationKind,
  'glossa:fields': z.unknown(),
  'glossa:origin': z.unknown(),
  'glossa:links': z.unknown().optional(),
  'glossa:deleted': z.string().optional(),
  creator: z.unknown().optional(),
  'glossa:modifiedBy': z.unknown().optional(),
});

const Collection = z.object({
  type: z.literal('AnnotationCollection'),
  total: z.number().int().nonnegative(),
  first: z.object({ type: z.literal('AnnotationPage'), items: z.array(z.unknown()) }).optional(),
});

const issueText = (e: z.ZodError) =>
  e.issues
    .slice(0, 3)
    .map((i) => `${i.path.join('.') || '(top)'}: ${i.message}`)
    .join('; ');

/** One item back to a Glossa annotation; throws an Error that says which property is wrong. */
export function annotationFromJsonLd(raw: unknown): Annotation {
  const parsed = Item.safeParse(raw);
  if (!parsed.success) throw new Error(issueText(parsed.error));
  const item = parsed.data;
  const classifying = item.body.filter((b) => b.purpose === 'classifying');
  const comments = item.body.filter((b) => b.purpose === 'commenting');
  if (classifying.length !== 1 || classifying[0]!.value !== item['glossa:kind']) {
    throw new Error('needs exactly one classifying body whose value equals glossa:kind');
  }
  if (comments.length > 1) throw new Error('has more than one commenting body');
  const [textTarget, imageTarget] = Array.isArray(item.target) ? item.target : [item.target, undefined];
  if (!textTarget.source.startsWith(SNAPSHOT_IRI)) throw new Error(`target source "${textTarget.source}" is not a ${SNAPSHOT_IRI}… IRI`);
  const [quote, position] = textTarget.selector;
  const image = imageTarget ? imageFromJsonLd(imageTarget, textTarget.source) : undefined;
  const annotation = Annotation.safeParse({
    id: idFromIri(item.id, 'id'),
    snapshotId: decodeURIComponent(textTarget.source.slice(SNAPSHOT_IRI.length)),
    kind: item['glossa:kind'],
    target: { quote, position, ...(image ? { image } : {}) },
    fields: item['glossa:fields'],
    tags: item.body.filter((b) => b.purpose === 'tagging').map((b) => b.value),
    comment: comments[0]?.value ?? '',
    links: item['glossa:links'] ?? [],
    origin: item['glossa:origin'],
    createdAt: item.created,
    updatedAt: item.modified,
    deletedAt: item['glossa:deleted'] ?? null,
    ...(item.creator !== undefined ? { createdBy: authorFromCreator(item.creator) } : {}),
    ...(item['glossa:modifiedBy'] !== undefined ? { modifiedBy: authorFromCreator(item['glossa:modifiedBy'], 'glossa:modifiedBy') } : {}),
  });
  if (!annotation.success) throw new Error(issueText(annotation.error));
  checkVerdictBodies(
    item.body.filter((b) => b.purpose === 'assessing'),
    annotation.data.fields.verdictHistory ?? [],
  );
  return annotation.data;
}

/** The assessing bodies must say what glossa:fields' verdict history says: an edited copy of one would be read wrong. */
function checkVerdictBodies(bodies: z.infer<typeof TextualBody>[], history: readonly VerdictChange[]): void {
  const written = JSON.stringify(verdictBodies(history).map((b) => [b.value, b.created, b['glossa:note'] ?? '']));
  const read = JSON.stringify(bodies.map((b) => [b.value, b.created, b['glossa:note'] ?? '']));
  if (written !== read) {
    throw new Error(
      `its ${bodies.length} assessing bodies do not match the ${history.length} verdict changes in glossa:fields (verdictHistory); correct one to match the other`,
    );
  }
}

function imageFromJsonLd(t: z.infer<typeof ImageTargetLd>, snapshotSource: string): { hash: string; rect: unknown } {
  if (t.scope !== snapshotSource) throw new Error(`the image target's scope "${t.scope}" is not the snapshot "${snapshotSource}"`);
  const hash = t.source.id.slice(IMAGE_IRI.length);
  if (!Sha256.safeParse(hash).success) throw new Error(`the image "${t.source.id}" is not ${IMAGE_IRI} and a lowercase hex SHA-256`);
  if (!t.selector) return { hash, rect: null };
  const rect = rectFromMediaFragment(t.selector.value);
  if (!rect) throw new Error(`the image area "${t.selector.value}" is not xywh=percent:x,y,w,h`);
  return { hash, rect };
}

/** The items of a collection written by annotationsToJsonLd, unparsed; throws on a wrong shape. */
export function collectionItems(raw: unknown): unknown[] {
  const parsed = Collection.safeParse(raw);
  if (!parsed.success) throw new Error(`not a W3C AnnotationCollection (${issueText(parsed.error)})`);
  const items = parsed.data.first?.items ?? [];
  if (items.length !== parsed.data.total) throw new Error(`total says ${parsed.data.total} annotations but the page holds ${items.length}`);
  return items;
}
