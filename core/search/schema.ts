/**
 * The search index's tables (SQLite, FTS5). Everything here is derived from the JSON library
 * and can be thrown away: a schema change bumps SEARCH_SCHEMA_VERSION and the index is rebuilt.
 *
 * FTS5 tables are contentless (`content=''`): they hold the inverted index of text already
 * folded by fold.ts, not the text. Snippets are cut from the original text in JS, so their
 * highlight ranges are offsets into the canonical text the reader shows.
 */
export const SEARCH_SCHEMA_VERSION = 5;

const TOKENIZE = `tokenize = 'unicode61 remove_diacritics 2'`;
/** FTS5 uses a prefix index only for a prefix of exactly that many characters: the short ones, which
 * expand to the most words (a longer prefix merges few doclists and needs none). */
const PREFIX = `prefix = '2 3'`;

/** Column weights for bm25, in column order. */
export const ARTICLE_WEIGHTS = [8, 3, 1] as const;
export const ANNOTATION_WEIGHTS = [4, 3, 3, 2, 2, 3] as const;

export const SCHEMA_SQL = `
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;

CREATE TABLE articles (
  rowid INTEGER PRIMARY KEY,
  id TEXT NOT NULL UNIQUE,
  title TEXT NOT NULL,
  title_key TEXT NOT NULL,
  site TEXT NOT NULL,
  site_key TEXT NOT NULL,
  host TEXT NOT NULL,
  lang TEXT NOT NULL,
  captured TEXT NOT NULL,
  published TEXT,
  year INTEGER,
  text_hash TEXT NOT NULL,
  words INTEGER NOT NULL,
  n_quote INTEGER NOT NULL,
  n_claim INTEGER NOT NULL,
  n_figure INTEGER NOT NULL,
  n_note INTEGER NOT NULL,
  n_total INTEGER NOT NULL,
  -- The article's (site, language, year) as a number in article_facets.
  facet INTEGER NOT NULL,
  -- The folded title and metadata article_fts holds: a correction that changes them rewrites that row.
  meta_key TEXT NOT NULL
);
CREATE INDEX articles_captured ON articles (captured);
CREATE INDEX articles_published ON articles (published);
CREATE INDEX articles_title ON articles (title_key);
CREATE INDEX articles_total ON articles (n_total);
-- Covers the article facets (site, language, year) when a query has no words.
CREATE INDEX articles_facets ON articles (site, lang, year);
-- Covers every article filter: a search with words and filters finds the articles they pass
-- in one narrow scan, then keeps only those articles' hits (engine.ts setArticleBits).
CREATE INDEX articles_filters ON articles (site_key, host, lang, published, captured, n_quote, n_claim, n_figure, n_note, n_total);

CREATE TABLE annotations (
  rowid INTEGER PRIMARY KEY,
  id TEXT NOT NULL,
  article INTEGER NOT NULL,
  -- The article's id, title and capture time, copied: annotation lists sort and show them
  -- without a join (an article's annotations are rewritten whenever its row is).
  snapshot TEXT NOT NULL,
  title TEXT NOT NULL,
  title_key TEXT NOT NULL,
  captured TEXT NOT NULL,
  kind TEXT NOT NULL,
  start INTEGER NOT NULL,
  end INTEGER NOT NULL,
  exact TEXT NOT NULL,
  -- The first 40 characters of exact, folded: what the browse table sorts the text by.
  exact_key TEXT NOT NULL,
  comment TEXT NOT NULL,
  speaker TEXT NOT NULL,
  speaker_key TEXT NOT NULL,
  role TEXT NOT NULL,
  quote_type TEXT NOT NULL,
  claimant TEXT NOT NULL,
  claimant_key TEXT NOT NULL,
  verdict TEXT,
  evidence TEXT NOT NULL,
  figure TEXT NOT NULL,
  value REAL,
  unit TEXT NOT NULL,
  measure TEXT NOT NULL,
  updated TEXT NOT NULL,
  UNIQUE (article, id)
);
CREATE INDEX annotations_kind ON annotations (kind, article);
-- A speaker page: the person's quotes found and put in order from the index alone.
CREATE INDEX annotations_speaker ON annotations (speaker_key, kind, captured, snapshot, start, id);
CREATE INDEX annotations_claimant ON annotations (claimant_key) WHERE claimant_key <> '';
-- Annotation lists sorted newest / oldest first (search with no words) read these in order.
CREATE INDEX annotations_newest ON annotations (captured DESC, snapshot, start, id);
CREATE INDEX annotations_oldest ON annotations (captured, snapshot, start, id);
-- Covers the annotation facets (kind, verdict, speaker) when a query has no words.
CREATE INDEX annotations_facets ON annotations (kind, verdict, speaker_key, speaker);
-- One per browse column: a page of the table sorted by it reads the index in order (kind,
-- the usual filter, is in each so rows skipped by it or by an offset are never read).
CREATE INDEX browse_article ON annotations (title_key, captured, id, kind);
CREATE INDEX browse_captured ON annotations (captured, id, kind);
CREATE INDEX browse_kind ON annotations (kind, captured, id);
CREATE INDEX browse_exact ON annotations (exact_key, captured, id, kind);
CREATE INDEX browse_speaker ON annotations (speaker_key, captured, id, kind);
CREATE INDEX browse_role ON annotations (role COLLATE NOCASE, captured, id, kind);
CREATE INDEX browse_quote_type ON annotations (quote_type, captured, id, kind);
CREATE INDEX browse_claimant ON annotations (claimant_key, captured, id, kind);
CREATE INDEX browse_verdict ON annotations (verdict, captured, id, kind);
CREATE INDEX browse_value ON annotations (value, captured, id, kind);
CREATE INDEX browse_unit ON annotations (unit COLLATE NOCASE, captured, id, kind);
CREATE INDEX browse_measure ON annotations (measure COLLATE NOCASE, captured, id, kind);

-- The annotation columns filters and facets read, in narrow rows: counting thousands of hits
-- reads these, not the wide rows above (same rowid).
CREATE TABLE annotation_keys (
  rowid INTEGER PRIMARY KEY,
  id TEXT NOT NULL,
  article INTEGER NOT NULL,
  kind TEXT NOT NULL,
  verdict TEXT,
  speaker_key TEXT NOT NULL,
  speaker TEXT NOT NULL,
  claimant_key TEXT NOT NULL,
  -- The annotation's (kind, verdict, speaker, tags) as a number in annotation_facets.
  facet INTEGER NOT NULL
);

-- Each combination of the values the facets count, numbered once (key: the values as JSON): a
-- search with words counts its hits per number in memory (engine.ts FacetCodes), not by sorting
-- every hit by value. Numbers are never reused; a combination no row has any more is harmless.
CREATE TABLE article_facets (code INTEGER PRIMARY KEY, key TEXT NOT NULL UNIQUE, site TEXT NOT NULL, lang TEXT NOT NULL, year INTEGER);
-- tags: the annotation's tag ids as a JSON array, sorted.
CREATE TABLE annotation_facets (
  code INTEGER PRIMARY KEY,
  key TEXT NOT NULL UNIQUE,
  kind TEXT NOT NULL,
  verdict TEXT,
  speaker_key TEXT NOT NULL,
  speaker TEXT NOT NULL,
  tags TEXT NOT NULL
);

CREATE TABLE annotation_tags (tag TEXT NOT NULL, annotation INTEGER NOT NULL, PRIMARY KEY (tag, annotation)) WITHOUT ROWID;
CREATE INDEX annotation_tags_by_annotation ON annotation_tags (annotation);

-- The article's own tags ('t') and collections ('c'), by id.
CREATE TABLE article_sets (kind TEXT NOT NULL, value TEXT NOT NULL, article INTEGER NOT NULL, PRIMARY KEY (kind, value, article)) WITHOUT ROWID;
CREATE INDEX article_sets_by_article ON article_sets (article);
CREATE TABLE collections (id TEXT PRIMARY KEY, name TEXT NOT NULL, name_key TEXT NOT NULL, parent TEXT) WITHOUT ROWID;

CREATE TABLE tags (id TEXT PRIMARY KEY, name TEXT NOT NULL, name_key TEXT NOT NULL, parent TEXT) WITHOUT ROWID;
CREATE TABLE speakers (id TEXT PRIMARY KEY, name TEXT NOT NULL) WITHOUT ROWID;
/** Every name and alias of a registered speaker, folded; rank 0 for the name (names win over aliases). */
CREATE TABLE speaker_names (key TEXT NOT NULL, speaker TEXT NOT NULL, rank INTEGER NOT NULL, PRIMARY KEY (key, speaker)) WITHOUT ROWID;

CREATE VIRTUAL TABLE article_fts USING fts5 (title, meta, body, content = '', contentless_delete = 1, ${PREFIX}, ${TOKENIZE});
CREATE VIRTUAL TABLE annotation_fts USING fts5 (exact, comment, who, evidence, figure, tags, content = '', contentless_delete = 1, ${PREFIX}, ${TOKENIZE});
`;

/** Tables compared by `dump()` (the property test): everything but rowids, which differ between builds. */
export const DUMP_SQL = {
  articles: `SELECT id, title, title_key, site, site_key, host, lang, captured, published, year, text_hash, words, n_quote, n_claim, n_figure, n_note, n_total, meta_key FROM articles ORDER BY id`,
  annotations: `SELECT a.id AS article, n.id, n.snapshot, n.title, n.title_key, n.captured, n.kind, n.start, n.end, n.exact, n.exact_key, n.comment, n.speaker, n.speaker_key, n.role, n.quote_type, n.claimant, n.claimant_key, n.verdict, n.evidence, n.figure, n.value, n.unit, n.measure, n.updated FROM annotations n JOIN articles a ON a.rowid = n.article ORDER BY a.id, n.id`,
  annotationKeys: `SELECT n.id, k.id AS key_id, a.id AS article, k.kind, k.verdict, k.speaker_key, k.speaker, k.claimant_key FROM annotation_keys k LEFT JOIN annotations n ON n.rowid = k.rowid LEFT JOIN articles a ON a.rowid = k.article ORDER BY k.id, a.id`,
  articleFacets: `SELECT a.id, f.site, f.lang, f.year FROM articles a LEFT JOIN article_facets f ON f.code = a.facet ORDER BY a.id`,
  annotationFacets: `SELECT k.id, a.id AS article, f.kind, f.verdict, f.speaker_key, f.speaker, f.tags FROM annotation_keys k LEFT JOIN articles a ON a.rowid = k.article LEFT JOIN annotation_facets f ON f.code = k.facet ORDER BY k.id, a.id`,
  annotationTags: `SELECT n.id AS annotation, t.tag FROM annotation_tags t JOIN annotations n ON n.rowid = t.annotation ORDER BY n.id, t.tag`,
  tags: `SELECT id, name, name_key, parent FROM tags ORDER BY id`,
  articleSets: `SELECT a.id, s.kind, s.value FROM article_sets s JOIN articles a ON a.rowid = s.article ORDER BY a.id, s.kind, s.value`,
  collections: `SELECT id, name, name_key, parent FROM collections ORDER BY id`,
  speakers: `SELECT id, name FROM speakers ORDER BY id`,
  speakerNames: `SELECT key, speaker, rank FROM speaker_names ORDER BY key, speaker`,
} as const;
