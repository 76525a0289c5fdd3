/**
 * What the index is built from: the library's own files, read (never written) straight from
 * the folder, so a rebuild can run in a worker thread without the store's lock. The store
 * writes every file by rename, so a read sees a whole file, old or new.
 */
import { readdirSync, readFileSync } from 'node:fs';
import {
  type Annotation,
  type AnnotationKind,
  ArticleRecord as Record_,
  type CodeTag,
  type Collection,
  inTrash,
  type Speaker,
  withCorrections,
} from '../model/index.js';
import { annotationsFile, blobFile, isSha256, isSnapshotId, libraryLayout, snapshotFile } from '../store/paths.js';

/** The parts of a snapshot the index keeps. */
export interface ArticleRecord {
  id: string;
  title: string;
  byline: string | null;
  authors: string[];
  description: string | null;
  siteName: string | null;
  sourceUrl: string | null;
  lang: string | null;
  capturedAt: string;
  publishedAt: string | null;
  textHash: string;
  wordCount: number;
  /** The article's own tags (codebook ids) and collections (ids); none when absent. */
  tags?: string[];
  collections?: string[];
  /** Corrected section and the researcher's note about the article: searched with the metadata. */
  section?: string | null;
  note?: string | null;
}

export interface Registries {
  codebook: CodeTag[];
  speakers: Speaker[];
  /** Absent: none (an index opened by a caller that has no collections). */
  collections?: Collection[];
}

export interface IndexSource {
  /** Every snapshot of the library. */
  snapshotIds(): string[];
  /** null: not (or no longer, or not readably) in the library. */
  article(id: string): ArticleRecord | null;
  /** The canonical text by its hash ('' when its body cannot be read). */
  text(textHash: string): string;
  /** Current versions, tombstones included (the index keeps live ones). */
  annotations(snapshotId: string): Annotation[];
}

const KINDS = new Set<AnnotationKind>(['quote', 'claim', 'figure', 'note']);
const str = (v: unknown): string | null => (typeof v === 'string' ? v : null);

/** A snapshot record's indexed fields, or null if it is not one (damage is reported by the store, not here). */
export function pickArticle(raw: unknown): ArticleRecord | null {
  if (!raw || typeof raw !== 'object') return null;
  const r = raw as Record<string, unknown>;
  const id = str(r.id);
  const capturedAt = str(r.capturedAt);
  const textHash = str(r.textHash);
  if (!id || !capturedAt || !textHash) return null;
  return {
    id,
    title: str(r.title) ?? '',
    byline: str(r.byline),
    authors: Array.isArray(r.authors) ? r.authors.filter((a): a is string => typeof a === 'string') : [],
    description: str(r.description),
    siteName: str(r.siteName),
    sourceUrl: str(r.sourceUrl),
    lang: str(r.lang),
    capturedAt,
    publishedAt: str(r.publishedAt),
    textHash,
    wordCount: typeof r.wordCount === 'number' ? r.wordCount : 0,
    tags: [],
    collections: [],
    section: null,
    note: null,
  };
}

/**
 * The article as the library shows it: null while it is in the trash (trashed articles are out
 * of search), else its corrections over the captured values, with its tags and collections.
 * A record that does not parse is ignored (the store reports damage, the index does not).
 */
export function withState(a: ArticleRecord, rawRecord: unknown): ArticleRecord | null {
  if (rawRecord === undefined || rawRecord === null) return a;
  const parsed = Record_.safeParse(rawRecord);
  if (!parsed.success) return a;
  const r = parsed.data;
  if (inTrash(r)) return null;
  const corrected = withCorrections({ ...a, byline: a.byline }, r);
  return { ...corrected, tags: r.tags, collections: r.collections, section: r.meta.section ?? null, note: r.meta.note ?? null };
}

/** The annotation if it has what the index reads (id, kind, position); fields default. */
export function pickAnnotation(raw: unknown): Annotation | null {
  if (!raw || typeof raw !== 'object') return null;
  const a = raw as Partial<Annotation>;
  const pos = a.target?.position;
  if (typeof a.id !== 'string' || !KINDS.has(a.kind as AnnotationKind) || !pos || typeof pos.start !== 'number' || typeof pos.end !== 'number') return null;
  return {
    ...(a as Annotation),
    fields: a.fields && typeof a.fields === 'object' ? a.fields : {},
    tags: Array.isArray(a.tags) ? a.tags.filter((t) => typeof t === 'string') : [],
    comment: typeof a.comment === 'string' ? a.comment : '',
    updatedAt: typeof a.updatedAt === 'string' ? a.updatedAt : '',
    deletedAt: a.deletedAt ?? null,
  };
}

function readJson(file: string): unknown {
  try {
    return JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    return null;
  }
}

/** Reads a library folder (synchronously: it runs in the index's worker thread). */
export class FolderSource implements IndexSource {
  private readonly layout;

  constructor(dir: string) {
    this.layout = libraryLayout(dir);
  }

  snapshotIds(): string[] {
    try {
      return readdirSync(this.layout.snapshots).filter(isSnapshotId).sort();
    } catch {
      return [];
    }
  }

  /** The annotations file read last: article() and annotations() of one snapshot read it once. */
  private last: { id: string; doc: { annotations?: unknown; article?: unknown } | null } | null = null;

  private doc(id: string) {
    if (this.last?.id !== id) this.last = { id, doc: readJson(annotationsFile(this.layout, id)) as { annotations?: unknown; article?: unknown } | null };
    return this.last.doc;
  }

  article(id: string): ArticleRecord | null {
    if (!isSnapshotId(id)) return null;
    // Read fresh: a change to this snapshot is what asks for it again.
    this.last = null;
    const a = pickArticle(readJson(snapshotFile(this.layout, id)));
    return a && a.id === id ? withState(a, this.doc(id)?.article) : null;
  }

  text(textHash: string): string {
    if (!isSha256(textHash)) return '';
    try {
      return readFileSync(blobFile(this.layout.blobs, textHash), 'utf8');
    } catch {
      return '';
    }
  }

  annotations(snapshotId: string): Annotation[] {
    const doc = this.doc(snapshotId);
    if (!doc || !Array.isArray(doc.annotations)) return [];
    return doc.annotations.map(pickAnnotation).filter((a): a is Annotation => a !== null);
  }
}
