/**
 * Suggestion benchmark (npx tsx bench/suggest.ts).
 *
 * 1. Quotes on ../shared/fixtures/quotes-dev (30 articles, README's scoring): a prediction
 *    matches a gold quote when they share ≥ 80 % of their non-space characters both ways,
 *    paired one to one greedily by overlap. Direct: predicted direct vs gold direct.
 *    Indirect: predicted indirect or mixed vs gold indirect or mixed (mixed quotes are
 *    reported content, so they are scored with indirect ones, and per form as well).
 *    Speaker accuracy: share of matched quotes whose speaker equals gold after case-folding,
 *    dropping titles and punctuation and comparing surnames (organisations whole).
 *    Held-out split: an article is held out when the first byte of its id is 0 mod 3; the
 *    rules were written looking at the other ("dev") articles only.
 * 2. Speed: ms per article and per 1,000 words for all three kinds, fastest of three passes
 *    (model load excluded, reported apart).
 * 3. The sample article ../shared/fixtures/nypd-ice-2017: gold quotes (with speakers) and
 *    figures found.
 * Writes bench/results/suggest.json.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { suggest } from '../core/suggest/index.js';
import type { Suggestion } from '../core/suggest/index.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const SHARED = path.resolve(here, '../../shared');
const DEV = path.join(SHARED, 'fixtures/quotes-dev/quotes-dev.jsonl');
const NYPD = path.join(SHARED, 'fixtures/nypd-ice-2017.gold.json');

interface GoldQuote {
  start: number;
  end: number;
  text: string;
  form: 'direct' | 'mixed' | 'indirect';
  speaker: string | null;
}
interface Article {
  id: string;
  text: string;
  quotes: GoldQuote[];
}

const nonSpace = (text: string, s: number, e: number) => {
  const set = new Set<number>();
  for (let i = s; i < e; i++) if (!/\s/.test(text[i]!)) set.add(i);
  return set;
};

/** One-to-one greedy pairing by overlap, both ways ≥ 80 %. */
export function match(text: string, preds: { start: number; end: number }[], gold: { start: number; end: number }[]): [number, number][] {
  const cand: [number, number, number][] = [];
  preds.forEach((p, i) => {
    const P = nonSpace(text, p.start, p.end);
    gold.forEach((g, j) => {
      if (g.end <= p.start || p.end <= g.start) return;
      const G = nonSpace(text, g.start, g.end);
      let both = 0;
      for (const x of P) if (G.has(x)) both++;
      if (both >= 0.8 * G.size && both >= 0.8 * P.size && both > 0) cand.push([both, i, j]);
    });
  });
  cand.sort((a, b) => b[0] - a[0] || a[1] - b[1] || a[2] - b[2]);
  const usedP = new Set<number>();
  const usedG = new Set<number>();
  const out: [number, number][] = [];
  for (const [, i, j] of cand) {
    if (usedP.has(i) || usedG.has(j)) continue;
    usedP.add(i);
    usedG.add(j);
    out.push([i, j]);
  }
  return out;
}

const TITLES = new Set([
  'dr',
  'mr',
  'mrs',
  'ms',
  'sen',
  'gov',
  'rep',
  'cmdr',
  'president',
  'ceo',
  'prof',
  'sir',
  'lt',
  'gen',
  'col',
  'sgt',
  'capt',
  'rev',
  'the',
  'judge',
  'secretary',
  'minister',
  'prime',
  'coach',
  'mayor',
  'senator',
  'governor',
]);
const ORGISH =
  /\b(ministry|department|office|council|agency|company|committee|union|court|commission|league|organization|organisation|police|news|reuters|university|club|government|inc|corp)\b/i;
const normName = (s: string) =>
  s
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[’']s\b/g, '')
    .replace(/[^\p{L}\p{N}\s]/gu, ' ')
    .split(/\s+/)
    .filter((w) => w && !TITLES.has(w));
export function sameSpeaker(pred: string | null | undefined, gold: string | null): boolean {
  if (!gold) return !pred;
  if (!pred) return false;
  const p = normName(pred);
  const g = normName(gold);
  if (p.join(' ') === g.join(' ')) return true;
  if (ORGISH.test(gold) || ORGISH.test(pred)) return false;
  return p.length > 0 && p.at(-1) === g.at(-1);
}

interface Tally {
  tp: number;
  fp: number;
  fn: number;
  speakerOk: number;
}
const tally = (): Tally => ({ tp: 0, fp: 0, fn: 0, speakerOk: 0 });
const prf = (t: Tally) => {
  const precision = t.tp / (t.tp + t.fp || 1);
  const recall = t.tp / (t.tp + t.fn || 1);
  const f1 = precision + recall ? (2 * precision * recall) / (precision + recall) : 0;
  const r = (n: number) => Math.round(n * 1000) / 1000;
  return {
    precision: r(precision),
    recall: r(recall),
    f1: r(f1),
    speakerAccuracy: r(t.speakerOk / (t.tp || 1)),
    matched: t.tp,
    predicted: t.tp + t.fp,
    gold: t.tp + t.fn,
  };
};

function score(a: Article, preds: Suggestion[], group: (form: string) => boolean, t: Tally, perForm?: Record<string, Tally>) {
  const P = preds.filter((p) => group(p.fields.quoteType ?? ''));
  const G = a.quotes.filter((q) => group(q.form));
  const pairs = match(a.text, P, G);
  t.tp += pairs.length;
  t.fp += P.length - pairs.length;
  t.fn += G.length - pairs.length;
  for (const [i, j] of pairs) {
    const ok = sameSpeaker(P[i]!.fields.speaker, G[j]!.speaker);
    if (ok) t.speakerOk++;
    if (perForm) {
      const f = (perForm[G[j]!.form] ??= tally());
      f.tp++;
      if (ok) f.speakerOk++;
    }
  }
}

const results: Record<string, unknown> = { date: new Date().toISOString(), node: process.version };
const verbose = process.argv.includes('--verbose');

if (!existsSync(DEV)) {
  console.log(`quotes-dev skipped: ${DEV} is absent (the shared fixtures live beside the repository).`);
  results.quotesDev = { skipped: `${DEV} is absent` };
} else {
  const articles = readFileSync(DEV, 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as Article);
  const t0 = performance.now();
  suggest('Warm up: the model loads once, he said.');
  const loadMs = performance.now() - t0;
  const splits: Record<string, { direct: Tally; indirect: Tally; all: Tally; forms: Record<string, Tally> }> = {};
  let ms = 0;
  let words = 0;
  for (const a of articles) {
    const heldOut = parseInt(a.id.slice(0, 2), 16) % 3 === 0;
    const s0 = performance.now();
    const preds = suggest(a.text, { kinds: ['quote'] });
    ms += performance.now() - s0;
    words += a.text.split(/\s+/).filter(Boolean).length;
    for (const name of ['all', heldOut ? 'heldOut' : 'dev']) {
      const sp = (splits[name] ??= { direct: tally(), indirect: tally(), all: tally(), forms: {} });
      score(a, preds, (f) => f === 'direct', sp.direct);
      score(a, preds, (f) => f === 'indirect' || f === 'mixed', sp.indirect);
      score(a, preds, () => true, sp.all, sp.forms);
    }
    // Held-out misses are never printed: the held-out third is read only as a score.
    if (verbose && !heldOut) {
      const pairs = match(a.text, preds, a.quotes);
      const mp = new Set(pairs.map((p) => p[0]));
      const mg = new Set(pairs.map((p) => p[1]));
      console.log(`\n== ${a.id.slice(0, 8)}`);
      preds.forEach((p, i) => !mp.has(i) && console.log(`  FP ${p.fields.quoteType} [${p.fields.speaker}] ${p.exact.slice(0, 100).replace(/\n/g, ' ')}`));
      a.quotes.forEach((g, j) => !mg.has(j) && console.log(`  FN ${g.form} [${g.speaker}] ${g.text.slice(0, 100).replace(/\n/g, ' ')}`));
      for (const [i, j] of pairs)
        if (!sameSpeaker(preds[i]!.fields.speaker, a.quotes[j]!.speaker))
          console.log(`  SPK ${a.quotes[j]!.form} pred [${preds[i]!.fields.speaker}] gold [${a.quotes[j]!.speaker}] ${a.quotes[j]!.text.slice(0, 60)}`);
    }
  }
  const report: Record<string, unknown> = {};
  for (const [name, sp] of Object.entries(splits)) {
    report[name] = {
      direct: prf(sp.direct),
      indirectAndMixed: prf(sp.indirect),
      allForms: prf(sp.all),
      speakerAccuracyByGoldForm: Object.fromEntries(Object.entries(sp.forms).map(([f, t]) => [f, prf(t).speakerAccuracy])),
    };
  }
  // Speed apart from scoring: the fastest of three passes (the machine is shared; the minimum is the least disturbed).
  const passes = [0, 1, 2].map(() => {
    const p0 = performance.now();
    for (const a of articles) suggest(a.text);
    return performance.now() - p0;
  });
  ms = Math.min(...passes);
  const speed = {
    allKinds: true,
    modelLoadMs: Math.round(loadMs),
    msPerArticle: Math.round((ms / articles.length) * 100) / 100,
    msPer1000Words: Math.round((ms / (words / 1000)) * 100) / 100,
    words,
  };
  results.quotesDev = { articles: articles.length, split: 'held out = first byte of id ≡ 0 (mod 3)', ...report, speed };
  console.log('quotes-dev (P / R / F1, speaker accuracy)');
  for (const [name, r] of Object.entries(report) as [string, Record<string, ReturnType<typeof prf>>][]) {
    for (const k of ['direct', 'indirectAndMixed', 'allForms']) {
      const x = r[k]!;
      console.log(
        `  ${name.padEnd(8)} ${k.padEnd(17)} P ${x.precision.toFixed(3)}  R ${x.recall.toFixed(3)}  F1 ${x.f1.toFixed(3)}  speaker ${x.speakerAccuracy.toFixed(3)}  (${x.matched}/${x.gold} gold, ${x.predicted} predicted)`,
      );
    }
  }
  console.log(
    `  speed (quotes + figures + claims): ${speed.msPerArticle} ms per article, ${speed.msPer1000Words} ms per 1,000 words (model load ${speed.modelLoadMs} ms, once)`,
  );
}

if (!existsSync(NYPD)) {
  console.log(`sample skipped: ${NYPD} is absent.`);
  results.sample = { skipped: `${NYPD} is absent` };
} else {
  const gold = JSON.parse(readFileSync(NYPD, 'utf8')) as {
    text: string;
    items: { kind: string; type?: string; start: number; end: number; speaker?: string; value?: number }[];
  };
  const text = readFileSync(path.join(path.dirname(NYPD), gold.text), 'utf8');
  const preds = suggest(text);
  const quotes = preds.filter((p) => p.kind === 'quote');
  const figures = preds.filter((p) => p.kind === 'figure');
  const found = (kind: string, type?: string) => {
    const g = gold.items.filter((i) => i.kind === kind && (!type || i.type === type));
    let withSpeaker = 0;
    let hits = 0;
    for (const item of g) {
      if (kind === 'quote') {
        const pool = quotes;
        const pair = match(text, pool, [item]);
        if (pair.length) {
          hits++;
          if (sameSpeaker(pool[pair[0]![0]]!.fields.speaker, item.speaker ?? null)) withSpeaker++;
        }
      } else {
        // A figure is found when a suggestion overlaps the gold span and reads the same value.
        const f = figures.find((p) => p.start < item.end && item.start < p.end && p.fields.value === item.value);
        if (f) hits++;
      }
    }
    return { gold: g.length, found: hits, ...(kind === 'quote' ? { withSpeaker } : {}) };
  };
  const sample = {
    directQuotes: found('quote', 'direct'),
    indirectQuotes: found('quote', 'indirect'),
    figures: found('figure'),
    suggestions: { quotes: quotes.length, figures: figures.length, claims: preds.length - quotes.length - figures.length },
  };
  results.sample = sample;
  console.log('sample nypd-ice-2017');
  console.log(`  direct quotes: ${sample.directQuotes.found}/${sample.directQuotes.gold} found, ${sample.directQuotes.withSpeaker} with the right speaker`);
  console.log(
    `  indirect quotes: ${sample.indirectQuotes.found}/${sample.indirectQuotes.gold} found, ${sample.indirectQuotes.withSpeaker} with the right speaker`,
  );
  console.log(`  figures: ${sample.figures.found}/${sample.figures.gold} found (${figures.length} suggested)`);
  if (verbose) for (const p of preds) console.log(`  ${p.kind} ${JSON.stringify(p.exact.slice(0, 80))} ${JSON.stringify(p.fields)}`);
}

mkdirSync(path.join(here, 'results'), { recursive: true });
writeFileSync(path.join(here, 'results/suggest.json'), `${JSON.stringify(results, null, 2)}\n`);
