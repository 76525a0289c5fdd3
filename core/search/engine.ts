/**
 * The library search index: a SQLite file (node:sqlite, FTS5) derived from the JSON library.
 * Synchronous on purpose: it runs inside the search worker (worker.ts), and tests and the
 * benchmark use it directly.
 *
 * Safety: the index only ever reads the library (source.ts). A rebuild writes a new file
 * beside the old one and renames it into place, so a crash leaves the old index or a stray
 * `.building` file (removed on the next open); updates run in one transaction each. A file
 * that is missing, of another schema, of another library generation, truncated or not a
 * database is rebuilt on open; corruption found later by a query rebuilds it too.
 */
import { closeSync, existsSync, fsyncSync, mkdirSync, openSync, readSync, renameSync, rmSync, statSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { dirname } from 'node:path';
import { DatabaseSync, type StatementSync } from 'node:sqlite';
import type { Annotation, CodeTag, Speaker } from '../model/index.js';
import { normaliseName } from '../speakers/match.js';
import { fold } from './fold.js';
import { type Filter, type HAS, highlightTerms, parseQuery, type Query, toMatch } from './query.js';
import { ANNOTATION_WEIGHTS, ARTICLE_WEIGHTS, DUMP_SQL, SCHEMA_SQL, SEARCH_SCHEMA_VERSION } from './schema.js';
import { highlight, type Highlighted, snippet } from './snippet.js';
import type { ArticleRecord, IndexSource, Registries } from './source.js';

export type { Highlighted } from './snippet.js';

export interface Counts {
  quote: number;
  claim: number;
  figure: number;
  note: number;
}

export interface OpenIndexOptions {
  /** The index file (see location.ts for where it belongs). */
  file: string;
  source: IndexSource;
  registries: Registries;
  /** The library's generation stamp now (Library.generation). */
  generation: string;
  /** What the library itself lists: a cheap second check against the stamp. */
  expect?: { articles: number; counts: Counts };
  /** Recorded in the index, so a person can tell which library a cache file belongs to. */
  library?: string;
  onProgress?: (p: Progress) => void;
}

export interface Progress {
  done: number;
  total: number;
}

/** Why the index was rebuilt on open, or 'fresh' when it was used as it was. */
export type OpenState = 'fresh' | 'missing' | 'schema' | 'stale' | 'damaged';

export type SortOrder = 'relevance' | 'newest' | 'oldest' | 'title' | 'annotated';
export const SORT_ORDERS: readonly SortOrder[] = ['relevance', 'newest', 'oldest', 'title', 'annotated'];

export interface SearchRequest {
  query: string;
  sort?: SortOrder;
  /** Hits per list (articles, annotations). Default 20, at most 200. */
  limit?: number;
  offset?: number;
  /** Count facets (default true). */
  facets?: boolean;
}

export interface ArticleHit {
  id: string;
  title: Highlighted;
  site: string;
  lang: string;
  capturedAt: string;
  publishedAt: string | null;
  counts: Counts & { total: number };
  /** A passage of the text around the matched words (null when the query has no words). */
  snippet: Highlighted | null;
}

export interface AnnotationHit {
  id: string;
  snapshotId: string;
  articleTitle: string;
  capturedAt: string;
  kind: Annotation['kind'];
  speaker: string;
  claimant: string;
  verdict: string | null;
  tags: string[];
  start: number;
  end: number;
  exact: Highlighted;
  comment: Highlighted | null;
}

export interface FacetValue {
  value: string;
  label: string;
  count: number;
  /** What to add to the query to narrow to this value. */
  filter: string;
}

export interface Facets {
  kind: FacetValue[];
  tag: FacetValue[];
  speaker: FacetValue[];
  verdict: FacetValue[];
  site: FacetValue[];
  lang: FacetValue[];
  year: FacetValue[];
}

export type SearchResult =
  | {
      ok: true;
      articles: { total: number; hits: ArticleHit[] };
      annotations: { total: number; hits: AnnotationHit[] };
      facets: Facets | null;
      /** Things a person should know (a tag or speaker no one has). */
      notes: string[];
    }
  | { ok: false; message: string };

/** The annotation table's columns (browse): every quote, claim, figure and note, one row each. */
export type BrowseColumn = 'article' | 'captured' | 'kind' | 'exact' | 'speaker' | 'role' | 'quoteType' | 'claimant' | 'verdict' | 'value' | 'unit' | 'measure';
export const BROWSE_COLUMNS: readonly BrowseColumn[] = [
  'article',
  'captured',
  'kind',
  'exact',
  'speaker',
  'role',
  'quoteType',
  'claimant',
  'verdict',
  'value',
  'unit',
  'measure',
];

export interface BrowseRequest {
  /** The search query language; '' is every annotation. */
  query: string;
  /** Default: newest captured first. Ties go by capture time, then id, in the same direction. */
  sort?: { column: BrowseColumn; dir: 'asc' | 'desc' };
  /** Rows per page: default 100, at most 500. */
  limit?: number;
  offset?: number;
}

export interface BrowseRow {
  id: string;
  snapshotId: string;
  articleTitle: string;
  capturedAt: string;
  kind: 'quote' | 'claim' | 'figure' | 'note';
  exact: string;
  start: number;
  end: number;
  speaker: string;
  role: string;
  quoteType: string;
  claimant: string;
  verdict: string | null;
  value: number | null;
  unit: string;
  measure: string;
  tags: string[];
}

export type BrowseResult = { ok: true; total: number; rows: BrowseRow[]; /** As SearchResult's notes. */ notes: string[] } | { ok: false; message: string };

export interface SpeakerQuote {
  annotationId: string;
  snapshotId: string;
  articleTitle: string;
  site: string;
  capturedAt: string;
  exact: string;
  comment: string;
  /** The name as written on the quote. */
  speaker: string;
  /** The speaker's role as written on the quote. */
  role: string;
  quoteType: string;
  start: number;
  end: number;
  tags: string[];
}

export interface SpeakerPage {
  /** The registered speaker the name belongs to, if any. */
  speaker: { id: string; name: string } | null;
  /** Every name and alias that was matched, folded. */
  names: string[];
  quotes: { total: number; articles: number; first: string | null; last: string | null; hits: SpeakerQuote[] };
  tags: FacetValue[];
  sites: FacetValue[];
}

export interface SpeakerUsage {
  counts: Record<string, number>;
  unregistered: { name: string; quotes: number }[];
}

export interface TagUse {
  annotations: number;
  snapshots: number;
}

/** What a change to the library touched (see Library.onChange). */
export interface IndexChange {
  snapshots: string[];
  /** The registries after the change, when they changed. */
  registries?: Registries;
  generation: string;
}

const MAX_LIMIT = 200;
/** How much of an annotation's text the browse table sorts by. */
const EXACT_KEY_LENGTH = 40;
const FACET_LIMIT = 30;
const BROWSE_LIMIT = 100;
const BROWSE_MAX_LIMIT = 500;
/** Each browse column's index (schema.ts: browse_<name>). */
const BROWSE_INDEX: Record<BrowseColumn, string> = {
  article: 'article',
  captured: 'captured',
  kind: 'kind',
  exact: 'exact',
  speaker: 'speaker',
  role: 'role',
  quoteType: 'quote_type',
  claimant: 'claimant',
  verdict: 'verdict',
  value: 'value',
  unit: 'unit',
  measure: 'measure',
};
/** What each browse column sorts by; each has an index (schema.ts) that ends in captured, id. */
const BROWSE_ORDER: Record<BrowseColumn, string> = {
  article: 'n.title_key',
  captured: 'n.captured',
  kind: 'n.kind',
  exact: 'n.exact_key',
  speaker: 'n.speaker_key',
  role: 'n.role COLLATE NOCASE',
  quoteType: 'n.quote_type',
  claimant: 'n.claimant_key',
  verdict: 'n.verdict',
  value: 'n.value',
  unit: 'n.unit COLLATE NOCASE',
  measure: 'n.measure COLLATE NOCASE',
};

/** The key a speaker name is matched by: the registry's normal form, folded further. */
export const speakerKey = (name: string) => fold(normaliseName(name));

const isCorruption = (e: unknown) => e instanceof Error && /malformed|not a database|corrupt|SQLITE_CORRUPT|SQLITE_NOTADB/i.test(e.message);

function hostOf(url: string | null): string {
  if (!url) return '';
  try {
    return new URL(url).hostname.toLowerCase().replace(/^www\./, '');
  } catch {
    return '';
  }
}

/** An ISO date-time in UTC when the text is a date, else its leading YYYY[-MM[-DD]], else null. */
export function normaliseDate(value: string | null): string | null {
  if (!value) return null;
  const prefix = /^\d{4}(-\d{2}(-\d{2})?)?/.exec(value.trim());
  if (prefix && prefix[0].length === value.trim().length) return prefix[0];
  const t = Date.parse(value);
  if (!Number.isNaN(t)) return new Date(t).toISOString();
  return prefix ? prefix[0] : null;
}

/** Reads SQLite's header: a file shorter than the pages it declares was truncated. */
function looksTruncated(file: string): boolean {
  if (existsSync(`${file}-wal`)) return false; // after a crash the WAL holds pages; SQLite recovers it
  const size = statSync(file).size;
  if (size < 100) return true;
  const head = Buffer.alloc(100);
  const fd = openSync(file, 'r');
  try {
    readSync(fd, head, 0, 100, 0);
  } finally {
    closeSync(fd);
  }
  if (head.toString('latin1', 0, 16) !== 'SQLite format 3\0') return true;
  const raw = head.readUInt16BE(16);
  const pageSize = raw === 1 ? 65536 : raw;
  const pages = head.readUInt32BE(28);
  return pages === 0 || pages * pageSize > size;
}

function removeFile(file: string): void {
  rmSync(file, { force: true });
  rmSync(`${file}-wal`, { force: true });
  rmSync(`${file}-shm`, { force: true });
  rmSync(`${file}-journal`, { force: true });
}

function openDb(file: string): DatabaseSync {
  const db = new DatabaseSync(file);
  db.exec(
    `PRAGMA busy_timeout = 5000; PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; PRAGMA temp_store = MEMORY; PRAGMA mmap_size = 268435456; PRAGMA cache_size = -32000;`,
  );
  return db;
}

/** Per-annotation values, the same whether inserted in a rebuild or an update. */
interface AnnotationRow {
  id: string;
  kind: string;
  start: number;
  end: number;
  exact: string;
  comment: string;
  speaker: string;
  speaker_key: string;
  role: string;
  quote_type: string;
  claimant: string;
  claimant_key: string;
  verdict: string | null;
  evidence: string;
  figure: string;
  value: number | null;
  unit: string;
  measure: string;
  updated: string;
  tags: string[];
}

function annotationRow(a: Annotation): AnnotationRow {
  const f = a.fields ?? {};
  const speaker = typeof f.speaker === 'string' ? f.speaker.trim() : '';
  const claimant = typeof f.claimant === 'string' ? f.claimant.trim() : '';
  const text = (v: unknown) => (typeof v === 'string' ? v.trim() : '');
  const evidence = [f.evidenceNote, ...(Array.isArray(f.evidence) ? f.evidence.map((e) => e?.note) : [])]
    .filter((s): s is string => typeof s === 'string' && s !== '')
    .join('\n');
  const figure = [typeof f.value === 'number' ? String(f.value) : null, f.unit, f.measure, f.qualifier, f.period]
    .filter((s): s is string => typeof s === 'string' && s !== '')
    .join(' ');
  return {
    id: a.id,
    kind: a.kind,
    start: a.target.position.start,
    end: a.target.position.end,
    exact: typeof a.target.quote?.exact === 'string' ? a.target.quote.exact : '',
    comment: a.comment,
    speaker,
    speaker_key: speaker ? speakerKey(speaker) : '',
    role: text(f.speakerRole),
    quote_type: text(f.quoteType),
    claimant,
    claimant_key: claimant ? speakerKey(claimant) : '',
    verdict: typeof f.verdict === 'string' ? f.verdict : null,
    evidence,
    figure,
    value: typeof f.value === 'number' && Number.isFinite(f.value) ? f.value : null,
    unit: text(f.unit),
    measure: text(f.measure),
    updated: a.updatedAt,
    tags: [...new Set(a.tags)].sort(),
  };
}

const registriesHash = (r: Registries) =>
  createHash('sha256')
    .update(JSON.stringify([r.codebook, r.speakers, r.collections ?? []]))
    .digest('hex');
const like = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);
const quoteValue = (s: string) => (/^[^\s,"]+$/.test(s) ? s : `"${s.replaceAll('"', '')}"`);

export class SearchEngine {
  private db: DatabaseSync;
  private readonly statements = new Map<string, StatementSync>();
  /** Statements that return rows as arrays (setReturnArrays): hit rowids, read by the thousand. */
  private readonly arrayStatements = new Map<string, StatementSync>();
  private codes: FacetCodes | null = null;
  /** The article rowids (1) the current query's article filters pass; see defineFunctions. */
  private articleBits: Uint8Array | null = null;
  private registries: Registries;
  /** The library generation the index holds. */
  private stamp: string;
  /** How the last open found the file. */
  readonly opened: OpenState;

  private constructor(
    private readonly opts: OpenIndexOptions,
    db: DatabaseSync,
    opened: OpenState,
  ) {
    this.db = db;
    this.opened = opened;
    this.registries = opts.registries;
    this.stamp = opts.generation;
    this.defineFunctions();
  }

  /**
   * SQL functions over the current query's articles that pass its article filters (articleBits):
   * a word search drops the hits of other articles as FTS5 yields them, before any row is read.
   * They answer 1 when they cannot tell (no bits, an annotation not in FacetCodes): the filters
   * themselves stay in the SQL and decide every hit that gets through.
   */
  private defineFunctions(): void {
    this.db.function('glossa_article_in', (rowid) => (this.articleBits ? (this.articleBits[Number(rowid)] ?? 0) : 1));
    this.db.function('glossa_annotation_in', (rowid) => {
      const article = this.articleBits && this.codes ? this.codes.annotationArticles[Number(rowid)] : 0;
      return article ? (this.articleBits![article] ?? 0) : 1;
    });
  }

  /** Opens the index, rebuilding it (with progress) when it is missing, stale or damaged. */
  static open(opts: OpenIndexOptions): SearchEngine {
    mkdirSync(dirname(opts.file), { recursive: true });
    rmSync(`${opts.file}.building`, { force: true });
    const state = SearchEngine.check(opts);
    if (state.db && state.state === 'fresh') {
      const engine = new SearchEngine(opts, state.db, 'fresh');
      engine.setRegistries(opts.registries, null);
      return engine;
    }
    state.db?.close();
    removeFile(opts.file);
    SearchEngine.build(opts);
    return new SearchEngine(opts, openDb(opts.file), state.state);
  }

  private static check(opts: OpenIndexOptions): { state: OpenState; db?: DatabaseSync } {
    if (!existsSync(opts.file)) return { state: 'missing' };
    let db: DatabaseSync | undefined;
    try {
      if (looksTruncated(opts.file)) return { state: 'damaged' };
      db = openDb(opts.file);
      const meta = new Map((db.prepare('SELECT key, value FROM meta').all() as { key: string; value: string }[]).map((r) => [r.key, r.value]));
      if (meta.get('schema') !== String(SEARCH_SCHEMA_VERSION)) return { state: 'schema', db };
      if (meta.get('generation') !== opts.generation) return { state: 'stale', db };
      if (opts.expect) {
        const row = db
          .prepare(
            'SELECT count(*) AS n, coalesce(sum(n_quote), 0) AS q, coalesce(sum(n_claim), 0) AS c, coalesce(sum(n_figure), 0) AS f, coalesce(sum(n_note), 0) AS o FROM articles',
          )
          .get() as Record<string, number>;
        const e = opts.expect;
        if (row.n !== e.articles || row.q !== e.counts.quote || row.c !== e.counts.claim || row.f !== e.counts.figure || row.o !== e.counts.note)
          return { state: 'stale', db };
      }
      return { state: 'fresh', db };
    } catch {
      return db ? { state: 'damaged', db } : { state: 'damaged' };
    }
  }

  /** Builds a whole new index file from the library, then renames it over the old one. */
  private static build(opts: OpenIndexOptions): void {
    const tmp = `${opts.file}.building`;
    removeFile(tmp);
    const db = new DatabaseSync(tmp);
    try {
      db.exec('PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF; PRAGMA temp_store = MEMORY; PRAGMA cache_size = -64000;');
      db.exec(SCHEMA_SQL);
      const writer = new Writer(db);
      const ids = opts.source.snapshotIds();
      db.exec('BEGIN');
      writer.writeRegistries(opts.registries);
      const names = writer.tagNames();
      opts.onProgress?.({ done: 0, total: ids.length });
      for (let i = 0; i < ids.length; i++) {
        const article = opts.source.article(ids[i]!);
        if (article) writer.insertArticle(article, opts.source.text(article.textHash), opts.source.annotations(article.id), names);
        if ((i + 1) % 250 === 0) opts.onProgress?.({ done: i + 1, total: ids.length });
      }
      writer.setMeta({
        schema: String(SEARCH_SCHEMA_VERSION),
        generation: opts.generation,
        registries: registriesHash(opts.registries),
        library: opts.library ?? '',
      });
      db.exec('COMMIT');
      // One segment per FTS5 index: a query reads one doclist per word, and later small writes
      // do not pay for merging what the bulk insert left behind.
      db.exec(`INSERT INTO article_fts (article_fts) VALUES ('optimize'); INSERT INTO annotation_fts (annotation_fts) VALUES ('optimize');`);
      // Statistics for the query planner (sampled, so it stays quick on a large library).
      db.exec('PRAGMA analysis_limit = 1000; ANALYZE;');
      db.exec('PRAGMA journal_mode = DELETE');
      opts.onProgress?.({ done: ids.length, total: ids.length });
    } finally {
      db.close();
    }
    const fd = openSync(tmp, 'r');
    try {
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    // The old file's WAL must not be replayed onto the new file: its sidecars go first. The
    // rename then replaces the old file in one step, so a kill leaves the old index (stale, or
    // damaged without its WAL: rebuilt on open) or the new one, never no index at all.
    for (const sidecar of ['-wal', '-shm', '-journal']) rmSync(`${opts.file}${sidecar}`, { force: true });
    renameSync(tmp, opts.file);
  }

  /** Throws the index away and builds it again from the library (`glossa reindex`). */
  rebuild(generation: string, registries: Registries, onProgress?: (p: Progress) => void): void {
    this.close();
    const opts = { ...this.opts, generation, registries, ...(onProgress ? { onProgress } : {}) };
    SearchEngine.build(opts);
    this.db = openDb(this.opts.file);
    this.codes = null;
    this.defineFunctions();
    this.registries = registries;
    this.stamp = generation;
  }

  close(): void {
    this.statements.clear();
    this.arrayStatements.clear();
    this.codes = null;
    if (this.db.isOpen) this.db.close();
  }

  /** The library generation the index holds. */
  get generation(): string {
    return this.stamp;
  }

  /** Re-reads the snapshots a change touched (and the registries) in one transaction. */
  apply(change: IndexChange): void {
    this.guard(() => {
      const writer = new Writer(this.db, true);
      this.db.exec('BEGIN IMMEDIATE');
      try {
        if (change.registries) this.setRegistries(change.registries, writer);
        const names = writer.tagNames();
        for (const id of [...new Set(change.snapshots)]) writer.updateArticle(id, this.opts.source, names);
        writer.setMeta({ generation: change.generation });
        this.db.exec('COMMIT');
        this.codes?.patch(writer.touched!);
        this.stamp = change.generation;
      } catch (e) {
        if (this.db.isTransaction) this.db.exec('ROLLBACK');
        throw e;
      }
    });
  }

  /** Registries change rarely; the annotations whose tag names changed get their text row again. */
  private setRegistries(registries: Registries, writer: Writer | null): void {
    this.registries = registries;
    const hash = registriesHash(registries);
    const stored = (this.db.prepare(`SELECT value FROM meta WHERE key = 'registries'`).get() as { value: string } | undefined)?.value;
    if (stored === hash) return;
    const w = writer ?? new Writer(this.db);
    const own = !writer;
    if (own) this.db.exec('BEGIN IMMEDIATE');
    try {
      const before = w.tagNames();
      w.writeRegistries(registries);
      const after = w.tagNames();
      const changed = new Set([...before.keys(), ...after.keys()].filter((id) => before.get(id) !== after.get(id)));
      if (changed.size) w.refreshTagText(changed, after);
      w.setMeta({ registries: hash });
      if (own) this.db.exec('COMMIT');
    } catch (e) {
      if (own && this.db.isTransaction) this.db.exec('ROLLBACK');
      throw e;
    }
  }

  /** Runs `fn`; an index found damaged meanwhile is rebuilt and `fn` runs once more. */
  private guard<T>(fn: () => T): T {
    try {
      return fn();
    } catch (e) {
      if (!isCorruption(e)) throw e;
      // The stamp is kept in memory: the damaged file may not say it any more.
      this.rebuild(this.stamp, this.registries);
      return fn();
    }
  }

  private stmt(sql: string): StatementSync {
    let s = this.statements.get(sql);
    if (!s) {
      s = this.db.prepare(sql);
      this.statements.set(sql, s);
    }
    return s;
  }

  private arrayStmt(sql: string): StatementSync {
    let s = this.arrayStatements.get(sql);
    if (!s) {
      s = this.db.prepare(sql);
      s.setReturnArrays(true);
      this.arrayStatements.set(sql, s);
    }
    return s;
  }

  /** The facet numbers in memory, loaded when missing or when another connection wrote to the file. */
  private facetCodes(reload = false): FacetCodes {
    if (this.codes && !reload) {
      const { data_version } = this.stmt('PRAGMA data_version').get() as { data_version: number };
      if (data_version === this.codes.dataVersion) return this.codes;
    }
    this.codes = FacetCodes.load(this.db);
    return this.codes;
  }

  /**
   * Facet groups, tag counts and totals of hits found by words: their rowids only (one pass over
   * FTS5 without ranking) counted per facet number in memory, never sorted by value in SQL.
   */
  private countByCodes(articleRowids: string, articleParams: (string | number)[], annotationRowids: string, annotationParams: (string | number)[]) {
    const articles = this.arrayStmt(articleRowids).all(...articleParams) as unknown as [number][];
    const annotations = this.arrayStmt(annotationRowids).all(...annotationParams) as unknown as [number][];
    let codes = this.facetCodes();
    let a = codes.count(codes.articles, articles);
    let n = codes.count(codes.annotations, annotations);
    if (a === false || n === false) {
      codes = this.facetCodes(true);
      a = codes.count(codes.articles, articles);
      n = codes.count(codes.annotations, annotations);
      if (a === false || n === false) throw new Error('The search index has hits without facet numbers; rebuild it (glossa reindex).');
    }
    const { groups, tags } = codes.annotationGroups(n);
    return { articleGroups: codes.articleGroups(a), annotationGroups: groups, tags };
  }

  // ---- search ----------------------------------------------------------------------------

  search(req: SearchRequest): SearchResult {
    const parsed = parseQuery(req.query);
    if (!parsed.ok) return parsed;
    const sort = req.sort ?? 'relevance';
    if (!SORT_ORDERS.includes(sort)) return { ok: false, message: `Unknown sort order "${String(sort).slice(0, 40)}" — choose ${SORT_ORDERS.join(', ')}.` };
    const limit = Math.max(0, Math.min(MAX_LIMIT, Math.floor(Number(req.limit ?? 20)) || 0));
    const offset = Math.max(0, Math.floor(Number(req.offset ?? 0)) || 0);
    return this.guard(() => this.run(parsed.query, sort, limit, offset, req.facets !== false));
  }

  /**
   * The hits as SQL: what to join and what to require, for articles and for annotations.
   * Words go to FTS5 once per statement (never a per-row MATCH); with words, totals and facet
   * counts come from the hits' rowids (countByCodes), without, from GROUP BYs over the same joins.
   */
  private hitSets(q: Query, notes: string[]): { match: string | null; articles: HitSet; annotations: HitSet; annotationKeys: HitSet } {
    const { match, exclude } = toMatch(q);
    const articleFilters = this.articleFilterSql(
      q.filters.filter((f) => ARTICLE_FILTERS.has(f.name)),
      'a',
      notes,
    );
    const annotationFilters = this.annotationFilterSql(
      q.filters.filter((f) => !ARTICLE_FILTERS.has(f.name)),
      'n',
      notes,
    );

    // Article hits: the text terms against article text; annotation filters ask for a matching annotation.
    const aWhere: string[] = [...articleFilters.sql];
    const aParams: (string | number)[] = [...articleFilters.params];
    if (annotationFilters.sql.length) {
      // With words, few articles are checked one by one; without, the annotations are found once by their indexes.
      const cond = annotationFilters.sql.join(' AND ');
      const viaAnnotations = match
        ? `EXISTS (SELECT 1 FROM annotations n WHERE n.article = a.rowid AND ${cond})`
        : `a.rowid IN (SELECT n.article FROM annotations n WHERE ${cond})`;
      // tag: alone also finds articles tagged as a whole (article tags, from the same codebook).
      const tagsOnly = q.filters.every((f) => ARTICLE_FILTERS.has(f.name) || (f.name === 'tag' && !f.negated));
      const tagIds = tagsOnly ? [...new Set(q.filters.flatMap((f) => (f.name === 'tag' ? f.values.flatMap((v) => this.tagIds(v)) : [])))] : [];
      if (tagIds.length && q.filters.filter((f) => f.name === 'tag').length === 1) {
        aWhere.push(
          `(${viaAnnotations} OR a.rowid IN (SELECT s.article FROM article_sets s WHERE s.kind = 't' AND s.value IN (${tagIds.map(() => '?').join(', ')})))`,
        );
        aParams.push(...annotationFilters.params, ...tagIds);
      } else {
        aWhere.push(viaAnnotations);
        aParams.push(...annotationFilters.params);
      }
    }
    // Annotation hits: the terms against annotation text; article filters through the annotation's article.
    const nWhere: string[] = [...annotationFilters.sql, ...articleFilters.sql];
    const nParams: (string | number)[] = [...annotationFilters.params, ...articleFilters.params];
    const join = articleFilters.sql.length ? ' JOIN articles a ON a.rowid = n.article' : '';
    const where = (w: string[]) => (w.length ? ` WHERE ${w.join(' AND ')}` : '');
    this.articleBits = null;
    if (match) {
      // Article filters are checked once per article, not once per hit (defineFunctions).
      const prefilter = articleFilters.sql.length > 0 && this.setArticleBits(articleFilters.sql, articleFilters.params);
      // CROSS JOIN keeps FTS5 the outer loop: each MATCH runs once, not once per row.
      const annotations = (table: string): HitSet => ({
        from: `annotation_fts f CROSS JOIN ${table} n ON n.rowid = f.rowid${join}`,
        where: where(['annotation_fts MATCH ?', ...(prefilter ? ['glossa_annotation_in(f.rowid)'] : []), ...nWhere]),
        params: [match, ...nParams],
        bare: !nWhere.length,
      });
      return {
        match,
        articles: {
          from: 'article_fts f CROSS JOIN articles a ON a.rowid = f.rowid',
          where: where(['article_fts MATCH ?', ...(prefilter ? ['glossa_article_in(f.rowid)'] : []), ...aWhere]),
          params: [match, ...aParams],
          bare: !aWhere.length,
        },
        annotations: annotations('annotations'),
        annotationKeys: annotations('annotation_keys'),
      };
    }
    if (exclude) {
      aWhere.push('a.rowid NOT IN (SELECT rowid FROM article_fts WHERE article_fts MATCH ?)');
      aParams.push(exclude);
      nWhere.push('n.rowid NOT IN (SELECT rowid FROM annotation_fts WHERE annotation_fts MATCH ?)');
      nParams.push(exclude);
    }
    const annotations = { from: `annotations n${join}`, where: where(nWhere), params: nParams, bare: !nWhere.length };
    // Without words the plain table's indexes find and count the annotations.
    return { match: null, articles: { from: 'articles a', where: where(aWhere), params: aParams }, annotations, annotationKeys: annotations };
  }

  /** The articles the filters pass, as articleBits (read through the covering index articles_filters). */
  private setArticleBits(sql: string[], params: (string | number)[]): true {
    // The index, always: the planner would rather take a date range's index and read each row it
    // names, which costs more than the whole narrow index when the range is wide.
    const rows = this.arrayStmt(`SELECT a.rowid FROM articles a INDEXED BY articles_filters WHERE ${sql.join(' AND ')}`).all(...params) as unknown as [
      number,
    ][];
    let max = 0;
    for (const [rowid] of rows) max = Math.max(max, rowid);
    const bits = new Uint8Array(max + 1);
    for (const [rowid] of rows) bits[rowid] = 1;
    // Annotation hits find their article in memory (FacetCodes), current before the bits are read.
    this.facetCodes();
    this.articleBits = bits;
    return true;
  }

  private run(q: Query, sort: SortOrder, limit: number, offset: number, withFacets: boolean): SearchResult {
    const notes: string[] = [];
    const { match, articles, annotations, annotationKeys: keys } = this.hitSets(q, notes);
    const ranked = sort === 'relevance' && match !== null;
    const order = ranked ? 'relevance' : sort === 'relevance' ? 'newest' : sort;

    // Only rowids and sort keys are sorted; the page's rows are read after (w).
    const page = <T>(table: 'articles' | 'annotations', set: HitSet, keysSql: string, order: string, outer: string): T[] =>
      limit === 0
        ? []
        : (this.stmt(
            `SELECT w.* FROM (SELECT ${keysSql} FROM ${set.from}${set.where} ORDER BY ${order} LIMIT ? OFFSET ?) h JOIN ${table} w ON w.rowid = h.hit ORDER BY ${outer}`,
          ).all(...set.params, limit, offset) as T[]);
    const sorted = (o: string, alias: string) => ({ keysSql: `${alias}.rowid AS hit`, order: o, outer: o.replaceAll(`${alias}.`, 'w.') });
    // Ranked by FTS5 alone when the words alone decide: no row is read for a hit that is not shown
    // (equal scores then go by rowid, which is stable for an index); with filters, by id.
    const rank = (set: HitSet, fts: string, weights: readonly number[], alias: string) =>
      set.bare
        ? { from: { ...set, from: `${fts} f` }, keysSql: `f.rowid AS hit, bm25(${fts}, ${weights.join(', ')}) AS score, f.rowid AS id` }
        : { from: set, keysSql: `${alias}.rowid AS hit, bm25(${fts}, ${weights.join(', ')}) AS score, ${alias}.id AS id` };
    // Ranked by relevance with filters, each FTS5 search runs (and each filter is checked) once:
    // the hits, their scores and what the facets read of them go to a temp table that the page,
    // the totals and the facets then read. Words alone are matched again instead: ranking then
    // reads FTS5 alone, which costs less than writing and sorting a copy of every hit.
    // A phrase is matched by its words' positions: matching it a second time for the facets costs
    // more than keeping its hits, so it is collected even with no filter.
    const phrase = q.clauses.some((c) => !c.negated && c.any.some((t) => t.tokens.length > 1));
    const articleHits = ranked && (!articles.bare || phrase) ? this.collectArticleHits(articles) : null;
    const annotationHits = ranked && (!keys.bare || phrase) ? this.collectAnnotationHits(keys) : null;
    const articleRank = rank(articles, 'article_fts', ARTICLE_WEIGHTS, 'a');
    const annotationRank = rank(keys, 'annotation_fts', ANNOTATION_WEIGHTS, 'n');
    const hitPage = <T>(table: 'articles' | 'annotations', temp: string): T[] =>
      limit === 0
        ? []
        : (this.stmt(
            `SELECT w.* FROM (SELECT hit, score, id FROM temp.${temp} ORDER BY score, id LIMIT ? OFFSET ?) h CROSS JOIN ${table} w ON w.rowid = h.hit ORDER BY h.score, h.id`,
          ).all(limit, offset) as T[]);
    const articleRows =
      articleHits !== null
        ? hitPage<ArticleRowDb>('articles', 'article_hits')
        : ranked
          ? page<ArticleRowDb>('articles', articleRank.from, articleRank.keysSql, 'score, id', 'h.score, h.id')
          : (() => {
              const o = sorted(ARTICLE_ORDER[order as Exclude<SortOrder, 'relevance'>], 'a');
              return page<ArticleRowDb>('articles', articles, o.keysSql, o.order, o.outer);
            })();
    const annotationRows =
      annotationHits !== null
        ? hitPage<AnnotationRowDb>('annotations', 'annotation_hits')
        : ranked
          ? page<AnnotationRowDb>('annotations', annotationRank.from, annotationRank.keysSql, 'score, id', 'h.score, h.id')
          : (() => {
              const o = sorted(ANNOTATION_ORDER[order as Exclude<SortOrder, 'relevance'>], 'n');
              return page<AnnotationRowDb>('annotations', annotations, o.keysSql, o.order, o.outer);
            })();

    // With words, the hits' rowids are counted per facet number (countByCodes); without, one
    // GROUP BY per list over the plain tables' covering indexes gives its total and its facets.
    const rowids = (set: HitSet, temp: string | null, fts: string, alias: string) =>
      temp !== null
        ? { sql: `SELECT hit FROM temp.${temp}`, params: [] }
        : set.bare
          ? { sql: `SELECT f.rowid FROM ${fts} f${set.where}`, params: set.params }
          : { sql: `SELECT ${alias}.rowid FROM ${set.from}${set.where}`, params: set.params };
    const coded =
      withFacets && match !== null
        ? (() => {
            const a = rowids(articles, articleHits !== null ? 'article_hits' : null, 'article_fts', 'a');
            const n = rowids(keys, annotationHits !== null ? 'annotation_hits' : null, 'annotation_fts', 'n');
            return this.countByCodes(a.sql, a.params, n.sql, n.params);
          })()
        : null;
    const articleGroups = !withFacets
      ? null
      : coded
        ? coded.articleGroups
        : (this.stmt(
            `SELECT a.site AS site, a.lang AS lang, a.year AS year, count(*) AS c FROM ${articles.from}${articles.where} GROUP BY a.site, a.lang, a.year`,
          ).all(...articles.params) as ArticleGroup[]);
    const annotationGroups = !withFacets
      ? null
      : coded
        ? coded.annotationGroups
        : (this.stmt(
            // In the order of annotations_facets, so with no words the index is read without sorting.
            `SELECT n.kind AS kind, n.verdict AS verdict, n.speaker_key AS speaker_key, min(n.speaker) AS speaker, count(*) AS c FROM ${keys.from}${keys.where} GROUP BY n.kind, n.verdict, n.speaker_key`,
          ).all(...keys.params) as AnnotationGroup[]);
    const articlesTotal = articleGroups
      ? articleGroups.reduce((n, r) => n + r.c, 0)
      : articleHits !== null
        ? articleHits
        : (this.stmt(`SELECT count(*) AS n FROM ${articles.from}${articles.where}`).get(...articles.params) as { n: number }).n;
    const annotationsTotal = annotationGroups
      ? annotationGroups.reduce((n, r) => n + r.c, 0)
      : annotationHits !== null
        ? annotationHits
        : (this.stmt(`SELECT count(*) AS n FROM ${keys.from}${keys.where}`).get(...keys.params) as { n: number }).n;
    const tags = !withFacets ? null : coded ? topTags(coded.tags) : this.tagCounts(keys);

    const terms = highlightTerms(q);
    const tagNames = new Map(this.registries.codebook.map((t) => [t.id, t.name]));
    return {
      ok: true,
      articles: {
        total: articlesTotal,
        hits: articleRows.map((r) => ({
          id: r.id,
          title: highlight(r.title, terms, null),
          site: r.site,
          lang: r.lang,
          capturedAt: r.captured,
          publishedAt: r.published,
          counts: { quote: r.n_quote, claim: r.n_claim, figure: r.n_figure, note: r.n_note, total: r.n_total },
          snippet: terms.length ? snippet(this.opts.source.text(r.text_hash), terms, 30) : null,
        })),
      },
      annotations: {
        total: annotationsTotal,
        hits: annotationRows.map((r) => ({
          id: r.id,
          snapshotId: r.snapshot,
          articleTitle: r.title,
          capturedAt: r.captured,
          kind: r.kind as Annotation['kind'],
          speaker: r.speaker,
          claimant: r.claimant,
          verdict: r.verdict,
          tags: this.tagsOf(r.rowid, tagNames),
          start: r.start,
          end: r.end,
          exact: highlight(r.exact, terms, 60),
          comment: r.comment ? highlight(r.comment, terms, 40) : null,
        })),
      },
      facets: articleGroups && annotationGroups && tags ? this.facets(articleGroups, annotationGroups, tags, tagNames) : null,
      notes,
    };
  }

  /**
   * Runs the articles' FTS5 search of a ranked query once, into temp.article_hits (hit rowid,
   * bm25 score, and for equal scores the id, or with no filter the rowid, as a page ranked by
   * FTS5 alone). Returns how many hits there are.
   */
  private collectArticleHits(articles: HitSet): number {
    this.hitTables();
    this.stmt(`DELETE FROM temp.article_hits`).run();
    const [from, id] = articles.bare ? ['article_fts f', 'f.rowid'] : [articles.from, 'a.id'];
    return Number(
      this.stmt(`INSERT INTO temp.article_hits SELECT f.rowid, bm25(article_fts, ${ARTICLE_WEIGHTS.join(', ')}), ${id} FROM ${from}${articles.where}`).run(
        ...articles.params,
      ).changes,
    );
  }

  /** As collectArticleHits, for annotations (temp.annotation_hits). */
  private collectAnnotationHits(keys: HitSet): number {
    this.hitTables();
    this.stmt(`DELETE FROM temp.annotation_hits`).run();
    const [from, id] = keys.bare ? ['annotation_fts f', 'f.rowid'] : [keys.from, 'n.id'];
    return Number(
      this.stmt(`INSERT INTO temp.annotation_hits SELECT f.rowid, bm25(annotation_fts, ${ANNOTATION_WEIGHTS.join(', ')}), ${id} FROM ${from}${keys.where}`).run(
        ...keys.params,
      ).changes,
    );
  }

  /** The temp tables, once per connection (a rebuild opens a new one and clears the statements). */
  private hitTables(): void {
    for (const sql of HIT_TABLES) if (!this.statements.has(sql)) this.stmt(sql).run();
  }

  /** The most used tags among annotation hits found without words (with words: FacetCodes). */
  private tagCounts(annotations: HitSet): { v: string; c: number }[] {
    // A tag row exists only for a live annotation, so with no filters the annotation rows need not be read.
    const from = annotations.bare ? 'annotation_tags tg' : `${annotations.from} JOIN annotation_tags tg ON tg.annotation = n.rowid`;
    return this.stmt(`SELECT tg.tag AS v, count(*) AS c FROM ${from}${annotations.where} GROUP BY tg.tag ORDER BY c DESC, v LIMIT ${FACET_LIMIT}`).all(
      ...annotations.params,
    ) as { v: string; c: number }[];
  }

  private tagsOf(rowid: number, tagNames: Map<string, string>): string[] {
    return (this.stmt('SELECT tag FROM annotation_tags WHERE annotation = ? ORDER BY tag').all(rowid) as { tag: string }[]).map(
      (t) => tagNames.get(t.tag) ?? t.tag,
    );
  }

  private facets(
    articleGroups: ArticleGroup[],
    annotationGroups: AnnotationGroup[],
    tagCounts: { v: string; c: number }[],
    tagNames: Map<string, string>,
  ): Facets {
    const count = <T>(rows: { c: number }[], key: (r: never) => T | null | '') => {
      const out = new Map<T, number>();
      for (const r of rows) {
        const k = key(r as never);
        if (k === null || k === '') continue;
        out.set(k, (out.get(k) ?? 0) + r.c);
      }
      return out;
    };
    const byCount = (a: { v: string | number; c: number }, b: { v: string | number; c: number }) => b.c - a.c || (a.v < b.v ? -1 : a.v > b.v ? 1 : 0);
    const values = <T extends string | number>(
      m: Map<T, number>,
      name: string,
      order: (a: { v: T; c: number }, b: { v: T; c: number }) => number = byCount,
      cap = FACET_LIMIT,
    ): FacetValue[] =>
      [...m.entries()]
        .map(([v, c]) => ({ v, c }))
        .sort(order)
        .slice(0, cap)
        .map((r) => ({ value: String(r.v), label: String(r.v), count: r.c, filter: `${name}:${quoteValue(String(r.v))}` }));
    const tag = tagCounts.map((r) => {
      const name = tagNames.get(r.v) ?? r.v;
      return { value: r.v, label: name, count: r.c, filter: `tag:${quoteValue(name)}` };
    });
    // Names written differently ("de Blasio", "De Blasio") and aliases of one registered speaker count together.
    const registered = this.registeredByKey();
    const speakers = new Map<string, FacetValue>();
    for (const r of annotationGroups) {
      if (r.kind !== 'quote' || !r.speaker_key) continue;
      const s = registered.get(r.speaker_key);
      const key = s ? `#${s.id}` : r.speaker_key;
      const label = s ? s.name : r.speaker;
      const entry = speakers.get(key) ?? { value: label, label, count: 0, filter: `speaker:${quoteValue(label)}` };
      // The name as written that sorts first stands for the unregistered ones (as min() would).
      if (!s && label < entry.label) Object.assign(entry, { value: label, label, filter: `speaker:${quoteValue(label)}` });
      entry.count += r.c;
      speakers.set(key, entry);
    }
    return {
      kind: values(
        count(annotationGroups, (r: { kind: string }) => r.kind),
        'kind',
        byCount,
        Infinity,
      ),
      tag,
      speaker: [...speakers.values()].sort((a, b) => b.count - a.count || a.label.localeCompare(b.label)).slice(0, FACET_LIMIT),
      verdict: values(
        count(annotationGroups, (r: { verdict: string | null }) => r.verdict),
        'verdict',
        byCount,
        Infinity,
      ),
      site: values(
        count(articleGroups, (r: { site: string }) => r.site),
        'site',
      ),
      lang: values(
        count(articleGroups, (r: { lang: string }) => r.lang),
        'lang',
      ),
      year: values(
        count(articleGroups, (r: { year: number | null }) => r.year),
        'published',
        (a, b) => b.v - a.v,
      ),
    };
  }

  /** Folded name or alias → registered speaker (a name wins over another speaker's alias). */
  private registeredByKey(): Map<string, Speaker> {
    const byKey = new Map<string, Speaker>();
    for (const s of this.registries.speakers) {
      const k = speakerKey(s.name);
      if (k && !byKey.has(k)) byKey.set(k, s);
    }
    for (const s of this.registries.speakers) {
      for (const alias of s.aliases) {
        const k = speakerKey(alias);
        if (k && !byKey.has(k)) byKey.set(k, s);
      }
    }
    return byKey;
  }

  /** The keys a speaker: filter value stands for: the speaker's every name, or the value itself. */
  private speakerKeys(value: string): string[] {
    const key = speakerKey(value);
    const s = this.registeredByKey().get(key);
    if (!s) return [key];
    return [...new Set([s.name, ...s.aliases].map(speakerKey).filter(Boolean))];
  }

  /** Tag ids a tag: value names (by name or id), with their descendants. */
  private tagIds(value: string): string[] {
    const key = fold(value).trim();
    const found = this.registries.codebook.filter((t) => t.id === value || fold(t.name).trim() === key).map((t) => t.id);
    const children = new Map<string, CodeTag[]>();
    for (const t of this.registries.codebook) if (t.parentId) children.set(t.parentId, [...(children.get(t.parentId) ?? []), t]);
    const out = new Set<string>();
    const visit = (id: string) => {
      if (out.has(id)) return;
      out.add(id);
      for (const c of children.get(id) ?? []) visit(c.id);
    };
    found.forEach(visit);
    return [...out];
  }

  /** Collection ids a collection: value names (by id, name or path "A/B"), with the collections under them. */
  private collectionIds(value: string): string[] {
    const list = this.registries.collections ?? [];
    const key = fold(value).trim();
    const pathOf = (id: string): string => {
      const names: string[] = [];
      const seen = new Set<string>();
      for (let c = list.find((x) => x.id === id); c && !seen.has(c.id); c = c.parentId ? list.find((x) => x.id === c!.parentId) : undefined) {
        seen.add(c.id);
        names.unshift(fold(c.name).trim());
      }
      return names.join('/');
    };
    const wanted = key.split(/\s*[/▸]\s*/).join('/');
    const found = list.filter((c) => c.id === value || fold(c.name).trim() === key || pathOf(c.id) === wanted).map((c) => c.id);
    const out = new Set<string>();
    const visit = (id: string) => {
      if (out.has(id)) return;
      out.add(id);
      for (const c of list) if (c.parentId === id) visit(c.id);
    };
    found.forEach(visit);
    return [...out];
  }

  private articleFilterSql(filters: Filter[], a: string, notes: string[] = []): { sql: string[]; params: (string | number)[] } {
    const sql: string[] = [];
    const params: (string | number)[] = [];
    for (const f of filters) {
      const alts: string[] = [];
      switch (f.name) {
        case 'collection': {
          const ids = [...new Set(f.values.flatMap((v) => this.collectionIds(v)))];
          for (const v of f.values) if (!this.collectionIds(v).length) notes.push(`No collection is named "${v}".`);
          if (!ids.length) alts.push('0');
          else {
            alts.push(`${a}.rowid IN (SELECT s.article FROM article_sets s WHERE s.kind = 'c' AND s.value IN (${ids.map(() => '?').join(', ')}))`);
            params.push(...ids);
          }
          break;
        }
        case 'site':
          for (const v of f.values) {
            alts.push(`(${a}.site_key = ? OR ${a}.host = ? OR ${a}.host LIKE ? ESCAPE '\\')`);
            params.push(v, v, `%.${like(v)}`);
          }
          break;
        case 'lang':
          for (const v of f.values) {
            alts.push(`(${a}.lang = ? OR ${a}.lang LIKE ? ESCAPE '\\')`);
            params.push(v, `${like(v)}-%`);
          }
          break;
        case 'captured':
        case 'published':
          for (const b of f.values) {
            const col = `${a}.${f.name}`;
            const parts: string[] = [];
            if (b.from !== null) {
              parts.push(`${col} >= ?`);
              params.push(b.from);
            }
            if (b.to !== null) {
              parts.push(`${col} < ?`);
              params.push(b.to);
            }
            alts.push(`(${parts.join(' AND ')})`);
          }
          break;
        case 'has':
          for (const v of f.values) alts.push(HAS_SQL[v](a));
          break;
        default:
          break;
      }
      if (!alts.length) continue;
      const either = alts.length === 1 ? alts[0]! : `(${alts.join(' OR ')})`;
      sql.push(f.negated ? `NOT coalesce(${either}, 0)` : either);
    }
    return { sql, params };
  }

  private annotationFilterSql(filters: Filter[], n: string, notes: string[]): { sql: string[]; params: (string | number)[] } {
    const sql: string[] = [];
    const params: (string | number)[] = [];
    const list = (values: readonly string[]) => {
      params.push(...values);
      return values.map(() => '?').join(', ');
    };
    for (const f of filters) {
      let cond: string | null = null;
      switch (f.name) {
        case 'kind':
          cond = `${n}.kind IN (${list(f.values)})`;
          break;
        case 'verdict':
          cond = `${n}.verdict IN (${list(f.values)})`;
          break;
        case 'speaker': {
          const keys = [...new Set(f.values.flatMap((v) => this.speakerKeys(v)))];
          const inList = keys.map(() => '?').join(', ');
          cond = `(${n}.speaker_key IN (${inList}) OR ${n}.claimant_key IN (${inList}))`;
          params.push(...keys, ...keys);
          break;
        }
        case 'tag': {
          const ids = [...new Set(f.values.flatMap((v) => this.tagIds(v)))];
          for (const v of f.values) if (!this.tagIds(v).length) notes.push(`No tag in the codebook is named "${v}".`);
          // Beside a speaker (a few quotes, found by its index) each is checked; alone, the tagged
          // annotations are found once by the (tag, annotation) key rather than probed row by row.
          const bySpeaker = filters.some((x) => x.name === 'speaker' && !x.negated);
          cond = !ids.length
            ? '0'
            : bySpeaker
              ? `EXISTS (SELECT 1 FROM annotation_tags t WHERE t.annotation = ${n}.rowid AND t.tag IN (${list(ids)}))`
              : `${n}.rowid IN (SELECT t.annotation FROM annotation_tags t WHERE t.tag IN (${list(ids)}))`;
          break;
        }
        default:
          break;
      }
      if (cond) sql.push(f.negated ? `NOT coalesce(${cond}, 0)` : cond);
    }
    return { sql, params };
  }

  // ---- the annotation table --------------------------------------------------------------

  /** A page of every annotation the query finds, sorted by one column (see BrowseRequest). */
  browse(req: BrowseRequest): BrowseResult {
    if (typeof req !== 'object' || req === null) return { ok: false, message: 'The annotation table needs a request: { query, sort?, limit?, offset? }.' };
    const parsed = parseQuery(req.query);
    if (!parsed.ok) return parsed;
    const sort = req.sort ?? { column: 'captured', dir: 'desc' };
    const show = (v: unknown) => String(v).slice(0, 40);
    if (typeof sort !== 'object' || sort === null || !BROWSE_COLUMNS.includes(sort.column)) {
      return {
        ok: false,
        message: `The annotation table cannot be sorted by "${show((sort as { column?: unknown } | null)?.column)}" — choose one of ${BROWSE_COLUMNS.join(', ')}.`,
      };
    }
    if (sort.dir !== 'asc' && sort.dir !== 'desc') return { ok: false, message: `Sort direction must be "asc" or "desc", not "${show(sort.dir)}".` };
    const limit = req.limit ?? BROWSE_LIMIT;
    if (typeof limit !== 'number' || !Number.isInteger(limit) || limit < 1 || limit > BROWSE_MAX_LIMIT) {
      return { ok: false, message: `Rows per page must be a whole number from 1 to ${BROWSE_MAX_LIMIT}, not ${show(limit)}.` };
    }
    const offset = req.offset ?? 0;
    if (typeof offset !== 'number' || !Number.isSafeInteger(offset) || offset < 0)
      return { ok: false, message: `The page offset must be a whole number from 0 up, not ${show(offset)}.` };
    return this.guard(() => {
      const notes: string[] = [];
      const set = this.hitSets(parsed.query, notes).annotations;
      const dir = sort.dir === 'asc' ? 'ASC' : 'DESC';
      const order = (n: string) =>
        (sort.column === 'captured' ? '' : `${BROWSE_ORDER[sort.column].replace('n.', `${n}.`)} ${dir}, `) + `${n}.captured ${dir}, ${n}.id ${dir}`;
      const total = (this.stmt(`SELECT count(*) AS n FROM ${set.from}${set.where}`).get(...set.params) as { n: number }).n;
      // Everything, or only some kinds: the column's index (which holds kind) is read in order, never
      // sorted; the planner would rather sort every row of a kind. Other filters are left to the planner.
      const byIndex = !parsed.query.clauses.length && parsed.query.filters.every((f) => f.name === 'kind');
      const from = byIndex ? `annotations n INDEXED BY browse_${BROWSE_INDEX[sort.column]}` : set.from;
      // Only rowids are sorted and skipped; the page's rows are read after.
      const rows = this.stmt(
        `SELECT w.* FROM (SELECT n.rowid AS hit FROM ${from}${set.where} ORDER BY ${order('n')} LIMIT ? OFFSET ?) h JOIN annotations w ON w.rowid = h.hit ORDER BY ${order('w')}`,
      ).all(...set.params, limit, offset) as unknown as AnnotationRowDb[];
      const tagNames = new Map(this.registries.codebook.map((t) => [t.id, t.name]));
      return {
        ok: true,
        total,
        rows: rows.map((r) => ({
          id: r.id,
          snapshotId: r.snapshot,
          articleTitle: r.title,
          capturedAt: r.captured,
          kind: r.kind as BrowseRow['kind'],
          exact: r.exact,
          start: r.start,
          end: r.end,
          speaker: r.speaker,
          role: r.role,
          quoteType: r.quote_type,
          claimant: r.claimant,
          verdict: r.verdict,
          value: r.value,
          unit: r.unit,
          measure: r.measure,
          tags: this.tagsOf(r.rowid, tagNames),
        })),
        notes,
      };
    });
  }

  // ---- speakers and codebook -------------------------------------------------------------

  /** Everything the library holds from one person: quotes newest first, with tags and sites. */
  speakerPage(name: string, opts: { limit?: number; offset?: number } = {}): SpeakerPage {
    return this.guard(() => {
      const registered = this.registeredByKey().get(speakerKey(name)) ?? null;
      const keys = this.speakerKeys(name).filter(Boolean);
      const inList = keys.map(() => '?').join(', ') || "''";
      const where = `n.kind = 'quote' AND n.speaker_key IN (${inList})`;
      const stats = this.stmt(
        `SELECT count(*) AS total, count(DISTINCT n.article) AS articles, min(n.captured) AS first, max(n.captured) AS last FROM annotations n WHERE ${where}`,
      ).get(...keys) as {
        total: number;
        articles: number;
        first: string | null;
        last: string | null;
      };
      const limit = Math.max(0, Math.min(MAX_LIMIT * 5, Math.floor(opts.limit ?? 100)));
      const rows = this.stmt(
        // The page's rowids come from annotations_speaker alone; only those rows are read.
        `SELECT n.rowid AS rowid, n.id AS id, n.snapshot AS snapshot_id, n.title AS title, a.site AS site, n.captured AS captured, n.exact AS exact, n.comment AS comment, n.speaker AS speaker, n.role AS role, n.quote_type AS quote_type, n.start AS start, n.end AS end FROM (SELECT n.rowid AS hit FROM annotations n WHERE ${where} ORDER BY n.captured DESC, n.snapshot, n.start, n.id LIMIT ? OFFSET ?) h JOIN annotations n ON n.rowid = h.hit JOIN articles a ON a.rowid = n.article ORDER BY n.captured DESC, n.snapshot, n.start, n.id`,
      ).all(...keys, limit, Math.max(0, Math.floor(opts.offset ?? 0))) as Record<string, string | number>[];
      const tagNames = new Map(this.registries.codebook.map((t) => [t.id, t.name]));
      const tagsOf = this.stmt('SELECT tag FROM annotation_tags WHERE annotation = ? ORDER BY tag');
      const tags = (
        this.stmt(
          `SELECT t.tag AS v, count(*) AS c FROM annotations n JOIN annotation_tags t ON t.annotation = n.rowid WHERE ${where} GROUP BY t.tag ORDER BY c DESC, v LIMIT ${FACET_LIMIT}`,
        ).all(...keys) as { v: string; c: number }[]
      ).map((r) => {
        const label = tagNames.get(r.v) ?? r.v;
        return { value: r.v, label, count: r.c, filter: `tag:${quoteValue(label)}` };
      });
      const sites = (
        this.stmt(
          `SELECT a.site AS v, count(*) AS c FROM annotations n JOIN articles a ON a.rowid = n.article WHERE ${where} AND a.site <> '' GROUP BY a.site ORDER BY c DESC, v LIMIT ${FACET_LIMIT}`,
        ).all(...keys) as { v: string; c: number }[]
      ).map((r) => ({
        value: r.v,
        label: r.v,
        count: r.c,
        filter: `site:${quoteValue(r.v)}`,
      }));
      return {
        speaker: registered ? { id: registered.id, name: registered.name } : null,
        names: keys,
        quotes: {
          ...stats,
          hits: rows.map((r) => ({
            annotationId: String(r.id),
            snapshotId: String(r.snapshot_id),
            articleTitle: String(r.title),
            site: String(r.site),
            capturedAt: String(r.captured),
            exact: String(r.exact),
            comment: String(r.comment),
            speaker: String(r.speaker),
            role: String(r.role),
            quoteType: String(r.quote_type),
            start: Number(r.start),
            end: Number(r.end),
            tags: (tagsOf.all(r.rowid!) as { tag: string }[]).map((t) => tagNames.get(t.tag) ?? t.tag),
          })),
        },
        tags,
        sites,
      };
    });
  }

  /** Quotes per registered speaker, and names on quotes no one in the registry answers to (as core/speakers/quotes.ts). */
  speakerUsage(): SpeakerUsage {
    return this.guard(() => {
      const counts: Record<string, number> = Object.fromEntries(this.registries.speakers.map((s) => [s.id, 0]));
      const registered = this.registeredByKey();
      const unregistered: { name: string; quotes: number }[] = [];
      const rows = this.stmt(
        `SELECT speaker_key AS k, min(speaker) AS name, count(*) AS c FROM annotations WHERE kind = 'quote' AND speaker_key <> '' GROUP BY speaker_key`,
      ).all() as { k: string; name: string; c: number }[];
      for (const r of rows) {
        const s = registered.get(r.k);
        if (s) counts[s.id] = (counts[s.id] ?? 0) + r.c;
        else unregistered.push({ name: r.name, quotes: r.c });
      }
      unregistered.sort((a, b) => b.quotes - a.quotes || a.name.localeCompare(b.name));
      return { counts, unregistered };
    });
  }

  /** Per tag id: live annotations carrying it and the snapshots they are in (as core/codebook/usage.ts). */
  tagUsage(): Record<string, TagUse> {
    return this.guard(() => {
      const rows = this.stmt(
        `SELECT t.tag AS tag, count(*) AS annotations, count(DISTINCT n.article) AS snapshots FROM annotation_tags t JOIN annotations n ON n.rowid = t.annotation GROUP BY t.tag`,
      ).all() as { tag: string; annotations: number; snapshots: number }[];
      return Object.fromEntries(rows.map((r) => [r.tag, { annotations: r.annotations, snapshots: r.snapshots }]));
    });
  }

  /** Every table as rows keyed by library ids (not rowids): two indexes of one library dump equal. */
  dump(): Record<string, unknown[]> {
    const out: Record<string, unknown[]> = {};
    for (const [name, sql] of Object.entries(DUMP_SQL))
      out[name] = this.db
        .prepare(sql)
        .all()
        .map((r) => ({ ...r }));
    this.db.exec(
      `CREATE VIRTUAL TABLE IF NOT EXISTS temp.article_terms USING fts5vocab(main, 'article_fts', 'instance'); CREATE VIRTUAL TABLE IF NOT EXISTS temp.annotation_terms USING fts5vocab(main, 'annotation_fts', 'instance');`,
    );
    out.articleText = this.db
      .prepare(`SELECT a.id, v.term, v.col, v.offset FROM temp.article_terms v JOIN articles a ON a.rowid = v.doc ORDER BY a.id, v.col, v.offset, v.term`)
      .all()
      .map((r) => ({ ...r }));
    out.annotationText = this.db
      .prepare(`SELECT n.id, v.term, v.col, v.offset FROM temp.annotation_terms v JOIN annotations n ON n.rowid = v.doc ORDER BY n.id, v.col, v.offset, v.term`)
      .all()
      .map((r) => ({ ...r }));
    const rows = this.db.prepare(`SELECT (SELECT count(*) FROM temp.article_terms) AS a, (SELECT count(*) FROM temp.annotation_terms) AS n`).get() as {
      a: number;
      n: number;
    };
    out.orphanText = [rows.a - out.articleText.length, rows.n - out.annotationText.length];
    return out;
  }
}

type ArticleRowDb = {
  rowid: number;
  id: string;
  title: string;
  site: string;
  lang: string;
  captured: string;
  published: string | null;
  text_hash: string;
  n_quote: number;
  n_claim: number;
  n_figure: number;
  n_note: number;
  n_total: number;
};
type AnnotationRowDb = AnnotationRow & { rowid: number; snapshot: string; title: string; captured: string };
/** The most used tags first (equal counts by id, as SQL's ORDER BY c DESC, v). */
const topTags = (counts: Map<string, number>) =>
  [...counts]
    .map(([v, c]) => ({ v, c }))
    .sort((a, b) => b.c - a.c || (a.v < b.v ? -1 : a.v > b.v ? 1 : 0))
    .slice(0, FACET_LIMIT);
/** collectHits' temp tables, created once per connection. */
const HIT_TABLES = [
  `CREATE TEMP TABLE IF NOT EXISTS article_hits (hit INTEGER PRIMARY KEY, score REAL NOT NULL, id NOT NULL)`,
  `CREATE TEMP TABLE IF NOT EXISTS annotation_hits (hit INTEGER PRIMARY KEY, score REAL NOT NULL, id NOT NULL)`,
] as const;
type ArticleGroup = { site: string; lang: string; year: number | null; c: number };
type AnnotationGroup = { kind: string; verdict: string | null; speaker_key: string; speaker: string; c: number };
/** A set of hits as SQL: `SELECT … FROM ${from}${where}` with `params`. */
interface HitSet {
  from: string;
  where: string;
  params: (string | number)[];
  /** Annotations only: the words alone decide (no filter), so tags can be counted without the annotation rows. */
  bare?: boolean;
}

const ARTICLE_FILTERS = new Set<Filter['name']>(['site', 'lang', 'collection', 'captured', 'published', 'has']);

const ARTICLE_ORDER: Record<Exclude<SortOrder, 'relevance'>, string> = {
  newest: 'a.captured DESC, a.id',
  oldest: 'a.captured ASC, a.id',
  title: 'a.title_key ASC, a.id',
  annotated: 'a.n_total DESC, a.captured DESC, a.id',
};
const ANNOTATION_ORDER: Record<Exclude<SortOrder, 'relevance'>, string> = {
  newest: 'n.captured DESC, n.snapshot, n.start, n.id',
  oldest: 'n.captured ASC, n.snapshot, n.start, n.id',
  title: 'n.title_key ASC, n.snapshot, n.start, n.id',
  annotated: '(SELECT x.n_total FROM articles x WHERE x.rowid = n.article) DESC, n.captured DESC, n.snapshot, n.start, n.id',
};

const exists = (a: string, cond: string) => `EXISTS (SELECT 1 FROM annotations x WHERE x.article = ${a}.rowid AND ${cond})`;
const HAS_SQL: Record<(typeof HAS)[number], (a: string) => string> = {
  quote: (a) => `${a}.n_quote > 0`,
  claim: (a) => `${a}.n_claim > 0`,
  figure: (a) => `${a}.n_figure > 0`,
  note: (a) => `${a}.n_note > 0`,
  annotation: (a) => `${a}.n_total > 0`,
  comment: (a) => exists(a, `x.comment <> ''`),
  tag: (a) => exists(a, 'EXISTS (SELECT 1 FROM annotation_tags t WHERE t.annotation = x.rowid)'),
  verdict: (a) => exists(a, 'x.verdict IS NOT NULL'),
  speaker: (a) => exists(a, `x.speaker_key <> ''`),
};

/** Rowid → facet number (0: the row was removed), per table; an annotation's with its article's rowid. */
interface Touched {
  articles: Map<number, number>;
  annotations: Map<number, [code: number, article: number]>;
}

/** What a facet number stands for (schema.ts: article_facets, annotation_facets). */
type ArticleFacet = { site: string; lang: string; year: number | null };
type AnnotationFacet = { kind: string; verdict: string | null; speaker_key: string; speaker: string; tags: string[] };

/**
 * Every article's and annotation's facet number by rowid, in memory, for one connection: a
 * search with words reads its hits' rowids (no rows, no sort) and counts them here. Loaded on
 * the first such search, kept current by apply() (Writer.touched), dropped when the file changes
 * any other way (a rebuild, another connection's write: PRAGMA data_version).
 */
class FacetCodes {
  articleValues = new Map<number, ArticleFacet>();
  annotationValues = new Map<number, AnnotationFacet>();

  private constructor(
    private readonly db: DatabaseSync,
    public articles: Int32Array,
    public annotations: Int32Array,
    /** Annotation rowid → its article's rowid. */
    public annotationArticles: Int32Array,
    readonly dataVersion: number,
  ) {}

  static load(db: DatabaseSync): FacetCodes {
    const dataVersion = (db.prepare('PRAGMA data_version').get() as { data_version: number }).data_version;
    const read = (sql: string) => {
      const rows = db.prepare(sql);
      rows.setReturnArrays(true);
      const all = rows.all() as unknown as [number, number, number][];
      return { all, size: (all.length ? all[all.length - 1]![0] : 0) + 1 };
    };
    const a = read('SELECT rowid, facet FROM articles ORDER BY rowid');
    const articles = new Int32Array(a.size);
    for (const [rowid, code] of a.all) articles[rowid] = code;
    const n = read('SELECT rowid, facet, article FROM annotation_keys ORDER BY rowid');
    const annotations = new Int32Array(n.size);
    const annotationArticles = new Int32Array(n.size);
    for (const [rowid, code, article] of n.all) {
      annotations[rowid] = code;
      annotationArticles[rowid] = article;
    }
    const codes = new FacetCodes(db, articles, annotations, annotationArticles, dataVersion);
    codes.loadValues();
    return codes;
  }

  private loadValues(): void {
    for (const r of this.db.prepare('SELECT code, site, lang, year FROM article_facets').all() as (ArticleFacet & { code: number })[])
      this.articleValues.set(r.code, { site: r.site, lang: r.lang, year: r.year });
    for (const r of this.db.prepare('SELECT code, kind, verdict, speaker_key, speaker, tags FROM annotation_facets').all() as (Omit<AnnotationFacet, 'tags'> & {
      code: number;
      tags: string;
    })[])
      this.annotationValues.set(r.code, {
        kind: r.kind,
        verdict: r.verdict,
        speaker_key: r.speaker_key,
        speaker: r.speaker,
        tags: JSON.parse(r.tags) as string[],
      });
  }

  /** The rows an update wrote (after its commit); new combinations are read when counted. */
  patch(t: Touched): void {
    const grown = (values: Int32Array, rowids: Iterable<number>) => {
      let max = values.length - 1;
      for (const rowid of rowids) max = Math.max(max, rowid);
      if (max < values.length) return values;
      const out = new Int32Array(Math.max(max + 1, Math.ceil(values.length * 1.25)));
      out.set(values);
      return out;
    };
    this.articles = grown(this.articles, t.articles.keys());
    for (const [rowid, code] of t.articles) this.articles[rowid] = code;
    this.annotations = grown(this.annotations, t.annotations.keys());
    this.annotationArticles = grown(this.annotationArticles, t.annotations.keys());
    for (const [rowid, [code, article]] of t.annotations) {
      this.annotations[rowid] = code;
      this.annotationArticles[rowid] = article;
    }
  }

  /** Hits per facet number; false when a hit has none (the caller reloads). */
  count(codes: Int32Array, rowids: [number][]): Map<number, number> | false {
    const out = new Map<number, number>();
    for (const [rowid] of rowids) {
      const code = codes[rowid];
      if (!code) return false;
      out.set(code, (out.get(code) ?? 0) + 1);
    }
    return out;
  }

  articleGroups(counts: Map<number, number>): ArticleGroup[] {
    if ([...counts.keys()].some((c) => !this.articleValues.has(c))) this.loadValues();
    return [...counts].map(([code, c]) => ({ ...this.articleValues.get(code)!, c }));
  }

  annotationGroups(counts: Map<number, number>): { groups: AnnotationGroup[]; tags: Map<string, number> } {
    if ([...counts.keys()].some((c) => !this.annotationValues.has(c))) this.loadValues();
    const tags = new Map<string, number>();
    const groups = [...counts].map(([code, c]) => {
      const v = this.annotationValues.get(code)!;
      for (const t of v.tags) tags.set(t, (tags.get(t) ?? 0) + c);
      return { kind: v.kind, verdict: v.verdict, speaker_key: v.speaker_key, speaker: v.speaker, c };
    });
    return { groups, tags };
  }
}

/** The writes, shared by a rebuild and an update so both give the same rows. */
/** The folded title and metadata article_fts holds for an article (its body aside). */
function articleMetaText(a: ArticleRecord): [string, string] {
  const meta = [a.byline, ...a.authors, a.siteName, hostOf(a.sourceUrl), a.description, a.section, a.note].filter(Boolean).join('\n');
  return [fold(a.title), fold(meta)];
}

class Writer {
  private readonly s: Record<string, StatementSync>;
  /** Facet combination → its number, as looked up or added by this writer. */
  private readonly codes = new Map<string, number>();
  /** Rows written, rowid → facet number (0: removed), for the engine's FacetCodes after the commit (not kept by a rebuild). */
  readonly touched: Touched | null;

  constructor(
    private readonly db: DatabaseSync,
    track = false,
  ) {
    this.touched = track ? { articles: new Map(), annotations: new Map() } : null;
    const p = (sql: string) => db.prepare(sql);
    this.s = {
      findArticle: p('SELECT rowid, text_hash, meta_key FROM articles WHERE id = ?'),
      insertSet: p('INSERT OR IGNORE INTO article_sets (kind, value, article) VALUES (?, ?, ?)'),
      deleteSets: p('DELETE FROM article_sets WHERE article = ?'),
      insertArticle: p(
        'INSERT INTO articles (id, title, title_key, site, site_key, host, lang, captured, published, year, text_hash, words, n_quote, n_claim, n_figure, n_note, n_total, facet, meta_key) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
      ),
      updateArticle: p(
        'UPDATE articles SET title = ?, title_key = ?, site = ?, site_key = ?, host = ?, lang = ?, captured = ?, published = ?, year = ?, text_hash = ?, words = ?, n_quote = ?, n_claim = ?, n_figure = ?, n_note = ?, n_total = ?, facet = ?, meta_key = ? WHERE rowid = ?',
      ),
      deleteArticle: p('DELETE FROM articles WHERE rowid = ?'),
      insertArticleText: p('INSERT INTO article_fts (rowid, title, meta, body) VALUES (?, ?, ?, ?)'),
      deleteArticleText: p('DELETE FROM article_fts WHERE rowid = ?'),
      annotationsOf: p('SELECT rowid FROM annotations WHERE article = ?'),
      insertAnnotation: p(
        'INSERT INTO annotations (id, article, snapshot, title, title_key, captured, kind, start, end, exact, exact_key, comment, speaker, speaker_key, role, quote_type, claimant, claimant_key, verdict, evidence, figure, value, unit, measure, updated) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
      ),
      deleteAnnotation: p('DELETE FROM annotations WHERE rowid = ?'),
      insertKeys: p(
        'INSERT INTO annotation_keys (rowid, id, article, kind, verdict, speaker_key, speaker, claimant_key, facet) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
      ),
      findArticleFacet: p('SELECT code FROM article_facets WHERE key = ?'),
      insertArticleFacet: p('INSERT INTO article_facets (key, site, lang, year) VALUES (?, ?, ?, ?)'),
      findAnnotationFacet: p('SELECT code FROM annotation_facets WHERE key = ?'),
      insertAnnotationFacet: p('INSERT INTO annotation_facets (key, kind, verdict, speaker_key, speaker, tags) VALUES (?, ?, ?, ?, ?, ?)'),
      deleteKeys: p('DELETE FROM annotation_keys WHERE rowid = ?'),
      insertAnnotationText: p('INSERT INTO annotation_fts (rowid, exact, comment, who, evidence, figure, tags) VALUES (?, ?, ?, ?, ?, ?, ?)'),
      deleteAnnotationText: p('DELETE FROM annotation_fts WHERE rowid = ?'),
      insertTag: p('INSERT OR IGNORE INTO annotation_tags (tag, annotation) VALUES (?, ?)'),
      deleteTags: p('DELETE FROM annotation_tags WHERE annotation = ?'),
      setMeta: p('INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value'),
    };
  }

  setMeta(values: Record<string, string>): void {
    for (const [k, v] of Object.entries(values)) this.s.setMeta!.run(k, v);
  }

  tagNames(): Map<string, string> {
    return new Map((this.db.prepare('SELECT id, name FROM tags').all() as { id: string; name: string }[]).map((r) => [r.id, r.name]));
  }

  writeRegistries(r: Registries): void {
    this.db.exec('DELETE FROM tags; DELETE FROM speakers; DELETE FROM speaker_names; DELETE FROM collections;');
    const collection = this.db.prepare('INSERT OR REPLACE INTO collections (id, name, name_key, parent) VALUES (?, ?, ?, ?)');
    for (const c of r.collections ?? []) collection.run(c.id, c.name, fold(c.name), c.parentId ?? null);
    const tag = this.db.prepare('INSERT OR REPLACE INTO tags (id, name, name_key, parent) VALUES (?, ?, ?, ?)');
    for (const t of r.codebook) tag.run(t.id, t.name, fold(t.name), t.parentId ?? null);
    const speaker = this.db.prepare('INSERT OR REPLACE INTO speakers (id, name) VALUES (?, ?)');
    const name = this.db.prepare('INSERT OR IGNORE INTO speaker_names (key, speaker, rank) VALUES (?, ?, ?)');
    for (const s of r.speakers) {
      speaker.run(s.id, s.name);
      const k = speakerKey(s.name);
      if (k) name.run(k, s.id, 0);
      for (const alias of s.aliases) {
        const a = speakerKey(alias);
        if (a) name.run(a, s.id, 1);
      }
    }
  }

  insertArticle(a: ArticleRecord, text: string, annotations: Annotation[], tagNames: Map<string, string>): void {
    const live = annotations.filter((x) => !x.deletedAt);
    const values = this.articleValues(a, live);
    const rowid = Number(this.s.insertArticle!.run(a.id, ...values).lastInsertRowid);
    this.touched?.articles.set(rowid, Number(values.at(-2)));
    const [title, meta] = articleMetaText(a);
    this.s.insertArticleText!.run(rowid, title, meta, fold(text));
    this.insertSets(rowid, a);
    for (const x of live) this.insertAnnotation(rowid, a, annotationRow(x), tagNames);
  }

  private insertSets(rowid: number, a: ArticleRecord): void {
    for (const t of a.tags ?? []) this.s.insertSet!.run('t', t, rowid);
    for (const c of a.collections ?? []) this.s.insertSet!.run('c', c, rowid);
  }

  /** The snapshot as it is now: gone, new, or (records are immutable) its annotations replaced. */
  updateArticle(id: string, source: IndexSource, tagNames: Map<string, string>): void {
    const existing = this.s.findArticle!.get(id) as { rowid: number; text_hash: string; meta_key: string } | undefined;
    const article = source.article(id);
    if (existing) this.removeAnnotations(existing.rowid);
    if (!article) {
      if (existing) this.removeArticle(existing.rowid);
      return;
    }
    if (existing && existing.text_hash !== article.textHash) {
      this.removeArticle(existing.rowid);
      this.insertArticle(article, source.text(article.textHash), source.annotations(id), tagNames);
      return;
    }
    if (!existing) {
      this.insertArticle(article, source.text(article.textHash), source.annotations(id), tagNames);
      return;
    }
    const live = source.annotations(id).filter((x) => !x.deletedAt);
    const values = this.articleValues(article, live);
    this.s.updateArticle!.run(...values, existing.rowid);
    this.touched?.articles.set(existing.rowid, Number(values.at(-2)));
    // A corrected title or metadata: the article's text row again (the body read only then).
    if (existing.meta_key !== values.at(-1)) {
      this.s.deleteArticleText!.run(existing.rowid);
      const [title, meta] = articleMetaText(article);
      this.s.insertArticleText!.run(existing.rowid, title, meta, fold(source.text(article.textHash)));
    }
    this.s.deleteSets!.run(existing.rowid);
    this.insertSets(existing.rowid, article);
    for (const x of live) this.insertAnnotation(existing.rowid, article, annotationRow(x), tagNames);
  }

  private articleValues(a: ArticleRecord, live: Annotation[]): (string | number | null)[] {
    const counts = { quote: 0, claim: 0, figure: 0, note: 0 };
    for (const x of live) counts[x.kind]++;
    const host = hostOf(a.sourceUrl);
    const published = normaliseDate(a.publishedAt);
    const year = Number((published ?? a.capturedAt).slice(0, 4)) || null;
    return [
      a.title,
      fold(a.title),
      a.siteName ?? host,
      fold(a.siteName ?? ''),
      host,
      (a.lang ?? '').toLowerCase(),
      a.capturedAt,
      published,
      year,
      a.textHash,
      a.wordCount,
      counts.quote,
      counts.claim,
      counts.figure,
      counts.note,
      live.length,
      this.facetCode('article', [a.siteName ?? host, (a.lang ?? '').toLowerCase(), year]),
      articleMetaText(a).join('\u0000'),
    ];
  }

  /** The number of a facet combination, added when new (schema.ts: article_facets, annotation_facets). */
  private facetCode(table: 'article' | 'annotation', values: (string | number | null)[]): number {
    const key = JSON.stringify(values);
    const mapKey = `${table}\n${key}`;
    let code = this.codes.get(mapKey);
    if (code !== undefined) return code;
    const found = (table === 'article' ? this.s.findArticleFacet! : this.s.findAnnotationFacet!).get(key) as { code: number } | undefined;
    code = found ? found.code : Number((table === 'article' ? this.s.insertArticleFacet! : this.s.insertAnnotationFacet!).run(key, ...values).lastInsertRowid);
    this.codes.set(mapKey, code);
    return code;
  }

  private insertAnnotation(article: number, a: ArticleRecord, r: AnnotationRow, tagNames: Map<string, string>): void {
    const exactKey = fold(r.exact.slice(0, EXACT_KEY_LENGTH)).replace(/\s+/g, ' ').trim();
    const rowid = Number(
      this.s.insertAnnotation!.run(
        r.id,
        article,
        a.id,
        a.title,
        fold(a.title),
        a.capturedAt,
        r.kind,
        r.start,
        r.end,
        r.exact,
        exactKey,
        r.comment,
        r.speaker,
        r.speaker_key,
        r.role,
        r.quote_type,
        r.claimant,
        r.claimant_key,
        r.verdict,
        r.evidence,
        r.figure,
        r.value,
        r.unit,
        r.measure,
        r.updated,
      ).lastInsertRowid,
    );
    const facet = this.facetCode('annotation', [r.kind, r.verdict, r.speaker_key, r.speaker, JSON.stringify(r.tags)]);
    this.s.insertKeys!.run(rowid, r.id, article, r.kind, r.verdict, r.speaker_key, r.speaker, r.claimant_key, facet);
    this.touched?.annotations.set(rowid, [facet, article]);
    for (const t of r.tags) this.s.insertTag!.run(t, rowid);
    this.insertAnnotationText(rowid, r, r.tags, tagNames);
  }

  private insertAnnotationText(
    rowid: number,
    r: Pick<AnnotationRow, 'exact' | 'comment' | 'speaker' | 'claimant' | 'evidence' | 'figure'>,
    tags: string[],
    tagNames: Map<string, string>,
  ): void {
    const names = tags
      .map((t) => tagNames.get(t) ?? '')
      .filter(Boolean)
      .join('\n');
    this.s.insertAnnotationText!.run(
      rowid,
      fold(r.exact),
      fold(r.comment),
      fold([r.speaker, r.claimant].filter(Boolean).join('\n')),
      fold(r.evidence),
      fold(r.figure),
      fold(names),
    );
  }

  /** Annotations carrying a renamed tag get their text row again (rebuilt from the plain table). */
  refreshTagText(changed: Set<string>, tagNames: Map<string, string>): void {
    const list = [...changed];
    const rows = this.db
      .prepare(
        `SELECT DISTINCT n.rowid AS rowid, n.exact, n.comment, n.speaker, n.claimant, n.evidence, n.figure FROM annotation_tags t JOIN annotations n ON n.rowid = t.annotation WHERE t.tag IN (${list.map(() => '?').join(', ')})`,
      )
      .all(...list) as unknown as (AnnotationRow & { rowid: number })[];
    const tagsOf = this.db.prepare('SELECT tag FROM annotation_tags WHERE annotation = ? ORDER BY tag');
    for (const r of rows) {
      this.s.deleteAnnotationText!.run(r.rowid);
      this.insertAnnotationText(
        r.rowid,
        r,
        (tagsOf.all(r.rowid) as { tag: string }[]).map((t) => t.tag),
        tagNames,
      );
    }
  }

  private removeAnnotations(article: number): void {
    for (const { rowid } of this.s.annotationsOf!.all(article) as { rowid: number }[]) {
      this.s.deleteAnnotationText!.run(rowid);
      this.s.deleteTags!.run(rowid);
      this.s.deleteAnnotation!.run(rowid);
      this.s.deleteKeys!.run(rowid);
      this.touched?.annotations.set(rowid, [0, 0]);
    }
  }

  private removeArticle(rowid: number): void {
    this.removeAnnotations(rowid);
    this.s.deleteSets!.run(rowid);
    this.s.deleteArticleText!.run(rowid);
    this.s.deleteArticle!.run(rowid);
    this.touched?.articles.set(rowid, 0);
  }
}
