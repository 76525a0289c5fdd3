/**
 * Extraction benchmark (npm run bench:extract → tsx bench/extract.ts).
 *
 * 1. Article body quality on ../shared/corpora/article-extraction-benchmark (131 pages) with
 *    the benchmark's own metric (core/extract/score.ts), next to the shipped baselines, for
 *    candidate set-ups (Readability on linkedom / happy-dom / jsdom) and for Glossa's
 *    pipeline, with an ablation of each clean-up rule.
 *    Held-out split: a page is "held out" when the first byte of SHA-256(page id) is odd.
 *    Rules were developed looking only at the other ("tuning") pages.
 * 2. Pages per second on one core (this process; parse + extract + sanitise + canonical text).
 * 3. Metadata accuracy on ../shared/corpora/readability-test-pages (title, byline, lang,
 *    publishedTime; compared after trimming and collapsing white space).
 * 4. Which DOM DOMPurify is correct on (dompurify-xss-fixtures, default config), and that
 *    Glossa's sanitiser leaves nothing active in any payload.
 *
 * Writes bench/results/extract.json and prints tables. Flags: --quick (skip the slow DOM
 * candidates and the ablation), --worst N (list N worst pages, default 15).
 */
import { createHash } from 'node:crypto';
import { createRequire } from 'node:module';
import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';
import { Readability } from '@mozilla/readability';
import createDOMPurify from 'dompurify';
import { Window } from 'happy-dom';
import { parseHTML } from 'linkedom';
import { htmlToCanonical } from '../core/extract/canonical.js';
import { decodeHtmlBytes } from '../core/extract/decode.js';
import { bodyText, extractArticle } from '../core/extract/extract.js';
import { RULES, type RuleName } from '../core/extract/boilerplate.js';
import { sanitiseArticleHtml } from '../core/extract/sanitise.js';
import { auditSanitised } from '../core/extract/audit.js';
import { aggregate, pageF1, scorePage, type Aggregate, type PageScore } from '../core/extract/score.js';

// jsdom through require: its type declarations would pull the browser DOM library into the type check.
const { JSDOM, VirtualConsole } = createRequire(import.meta.url)('jsdom') as {
  JSDOM: new (html: string, opts?: Record<string, unknown>) => { window: { document: unknown } };
  VirtualConsole: new () => unknown;
};

const here = path.dirname(fileURLToPath(import.meta.url));
const repoRoot = path.resolve(here, '..');
const SHARED = path.resolve(repoRoot, '../shared');
const AEB = path.join(SHARED, 'corpora/article-extraction-benchmark');
const RTP = path.join(SHARED, 'corpora/readability-test-pages/pages');
const XSS = path.join(SHARED, 'corpora/dompurify-xss-fixtures/expect.json');

const args = process.argv.slice(2);
const quick = args.includes('--quick');
const worstN = Number(args[args.indexOf('--worst') + 1]) || 15;

if (!existsSync(AEB)) {
  console.log(`bench:extract skipped: ${AEB} is absent (the shared corpora live beside the repository).`);
  process.exit(0);
}

interface Page {
  id: string;
  url: string;
  truth: string;
  html: string;
  heldOut: boolean;
}

const truth = JSON.parse(readFileSync(path.join(AEB, 'ground-truth.json'), 'utf8')) as Record<string, { articleBody: string; url: string }>;
const pages: Page[] = Object.entries(truth).map(([id, t]) => ({
  id,
  url: t.url,
  truth: t.articleBody,
  html: decodeHtmlBytes(gunzipSync(readFileSync(path.join(AEB, 'html', `${id}.html.gz`)))),
  heldOut: createHash('sha256').update(id).digest()[0]! % 2 === 1,
}));

interface Row {
  name: string;
  all: Aggregate;
  tuning: Aggregate;
  heldOut: Aggregate;
  pagesPerSecond: number | null;
  failures: number;
}

function summarise(name: string, scores: PageScore[], ms: number | null, failures = 0): Row {
  const pick = (held: boolean) => aggregate(scores.filter((_, i) => pages[i]!.heldOut === held));
  return {
    name,
    all: aggregate(scores),
    tuning: pick(false),
    heldOut: pick(true),
    pagesPerSecond: ms === null ? null : pages.length / (ms / 1000),
    failures,
  };
}

function run(name: string, extract: (p: Page) => string): { row: Row; texts: string[] } {
  const texts: string[] = [];
  let failures = 0;
  const t0 = performance.now();
  for (const p of pages) {
    try {
      texts.push(extract(p));
    } catch (e) {
      failures++;
      texts.push('');
      console.error(`  ${name}: ${p.id.slice(0, 8)} failed: ${(e as Error).message.slice(0, 120)}`);
    }
  }
  const ms = performance.now() - t0;
  const scores = pages.map((p, i) => scorePage(p.truth, texts[i]!));
  return { row: summarise(name, scores, ms, failures), texts };
}

const rows: Row[] = [];

// Shipped baselines (outputs of other tools, scored with our metric).
for (const base of ['readability_js', 'trafilatura', 'html-text']) {
  const file = path.join(AEB, 'baselines', `${base}.json`);
  if (!existsSync(file)) continue;
  let data = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
  if (data['output']) data = data['output'] as Record<string, unknown>;
  const scores = pages.map((p) => scorePage(p.truth, (data[p.id] as { articleBody?: string } | undefined)?.articleBody ?? ''));
  rows.push(summarise(`baseline: ${base} (shipped output)`, scores, null));
}

// Candidates: Readability.textContent on three DOMs (as the published Readability.js baseline does).
const happySettings = {
  disableJavaScriptEvaluation: true,
  disableJavaScriptFileLoading: true,
  disableCSSFileLoading: true,
  disableIframePageLoading: true,
  disableComputedStyleRendering: true,
  navigation: { disableMainFrameNavigation: true, disableChildFrameNavigation: true, disableChildPageNavigation: true },
};
const doms: Record<string, (p: Page) => unknown> = {
  linkedom: (p) => parseHTML(p.html).document,
  'happy-dom': (p) => {
    const w = new Window({ url: p.url, settings: happySettings as never });
    w.document.write(p.html);
    return w.document;
  },
  jsdom: (p) => new JSDOM(p.html, { url: p.url, virtualConsole: new VirtualConsole() }).window.document,
};
for (const [dom, parse] of Object.entries(doms)) {
  if (quick && dom !== 'linkedom') continue;
  rows.push(run(`Readability on ${dom} (textContent)`, (p) => new Readability(parse(p) as never).parse()?.textContent ?? '').row);
}
rows.push(
  run('Readability on linkedom, canonical text', (p) => htmlToCanonical(new Readability(parseHTML(p.html).document as never).parse()?.content ?? '').text).row,
);

// Glossa.
const full = run('Glossa: full text (with captions)', (p) => extractArticle(p.html, { url: p.url }).text);
rows.push(full.row);
let pageTextFallbacks = 0;
const glossa = run('Glossa: article body (captions apart)', (p) => {
  const a = extractArticle(p.html, { url: p.url });
  if (a.method === 'page-text') pageTextFallbacks++;
  return bodyText(a);
});
rows.push(glossa.row);

// Ablation: each rule off in turn.
const ablation: { rule: RuleName; all: Aggregate; heldOut: Aggregate; deltaF1: number }[] = [];
if (!quick) {
  for (const rule of RULES) {
    const r = run(`  without ${rule}`, (p) => bodyText(extractArticle(p.html, { url: p.url, disable: [rule] }))).row;
    ablation.push({ rule, all: r.all, heldOut: r.heldOut, deltaF1: glossa.row.all.f1 - r.all.f1 });
  }
  const none = run('  without any rule', (p) => bodyText(extractArticle(p.html, { url: p.url, disable: RULES }))).row;
  ablation.push({ rule: 'all rules' as RuleName, all: none.all, heldOut: none.heldOut, deltaF1: glossa.row.all.f1 - none.all.f1 });
}

// Worst pages of the final pipeline.
const worst = pages
  .map((p, i) => ({ id: p.id.slice(0, 12), url: p.url, heldOut: p.heldOut, s: scorePage(p.truth, glossa.texts[i]!) }))
  .map((w) => ({ ...w, f1: pageF1(w.s), precision: w.s.tp / (w.s.tp + w.s.fp || 1), recall: w.s.tp / (w.s.tp + w.s.fn || 1) }))
  .sort((a, b) => a.f1 - b.f1)
  .slice(0, worstN);

// Readability's own knobs, tried under the whole pipeline (they barely matter; defaults kept).
const knobs: { options: Record<string, number>; all: Aggregate; heldOut: Aggregate }[] = [];
if (!quick) {
  const variants: Record<string, number>[] = [
    { nbTopCandidates: 3 },
    { nbTopCandidates: 10 },
    { charThreshold: 250 },
    { charThreshold: 1000 },
    { linkDensityModifier: 0.1 },
    { linkDensityModifier: -0.1 },
  ];
  for (const options of variants) {
    const r = run(`  Readability ${JSON.stringify(options)}`, (p) => bodyText(extractArticle(p.html, { url: p.url, readability: options }))).row;
    knobs.push({ options, all: r.all, heldOut: r.heldOut });
  }
}

// Speed: a second pass of the full pipeline alone (warm). This process runs on one core;
// CPU time is reported too because wall time suffers when the machine is busy.
const cpuNow = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};
const t0 = performance.now();
const c0 = cpuNow();
for (const p of pages) extractArticle(p.html, { url: p.url });
const pipelineMs = performance.now() - t0;
const pipelineCpuMs = cpuNow() - c0;
const speed = {
  pages: pages.length,
  pagesPerSecond: pages.length / (pipelineMs / 1000),
  msPerPage: pipelineMs / pages.length,
  pagesPerCpuSecond: pages.length / (pipelineCpuMs / 1000),
  cpuMsPerPage: pipelineCpuMs / pages.length,
};

// Metadata accuracy.
const metaFields = ['title', 'byline', 'lang', 'publishedTime'] as const;
const norm = (v: unknown): string | null => (typeof v === 'string' && v.replace(/\s+/g, ' ').trim() ? v.replace(/\s+/g, ' ').trim() : null);
const metadata: Record<
  string,
  { matched: number; total: number; share: number; expectedPresent: number; matchedWhenPresent: number; foundWhenExpectedNull: number }
> = {};
const metaMisses: string[] = [];
if (existsSync(RTP)) {
  const names = readdirSync(RTP).filter((n) => existsSync(path.join(RTP, n, 'expected-metadata.json')));
  const zero = () => Object.fromEntries(metaFields.map((f) => [f, 0])) as Record<(typeof metaFields)[number], number>;
  const counts = zero();
  const present = zero();
  const matchedPresent = zero();
  const extra = zero();
  for (const name of names) {
    const expected = JSON.parse(readFileSync(path.join(RTP, name, 'expected-metadata.json'), 'utf8')) as Record<string, unknown>;
    const html = decodeHtmlBytes(readFileSync(path.join(RTP, name, 'source.html')));
    let got: Record<string, unknown> = {};
    try {
      const a = extractArticle(html, { url: 'http://fakehost/test/page.html' });
      got = { title: a.title, byline: a.byline, lang: a.lang, publishedTime: a.publishedAt };
    } catch (e) {
      metaMisses.push(`${name}: failed ${(e as Error).message}`);
    }
    for (const f of metaFields) {
      const want = norm(expected[f]);
      const have = norm(got[f]);
      if (want !== null) present[f]++;
      if (want !== null && have === want) matchedPresent[f]++;
      if (want === null && have !== null) extra[f]++;
      if (have === want) counts[f]++;
      else metaMisses.push(`${name}.${f}: expected ${JSON.stringify(norm(expected[f]))}, got ${JSON.stringify(norm(got[f]))}`);
    }
  }
  for (const f of metaFields) {
    metadata[f] = {
      matched: counts[f],
      total: names.length,
      share: counts[f] / names.length,
      expectedPresent: present[f],
      matchedWhenPresent: matchedPresent[f],
      foundWhenExpectedNull: extra[f],
    };
  }
}

// Sanitiser: DOMPurify's own expectations per DOM, and Glossa's config on every payload.
const sanitiser: Record<string, unknown> = {};
if (existsSync(XSS)) {
  const cases = JSON.parse(readFileSync(XSS, 'utf8')) as { title: string; payload: string; expected: string | string[] }[];
  const windows: Record<string, () => unknown> = {
    jsdom: () => new JSDOM('').window,
    'happy-dom': () => new Window(),
    linkedom: () => parseHTML('<!DOCTYPE html><html><head></head><body></body></html>'),
  };
  for (const [dom, make] of Object.entries(windows)) {
    const purify = (createDOMPurify as unknown as (w: unknown) => { sanitize(s: string): string })(make());
    let asExpected = 0;
    for (const c of cases) {
      let out: string | null = null;
      try {
        out = String(purify.sanitize(c.payload));
      } catch {
        out = null;
      }
      const exp = Array.isArray(c.expected) ? c.expected : [c.expected];
      if (out !== null && exp.includes(out)) asExpected++;
    }
    sanitiser[`DOMPurify default config on ${dom}: output as expected`] = `${asExpected}/${cases.length}`;
  }
  const active = cases.filter((c) => auditSanitised(sanitiseArticleHtml(c.payload, { baseUrl: 'https://example.org/' })).length > 0).length;
  sanitiser['Glossa sanitiser: payloads with anything active left (parse5 audit)'] = `${active}/${cases.length}`;
}

// ---------------------------------------------------------------------------------------
const f = (n: number) => n.toFixed(3);
const pad = (s: string, n: number) => s.padEnd(n);
console.log(
  '\nArticle body extraction — article-extraction-benchmark, %d pages (%d tuning, %d held out)',
  pages.length,
  pages.filter((p) => !p.heldOut).length,
  pages.filter((p) => p.heldOut).length,
);
console.log(pad('', 46) + '   F1     P      R    | held-out F1 |  pages/s');
for (const r of rows) {
  console.log(
    `${pad(r.name, 46)} ${f(r.all.f1)}  ${f(r.all.precision)}  ${f(r.all.recall)} |    ${f(r.heldOut.f1)}    | ${r.pagesPerSecond === null ? '     —' : r.pagesPerSecond.toFixed(1).padStart(7)}${r.failures ? `  (${r.failures} failed)` : ''}`,
  );
}
if (ablation.length) {
  console.log('\nAblation (Glossa body text with one rule off): F1 all / held-out, and what the rule adds');
  for (const a of ablation)
    console.log(`  ${pad(`without ${a.rule}`, 30)} ${f(a.all.f1)} / ${f(a.heldOut.f1)}   rule adds ${a.deltaF1 >= 0 ? '+' : ''}${f(a.deltaF1)}`);
}
if (knobs.length) {
  console.log('\nReadability options under the whole pipeline (defaults: nbTopCandidates 5, charThreshold 500): F1 all / held-out');
  console.log(`  ${pad('defaults', 40)} ${f(glossa.row.all.f1)} / ${f(glossa.row.heldOut.f1)}`);
  for (const k of knobs) console.log(`  ${pad(JSON.stringify(k.options), 40)} ${f(k.all.f1)} / ${f(k.heldOut.f1)}`);
}
console.log(
  `\nSpeed, whole pipeline on one core: ${speed.pagesPerSecond.toFixed(1)} pages/s wall (${speed.msPerPage.toFixed(1)} ms/page), ` +
    `${speed.pagesPerCpuSecond.toFixed(1)} pages per CPU-second (${speed.cpuMsPerPage.toFixed(1)} ms CPU/page)`,
);
console.log(`Pages where no article was found and the page text was kept instead: ${pageTextFallbacks}`);
console.log(`\nWorst ${worstN} pages (Glossa body):`);
for (const w of worst) console.log(`  ${w.id} F1 ${f(w.f1)} P ${f(w.precision)} R ${f(w.recall)} ${w.heldOut ? '[held out]' : '[tuning]  '} ${w.url}`);
if (Object.keys(metadata).length) {
  console.log("\nMetadata — readability-test-pages (expected = Readability's own output; white space trimmed and collapsed):");
  console.log('                 exact match          where a value is expected   a value found where none is expected');
  for (const [k, v] of Object.entries(metadata)) {
    console.log(
      `  ${pad(k, 14)} ${`${v.matched}/${v.total}`.padStart(6)} (${(v.share * 100).toFixed(1).padStart(5)}%)     ${`${v.matchedWhenPresent}/${v.expectedPresent}`.padStart(6)} (${((v.matchedWhenPresent / (v.expectedPresent || 1)) * 100).toFixed(1).padStart(5)}%)          ${v.foundWhenExpectedNull}`,
    );
  }
}
if (Object.keys(sanitiser).length) {
  console.log('\nSanitiser — dompurify-xss-fixtures:');
  for (const [k, v] of Object.entries(sanitiser)) console.log(`  ${k}: ${v}`);
}

mkdirSync(path.join(here, 'results'), { recursive: true });
writeFileSync(
  path.join(here, 'results', 'extract.json'),
  JSON.stringify(
    {
      date: new Date().toISOString(),
      node: process.version,
      split: 'held out = first byte of sha256(page id) is odd',
      rows,
      ablation,
      readabilityOptions: knobs,
      speed,
      pageTextFallbacks,
      worst,
      metadata,
      metadataMisses: metaMisses,
      sanitiser,
    },
    null,
    2,
  ) + '\n',
);
console.log('\nwrote bench/results/extract.json');
