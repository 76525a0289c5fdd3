/**
 * Search index benchmark (core/search): N articles of ~800 words made of real sentences from
 * ../shared/corpora (article-extraction-benchmark), 10 annotations each, written straight into
 * the index engine. Reports build time and size, open time, and p50/p95 of term, phrase,
 * prefix, filtered and faceted queries (top 20 with snippets and facet counts), speaker pages,
 * the annotation-browse table, and how soon a new or renamed tag is searchable. Prints JSON,
 * checks each target and records the run in bench/results/search.json (per library size).
 *   tsx bench/search.ts            (SEARCH_BENCH_ARTICLES=100000 for the large target)
 * The built index is cached in $TMPDIR/glossa-search-bench (keyed by size and schema), so
 * a second run only generates the articles; SEARCH_BENCH_FRESH=1 builds it again.
 */
import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Annotation, CodeTag, Speaker } from '../core/model/index.js';
import { type BrowseColumn, BROWSE_COLUMNS, SearchEngine } from '../core/search/engine.js';
import { SCHEMA_SQL, SEARCH_SCHEMA_VERSION } from '../core/search/schema.js';
import type { ArticleRecord, IndexSource, Registries } from '../core/search/source.js';

if (process.argv.includes('--help')) {
  console.log(`tsx bench/search.ts — the search index benchmark (core/search)
  SEARCH_BENCH_ARTICLES=10000   library size (the issue's targets are for 10,000 and 100,000)
  SEARCH_BENCH_QUERIES=200      queries timed per kind
  SEARCH_BENCH_FRESH=1          build the index again instead of using the cached one
Prints the results as JSON and records them in bench/results/search.json under the library size.`);
  process.exit(0);
}
const N = Number(process.env.SEARCH_BENCH_ARTICLES ?? 10_000);
const PER = 10;
const QUERIES = Number(process.env.SEARCH_BENCH_QUERIES ?? 200);
/** Bump when the generated library changes, so a cached index is not reused for other data. */
const DATA_VERSION = 1;
const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');

let seed = 12345;
const rand = () => {
  seed = (seed * 1103515245 + 12345) & 0x7fffffff;
  return seed / 0x7fffffff;
};
const pick = <T>(a: readonly T[]): T => a[Math.floor(rand() * a.length)]!;
const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return Number(s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))]!.toFixed(2));
};

const truth = JSON.parse(readFileSync(join(ROOT, '../shared/corpora/article-extraction-benchmark/ground-truth.json'), 'utf8')) as Record<
  string,
  { articleBody: string; url?: string }
>;
const sentences = Object.values(truth)
  .flatMap((t) => t.articleBody.split(/(?<=[.!?])\s+/))
  .map((s) => s.trim())
  .filter((s) => s.split(/\s+/).length >= 6 && s.length < 400);
const NAMES = ['Bill de Blasio', 'Mette Jørgensen', 'Lech Wałęsa', 'Angela Merkel', 'José Álvarez', 'Corey Johnson', 'Zoë Straße', 'François Hollande'];
const speakersPool = [...NAMES, ...Array.from({ length: 192 }, (_, i) => `Person ${i}`)];
const SITES = ['The New York Times', 'The Guardian', 'Gazeta Wyborcza', 'Le Monde', 'Der Spiegel', 'BBC News', 'Reuters', 'El País'];
const codebook: CodeTag[] = Array.from({ length: 50 }, (_, i) => ({
  id: `tag-${i}`,
  name: `Topic ${i}`,
  parentId: i >= 10 ? `tag-${i % 10}` : null,
  color: '#6b7280',
  key: null,
  description: '',
  createdAt: '2024-01-01T00:00:00Z',
  updatedAt: '2024-01-01T00:00:00Z',
}));
const speakers: Speaker[] = NAMES.map((name, i) => ({
  id: `sp-${i}`,
  name,
  aliases: [name.split(' ').slice(-1)[0]!],
  role: null,
  organisation: null,
  createdAt: '2024-01-01T00:00:00Z',
  updatedAt: '2024-01-01T00:00:00Z',
}));

const articles = new Map<string, { rec: ArticleRecord; text: string; annotations: Annotation[] }>();
const texts = new Map<string, string>();
const t0 = performance.now();
for (let i = 0; i < N; i++) {
  const parts: string[] = [];
  let words = 0;
  while (words < 800) {
    const s = pick(sentences);
    parts.push(s);
    words += s.split(/\s+/).length;
  }
  const text = parts.join(' ');
  const id = `a${String(i).padStart(7, '0')}`;
  const textHash = createHash('sha256').update(text).digest('hex');
  texts.set(textHash, text);
  const rec: ArticleRecord = {
    id,
    title: pick(sentences).slice(0, 80),
    byline: null,
    authors: [],
    description: null,
    siteName: pick(SITES),
    sourceUrl: `https://news${i % 40}.example/${i}`,
    lang: pick(['en', 'en', 'en', 'de', 'pl', 'fr']),
    capturedAt: new Date(Date.UTC(2016, 0, 1) + i * 3_600_000 * 7).toISOString(),
    publishedAt: new Date(Date.UTC(2015, 6, 1) + i * 3_600_000 * 7).toISOString(),
    textHash,
    wordCount: words,
  };
  const annotations: Annotation[] = [];
  for (let k = 0; k < PER; k++) {
    const start = Math.floor(rand() * (text.length - 200));
    const end = start + 40 + Math.floor(rand() * 120);
    const kind = (['quote', 'quote', 'quote', 'claim', 'claim', 'figure', 'figure', 'note', 'note', 'quote'] as const)[k]!;
    annotations.push({
      id: `${id}-n${k}`,
      snapshotId: id,
      kind,
      target: {
        quote: { type: 'TextQuoteSelector', exact: text.slice(start, end), prefix: '', suffix: '' },
        position: { type: 'TextPositionSelector', start, end },
      },
      fields:
        kind === 'quote'
          ? { speaker: pick(speakersPool) }
          : kind === 'claim'
            ? { claimant: pick(speakersPool), verdict: pick(['false', 'supported', 'misleading', 'unverified'] as const), evidenceNote: pick(sentences) }
            : kind === 'figure'
              ? { value: k * 100, unit: 'people', measure: 'arrests' }
              : {},
      tags: rand() < 0.6 ? [pick(codebook).id] : [],
      comment: rand() < 0.3 ? pick(sentences) : '',
      links: [],
      origin: { type: 'human', detector: null, accepted: null },
      createdAt: rec.capturedAt,
      updatedAt: rec.capturedAt,
      deletedAt: null,
    });
  }
  articles.set(id, { rec, text, annotations });
}
const generateMs = performance.now() - t0;

const source: IndexSource = {
  snapshotIds: () => [...articles.keys()],
  article: (id) => articles.get(id)?.rec ?? null,
  text: (hash) => texts.get(hash) ?? '',
  annotations: (id) => articles.get(id)?.annotations ?? [],
};
const registries: Registries = { codebook, speakers };
const dir = mkdtempSync(join(tmpdir(), 'glossa-search-bench-'));
const file = join(dir, 'index.sqlite');
const cacheDir = join(tmpdir(), 'glossa-search-bench');
const cacheKey = createHash('sha256').update(`${SEARCH_SCHEMA_VERSION}\n${DATA_VERSION}\n${SCHEMA_SQL}`).digest('hex').slice(0, 12);
const cached = join(cacheDir, `index-${N}-${cacheKey}.sqlite`);

let buildMs: number | null = null;
if (existsSync(cached) && !process.env.SEARCH_BENCH_FRESH) {
  copyFileSync(cached, file);
  console.error(`using the cached index ${cached}`);
} else {
  const b0 = performance.now();
  SearchEngine.open({ file, source, registries, generation: 'g1' }).close();
  buildMs = performance.now() - b0;
  mkdirSync(cacheDir, { recursive: true });
  copyFileSync(file, `${cached}.tmp`);
  renameSync(`${cached}.tmp`, cached);
}
const sizeMb = statSync(file).size / 1e6;
console.error(`${buildMs === null ? 'cached' : `built in ${Math.round(buildMs)} ms`}: ${N} articles, ${sizeMb.toFixed(1)} MB`);

const opens: number[] = [];
let engine!: SearchEngine;
for (let i = 0; i < 5; i++) {
  const o0 = performance.now();
  engine = SearchEngine.open({
    file,
    source,
    registries,
    generation: 'g1',
    expect: { articles: N, counts: { quote: N * 4, claim: N * 2, figure: N * 2, note: N * 2 } },
  });
  opens.push(performance.now() - o0);
  if (engine.opened !== 'fresh') throw new Error(`open was ${engine.opened}`);
  if (i < 4) engine.close();
}

// Query words from the corpus: frequent and rarer ones, so both long and short doclists are timed.
const vocab = new Map<string, number>();
for (const s of sentences.slice(0, 5000)) for (const w of s.toLowerCase().match(/\p{L}{4,}/gu) ?? []) vocab.set(w, (vocab.get(w) ?? 0) + 1);
const words = [...vocab.entries()].sort((a, b) => b[1] - a[1]).map(([w]) => w);
const common = words.slice(20, 300);
const rarer = words.slice(300, 3000);
const phrases = sentences
  .slice(0, 2000)
  .map((s) => s.split(/\s+/).slice(1, 3).join(' '))
  .filter((p) => /^[\p{L} ]+$/u.test(p));

// Wall time, and the CPU time this process spent (less sensitive to other work on a busy machine).
function time(make: () => string, opts: { sort?: 'relevance' | 'newest' } = {}) {
  const xs: number[] = [];
  const cpu: number[] = [];
  let hits = 0;
  for (let i = 0; i < QUERIES; i++) {
    const q = make();
    const c = process.cpuUsage();
    const s = performance.now();
    const r = engine.search({ query: q, limit: 20, facets: true, ...opts });
    xs.push(performance.now() - s);
    const used = process.cpuUsage(c);
    cpu.push((used.user + used.system) / 1000);
    if (!r.ok) throw new Error(`${q}: ${r.message}`);
    hits += r.articles.total;
  }
  return { p50: pct(xs, 50), p95: pct(xs, 95), cpuP50: pct(cpu, 50), cpuP95: pct(cpu, 95), meanHits: Math.round(hits / QUERIES) };
}

const queries = {
  term: time(() => `${pick(common)} ${pick(rarer)}`),
  termCommon: time(() => pick(common)),
  termNewest: time(() => `${pick(common)} ${pick(rarer)}`, { sort: 'newest' }),
  phrase: time(() => `"${pick(phrases)}"`),
  prefix: time(() => `${pick(rarer).slice(0, 4)}*`),
  filtered: time(() => `${pick(rarer)} kind:quote verdict:false,misleading OR ${pick(rarer)}`.replace(' OR ', ' ')),
  faceted: time(() => `${pick(common)} site:"${pick(SITES)}" lang:en published:>2017-01-01 has:claim`),
  filtersOnly: time(() => `speaker:"${pick(NAMES)}" tag:"Topic ${Math.floor(rand() * 10)}"`),
  // The search view before anything is typed: every article and annotation, newest first, with facets.
  everything: time(() => ''),
};

// The annotation table: a page of 100 sorted by each column, both ways, over everything and over a search.
const browseTimes: Record<string, number[]> = { all: [], filtered: [], deep: [] };
let browseTotal = 0;
for (let i = 0; i < QUERIES; i++) {
  const column = BROWSE_COLUMNS[i % BROWSE_COLUMNS.length] as BrowseColumn;
  const dir = i % 2 ? 'asc' : 'desc';
  for (const [kind, req] of [
    ['all', { query: '', sort: { column, dir } }],
    ['filtered', { query: `${pick(common)} kind:quote,claim`, sort: { column, dir } }],
    ['deep', { query: 'kind:figure', sort: { column, dir }, offset: Math.floor(rand() * 50) * 100 }],
  ] as const) {
    const s = performance.now();
    const r = engine.browse({ ...req, limit: 100 });
    browseTimes[kind]!.push(performance.now() - s);
    if (!r.ok) throw new Error(`${req.query}: ${r.message}`);
    if (kind === 'all') browseTotal = r.total;
  }
}
const browse = Object.fromEntries(Object.entries(browseTimes).map(([k, xs]) => [k, { p50: pct(xs, 50), p95: pct(xs, 95) }]));

const pages: number[] = [];
for (let i = 0; i < 50; i++) {
  const s = performance.now();
  engine.speakerPage(pick(NAMES), { limit: 50 });
  pages.push(performance.now() - s);
}

// A new tag: added to the codebook and put on one annotation, then searched by name and by filter.
const withNew = [...codebook, { ...codebook[0]!, id: 'tag-new', name: 'Quokka watch', parentId: null }];
const one = articles.get('a0000007')!;
one.annotations[0] = { ...one.annotations[0]!, tags: ['tag-new'] };
const n0 = performance.now();
engine.apply({ snapshots: ['a0000007'], registries: { codebook: withNew, speakers }, generation: 'g2' });
const newTag = engine.search({ query: 'tag:"Quokka watch"' });
const newTagSearchableMs = performance.now() - n0;
const newTagWord = engine.search({ query: 'quokka' });
// A tag renamed in the codebook: how soon its new name finds its annotations (every one carrying it is rewritten).
const renamed = withNew.map((t) => (t.id === 'tag-3' ? { ...t, name: 'Zanzibar policy' } : t));
const r0 = performance.now();
engine.apply({ snapshots: [], registries: { codebook: renamed, speakers }, generation: 'g3' });
const found = engine.search({ query: 'zanzibar' });
const tagRenameSearchableMs = performance.now() - r0;
// A comment edited on one annotation: the article's row and annotations are written again.
one.annotations[1] = { ...one.annotations[1]!, comment: 'wombat sighting' };
const u0 = performance.now();
engine.apply({ snapshots: ['a0000007'], generation: 'g4' });
const afterEdit = engine.search({ query: 'wombat' });
const editSearchableMs = performance.now() - u0;
engine.close();
rmSync(dir, { recursive: true, force: true });

const queryLimit = N >= 100_000 ? 100 : 20;
const targets = {
  [`query p95 <= ${queryLimit} ms (term, phrase, prefix, filtered, faceted)`]: (['term', 'phrase', 'prefix', 'filtered', 'faceted'] as const).every(
    (k) => queries[k].p95 <= queryLimit,
  ),
  'index open <= 150 ms': pct(opens, 50) <= 150,
  'speaker page <= 50 ms': pct(pages, 95) <= 50,
  'new tag searchable <= 50 ms': newTagSearchableMs <= 50,
  'browse page of 100 p95 <= 50 ms': Object.values(browse).every((b) => b.p95 <= 50),
};
const result = {
  at: new Date().toISOString(),
  node: process.version,
  loadAverage: loadavg().map((x) => Number(x.toFixed(2))),
  cpus: cpus().length,
  articles: N,
  annotations: N * PER,
  sentences: sentences.length,
  queriesPerKind: QUERIES,
  generateMs: Math.round(generateMs),
  buildMs: buildMs === null ? 'cached' : Math.round(buildMs),
  sizeMb: Number(sizeMb.toFixed(1)),
  openMs: { p50: pct(opens, 50), max: Number(Math.max(...opens).toFixed(2)) },
  queries,
  speakerPage: { p50: pct(pages, 50), p95: pct(pages, 95) },
  browse: { ...browse, totalAnnotations: browseTotal },
  newTagSearchableMs: Number(newTagSearchableMs.toFixed(2)),
  newTagFound: newTag.ok && newTagWord.ok ? [newTag.annotations.total, newTagWord.annotations.total] : -1,
  tagRenameSearchableMs: Number(tagRenameSearchableMs.toFixed(2)),
  tagRenameFound: found.ok ? found.annotations.total : -1,
  editSearchableMs: Number(editSearchableMs.toFixed(2)),
  editFound: afterEdit.ok ? afterEdit.annotations.total : -1,
  targets,
};
console.log(JSON.stringify(result, null, 2));

// One entry per library size: a 10,000 run does not overwrite the 100,000 one.
const out = join(ROOT, 'bench/results/search.json');
const previous = existsSync(out) ? (JSON.parse(readFileSync(out, 'utf8')) as { runs?: Record<string, unknown> }) : {};
writeFileSync(out, `${JSON.stringify({ ...previous, runs: { ...previous.runs, [String(N)]: result } }, null, 2)}\n`);
