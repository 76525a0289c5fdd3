import { isUtf8 } from 'node:buffer';
import { z } from 'zod';
import { imageTargetProblem } from '../anchor/image.js';
import { Annotation, ArticleRecord, CodeTag, Collection, Sha256, Snapshot, Speaker, type SnapshotImage, type TextTarget } from '../model/index.js';
import { normaliseRecord } from '../store/annotations-file.js';
import { REVISION, revisionOf } from '../store/revisions.js';
import type { AnnotationVersion } from '../store/types.js';
import { assertSpan, verifyTarget } from '../text/selectors.js';
import {
  ANNOTATIONS_JSONLD,
  ARTICLES,
  CODEBOOK,
  COLLECTIONS,
  HISTORY,
  SNAPSHOT_ID,
  MANIFEST,
  SPEAKERS,
  htmlMember,
  snapshotMember,
  textMember,
  type FormatVersion,
  type Manifest,
  type MemberRole,
} from './format.js';
import { annotationFromJsonLd, collectionItems } from './jsonld.js';
import { problem, type BundleProblem } from './problems.js';

/** A snapshot of the bundle whose every member has been hashed and checked. */
export interface BundleSnapshot {
  snapshot: Snapshot;
  text: string;
  /** Members holding the snapshot's blobs, by hash: read again (and re-hashed) on import. */
  blobMembers: Map<string, string>;
  /** Bodies the snapshot names that the bundle leaves out (version 2: originals and images are optional). */
  omitted: string[];
}

export interface VerifiedBundle {
  manifest: Manifest;
  version: FormatVersion;
  /** Verified bytes of blob members kept from the hashing pass (within InspectOptions.keepBlobBytes), by member name. */
  blobBytes: Map<string, Buffer>;
  snapshots: BundleSnapshot[];
  annotations: Annotation[];
  /** Per annotation id, the revisions its version was derived from (version 2; empty in version 1). */
  history: Record<string, string[]>;
  /** Versions kept beside a current one in the exporting library. */
  conflicts: AnnotationVersion[];
  /** False for version 1, which carries no histories: merges then go by updatedAt alone. */
  historyKnown: boolean;
  codebook: CodeTag[];
  speakers: Speaker[];
  /** Version 3: article records of the bundle's snapshots, by snapshot id (absent: the article had no state of its own). */
  articles: Map<string, ArticleVersion>;
  /** Version 3: articles in the exporting library's trash, carried as their record only. */
  deletedArticles: DeletedArticle[];
  /** Version 3: articles removed for good in the exporting library. */
  purged: PurgedEntry[];
  collections: Collection[];
}

/** One version of an article's record and the revisions it was derived from. */
export interface ArticleVersion {
  record: ArticleRecord;
  history: string[];
}
export interface DeletedArticle extends ArticleVersion {
  id: string;
  textHash: string;
  title: string;
  /** Revisions of every annotation version the deleting side held or descended from (a tombstone carries no annotations). */
  knows: string[];
}
export interface PurgedEntry {
  id: string;
  textHash: string;
  purgedAt: string;
}

const short = (h: string) => h.slice(0, 12);

/** Strict UTF-8 (a bad byte is an error, not a replacement character); the native check is far faster than a fatal TextDecoder. */
export function utf8(bytes: Buffer): string {
  if (!isUtf8(bytes)) throw new Error('it is not valid UTF-8');
  return bytes.toString('utf8');
}

export function parseJson(bytes: Buffer, member: string, problems: BundleProblem[]): unknown {
  try {
    return JSON.parse(utf8(bytes));
  } catch (e) {
    problems.push(
      problem(member, `Bundle member "${member}" is not valid JSON (${(e as Error).message}); the bundle is damaged. Ask the sender to export it again.`),
    );
    return undefined;
  }
}

/** Why a target does not anchor in the canonical text (the same rule as everywhere: verifyTarget), or null. Figures on images are checked against the snapshot's images. */
export function anchorProblem(text: string, target: TextTarget, images: readonly Pick<SnapshotImage, 'hash' | 'offset'>[] = []): string | null {
  if (target.image) return imageTargetProblem(text, images, target);
  const { start, end } = target.position;
  try {
    assertSpan(text, start, end);
  } catch (e) {
    return (e as Error).message;
  }
  if (verifyTarget(text, target)) return null;
  const found = text.slice(start, end);
  const { exact } = target.quote;
  if (found !== exact)
    return `its exact text ${JSON.stringify(exact.slice(0, 40))} differs from the text at ${start}–${end}: ${JSON.stringify(found.slice(0, 40))}`;
  return 'its prefix or suffix does not match the text around it';
}

export const issueOf = (e: z.ZodError) => {
  const issue = e.issues[0]!;
  return `"${issue.path.join('.')}": ${issue.message}`;
};

/** Content checks, after every member's hash matched: schemas, content hashes, anchors, counts. */
export function checkContent(manifest: Manifest, roles: Map<string, MemberRole>, kept: Map<string, Buffer>, problems: BundleProblem[]): VerifiedBundle | null {
  const version = manifest.version;
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
    const checked = checkSnapshot(id, group, kept, digest, version, problems);
    if (checked) snapshots.set(id, checked);
  }

  const annotations = checkAnnotations(kept.get(ANNOTATIONS_JSONLD)!, snapshots, problems);
  const registry = checkRegistry(version, kept, problems);
  const versions = version >= 2 && annotations ? checkHistory(kept.get(HISTORY)!, annotations, snapshots, problems) : { history: {}, conflicts: [] };
  const articles = version >= 3 ? checkArticles(kept.get(ARTICLES)!, snapshots, problems) : { articles: new Map(), deletedArticles: [], purged: [] };
  const collections = version >= 3 ? checkCollections(kept.get(COLLECTIONS)!, problems) : [];

  if (annotations && versions && registry && articles && collections) {
    const actual: Record<string, number> = {
      snapshots: snapshots.size,
      annotations: annotations.filter((a) => a.deletedAt === null).length,
      tombstones: annotations.filter((a) => a.deletedAt !== null).length,
      ...(version >= 2 ? { conflicts: versions.conflicts.length, tags: registry.codebook.length, speakers: registry.speakers.length } : {}),
      ...(version >= 3
        ? {
            articles: articles.articles.size,
            deletedArticles: articles.deletedArticles.length,
            purged: articles.purged.length,
            collections: collections.length,
          }
        : {}),
    };
    const declared = manifest.counts as Record<string, number>;
    for (const [key, n] of Object.entries(actual)) {
      if (n !== declared[key]) {
        problems.push(problem(MANIFEST, `${MANIFEST} counts ${declared[key]} ${key} but the bundle holds ${n}; the bundle is inconsistent.`));
      }
    }
  }
  if (problems.length > 0 || !annotations || !versions || !registry || !articles || !collections) return null;
  const blobBytes = new Map<string, Buffer>();
  for (const [name, bytes] of kept) if (['html', 'original', 'asset', 'text'].includes(roles.get(name)!.role)) blobBytes.set(name, bytes);
  return {
    manifest,
    version,
    blobBytes,
    snapshots: [...snapshots.values()],
    annotations,
    history: versions.history,
    conflicts: versions.conflicts,
    historyKnown: version >= 2,
    codebook: registry.codebook,
    speakers: registry.speakers,
    ...articles,
    collections,
  };
}

function checkSnapshot(
  id: string,
  group: { original?: string; assets: string[] },
  kept: Map<string, Buffer>,
  digest: (name: string) => string,
  version: FormatVersion,
  problems: BundleProblem[],
): BundleSnapshot | null {
  const where = snapshotMember(id);
  const json = parseJson(kept.get(where)!, where, problems);
  if (json === undefined) return null;
  const parsed = Snapshot.safeParse(json);
  if (!parsed.success) {
    problems.push(problem(where, `${where} is not a valid snapshot (${issueOf(parsed.error)}).`));
    return null;
  }
  const snapshot = parsed.data;
  const bad = (message: string, code: BundleProblem['code'] = 'BAD_BUNDLE') => problems.push(problem(where, message, code));
  if (snapshot.id !== id) {
    bad(`${where} describes snapshot ${snapshot.id}, not ${id}.`);
    return null;
  }
  const textName = textMember(id);
  if (digest(textName) !== snapshot.textHash) {
    problems.push(
      problem(
        textName,
        `The canonical text of snapshot ${id} does not hash to its textHash (${short(snapshot.textHash)}…); every annotation offset depends on it, so the bundle was refused.`,
        'HASH_MISMATCH',
      ),
    );
    return null;
  }
  let text: string;
  try {
    text = utf8(kept.get(textName)!);
  } catch {
    problems.push(problem(textName, `The canonical text of snapshot ${id} is not valid UTF-8.`));
    return null;
  }
  if (digest(htmlMember(id)) !== snapshot.htmlHash) bad(`The article HTML of snapshot ${id} does not hash to its htmlHash.`, 'HASH_MISMATCH');
  const blobMembers = new Map<string, string>([
    [snapshot.textHash, textName],
    [snapshot.htmlHash, htmlMember(id)],
  ]);
  const omitted: string[] = [];
  // Version 1 carries every body; version 2 may leave out originals and images (an export option).
  const optional = version >= 2;
  if (snapshot.originalHash === null) {
    if (group.original) bad(`Snapshot ${id} records no original file, but the bundle has ${group.original}.`);
  } else if (!group.original) {
    if (optional) omitted.push(snapshot.originalHash);
    else bad(`Snapshot ${id} records an original file (${short(snapshot.originalHash)}…) that is not in the bundle.`);
  } else if (digest(group.original) !== snapshot.originalHash) {
    bad(`The original file of snapshot ${id} does not hash to its originalHash.`, 'HASH_MISMATCH');
  } else blobMembers.set(snapshot.originalHash, group.original);
  const assetsByHash = new Map<string, string>();
  for (const name of group.assets) {
    const hash = name.split('/').pop()!.split('.')[0]!;
    if (digest(name) !== hash) bad(`Asset ${name} does not hash to the hash in its name.`, 'HASH_MISMATCH');
    assetsByHash.set(hash, name);
  }
  for (const hash of snapshot.assetHashes) {
    const name = assetsByHash.get(hash);
    if (name) blobMembers.set(hash, name);
    else if (optional) omitted.push(hash);
    else bad(`Snapshot ${id} uses asset ${short(hash)}…, which is not in the bundle.`);
  }
  for (const hash of assetsByHash.keys())
    if (!snapshot.assetHashes.includes(hash)) bad(`The bundle has asset ${short(hash)}… that snapshot ${id} does not use.`);
  const assets = new Set(snapshot.assetHashes);
  for (const image of snapshot.images) if (!assets.has(image.hash)) bad(`Snapshot ${id} shows image ${short(image.hash)}…, which is not one of its assets.`);
  if (snapshot.blocks.some((b) => b.start > b.end || b.end > text.length)) bad(`Snapshot ${id} has text blocks outside its canonical text.`);
  if (snapshot.images.some((i) => i.offset > text.length)) bad(`Snapshot ${id} places an image outside its canonical text.`);
  return { snapshot, text, blobMembers, omitted };
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
    const anchor = anchorProblem(snap.text, a.target, snap.snapshot.images);
    if (anchor) return bad(`does not match the canonical text of snapshot ${a.snapshotId}: ${anchor}`);
    out.push(a);
  });
  return problems.length === before ? out : null;
}

const Revisions = z.array(z.string().regex(REVISION, 'a revision (32 lowercase hex digits)'));
const HistoryFile = z.strictObject({
  history: z.record(z.string(), Revisions),
  conflicts: z.array(z.strictObject({ annotation: z.unknown(), history: Revisions })),
});

/** history.json: histories of annotations in the bundle, and kept versions that anchor like them. */
function checkHistory(
  bytes: Buffer,
  annotations: Annotation[],
  snapshots: Map<string, BundleSnapshot>,
  problems: BundleProblem[],
): Pick<VerifiedBundle, 'history' | 'conflicts'> | null {
  const raw = parseJson(bytes, HISTORY, problems);
  if (raw === undefined) return null;
  const parsed = HistoryFile.safeParse(raw);
  if (!parsed.success) {
    problems.push(problem(HISTORY, `${HISTORY} is malformed at ${issueOf(parsed.error)}.`));
    return null;
  }
  const before = problems.length;
  const bad = (message: string) => problems.push(problem(HISTORY, `In ${HISTORY}, ${message}.`));
  const current = new Map(annotations.map((a) => [a.id, a]));
  for (const id of Object.keys(parsed.data.history)) if (!current.has(id)) bad(`annotation ${id} has a history but is not in ${ANNOTATIONS_JSONLD}`);
  const conflicts: AnnotationVersion[] = [];
  const seen = new Set<string>();
  parsed.data.conflicts.forEach((entry, i) => {
    const a = Annotation.safeParse(entry.annotation);
    if (!a.success) return bad(`kept version #${i + 1} is not a valid Glossa annotation (${issueOf(a.error)})`);
    const version = a.data;
    const mine = current.get(version.id);
    if (!mine) return bad(`kept version #${i + 1} is of annotation ${version.id}, which is not in ${ANNOTATIONS_JSONLD}`);
    if (version.snapshotId !== mine.snapshotId) return bad(`kept version #${i + 1} of ${version.id} is on another snapshot than the annotation`);
    const rev = revisionOf(version);
    if (rev === revisionOf(mine) || seen.has(rev)) return bad(`kept version #${i + 1} of ${version.id} repeats another version`);
    seen.add(rev);
    const snap = snapshots.get(version.snapshotId)!;
    const anchor = anchorProblem(snap.text, version.target, snap.snapshot.images);
    if (anchor) return bad(`kept version #${i + 1} of ${version.id} does not match the canonical text: ${anchor}`);
    conflicts.push({ annotation: version, history: entry.history });
  });
  return problems.length === before ? { history: parsed.data.history, conflicts } : null;
}

/** codebook.json and speakers.json: arrays in version 1 (empty as written); schema-valid, coherent records in version 2. */
export function checkRegistry(
  version: FormatVersion,
  kept: Map<string, Buffer>,
  problems: BundleProblem[],
): { codebook: CodeTag[]; speakers: Speaker[] } | null {
  const before = problems.length;
  const read = <S extends z.ZodType>(name: string, schema: S): z.infer<S>[] => {
    const value = parseJson(kept.get(name)!, name, problems);
    if (value === undefined) return [];
    if (!Array.isArray(value)) {
      problems.push(problem(name, `${name} must hold a JSON array.`));
      return [];
    }
    // Version 1 readers never used these lists; they were written empty.
    if (version < 2) return [];
    const out: z.infer<S>[] = [];
    const ids = new Set<string>();
    value.forEach((item, i) => {
      const parsed = schema.safeParse(item);
      if (!parsed.success) return problems.push(problem(name, `Entry ${i + 1} of ${name} is not valid (${issueOf(parsed.error)}).`));
      const record = parsed.data as { id: string };
      if (ids.has(record.id)) return problems.push(problem(name, `${name} lists ${record.id} twice.`));
      ids.add(record.id);
      out.push(parsed.data as z.infer<S>);
    });
    return out;
  };
  const codebook = read(CODEBOOK, CodeTag);
  const speakers = read(SPEAKERS, Speaker);
  checkTree(codebook, (t) => `Tag “${t.name}” in ${CODEBOOK}`, 'the codebook', 'sub-tags', CODEBOOK, problems);
  return problems.length === before ? { codebook, speakers } : null;
}

/** A tree kept by parentId: no dangling parent, nothing under itself. */
function checkTree<T extends { id: string; parentId: string | null }>(
  list: readonly T[],
  label: (item: T) => string,
  whole: string,
  children: string,
  member: string,
  problems: BundleProblem[],
): void {
  const byId = new Map(list.map((t) => [t.id, t]));
  for (const t of list) {
    if (t.parentId !== null && !byId.has(t.parentId))
      problems.push(problem(member, `${label(t)} is placed under ${t.parentId}, which ${whole} does not have.`));
    const seen = new Set([t.id]);
    for (let p = t.parentId; p !== null; p = byId.get(p)?.parentId ?? null) {
      if (seen.has(p)) {
        problems.push(problem(member, `${label(t)} is placed under one of its own ${children}; the bundle is damaged.`));
        break;
      }
      seen.add(p);
    }
  }
}

const Record3 = ArticleRecord.strict();
const ArticlesFile = z.strictObject({
  articles: z.record(z.string(), z.strictObject({ record: z.unknown(), history: Revisions })),
  deleted: z.array(
    z.strictObject({
      id: z.string().regex(SNAPSHOT_ID, 'a snapshot id'),
      textHash: Sha256,
      title: z.string().max(1000),
      record: z.unknown(),
      history: Revisions,
      knows: Revisions,
    }),
  ),
  purged: z.array(z.strictObject({ id: z.string().regex(SNAPSHOT_ID, 'a snapshot id'), textHash: Sha256, purgedAt: z.string() })),
});

/** articles.json (version 3): records of the bundle's articles, trashed articles as records only, purged ids. */
function checkArticles(
  bytes: Buffer,
  snapshots: Map<string, BundleSnapshot>,
  problems: BundleProblem[],
): Pick<VerifiedBundle, 'articles' | 'deletedArticles' | 'purged'> | null {
  const raw = parseJson(bytes, ARTICLES, problems);
  if (raw === undefined) return null;
  const parsed = ArticlesFile.safeParse(raw);
  if (!parsed.success) {
    problems.push(problem(ARTICLES, `${ARTICLES} is malformed at ${issueOf(parsed.error)}.`));
    return null;
  }
  const before = problems.length;
  const bad = (message: string) => problems.push(problem(ARTICLES, `In ${ARTICLES}, ${message}.`));
  const record = (value: unknown, what: string): ArticleRecord | null => {
    const r = Record3.safeParse(value);
    if (!r.success) {
      bad(`the record of ${what} is not a valid article record (${issueOf(r.error)})`);
      return null;
    }
    if (r.data.deletionConflict && r.data.deletedAt === null) {
      bad(`the record of ${what} marks a deletion conflict but is not deleted`);
      return null;
    }
    return normaliseRecord(r.data);
  };
  const articles = new Map<string, ArticleVersion>();
  for (const [id, entry] of Object.entries(parsed.data.articles)) {
    if (!snapshots.has(id)) {
      bad(`article ${id} has a record but is not in the bundle`);
      continue;
    }
    const r = record(entry.record, `article ${id}`);
    if (r) articles.set(id, { record: r, history: entry.history });
  }
  const seen = new Set<string>();
  const deletedArticles: DeletedArticle[] = [];
  for (const entry of parsed.data.deleted) {
    if (snapshots.has(entry.id) || seen.has(entry.id)) {
      bad(`deleted article ${entry.id} is listed twice (or also carried whole)`);
      continue;
    }
    seen.add(entry.id);
    const r = record(entry.record, `deleted article ${entry.id}`);
    if (!r) continue;
    if (r.deletedAt === null) {
      bad(`deleted article ${entry.id} is not deleted in its record`);
      continue;
    }
    deletedArticles.push({ id: entry.id, textHash: entry.textHash, title: entry.title, record: r, history: entry.history, knows: entry.knows });
  }
  for (const entry of parsed.data.purged) {
    if (snapshots.has(entry.id) || seen.has(entry.id)) bad(`purged article ${entry.id} is listed twice (or also carried)`);
    seen.add(entry.id);
  }
  return problems.length === before ? { articles, deletedArticles, purged: parsed.data.purged } : null;
}

/** collections.json (version 3): valid, uniquely identified collections forming a tree. */
export function checkCollections(bytes: Buffer, problems: BundleProblem[]): Collection[] | null {
  const before = problems.length;
  const value = parseJson(bytes, COLLECTIONS, problems);
  if (value === undefined) return null;
  if (!Array.isArray(value)) {
    problems.push(problem(COLLECTIONS, `${COLLECTIONS} must hold a JSON array.`));
    return null;
  }
  const out: Collection[] = [];
  const ids = new Set<string>();
  value.forEach((item, i) => {
    const parsed = Collection.strict().safeParse(item);
    if (!parsed.success) return problems.push(problem(COLLECTIONS, `Entry ${i + 1} of ${COLLECTIONS} is not a valid collection (${issueOf(parsed.error)}).`));
    if (ids.has(parsed.data.id)) return problems.push(problem(COLLECTIONS, `${COLLECTIONS} lists ${parsed.data.id} twice.`));
    ids.add(parsed.data.id);
    out.push(parsed.data);
  });
  checkTree(out, (c) => `Collection “${c.name}” in ${COLLECTIONS}`, 'the bundle’s collections', 'sub-collections', COLLECTIONS, problems);
  return problems.length === before ? out : null;
}
