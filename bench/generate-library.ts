/**
 * A generated library written through the store's bulk path (commitImport, as a bundle
 * import does): articles made of real sentences of ../shared/corpora (word frequencies stay
 * natural), each with quotes by a few dozen registered speakers, claims with verdicts,
 * figures and notes, some tagged. Shared by the search bench (bench/search-run.ts) and the
 * 10,000-article end-to-end spec (test/e2e/search-10k.spec.ts).
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { v7 as uuidv7 } from 'uuid';
import type { Annotation, Block, CodeTag, Snapshot, Speaker } from '../core/model/index.js';
import { openLibrary } from '../core/store/index.js';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
export const CORPUS_FILE = join(ROOT, '../shared/corpora/article-extraction-benchmark/ground-truth.json');

/** Real sentences of the shared corpus (6+ words), or null when ../shared is not checked out. */
export function corpusSentences(): string[] | null {
  if (!existsSync(CORPUS_FILE)) return null;
  const truth = JSON.parse(readFileSync(CORPUS_FILE, 'utf8')) as Record<string, { articleBody: string }>;
  return Object.values(truth)
    .flatMap((t) => t.articleBody.split(/(?<=[.!?])\s+/))
    .map((s) => s.replace(/\s+/g, ' ').trim())
    .filter((s) => s.split(' ').length >= 6 && s.length < 400);
}

export const SPEAKER_NAMES = [
  'Maria Lopez', 'John Park', 'Ana Silva', 'Mette Jørgensen', 'Lech Wałęsa', 'José Álvarez', 'Zoë Straße', 'François Hollande',
  'Amara Okafor', 'Hiroshi Tanaka', 'Priya Raman', 'Tomasz Nowak', 'Leila Haddad', 'Kofi Mensah', 'Ingrid Berg', 'Carlos Ruiz',
  'Sofia Rossi', 'Ahmed Karim', 'Olga Petrova', 'Daniel Cohen', 'Grace Liu', 'Pedro Santos', 'Fatima Zahra', 'Erik Lind',
  'Nadia Popescu', 'Samuel Adeyemi', 'Yuki Sato', 'Rania Aziz', 'Lucas Meyer', 'Chloé Martin', 'Ivan Horvat', 'Aisha Bello',
] as const; // prettier-ignore
export const TAG_NAMES = ['Transit', 'Housing', 'Budget', 'Health', 'Schools', 'Policing', 'Climate', 'Elections', 'Courts', 'Labour', 'Trade', 'Energy'];
export const SITES = ['The New York Times', 'The Guardian', 'Gazeta Wyborcza', 'Le Monde', 'Der Spiegel', 'BBC News', 'Reuters', 'El País'];
export const VERDICTS = ['false', 'supported', 'misleading', 'unverified'] as const;
/** A word no corpus sentence holds: put at the end of every MARKER_EVERY-th article, far below its first screen. */
export const MARKER_WORD = 'zeppelin';
export const MARKER_SENTENCE = `Late in the evening a ${MARKER_WORD} drifted over the harbour, the minutes note.`;
export const MARKER_EVERY = 1000;
export const isMarked = (i: number) => i % MARKER_EVERY === 7;

export interface GenerateOptions {
  articles: number;
  /** Words per article, roughly (whole sentences are added until it is reached). */
  words: number;
  /** Annotations per article (quote, claim, figure, note in turn; some tagged). */
  perArticle: number;
  sentences: readonly string[];
  /** Articles per commitImport. */
  batch?: number;
  onProgress?: (done: number) => void;
}

export interface GeneratedLibrary {
  articles: number;
  annotations: number;
  /** Live quotes per speaker name, as generated: what speaker usage must answer. */
  quotesBySpeaker: Record<string, number>;
  /** Live claims per claimant name (a `speaker:` search finds both). */
  claimsByClaimant: Record<string, number>;
  /** Annotations per tag id. */
  tagged: Record<string, number>;
  codebook: CodeTag[];
  speakers: Speaker[];
  seconds: number;
}

const STAMP = '2024-01-01T00:00:00.000Z';
const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');
const escapeHtml = (s: string) => s.replace(/[&<>"]/g, (c) => `&#${c.charCodeAt(0)};`);

/** The same library for the same options: a seeded generator, not Math.random. */
function seeded(seed: number) {
  return () => {
    seed = (Math.imul(seed, 1103515245) + 12345) & 0x7fffffff;
    return seed / 0x80000000;
  };
}

/** Writes the generated articles into `dir` (created if absent; must hold no snapshots yet). */
export async function generateLibrary(dir: string, opts: GenerateOptions): Promise<GeneratedLibrary> {
  if (!opts.sentences.length) throw new Error('generateLibrary needs sentences to build articles from.');
  const t0 = performance.now();
  const rand = seeded(12345);
  const pick = <T>(a: readonly T[]): T => a[Math.floor(rand() * a.length)]!;
  const codebook: CodeTag[] = TAG_NAMES.map((name, i) => ({
    id: `tag-${i}`,
    name,
    parentId: null,
    color: '#6b7280',
    key: null,
    description: '',
    createdAt: STAMP,
    updatedAt: STAMP,
  }));
  const speakers: Speaker[] = SPEAKER_NAMES.map((name, i) => ({
    id: `speaker-${i}`,
    name,
    aliases: [],
    role: null,
    organisation: null,
    createdAt: STAMP,
    updatedAt: STAMP,
  }));
  const quotesBySpeaker: Record<string, number> = {};
  const claimsByClaimant: Record<string, number> = {};
  const tagged: Record<string, number> = {};
  const library = await openLibrary(dir);
  try {
    if (library.listSnapshots().length) throw new Error(`${dir} already holds articles; generateLibrary writes into an empty library.`);
    const batchSize = opts.batch ?? 250;
    let registriesWritten = false;
    for (let from = 0; from < opts.articles; from += batchSize) {
      const blobs: { hash: string; read: () => Promise<Uint8Array> }[] = [];
      const add: { snapshot: Snapshot; versions: { annotations: Annotation[]; history: Record<string, string[]>; conflicts: [] } }[] = [];
      for (let i = from; i < Math.min(opts.articles, from + batchSize); i++) {
        const opening = pick(opts.sentences).split(' ').slice(0, 8).join(' ');
        const title = `${opening.replace(/[.,;:]$/, '')} (${i})`;
        // Paragraphs of 2–4 sentences; each sentence's offsets kept, so annotations sit on whole sentences.
        const spans: { start: number; end: number }[] = [];
        const blocks: Block[] = [{ type: 'heading', start: 0, end: title.length }];
        let text = title;
        let words = 0;
        while (words < opts.words) {
          const n = 2 + Math.floor(rand() * 3);
          text += '\n\n';
          const start = text.length;
          for (let k = 0; k < n; k++) {
            const s = pick(opts.sentences);
            if (k) text += ' ';
            spans.push({ start: text.length, end: text.length + s.length });
            text += s;
            words += s.split(' ').length;
          }
          blocks.push({ type: 'paragraph', start, end: text.length });
        }
        if (isMarked(i)) {
          text += '\n\n';
          blocks.push({ type: 'paragraph', start: text.length, end: text.length + MARKER_SENTENCE.length });
          text += MARKER_SENTENCE;
        }
        const html = `<article>${blocks.map((b) => `<p>${escapeHtml(text.slice(b.start, b.end))}</p>`).join('')}</article>`;
        const textHash = sha256(text);
        const htmlHash = sha256(html);
        blobs.push({ hash: textHash, read: async () => Buffer.from(text) }, { hash: htmlHash, read: async () => Buffer.from(html) });
        const capturedAt = new Date(Date.UTC(2016, 0, 1) + i * 3_600_000 * 7).toISOString();
        const snapshot: Snapshot = {
          id: uuidv7(),
          title,
          byline: null,
          siteName: pick(SITES),
          sourceUrl: `https://news${i % 40}.example/${i}`,
          sourceFile: null,
          lang: 'en',
          publishedAt: new Date(Date.UTC(2015, 6, 1) + i * 3_600_000 * 7).toISOString(),
          capturedAt,
          captureMethod: 'url',
          wordCount: words,
          textHash,
          htmlHash,
          originalHash: null,
          assetHashes: [],
          blocks,
          previousVersionId: null,
          authors: [],
          modifiedAt: null,
          canonicalUrl: null,
          description: null,
          originalMediaType: null,
          extraction: 'article',
          images: [],
          debris: null,
        };
        const annotations: Annotation[] = [];
        for (let k = 0; k < opts.perArticle; k++) {
          const span = spans[Math.floor(rand() * spans.length)]!;
          const kind = (['quote', 'claim', 'figure', 'note'] as const)[k % 4]!;
          const speaker = pick(SPEAKER_NAMES);
          const tags = rand() < 0.4 ? [pick(codebook).id] : [];
          if (kind === 'quote') quotesBySpeaker[speaker] = (quotesBySpeaker[speaker] ?? 0) + 1;
          if (kind === 'claim') claimsByClaimant[speaker] = (claimsByClaimant[speaker] ?? 0) + 1;
          for (const t of tags) tagged[t] = (tagged[t] ?? 0) + 1;
          annotations.push({
            id: uuidv7(),
            snapshotId: snapshot.id,
            kind,
            target: {
              quote: {
                type: 'TextQuoteSelector',
                exact: text.slice(span.start, span.end),
                prefix: text.slice(Math.max(0, span.start - 32), span.start),
                suffix: text.slice(span.end, span.end + 32),
              },
              position: { type: 'TextPositionSelector', start: span.start, end: span.end },
            },
            fields:
              kind === 'quote'
                ? { speaker, quoteType: 'direct' }
                : kind === 'claim'
                  ? { claimant: speaker, verdict: pick(VERDICTS) }
                  : kind === 'figure'
                    ? { value: 10 + Math.floor(rand() * 990), unit: 'people', measure: 'arrests' }
                    : {},
            tags,
            comment: rand() < 0.2 ? pick(opts.sentences) : '',
            links: [],
            origin: { type: 'human', detector: null, accepted: null },
            createdAt: capturedAt,
            updatedAt: capturedAt,
            deletedAt: null,
          });
        }
        add.push({ snapshot, versions: { annotations, history: {}, conflicts: [] } });
      }
      const registries = registriesWritten
        ? {}
        : { codebook: { next: codebook, basis: library.listCodebook() }, speakers: { next: speakers, basis: library.listSpeakers() } };
      await library.commitImport({ blobs, add, replace: [], ...registries });
      registriesWritten = true;
      opts.onProgress?.(Math.min(opts.articles, from + batchSize));
    }
  } finally {
    await library.close();
  }
  return {
    articles: opts.articles,
    annotations: opts.articles * opts.perArticle,
    quotesBySpeaker,
    claimsByClaimant,
    tagged,
    codebook,
    speakers,
    seconds: (performance.now() - t0) / 1000,
  };
}
