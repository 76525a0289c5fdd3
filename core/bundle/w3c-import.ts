/**
 * W3C Web Annotations from other tools (Hypothesis, any Web Annotation client, Glossa's own
 * annotations.jsonld) onto snapshots in the library. `parseW3CAnnotations` reads what a file
 * holds; `planW3CImport` finds each item's snapshot and places it on the canonical text.
 * Neither writes: the caller stores the matched annotations and shows the rest with reasons.
 */
import { createHash } from 'node:crypto';
import { v5 as uuidv5 } from 'uuid';
import { foldedSpans } from '../anchor/anchor.js';
import { MEDIA_FRAGMENTS, checkRect, findImage, imageTarget, rectFromMediaFragment } from '../anchor/image.js';
import { Annotation, Author, AUTHOR_NAME_MAX, GlossaError, Sha256, type ImageSelector, type SnapshotImage, type TextTarget } from '../model/index.js';
import { foldChar } from '../text/find.js';
import { findOccurrence, makeTarget, splitsSurrogatePair, verifyTarget } from '../text/selectors.js';
import { annotationFromJsonLd } from './jsonld.js';

/** Bounds for hostile files: past them the whole input is refused, or the one item skipped. */
export const W3C_IMPORT_LIMITS = {
  /** JSON text, in UTF-16 units or bytes. */
  jsonChars: 256 * 1024 * 1024,
  items: 100_000,
  pages: 10_000,
  /** One quote, comment or context string. */
  stringChars: 1_000_000,
  tagsPerItem: 1_000,
  /** Occurrences of one quote weighed against its context. */
  occurrences: 10_000,
};

/** Name-based ids (UUID v5) for annotations that come without a UUID, so importing twice gives the same ids. */
export const W3C_IMPORT_NAMESPACE = '7d1f8a3e-52b9-4c6e-9f0a-3b8e2d4c6a15';

export interface W3CItem {
  /** Glossa's own export (every field travels), another W3C client, or Hypothesis's API. */
  from: 'glossa' | 'w3c' | 'hypothesis';
  /** Where it stood in the input, for messages: "first.items[3]", "rows[12]". */
  at: string;
  /** The id the source gave it (an IRI or a Hypothesis id); null when it had none. */
  sourceId: string | null;
  /** The snapshot a `urn:glossa:snapshot:` source names. */
  snapshotId: string | null;
  /** Web addresses of the annotated page (target source, scope, Hypothesis uri) as written. */
  urls: string[];
  quote: { exact: string; prefix: string; suffix: string } | null;
  position: { start: number; end: number } | null;
  /** A figure on an image: the image (`urn:sha256:` source) and its area (a media fragment), placed by the image. */
  image?: ImageSelector | null;
  /** What Glossa will store, except where it lands (decided by planW3CImport). */
  annotation: Omit<Annotation, 'snapshotId' | 'target'>;
  /** The author as the source names them; also kept as the annotation's createdBy when it makes a name. */
  creator: string | null;
}

export interface W3CParse {
  items: W3CItem[];
  /** One line per item skipped or part ignored, each saying where. */
  problems: string[];
}

export interface W3CCandidate {
  snapshotId: string;
  /** The snapshot's canonical text. */
  text: string;
  sourceUrl: string | null;
  canonicalUrl?: string | null;
  /** The snapshot's images: needed to place figures tagged on an image (they are found by the image's hash). */
  images?: readonly Pick<SnapshotImage, 'hash' | 'offset'>[];
}

export interface W3CPlan {
  matched: Annotation[];
  unmatched: { item: W3CItem; reason: string }[];
  /** Matched, but not word for word: what was adjusted. */
  notes: string[];
}

export interface W3CParseOptions {
  /** Timestamp for items that carry none; now by default. */
  now?: () => string;
}

type Obj = Record<string, unknown>;

const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const own = (o: Obj, key: string): unknown => (Object.hasOwn(o, key) ? o[key] : undefined);
const list = (v: unknown): unknown[] => (v === undefined || v === null ? [] : Array.isArray(v) ? v : [v]);
const hasType = (o: Obj, type: string) => list(own(o, 'type')).includes(type) || list(own(o, '@type')).includes(type);
const describe = (v: unknown) => (v === null ? 'null' : Array.isArray(v) ? 'a list' : typeof v === 'object' ? 'an object' : `a ${typeof v}`);
const errorText = (e: unknown) => (e instanceof Error ? e.message : String(e));

/** A string within the limit, or an Error naming the property. */
function text(v: unknown, what: string): string {
  if (typeof v !== 'string') throw new Error(`${what} is ${describe(v)}, not text`);
  if (v.length > W3C_IMPORT_LIMITS.stringChars) throw new Error(`${what} is ${v.length} characters long (at most ${W3C_IMPORT_LIMITS.stringChars})`);
  return v;
}
const optionalText = (v: unknown, what: string) => (v === undefined || v === null ? '' : text(v, what));

/** ISO 8601 in UTC, or null for anything Date cannot read. */
function isoTime(v: unknown): string | null {
  if (typeof v !== 'string' || v.length > 64) return null;
  const ms = Date.parse(v);
  return Number.isFinite(ms) ? new Date(ms).toISOString() : null;
}

// ---- reading the file ---------------------------------------------------------------

function decode(input: unknown): unknown {
  if (typeof input !== 'string' && !(input instanceof Uint8Array)) return input;
  const size = typeof input === 'string' ? input.length : input.byteLength;
  if (size > W3C_IMPORT_LIMITS.jsonChars) {
    throw new GlossaError(
      'INVALID_INPUT',
      `The annotation file is ${Math.round(size / 1048576)} MB; Glossa reads at most ${W3C_IMPORT_LIMITS.jsonChars / 1048576} MB. Split it and import the parts.`,
    );
  }
  let source: string;
  try {
    source = typeof input === 'string' ? input : new TextDecoder('utf-8', { fatal: true }).decode(input);
  } catch {
    throw new GlossaError('INVALID_INPUT', 'The annotation file is not UTF-8 text; W3C annotations and Hypothesis exports are JSON in UTF-8.');
  }
  source = source.replace(/^\ufeff/, '');
  if (source.trim() === '') throw new GlossaError('INVALID_INPUT', 'The annotation file is empty.');
  try {
    return JSON.parse(source);
  } catch (e) {
    throw new GlossaError(
      'INVALID_INPUT',
      `The annotation file is not valid JSON (${errorText(e)}). Export W3C Web Annotations or a Hypothesis API response as JSON.`,
    );
  }
}

interface Raw {
  at: string;
  value: unknown;
}

function checkCount(n: number) {
  if (n <= W3C_IMPORT_LIMITS.items) return;
  const max = W3C_IMPORT_LIMITS.items.toLocaleString('en');
  throw new GlossaError('INVALID_INPUT', `The file holds ${n.toLocaleString('en')} annotations; Glossa imports at most ${max} at a time. Split the file.`);
}

/** Items of a collection or page, following embedded `first` / `next` pages (a page only linked by address is reported). */
function pageItems(root: Obj, problems: string[]): Raw[] {
  const out: Raw[] = [];
  const seen = new Set<Obj>();
  let page: unknown = hasType(root, 'AnnotationPage') ? root : own(root, 'first');
  let at = hasType(root, 'AnnotationPage') ? '' : 'first.';
  for (let n = 1; page !== undefined && page !== null; n++) {
    if (typeof page === 'string') {
      problems.push(
        `${at || 'page'}: the page ${page.slice(0, 200)} is only linked by its address, not included; export the collection with its pages embedded.`,
      );
      break;
    }
    if (!isObj(page) || seen.has(page)) {
      if (!isObj(page)) problems.push(`${at || 'page'}: is ${describe(page)}, not an AnnotationPage.`);
      break;
    }
    if (n > W3C_IMPORT_LIMITS.pages) throw new GlossaError('INVALID_INPUT', `The collection has more than ${W3C_IMPORT_LIMITS.pages} pages.`);
    seen.add(page);
    const items = own(page, 'items');
    if (!Array.isArray(items)) problems.push(`${at || 'page'}: has no items list.`);
    else {
      checkCount(out.length + items.length);
      items.forEach((value, i) => out.push({ at: `${at}items[${i}]`, value }));
    }
    page = own(page, 'next');
    at = `page ${n + 1} `;
  }
  const total = own(root, 'total');
  if (typeof total === 'number' && total !== out.length && hasType(root, 'AnnotationCollection')) {
    problems.push(`The collection says it holds ${total} annotations, but ${out.length} are in the file.`);
  }
  return out;
}

const isHypothesisRow = (v: unknown): v is Obj =>
  isObj(v) && !hasType(v, 'Annotation') && Array.isArray(own(v, 'target')) && (typeof own(v, 'uri') === 'string' || typeof own(v, 'user') === 'string');

function collect(root: unknown, problems: string[]): Raw[] {
  if (Array.isArray(root)) {
    checkCount(root.length);
    return root.map((value, i) => ({ at: `[${i}]`, value }));
  }
  if (isObj(root)) {
    const rows = own(root, 'rows');
    if (Array.isArray(rows)) {
      checkCount(rows.length);
      const total = own(root, 'total');
      if (typeof total === 'number' && total > rows.length) {
        problems.push(
          `The Hypothesis response holds ${rows.length} of ${total} annotations; fetch the other pages (search_after or offset) to import them all.`,
        );
      }
      return rows.map((value, i) => ({ at: `rows[${i}]`, value }));
    }
    if (hasType(root, 'AnnotationCollection') || hasType(root, 'AnnotationPage')) return pageItems(root, problems);
    // A flattened JSON-LD document: its nodes, each read as an item.
    const graph = own(root, '@graph');
    if (Array.isArray(graph)) {
      checkCount(graph.length);
      return graph.map((value, i) => ({ at: `@graph[${i}]`, value }));
    }
    if (hasType(root, 'Annotation') || isHypothesisRow(root)) return [{ at: '(the annotation)', value: root }];
  }
  throw new GlossaError(
    'INVALID_INPUT',
    `This file holds ${describe(root)} that is neither W3C Web Annotation JSON (an Annotation, AnnotationCollection, AnnotationPage or a list of annotations) nor a Hypothesis API response (with "rows").`,
  );
}

// ---- one item ----------------------------------------------------------------------

const SNAPSHOT_IRI = 'urn:glossa:snapshot:';
const UUID_IRI = /^urn:uuid:([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/i;

function snapshotFromIri(iri: string): string | null {
  if (!iri.startsWith(SNAPSHOT_IRI)) return null;
  try {
    return decodeURIComponent(iri.slice(SNAPSHOT_IRI.length)) || null;
  } catch {
    return null;
  }
}

interface Selectors {
  quote: W3CItem['quote'];
  position: W3CItem['position'];
}

/** `point`: the text target of a figure on an image, a zero-width span where the image stands. */
function readSelectors(raw: unknown[], warn: (m: string) => void, point = false): Selectors {
  const out: Selectors = { quote: null, position: null };
  for (const s of raw) {
    if (!isObj(s)) continue;
    if (hasType(s, 'TextQuoteSelector') && !out.quote) {
      const exact = text(own(s, 'exact'), 'TextQuoteSelector exact');
      if (exact === '' && !point) throw new Error('TextQuoteSelector exact is empty');
      out.quote = {
        exact,
        prefix: optionalText(own(s, 'prefix'), 'TextQuoteSelector prefix'),
        suffix: optionalText(own(s, 'suffix'), 'TextQuoteSelector suffix'),
      };
    } else if (hasType(s, 'TextPositionSelector') && !out.position) {
      const start = own(s, 'start');
      const end = own(s, 'end');
      if (
        Number.isSafeInteger(start) &&
        Number.isSafeInteger(end) &&
        (start as number) >= 0 &&
        ((end as number) > (start as number) || (point && end === start))
      ) {
        out.position = { start: start as number, end: end as number };
      } else warn(`its TextPositionSelector (${JSON.stringify(start)}–${JSON.stringify(end)}) is not a span of whole offsets; ignored`);
    }
  }
  return out;
}

interface TargetInfo extends Selectors {
  snapshotId: string | null;
  urls: string[];
  image: ImageSelector | null;
}

const IMAGE_IRI = 'urn:sha256:';
/** A SpecificResource's source: an IRI, or an object with an id. */
const sourceIri = (t: Obj): unknown => {
  const source = own(t, 'source');
  return isObj(source) ? own(source, 'id') : source;
};

/**
 * A target on an image named by its content (`urn:sha256:<hex>`, as Glossa writes it), with an
 * optional FragmentSelector `xywh=percent:…`; null when no target is one. Its snapshot comes from `scope`.
 */
function readImage(targets: unknown[], warn: (m: string) => void): { image: ImageSelector; scope: unknown } | null {
  for (const t of targets) {
    if (!isObj(t)) continue;
    const iri = sourceIri(t);
    if (typeof iri !== 'string' || !iri.startsWith(IMAGE_IRI)) continue;
    const hash = iri.slice(IMAGE_IRI.length);
    if (!Sha256.safeParse(hash).success) throw new Error(`its image ${iri.slice(0, 100)} is not ${IMAGE_IRI} and a lowercase hex SHA-256`);
    const fragments = list(own(t, 'selector')).filter((s): s is Obj => isObj(s) && hasType(s, 'FragmentSelector'));
    let rect = null;
    if (fragments.length > 0) {
      const f = fragments[0]!;
      const conformsTo = own(f, 'conformsTo');
      const value = text(own(f, 'value'), 'FragmentSelector value');
      if (conformsTo !== undefined && conformsTo !== MEDIA_FRAGMENTS)
        throw new Error(`its image area conforms to ${String(conformsTo).slice(0, 100)}, not ${MEDIA_FRAGMENTS}`);
      rect = rectFromMediaFragment(value);
      if (!rect) throw new Error(`its image area "${value.slice(0, 100)}" is not xywh=percent:x,y,w,h (pixel areas need the image's size)`);
      try {
        checkRect(rect);
      } catch (e) {
        throw new Error(errorText(e));
      }
    }
    if (fragments.length > 1) warn(`its image target has ${fragments.length} FragmentSelectors; the first is used`);
    return { image: { hash, rect }, scope: own(t, 'scope') };
  }
  return null;
}

/** The first target that has a text selector (else the first target), as W3C and Hypothesis both write it. */
function readTarget(targets: unknown[], extraUrls: unknown[], warn: (m: string) => void): TargetInfo {
  const info: TargetInfo = { snapshotId: null, urls: [], quote: null, position: null, image: null };
  const onImage = readImage(targets, warn);
  if (onImage) info.image = onImage.image;
  const addUrl = (u: unknown) => {
    if (typeof u !== 'string' || u.length > 8192) return;
    const snap = snapshotFromIri(u);
    if (snap) info.snapshotId ??= snap;
    else if (!info.urls.includes(u)) info.urls.push(u);
  };
  const withSelector = targets.filter(
    (t) => isObj(t) && list(own(t, 'selector')).some((s) => isObj(s) && (hasType(s, 'TextQuoteSelector') || hasType(s, 'TextPositionSelector'))),
  );
  if (withSelector.length > 1) warn(`it has ${withSelector.length} targets with text selectors; the first is used`);
  const onAnImage = (t: unknown) => isObj(t) && String(sourceIri(t)).startsWith(IMAGE_IRI);
  const target = withSelector[0] ?? targets.find((t) => !onAnImage(t)) ?? (onImage ? undefined : targets[0]);
  if (typeof target === 'string') addUrl(target);
  else if (isObj(target)) {
    const source = own(target, 'source');
    addUrl(isObj(source) ? own(source, 'id') : source);
    addUrl(own(target, 'scope'));
    Object.assign(info, readSelectors(list(own(target, 'selector')), warn, info.image !== null));
  }
  if (onImage) addUrl(onImage.scope);
  extraUrls.forEach(addUrl);
  return info;
}

function tagList(values: unknown[]): string[] {
  if (values.length > W3C_IMPORT_LIMITS.tagsPerItem) throw new Error(`it has ${values.length} tags (at most ${W3C_IMPORT_LIMITS.tagsPerItem})`);
  const tags: string[] = [];
  for (const v of values) {
    const tag = text(v, 'a tag').trim();
    if (tag !== '' && !tags.includes(tag)) tags.push(tag);
  }
  return tags;
}

/** The id Glossa keeps: the UUID itself when there is one, else one derived from the source's id (or content). */
function glossaId(sourceId: string | null, from: W3CItem['from'], fallback: string): string {
  const m = sourceId ? UUID_IRI.exec(sourceId) : null;
  if (m) return m[1]!.toLowerCase();
  return uuidv5(`${from}:${sourceId ?? createHash('sha256').update(fallback).digest('hex')}`, W3C_IMPORT_NAMESPACE);
}

const HUMAN = { type: 'human', detector: null, accepted: null } as const;

/** The author as the one who created it and (as far as the source tells) last changed it. */
const authored = (author: Author | undefined) => (author ? { createdBy: author, modifiedBy: author } : {});

function fromGlossa(o: Obj, at: string): W3CItem {
  const a = annotationFromJsonLd(o);
  const { snapshotId, target, ...annotation } = a;
  const scope = isObj(own(o, 'target')) ? own(own(o, 'target') as Obj, 'scope') : undefined;
  return {
    from: 'glossa',
    at,
    sourceId: own(o, 'id') as string,
    snapshotId,
    urls: typeof scope === 'string' ? [scope] : [],
    quote: { exact: target.quote.exact, prefix: target.quote.prefix, suffix: target.quote.suffix },
    position: { start: target.position.start, end: target.position.end },
    image: target.image ?? null,
    annotation,
    creator: annotation.createdBy?.name ?? null,
  };
}

function creatorName(v: unknown): string | null {
  const c = list(v)[0];
  if (typeof c === 'string') return c.slice(0, 500);
  if (isObj(c)) for (const k of ['name', 'nickname', 'id']) if (typeof own(c, k) === 'string') return (own(c, k) as string).slice(0, 500);
  return null;
}

/**
 * Another tool's author as a Glossa author: the name on one line (control characters become
 * spaces) and cut to the most a name holds; the first mailto: e-mail when it is one. Nothing
 * when no name is left.
 */
function foreignAuthor(name: string | null, creator?: unknown): Author | undefined {
  const clean = (name ?? '')
    .replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim()
    .slice(0, AUTHOR_NAME_MAX)
    .trim();
  if (!clean) return undefined;
  const c = list(creator)[0];
  const mail = isObj(c) ? list(own(c, 'email')).find((e): e is string => typeof e === 'string' && e.startsWith('mailto:')) : undefined;
  let email: string | undefined;
  try {
    email = mail ? decodeURI(mail.slice('mailto:'.length)) : undefined;
  } catch {
    email = undefined;
  }
  const withEmail = Author.safeParse({ name: clean, ...(email ? { email } : {}) });
  return withEmail.success ? withEmail.data : { name: clean };
}

function fromW3C(o: Obj, at: string, now: string, warn: (m: string) => void): W3CItem {
  if (own(o, 'glossa:kind') !== undefined) {
    try {
      return fromGlossa(o, at);
    } catch (e) {
      warn(`its Glossa properties are unreadable (${errorText(e)}); read as a plain W3C annotation`);
    }
  }
  const rawId = own(o, 'id') ?? own(o, '@id');
  const sourceId = typeof rawId === 'string' && rawId.length <= 2048 ? rawId : null;
  const target = readTarget(list(own(o, 'target')), [], warn);
  const motivation = list(own(o, 'motivation'));
  const comments: string[] = [];
  const tags: unknown[] = [];
  if (own(o, 'bodyValue') !== undefined) comments.push(text(own(o, 'bodyValue'), 'bodyValue'));
  for (const body of list(own(o, 'body'))) {
    if (typeof body === 'string') comments.push(text(body, 'a body address'));
    else if (isObj(body)) {
      const value = own(body, 'value');
      const purpose = list(own(body, 'purpose'))[0] ?? (motivation.length === 1 ? motivation[0] : undefined);
      if (typeof value === 'string' && (purpose === 'tagging' || purpose === 'classifying')) tags.push(value);
      else if (typeof value === 'string') comments.push(text(value, 'a body value'));
      else if (typeof own(body, 'id') === 'string') comments.push(text(own(body, 'id'), 'a body address'));
    }
  }
  const createdAt = isoTime(own(o, 'created')) ?? now;
  return {
    from: 'w3c',
    at,
    sourceId,
    ...target,
    annotation: {
      id: glossaId(sourceId, 'w3c', JSON.stringify([target, comments, own(o, 'created') ?? null])),
      kind: 'note',
      fields: {},
      tags: tagList(tags),
      comment: comments.join('\n\n'),
      links: [],
      origin: { ...HUMAN },
      createdAt,
      updatedAt: isoTime(own(o, 'modified')) ?? createdAt,
      deletedAt: null,
      ...authored(foreignAuthor(creatorName(own(o, 'creator')), own(o, 'creator'))),
    },
    creator: creatorName(own(o, 'creator')),
  };
}

/** One row of Hypothesis's API (search or a single annotation): its text becomes the comment of a note. */
function fromHypothesis(o: Obj, at: string, now: string, warn: (m: string) => void): W3CItem {
  const rawId = own(o, 'id');
  const sourceId = typeof rawId === 'string' && rawId.length <= 2048 ? rawId : null;
  const target = readTarget(list(own(o, 'target')), [own(o, 'uri')], warn);
  const comment = optionalText(own(o, 'text'), 'text');
  const user = own(o, 'user');
  const info = own(o, 'user_info');
  const display = isObj(info) ? own(info, 'display_name') : undefined;
  const createdAt = isoTime(own(o, 'created')) ?? now;
  const creator = typeof display === 'string' && display ? display.slice(0, 500) : typeof user === 'string' ? user.replace(/^acct:/, '').slice(0, 500) : null;
  return {
    from: 'hypothesis',
    at,
    sourceId,
    ...target,
    annotation: {
      id: glossaId(sourceId, 'hypothesis', JSON.stringify([target, comment, own(o, 'created') ?? null])),
      kind: 'note',
      fields: {},
      tags: tagList(list(own(o, 'tags'))),
      comment,
      links: [],
      origin: { ...HUMAN },
      createdAt,
      updatedAt: isoTime(own(o, 'updated')) ?? createdAt,
      deletedAt: null,
      ...authored(foreignAuthor(creator)),
    },
    creator,
  };
}

/**
 * Reads W3C Web Annotation JSON (an Annotation, a list, an AnnotationCollection or Page,
 * Glossa's own annotations.jsonld) or Hypothesis API JSON (`rows`, or one annotation).
 * Accepts the parsed value, or the file's text or bytes. A wrong item is skipped with a
 * line in `problems`; input that is no such file at all throws GlossaError INVALID_INPUT.
 */
export function parseW3CAnnotations(json: unknown, opts: W3CParseOptions = {}): W3CParse {
  const problems: string[] = [];
  const raws = collect(decode(json), problems);
  const now = (opts.now ?? (() => new Date().toISOString()))();
  const items: W3CItem[] = [];
  for (const { at, value } of raws) {
    const warn = (m: string) => problems.push(`${at}: ${m}.`);
    try {
      if (typeof value === 'string') throw new Error(`is only the address ${value.slice(0, 200)}; the annotation itself is not in the file`);
      if (!isObj(value)) throw new Error(`is ${describe(value)}, not an annotation`);
      if (isHypothesisRow(value)) items.push(fromHypothesis(value, at, now, warn));
      else if (hasType(value, 'Annotation')) items.push(fromW3C(value, at, now, warn));
      else throw new Error('is neither a W3C Annotation (type "Annotation") nor a Hypothesis annotation (target and uri)');
    } catch (e) {
      problems.push(`${at}: skipped: ${errorText(e)}.`);
    }
  }
  return { items, problems };
}

// ---- placing items on snapshots -----------------------------------------------------

const TRACKING = /^(utm_.*|fbclid|gclid|dclid|msclkid|mc_cid|mc_eid|_ga|igshid|smid|cmpid|ocid|ref_src)$/i;

/**
 * An address as Glossa compares pages: scheme (http/https), "www.", fragment, trailing slash,
 * tracking parameters and parameter order do not tell two pages apart. Null for a non-web address.
 */
export function normaliseUrl(address: string): string | null {
  let u: URL;
  try {
    u = new URL(address.trim());
  } catch {
    return null;
  }
  if (u.protocol !== 'http:' && u.protocol !== 'https:') return null;
  const params = [...u.searchParams].filter(([k]) => !TRACKING.test(k)).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  const query = new URLSearchParams(params).toString();
  const path = u.pathname.replace(/\/+$/, '').replace(/%[0-9a-f]{2}/gi, (m) => m.toUpperCase());
  return `${u.hostname.replace(/^www\./, '')}${u.port ? `:${u.port}` : ''}${path}${query ? `?${query}` : ''}`;
}

type Placed = { target: TextTarget; note?: string } | { reason: string };

/** Characters compared loosely: any white space alike, quote marks and dashes folded as Find folds them (case kept). */
const loose = (c: string | undefined) => (c === undefined ? '' : /\s/.test(c) ? ' ' : foldChar(c, false));

function exactSpans(textBody: string, exact: string): { start: number; end: number }[] {
  const out: { start: number; end: number }[] = [];
  for (let i = textBody.indexOf(exact); i >= 0 && out.length < W3C_IMPORT_LIMITS.occurrences; i = textBody.indexOf(exact, i + 1)) {
    out.push({ start: i, end: i + exact.length });
  }
  return out;
}

/** Matches that differ only in white space, quote marks and dashes (a web page's text vs the canonical text). */
const looseSpans = (textBody: string, exact: string) => (exact.length > 10_000 ? [] : foldedSpans(textBody, exact, W3C_IMPORT_LIMITS.occurrences));

/** How many context characters agree either side (compared loosely, 64 at most each side). */
function contextScore(textBody: string, span: { start: number; end: number }, prefix: string, suffix: string): number {
  const p = prefix.slice(-64);
  const s = suffix.slice(0, 64);
  let a = 0;
  while (a < p.length && span.start - a > 0 && loose(textBody[span.start - a - 1]) === loose(p[p.length - a - 1])) a++;
  let b = 0;
  while (b < s.length && span.end + b < textBody.length && loose(textBody[span.end + b]) === loose(s[b])) b++;
  return a + b;
}

const shown = (s: string) => JSON.stringify(s.length > 60 ? `${s.slice(0, 57)}…` : s);

/** A figure on an image: where that image stands in the candidate (by hash, nearest the old position). */
function placeOnImage(item: W3CItem, image: ImageSelector, c: W3CCandidate, sameSnapshot: boolean): Placed {
  if (!c.images) {
    // Without the candidate's images, only the very place it was written for will do.
    const kept: TextTarget | null =
      sameSnapshot && item.quote && item.position
        ? { quote: { type: 'TextQuoteSelector', ...item.quote }, position: { type: 'TextPositionSelector', ...item.position }, image }
        : null;
    const body = c.text;
    const holds =
      kept &&
      kept.quote.exact === '' &&
      kept.position.start === kept.position.end &&
      kept.position.start <= body.length &&
      body.startsWith(kept.quote.prefix, kept.position.start - kept.quote.prefix.length) &&
      kept.position.start >= kept.quote.prefix.length &&
      body.startsWith(kept.quote.suffix, kept.position.start);
    return holds ? { target: kept } : { reason: `it is tagged on an image, and the images of snapshot ${c.snapshotId} are not known here` };
  }
  if (!findImage(c.images, image.hash)) return { reason: `snapshot ${c.snapshotId} has no image ${image.hash.slice(0, 12)}…` };
  try {
    return { target: imageTarget(c.text, c.images, image, item.position?.start) };
  } catch (e) {
    return { reason: `in snapshot ${c.snapshotId}: ${errorText(e)}` };
  }
}

function place(item: W3CItem, c: W3CCandidate, sameSnapshot: boolean): Placed {
  if (item.image) return placeOnImage(item, item.image, c, sameSnapshot);
  const { quote, position } = item;
  const body = c.text;
  if (position && position.end <= body.length && !splitsSurrogatePair(body, position.start) && !splitsSurrogatePair(body, position.end)) {
    // Offsets into a live page mean nothing in the snapshot's text unless the quote agrees.
    if (quote ? body.slice(position.start, position.end) === quote.exact : sameSnapshot) {
      const kept: TextTarget | null = quote
        ? { quote: { type: 'TextQuoteSelector', ...quote }, position: { type: 'TextPositionSelector', ...position } }
        : null;
      return { target: sameSnapshot && kept && verifyTarget(body, kept) ? kept : makeTarget(body, position.start, position.end) };
    }
  }
  if (!quote) {
    return {
      reason:
        position && position.end > body.length
          ? `its position ${position.start}–${position.end} lies outside snapshot ${c.snapshotId}'s text (${body.length} characters), and it has no quote to look for`
          : `it has only a TextPositionSelector, and offsets into the page ${item.urls[0] ?? ''} do not carry over to snapshot ${c.snapshotId}'s text; it needs a TextQuoteSelector`,
    };
  }
  let spans = exactSpans(body, quote.exact);
  let note: string | undefined;
  if (spans.length === 0) {
    spans = looseSpans(body, quote.exact);
    if (spans.length > 0)
      note = `${item.at}: the quote ${shown(quote.exact)} was found in snapshot ${c.snapshotId} with different spaces, quote marks or dashes`;
  }
  if (spans.length === 0) {
    try {
      findOccurrence(body, quote.exact);
    } catch (e) {
      return { reason: `in snapshot ${c.snapshotId}: ${errorText(e)}` };
    }
  }
  const scored = spans.map((s) => ({ ...s, score: contextScore(body, s, quote.prefix, quote.suffix) }));
  const best = Math.max(...scored.map((s) => s.score));
  let top = scored.filter((s) => s.score === best);
  if (top.length > 1 && position) {
    const distance = (s: { start: number }) => Math.abs(s.start - position.start);
    const nearest = Math.min(...top.map(distance));
    top = top.filter((s) => distance(s) === nearest);
  }
  if (top.length !== 1) {
    return {
      reason: `the quote ${shown(quote.exact)} occurs ${spans.length} times in snapshot ${c.snapshotId}, and its context does not tell which one is meant`,
    };
  }
  try {
    return { target: makeTarget(body, top[0]!.start, top[0]!.end), ...(note ? { note } : {}) };
  } catch (e) {
    return { reason: `in snapshot ${c.snapshotId}: ${errorText(e)}` };
  }
}

function isCandidate(c: unknown): c is W3CCandidate {
  return isObj(c) && typeof c.snapshotId === 'string' && typeof c.text === 'string' && (c.sourceUrl === null || typeof c.sourceUrl === 'string');
}

/**
 * Finds each item's snapshot, by its `urn:glossa:snapshot:` source or by address (source URL
 * or canonical URL, normalised), and places it: by TextPositionSelector where the text there
 * is the quote, else by TextQuoteSelector with its prefix and suffix. Candidates sharing an
 * address are tried in the order given (pass the newest version first to prefer it).
 */
export function planW3CImport(items: readonly W3CItem[], candidates: readonly W3CCandidate[]): W3CPlan {
  if (!Array.isArray(items) || !Array.isArray(candidates) || !candidates.every(isCandidate)) {
    throw new GlossaError('INVALID_INPUT', 'planW3CImport needs the parsed items and a list of snapshots, each with snapshotId, text and sourceUrl.');
  }
  const byId = new Map<string, W3CCandidate>();
  const byUrl = new Map<string, W3CCandidate[]>();
  for (const c of candidates) {
    if (!byId.has(c.snapshotId)) byId.set(c.snapshotId, c);
    for (const address of new Set([c.sourceUrl, c.canonicalUrl].map((u) => (u ? normaliseUrl(u) : null)))) {
      if (address) byUrl.set(address, [...(byUrl.get(address) ?? []), c]);
    }
  }
  const plan: W3CPlan = { matched: [], unmatched: [], notes: [] };
  const taken = new Map<string, string>();
  for (const item of items) {
    const fail = (reason: string) => plan.unmatched.push({ item, reason });
    if (!item.quote && !item.position && !item.image) {
      fail('it has no text selector (a page note or a reply), so there is no passage to attach it to');
      continue;
    }
    const found: W3CCandidate[] = [];
    const named = item.snapshotId ? byId.get(item.snapshotId) : undefined;
    if (named) found.push(named);
    for (const u of item.urls) for (const c of byUrl.get(normaliseUrl(u) ?? '') ?? []) if (!found.includes(c)) found.push(c);
    // A figure on an image from another library: the same picture (same hash) says which snapshot.
    if (found.length === 0 && item.image) for (const c of candidates) if (c.images && findImage(c.images, item.image.hash)) found.push(c);
    if (found.length === 0) {
      const names = [item.snapshotId ? `snapshot ${item.snapshotId}` : null, ...item.urls.slice(0, 2)].filter(Boolean).join(' or ');
      fail(names ? `no snapshot in the library is ${names}; capture the page first` : 'it does not say which page it annotates');
      continue;
    }
    let placed: Placed | null = null;
    let chosen: W3CCandidate | null = null;
    let firstReason: string | null = null;
    for (const c of found) {
      const p = place(item, c, c.snapshotId === item.snapshotId);
      if ('target' in p) {
        placed = p;
        chosen = c;
        break;
      }
      firstReason ??= p.reason;
    }
    if (!placed || !('target' in placed) || !chosen) {
      fail(firstReason ?? 'it could not be placed');
      continue;
    }
    const parsed = Annotation.safeParse({ ...item.annotation, snapshotId: chosen.snapshotId, target: placed.target });
    if (!parsed.success) {
      fail(`it is not a valid Glossa annotation (${parsed.error.issues[0]?.message ?? 'invalid'})`);
      continue;
    }
    const earlier = taken.get(parsed.data.id);
    if (earlier !== undefined) {
      fail(`it has the same id as ${earlier}, which is imported instead`);
      continue;
    }
    taken.set(parsed.data.id, item.at);
    if (placed.note) plan.notes.push(placed.note);
    plan.matched.push(parsed.data);
  }
  return plan;
}
