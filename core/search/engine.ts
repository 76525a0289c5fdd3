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
import { highlight, type Highlighted } from './snippet.js';
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
const FACET_LIMIT = 30;

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
  db.exec(`PRAGMA busy_timeout = 5000; PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; PRAGMA temp_store = MEMORY; PRAGMA mmap_size = 268435456; PRAGMA cache_size = -32000;`);
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
  claimant: string;
  claimant_key: string;
  verdict: string | null;
  evidence: string;
  figure: string;
  updated: string;
  tags: string[];
}

function annotationRow(a: Annotation): AnnotationRow {
  const f = a.fields ?? {};
  const speaker = typeof f.speaker === 'string' ? f.speaker.trim() : '';
  const claimant = typeof f.claimant === 'string' ? f.claimant.trim() : '';
  const evidence = [f.evidenceNote, ...(Array.isArray(f.evidence) ? f.evidence.map((e) => e?.note) : [])].filter((s): s is string => typeof s === 'string' && s !== '').join('\n');
  const figure = [typeof f.value === 'number' ? String(f.value) : null, f.unit, f.measure, f.qualifier, f.period].filter((s): s is string => typeof s === 'string' && s !== '').join(' ');
  return {
    id: a.id,
    kind: a.kind,
    start: a.target.position.start,
    end: a.target.position.end,
    exact: typeof a.target.quote?.exact === 'string' ? a.target.quote.exact : '',
    comment: a.comment,
    speaker,
    speaker_key: speaker ? speakerKey(speaker) : '',
    claimant,
    claimant_key: claimant ? speakerKey(claimant) : '',
    verdict: typeof f.verdict === 'string' ? f.verdict : null,
    evidence,
    figure,
    updated: a.updatedAt,
    tags: [...new Set(a.tags)].sort(),
  };
}

const registriesHash = (r: Registries) => createHash('sha256').update(JSON.stringify([r.codebook, r.speakers])).digest('hex');
const like = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);
const quoteValue = (s: string) => (/^[^\s,"]+$/.test(s) ? s : `"${s.replaceAll('"', '')}"`);

export class SearchEngine {
  private db: DatabaseSync;
  private readonly statements = new Map<string, StatementSync>();
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
        const row = db.prepare('SELECT count(*) AS n, coalesce(sum(n_quote), 0) AS q, coalesce(sum(n_claim), 0) AS c, coalesce(sum(n_figure), 0) AS f, coalesce(sum(n_note), 0) AS o FROM articles').get() as Record<string, number>;
        const e = opts.expect;
        if (row.n !== e.articles || row.q !== e.counts.quote || row.c !== e.counts.claim || row.f !== e.counts.figure || row.o !== e.counts.note) return { state: 'stale', db };
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
      writer.setMeta({ schema: String(SEARCH_SCHEMA_VERSION), generation: opts.generation, registries: registriesHash(opts.registries), library: opts.library ?? '' });
      db.exec('COMMIT');
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
    // The old file's WAL must not be replayed onto the new file.
    removeFile(opts.file);
    renameSync(tmp, opts.file);
  }

  /** Throws the index away and builds it again from the library (`glossa reindex`). */
  rebuild(generation: string, registries: Registries, onProgress?: (p: Progress) => void): void {
    this.close();
    const opts = { ...this.opts, generation, registries, ...(onProgress ? { onProgress } : {}) };
    SearchEngine.build(opts);
    this.db = openDb(this.opts.file);
    this.registries = registries;
    this.stamp = generation;
  }

  close(): void {
    this.statements.clear();
    if (this.db.isOpen) this.db.close();
  }

  /** The library generation the index holds. */
  get generation(): string {
    return this.stamp;
  }

  /** Re-reads the snapshots a change touched (and the registries) in one transaction. */
  apply(change: IndexChange): void {
    this.guard(() => {
      const writer = new Writer(this.db);
      this.db.exec('BEGIN IMMEDIATE');
      try {
        if (change.registries) this.setRegistries(change.registries, writer);
        const names = writer.tagNames();
        for (const id of [...new Set(change.snapshots)]) writer.updateArticle(id, this.opts.source, names);
        writer.setMeta({ generation: change.generation });
        this.db.exec('COMMIT');
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

  private run(q: Query, sort: SortOrder, limit: number, offset: number, withFacets: boolean): SearchResult {
    const notes: string[] = [];
    const { match, exclude } = toMatch(q);
    const articleFilters = this.articleFilterSql(q.filters.filter((f) => ARTICLE_FILTERS.has(f.name)), 'a');
    const annotationFilters = this.annotationFilterSql(q.filters.filter((f) => !ARTICLE_FILTERS.has(f.name)), 'n', notes);

    // Article hits: the text terms against article text; annotation filters ask for a matching annotation.
    const aWhere: string[] = [...articleFilters.sql];
    const aParams: (string | number)[] = [...articleFilters.params];
    if (annotationFilters.sql.length) {
      aWhere.push(`EXISTS (SELECT 1 FROM annotations n WHERE n.article = a.rowid AND ${annotationFilters.sql.join(' AND ')})`);
      aParams.push(...annotationFilters.params);
    }
    this.db.exec('CREATE TEMP TABLE IF NOT EXISTS ah (rowid INTEGER PRIMARY KEY); CREATE TEMP TABLE IF NOT EXISTS nh (rowid INTEGER PRIMARY KEY); DELETE FROM ah; DELETE FROM nh;');
    if (match) {
      this.stmt(`INSERT INTO ah (rowid) SELECT a.rowid FROM article_fts f JOIN articles a ON a.rowid = f.rowid WHERE article_fts MATCH ?${aWhere.map((w) => ` AND ${w}`).join('')}`).run(match, ...aParams);
    } else {
      if (exclude) {
        aWhere.push('a.rowid NOT IN (SELECT rowid FROM article_fts WHERE article_fts MATCH ?)');
        aParams.push(exclude);
      }
      this.stmt(`INSERT INTO ah (rowid) SELECT a.rowid FROM articles a${aWhere.length ? ` WHERE ${aWhere.join(' AND ')}` : ''}`).run(...aParams);
    }

    // Annotation hits: the terms against annotation text; article filters through the annotation's article.
    const nWhere: string[] = [...annotationFilters.sql];
    const nParams: (string | number)[] = [...annotationFilters.params];
    if (articleFilters.sql.length) {
      nWhere.push(...articleFilters.sql);
      nParams.push(...articleFilters.params);
    }
    const join = articleFilters.sql.length ? ' JOIN articles a ON a.rowid = n.article' : '';
    if (match) {
      this.stmt(`INSERT INTO nh (rowid) SELECT n.rowid FROM annotation_fts f JOIN annotations n ON n.rowid = f.rowid${join} WHERE annotation_fts MATCH ?${nWhere.map((w) => ` AND ${w}`).join('')}`).run(match, ...nParams);
    } else {
      if (exclude) {
        nWhere.push('n.rowid NOT IN (SELECT rowid FROM annotation_fts WHERE annotation_fts MATCH ?)');
        nParams.push(exclude);
      }
      this.stmt(`INSERT INTO nh (rowid) SELECT n.rowid FROM annotations n${join}${nWhere.length ? ` WHERE ${nWhere.join(' AND ')}` : ''}`).run(...nParams);
    }

    const articlesTotal = (this.stmt('SELECT count(*) AS n FROM ah').get() as { n: number }).n;
    const annotationsTotal = (this.stmt('SELECT count(*) AS n FROM nh').get() as { n: number }).n;
    const ranked = sort === 'relevance' && match !== null;
    const order = ranked ? 'relevance' : sort === 'relevance' ? 'newest' : sort;

    const articleRows = limit === 0 ? [] : ranked
      ? (this.stmt(`SELECT a.* FROM article_fts f JOIN articles a ON a.rowid = f.rowid WHERE article_fts MATCH ? AND f.rowid IN (SELECT rowid FROM ah) ORDER BY bm25(article_fts, ${ARTICLE_WEIGHTS.join(', ')}), a.id LIMIT ? OFFSET ?`).all(match, limit, offset) as ArticleRowDb[])
      : (this.stmt(`SELECT a.* FROM ah h JOIN articles a ON a.rowid = h.rowid ORDER BY ${ARTICLE_ORDER[order as Exclude<SortOrder, 'relevance'>]} LIMIT ? OFFSET ?`).all(limit, offset) as ArticleRowDb[]);
    const annotationRows = limit === 0 ? [] : ranked
      ? (this.stmt(`SELECT n.*, a.id AS snapshot_id, a.title AS article_title, a.captured AS captured FROM annotation_fts f JOIN annotations n ON n.rowid = f.rowid JOIN articles a ON a.rowid = n.article WHERE annotation_fts MATCH ? AND f.rowid IN (SELECT rowid FROM nh) ORDER BY bm25(annotation_fts, ${ANNOTATION_WEIGHTS.join(', ')}), n.id LIMIT ? OFFSET ?`).all(match, limit, offset) as unknown as AnnotationRowDb[])
      : (this.stmt(`SELECT n.*, a.id AS snapshot_id, a.title AS article_title, a.captured AS captured FROM nh h JOIN annotations n ON n.rowid = h.rowid JOIN articles a ON a.rowid = n.article ORDER BY ${ANNOTATION_ORDER[order as Exclude<SortOrder, 'relevance'>]} LIMIT ? OFFSET ?`).all(limit, offset) as unknown as AnnotationRowDb[]);

    const terms = highlightTerms(q);
    const tagNames = new Map(this.registries.codebook.map((t) => [t.id, t.name]));
    const tagsOf = this.stmt('SELECT tag FROM annotation_tags WHERE annotation = ? ORDER BY tag');
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
          snippet: terms.length ? highlight(this.opts.source.text(r.text_hash), terms, 30) : null,
        })),
      },
      annotations: {
        total: annotationsTotal,
        hits: annotationRows.map((r) => ({
          id: r.id,
          snapshotId: r.snapshot_id,
          articleTitle: r.article_title,
          capturedAt: r.captured,
          kind: r.kind as Annotation['kind'],
          speaker: r.speaker,
          claimant: r.claimant,
          verdict: r.verdict,
          tags: (tagsOf.all(r.rowid) as { tag: string }[]).map((t) => tagNames.get(t.tag) ?? t.tag),
          start: r.start,
          end: r.end,
          exact: highlight(r.exact, terms, 60),
          comment: r.comment ? highlight(r.comment, terms, 40) : null,
        })),
      },
      facets: withFacets ? this.facets() : null,
      notes,
    };
  }

  private facets(): Facets {
    const rows = (sql: string) => this.stmt(sql).all() as { v: string | number | null; label?: string; c: number }[];
    const simple = (name: string, sql: string, label: (v: string) => string = (v) => v): FacetValue[] =>
      rows(sql)
        .filter((r) => r.v !== null && r.v !== '')
        .map((r) => ({ value: String(r.v), label: label(String(r.v)), count: r.c, filter: `${name}:${quoteValue(String(r.v))}` }));
    const tagNames = new Map(this.registries.codebook.map((t) => [t.id, t.name]));
    const tag = rows(`SELECT t.tag AS v, count(*) AS c FROM nh h JOIN annotation_tags t ON t.annotation = h.rowid GROUP BY t.tag ORDER BY c DESC, v LIMIT ${FACET_LIMIT}`).map((r) => {
      const name = tagNames.get(String(r.v)) ?? String(r.v);
      return { value: String(r.v), label: name, count: r.c, filter: `tag:${quoteValue(name)}` };
    });
    // Names written differently ("de Blasio", "De Blasio") and aliases of one registered speaker count together.
    const registered = this.registeredByKey();
    const speakers = new Map<string, FacetValue>();
    for (const r of rows(`SELECT n.speaker_key AS v, min(n.speaker) AS label, count(*) AS c FROM nh h JOIN annotations n ON n.rowid = h.rowid WHERE n.kind = 'quote' AND n.speaker_key <> '' GROUP BY n.speaker_key`)) {
      const s = registered.get(String(r.v));
      const key = s ? `#${s.id}` : String(r.v);
      const label = s ? s.name : String(r.label);
      const entry = speakers.get(key) ?? { value: label, label, count: 0, filter: `speaker:${quoteValue(label)}` };
      entry.count += r.c;
      speakers.set(key, entry);
    }
    return {
      kind: simple('kind', `SELECT n.kind AS v, count(*) AS c FROM nh h JOIN annotations n ON n.rowid = h.rowid GROUP BY n.kind ORDER BY c DESC, v`),
      tag,
      speaker: [...speakers.values()].sort((a, b) => b.count - a.count || a.label.localeCompare(b.label)).slice(0, FACET_LIMIT),
      verdict: simple('verdict', `SELECT n.verdict AS v, count(*) AS c FROM nh h JOIN annotations n ON n.rowid = h.rowid WHERE n.verdict IS NOT NULL GROUP BY n.verdict ORDER BY c DESC, v`),
      site: simple('site', `SELECT a.site AS v, count(*) AS c FROM ah h JOIN articles a ON a.rowid = h.rowid GROUP BY a.site ORDER BY c DESC, v LIMIT ${FACET_LIMIT}`),
      lang: simple('lang', `SELECT a.lang AS v, count(*) AS c FROM ah h JOIN articles a ON a.rowid = h.rowid GROUP BY a.lang ORDER BY c DESC, v LIMIT ${FACET_LIMIT}`),
      year: simple('published', `SELECT a.year AS v, count(*) AS c FROM ah h JOIN articles a ON a.rowid = h.rowid WHERE a.year IS NOT NULL GROUP BY a.year ORDER BY v DESC LIMIT ${FACET_LIMIT}`),
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

  private articleFilterSql(filters: Filter[], a: string): { sql: string[]; params: (string | number)[] } {
    const sql: string[] = [];
    const params: (string | number)[] = [];
    for (const f of filters) {
      const alts: string[] = [];
      switch (f.name) {
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
          cond = ids.length ? `EXISTS (SELECT 1 FROM annotation_tags t WHERE t.annotation = ${n}.rowid AND t.tag IN (${list(ids)}))` : '0';
          break;
        }
        default:
          break;
      }
      if (cond) sql.push(f.negated ? `NOT coalesce(${cond}, 0)` : cond);
    }
    return { sql, params };
  }

  // ---- speakers and codebook -------------------------------------------------------------

  /** Everything the library holds from one person: quotes newest first, with tags and sites. */
  speakerPage(name: string, opts: { limit?: number; offset?: number } = {}): SpeakerPage {
    return this.guard(() => {
      const registered = this.registeredByKey().get(speakerKey(name)) ?? null;
      const keys = this.speakerKeys(name).filter(Boolean);
      const inList = keys.map(() => '?').join(', ') || "''";
      const where = `n.kind = 'quote' AND n.speaker_key IN (${inList})`;
      const stats = this.stmt(`SELECT count(*) AS total, count(DISTINCT n.article) AS articles, min(a.captured) AS first, max(a.captured) AS last FROM annotations n JOIN articles a ON a.rowid = n.article WHERE ${where}`).get(...keys) as {
        total: number;
        articles: number;
        first: string | null;
        last: string | null;
      };
      const limit = Math.max(0, Math.min(MAX_LIMIT * 5, Math.floor(opts.limit ?? 100)));
      const rows = this.stmt(
        `SELECT n.rowid AS rowid, n.id AS id, a.id AS snapshot_id, a.title AS title, a.site AS site, a.captured AS captured, n.exact AS exact, n.comment AS comment, n.speaker AS speaker, n.start AS start, n.end AS end FROM annotations n JOIN articles a ON a.rowid = n.article WHERE ${where} ORDER BY a.captured DESC, a.id, n.start, n.id LIMIT ? OFFSET ?`,
      ).all(...keys, limit, Math.max(0, Math.floor(opts.offset ?? 0))) as Record<string, string | number>[];
      const tagNames = new Map(this.registries.codebook.map((t) => [t.id, t.name]));
      const tagsOf = this.stmt('SELECT tag FROM annotation_tags WHERE annotation = ? ORDER BY tag');
      const tags = (this.stmt(`SELECT t.tag AS v, count(*) AS c FROM annotations n JOIN annotation_tags t ON t.annotation = n.rowid WHERE ${where} GROUP BY t.tag ORDER BY c DESC, v LIMIT ${FACET_LIMIT}`).all(...keys) as { v: string; c: number }[]).map((r) => {
        const label = tagNames.get(r.v) ?? r.v;
        return { value: r.v, label, count: r.c, filter: `tag:${quoteValue(label)}` };
      });
      const sites = (this.stmt(`SELECT a.site AS v, count(*) AS c FROM annotations n JOIN articles a ON a.rowid = n.article WHERE ${where} AND a.site <> '' GROUP BY a.site ORDER BY c DESC, v LIMIT ${FACET_LIMIT}`).all(...keys) as { v: string; c: number }[]).map((r) => ({
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
      const rows = this.stmt(`SELECT speaker_key AS k, min(speaker) AS name, count(*) AS c FROM annotations WHERE kind = 'quote' AND speaker_key <> '' GROUP BY speaker_key`).all() as { k: string; name: string; c: number }[];
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
      const rows = this.stmt(`SELECT t.tag AS tag, count(*) AS annotations, count(DISTINCT n.article) AS snapshots FROM annotation_tags t JOIN annotations n ON n.rowid = t.annotation GROUP BY t.tag`).all() as { tag: string; annotations: number; snapshots: number }[];
      return Object.fromEntries(rows.map((r) => [r.tag, { annotations: r.annotations, snapshots: r.snapshots }]));
    });
  }

  /** Every table as rows keyed by library ids (not rowids): two indexes of one library dump equal. */
  dump(): Record<string, unknown[]> {
    const out: Record<string, unknown[]> = {};
    for (const [name, sql] of Object.entries(DUMP_SQL)) out[name] = this.db.prepare(sql).all().map((r) => ({ ...r }));
    this.db.exec(`CREATE VIRTUAL TABLE IF NOT EXISTS temp.article_terms USING fts5vocab(main, 'article_fts', 'instance'); CREATE VIRTUAL TABLE IF NOT EXISTS temp.annotation_terms USING fts5vocab(main, 'annotation_fts', 'instance');`);
    out.articleText = this.db.prepare(`SELECT a.id, v.term, v.col, v.offset FROM temp.article_terms v JOIN articles a ON a.rowid = v.doc ORDER BY a.id, v.col, v.offset, v.term`).all().map((r) => ({ ...r }));
    out.annotationText = this.db
      .prepare(`SELECT n.id, v.term, v.col, v.offset FROM temp.annotation_terms v JOIN annotations n ON n.rowid = v.doc ORDER BY n.id, v.col, v.offset, v.term`)
      .all()
      .map((r) => ({ ...r }));
    const rows = (this.db.prepare(`SELECT (SELECT count(*) FROM temp.article_terms) AS a, (SELECT count(*) FROM temp.annotation_terms) AS n`).get() as { a: number; n: number });
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
type AnnotationRowDb = AnnotationRow & { rowid: number; snapshot_id: string; article_title: string; captured: string };

const ARTICLE_FILTERS = new Set<Filter['name']>(['site', 'lang', 'captured', 'published', 'has']);

const ARTICLE_ORDER: Record<Exclude<SortOrder, 'relevance'>, string> = {
  newest: 'a.captured DESC, a.id',
  oldest: 'a.captured ASC, a.id',
  title: 'a.title_key ASC, a.id',
  annotated: 'a.n_total DESC, a.captured DESC, a.id',
};
const ANNOTATION_ORDER: Record<Exclude<SortOrder, 'relevance'>, string> = {
  newest: 'a.captured DESC, a.id, n.start, n.id',
  oldest: 'a.captured ASC, a.id, n.start, n.id',
  title: 'a.title_key ASC, a.id, n.start, n.id',
  annotated: 'a.n_total DESC, a.captured DESC, a.id, n.start, n.id',
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

/** The writes, shared by a rebuild and an update so both give the same rows. */
class Writer {
  private readonly s: Record<string, StatementSync>;

  constructor(private readonly db: DatabaseSync) {
    const p = (sql: string) => db.prepare(sql);
    this.s = {
      findArticle: p('SELECT rowid, text_hash FROM articles WHERE id = ?'),
      insertArticle: p(
        'INSERT INTO articles (id, title, title_key, site, site_key, host, lang, captured, published, year, text_hash, words, n_quote, n_claim, n_figure, n_note, n_total) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
      ),
      updateArticle: p(
        'UPDATE articles SET title = ?, title_key = ?, site = ?, site_key = ?, host = ?, lang = ?, captured = ?, published = ?, year = ?, text_hash = ?, words = ?, n_quote = ?, n_claim = ?, n_figure = ?, n_note = ?, n_total = ? WHERE rowid = ?',
      ),
      deleteArticle: p('DELETE FROM articles WHERE rowid = ?'),
      insertArticleText: p('INSERT INTO article_fts (rowid, title, meta, body) VALUES (?, ?, ?, ?)'),
      deleteArticleText: p('DELETE FROM article_fts WHERE rowid = ?'),
      annotationsOf: p('SELECT rowid FROM annotations WHERE article = ?'),
      insertAnnotation: p(
        'INSERT INTO annotations (id, article, kind, start, end, exact, comment, speaker, speaker_key, claimant, claimant_key, verdict, evidence, figure, updated) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
      ),
      deleteAnnotation: p('DELETE FROM annotations WHERE rowid = ?'),
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
    this.db.exec('DELETE FROM tags; DELETE FROM speakers; DELETE FROM speaker_names;');
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
    const host = hostOf(a.sourceUrl);
    const meta = [a.byline, ...a.authors, a.siteName, host, a.description].filter(Boolean).join('\n');
    this.s.insertArticleText!.run(rowid, fold(a.title), fold(meta), fold(text));
    for (const x of live) this.insertAnnotation(rowid, annotationRow(x), tagNames);
  }

  /** The snapshot as it is now: gone, new, or (records are immutable) its annotations replaced. */
  updateArticle(id: string, source: IndexSource, tagNames: Map<string, string>): void {
    const existing = this.s.findArticle!.get(id) as { rowid: number; text_hash: string } | undefined;
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
    this.s.updateArticle!.run(...this.articleValues(article, live), existing.rowid);
    for (const x of live) this.insertAnnotation(existing.rowid, annotationRow(x), tagNames);
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
    ];
  }

  private insertAnnotation(article: number, r: AnnotationRow, tagNames: Map<string, string>): void {
    const rowid = Number(
      this.s.insertAnnotation!.run(r.id, article, r.kind, r.start, r.end, r.exact, r.comment, r.speaker, r.speaker_key, r.claimant, r.claimant_key, r.verdict, r.evidence, r.figure, r.updated).lastInsertRowid,
    );
    for (const t of r.tags) this.s.insertTag!.run(t, rowid);
    this.insertAnnotationText(rowid, r, r.tags, tagNames);
  }

  private insertAnnotationText(rowid: number, r: Pick<AnnotationRow, 'exact' | 'comment' | 'speaker' | 'claimant' | 'evidence' | 'figure'>, tags: string[], tagNames: Map<string, string>): void {
    const names = tags.map((t) => tagNames.get(t) ?? '').filter(Boolean).join('\n');
    this.s.insertAnnotationText!.run(rowid, fold(r.exact), fold(r.comment), fold([r.speaker, r.claimant].filter(Boolean).join('\n')), fold(r.evidence), fold(r.figure), fold(names));
  }

  /** Annotations carrying a renamed tag get their text row again (rebuilt from the plain table). */
  refreshTagText(changed: Set<string>, tagNames: Map<string, string>): void {
    const list = [...changed];
    const rows = this.db
      .prepare(`SELECT DISTINCT n.rowid AS rowid, n.exact, n.comment, n.speaker, n.claimant, n.evidence, n.figure FROM annotation_tags t JOIN annotations n ON n.rowid = t.annotation WHERE t.tag IN (${list.map(() => '?').join(', ')})`)
      .all(...list) as unknown as (AnnotationRow & { rowid: number })[];
    const tagsOf = this.db.prepare('SELECT tag FROM annotation_tags WHERE annotation = ? ORDER BY tag');
    for (const r of rows) {
      this.s.deleteAnnotationText!.run(r.rowid);
      this.insertAnnotationText(r.rowid, r, (tagsOf.all(r.rowid) as { tag: string }[]).map((t) => t.tag), tagNames);
    }
  }

  private removeAnnotations(article: number): void {
    for (const { rowid } of this.s.annotationsOf!.all(article) as { rowid: number }[]) {
      this.s.deleteAnnotationText!.run(rowid);
      this.s.deleteTags!.run(rowid);
      this.s.deleteAnnotation!.run(rowid);
    }
  }

  private removeArticle(rowid: number): void {
    this.removeAnnotations(rowid);
    this.s.deleteArticleText!.run(rowid);
    this.s.deleteArticle!.run(rowid);
  }
}
