/// <reference lib="dom" />
/**
 * The reader under load: an article of 20,000 words with 2,000 annotations (some nested),
 * opened in Chromium through the real API on a real library. Measures
 *   - openMs: from the route change (the library at rest, core idle) to the highlights
 *     painted (the frame after the article with every highlight is in the DOM), target < 200 ms;
 *   - tagShowMs: from the key press (Q on a selection in a paragraph already scrolled to and
 *     painted) to the frame with the new highlight committed, read from a Chromium trace,
 *     target < 16 ms (one frame);
 *     tagShowUpperBoundMs: the same seen from the page (a timer after the next animation
 *     frame: includes work that runs after the paint); tagSavedMs: until the stored record
 *     reached the panel (its editor no longer busy: a round trip through the API).
 * `npm run bench -- reader` or `tsx bench/reader.ts` (writes bench/results/reader.json).
 * Needs dist/renderer (built here when missing) and Chromium (GLOSSA_CHROMIUM, /usr/bin/chromium).
 */
import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, extname, join, relative, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { chromium } from '@playwright/test';
import { api, dispatch, type Context } from '../core/api.js';
import type { AnnotationKind } from '../core/model/index.js';
import { openLibrary } from '../core/store/index.js';
import { makeTarget } from '../core/text/selectors.js';
import { blankAnnotation } from '../core/common/annotation.js';
import { printTable, summarise, type Benchmark } from './harness.js';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
/** BENCH_DIST: another build (an unminified one, for profiling). */
const DIST = process.env.BENCH_DIST ? resolve(process.env.BENCH_DIST) : join(ROOT, 'dist', 'renderer');
const CHROMIUM = process.env.GLOSSA_CHROMIUM ?? '/usr/bin/chromium';
const WORDS = 20_000;
const ANNOTATIONS = 2_000;
const OPEN_RUNS = 11;
const TAG_RUNS = 25;

/** Deterministic article: 200 paragraphs of 100 words, with numbers and quotes in them. */
function article(): string {
  const vocab =
    'the council said police requests budget vote federal city officials department immigration law agency report data million percent people year week spokesperson director committee hearing'.split(
      ' ',
    );
  let seed = 42;
  const rand = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
  const paragraphs: string[] = ['A long article for the reader benchmark'];
  let words = 0;
  while (words < WORDS) {
    const w: string[] = [];
    for (let i = 0; i < 100; i++) w.push(i % 17 === 5 ? String(Math.floor(rand() * 5000)) : vocab[Math.floor(rand() * vocab.length)]!);
    paragraphs.push(`${w.join(' ')}.`);
    words += 100;
  }
  return paragraphs.join('\n\n');
}

/** 2,000 spans on word boundaries: mostly 3–12 words, every fifth nested inside the one before. */
function spans(text: string): { kind: AnnotationKind; start: number; end: number }[] {
  const bounds: [number, number][] = [];
  for (const m of text.matchAll(/\S+/g)) bounds.push([m.index, m.index + m[0].length]);
  const kinds: AnnotationKind[] = ['quote', 'claim', 'figure', 'note'];
  const out: { kind: AnnotationKind; start: number; end: number }[] = [];
  const step = Math.floor(bounds.length / ANNOTATIONS);
  for (let i = 0; i < ANNOTATIONS; i++) {
    const w = i * step;
    const inner = i % 5 === 4 && out.length > 0;
    const first = inner ? w - step + 1 : w;
    const len = inner ? 2 : 3 + (i % 10);
    const last = Math.min(bounds.length - 1, first + len - 1);
    out.push({ kind: kinds[i % 4]!, start: bounds[first]![0], end: bounds[last]![1] });
  }
  return out;
}

const MIME: Record<string, string> = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css', '.map': 'application/json' };

/**
 * The client the preload installs (window.glossa), as source text, so no transpiler touches
 * it. Calls go to this bench's own server as one JSON string each way (POST /__glossa/<op>),
 * as Electron's IPC carries a structured clone: a bridge of a few milliseconds for the
 * 1 MB of 2,000 annotations. (Playwright's exposeBinding, which the e2e tests use, adds about
 * 100 ms per megabyte through the DevTools protocol: a cost of the test bridge, not the app.)
 */
const CLIENT = (names: string[]) => `
// tsx keeps function names with an __name helper that page.evaluate's serialised functions also call.
window.__name = (target) => target;
(() => {
  const listeners = new Set();
  const client = {};
  // Calls in flight, so a timed open starts with core idle (not still serving the article before).
  window.__glossaInFlight = 0;
  for (const name of ${JSON.stringify(names)}) {
    client[name] = async (input) => {
      window.__glossaInFlight++;
      try {
        const env = window.__glossaInvoke
          ? JSON.parse(await window.__glossaInvoke(name, JSON.stringify(input ?? null)))
          : await (await fetch('/__glossa/' + name, { method: 'POST', body: JSON.stringify(input ?? null) })).json();
        if (env.ok) return env.value;
        throw Object.assign(new Error(env.error.message), { code: env.error.code });
      } finally {
        window.__glossaInFlight--;
      }
    };
  }
  client.onEvent = (l) => { listeners.add(l); return () => listeners.delete(l); };
  Object.defineProperty(window, 'glossa', { value: Object.freeze(client) });
})();`;

async function ensureBuilt(): Promise<void> {
  if (existsSync(join(DIST, 'index.html'))) return;
  const { build } = await import('vite');
  await build({ configFile: join(ROOT, 'vite.config.ts'), root: join(ROOT, 'renderer'), logLevel: 'warn' });
}

export async function runReaderBench(): Promise<Record<string, unknown>> {
  await ensureBuilt();
  const temp = await mkdtemp(join(tmpdir(), 'glossa-bench-reader-'));
  const library = await openLibrary(join(temp, 'library'));
  const ctx: Context = { library, dialogs: { openFiles: async () => [], saveFile: async () => null }, emit: () => undefined };
  const call = async (name: string, input: unknown) => {
    const env = await dispatch(api, ctx, name, input, { windowOnly: true });
    if (!env.ok) throw new Error(`${name}: ${env.error.message}`);
    return env.value;
  };
  const server = createServer((req, res) => {
    const op = /^\/__glossa\/(\w+)$/.exec(req.url ?? '')?.[1];
    if (op && req.method === 'POST') {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        void dispatch(api, ctx, op, JSON.parse(Buffer.concat(chunks).toString('utf8')), { windowOnly: true }).then((env) =>
          res.writeHead(200, { 'Content-Type': 'application/json' }).end(JSON.stringify(env)),
        );
      });
      return;
    }
    const path = resolve(DIST, `.${new URL(req.url ?? '/', 'http://x').pathname.replace(/^\/$/, '/index.html')}`);
    if (relative(DIST, path).startsWith('..')) return void res.writeHead(404).end();
    readFile(path).then(
      (body) => res.writeHead(200, { 'Content-Type': MIME[extname(path)] ?? 'application/octet-stream' }).end(body),
      () => res.writeHead(404).end(),
    );
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
  try {
    // The article and its annotations, written through core as an import and a bundle would.
    const text = article();
    const { snapshotId } = (await call('importText', { text, title: 'A long article for the reader benchmark' })) as { snapshotId: string };
    const stored = ((await call('openSnapshot', { id: snapshotId })) as { text: string }).text;
    const stamp = new Date().toISOString();
    const list = spans(stored).map((s) => blankAnnotation(randomUUID(), snapshotId, s.kind, makeTarget(stored, s.start, s.end), stamp));
    await library.putAnnotations(snapshotId, list);

    const context = await browser.newContext({ viewport: { width: 1360, height: 860 }, reducedMotion: 'reduce' });
    // BENCH_BRIDGE=binding: the e2e tests' bridge instead (Playwright's exposeBinding), to compare.
    if (process.env.BENCH_BRIDGE === 'binding') {
      await context.exposeBinding('__glossaInvoke', async (_s, name: string, input: string) =>
        JSON.stringify(await dispatch(api, ctx, name, JSON.parse(input), { windowOnly: true })),
      );
    }
    await context.addInitScript({ content: CLIENT(Object.keys(api).filter((n) => api[n as keyof typeof api].window)) });
    const page = await context.newPage();
    const problems: string[] = [];
    page.on('pageerror', (e) => problems.push(e.message));
    await page.goto(url);
    await page.waitForSelector('.view-title, h1');

    // Open: library → reader, timed in the page from the hash change to the frame after the highlights are in.
    const openMs: number[] = [];
    // BENCH_PROFILE=file: CPU profiles and traces of the last open (file, file.trace.json) and of
    // the tag runs (file.tag.cpuprofile, file.tag.trace.json), for finding where the time goes.
    const cdp = process.env.BENCH_PROFILE ? await context.newCDPSession(page) : null;
    for (let i = 0; i < OPEN_RUNS; i++) {
      if (cdp && i === OPEN_RUNS - 1) {
        await cdp.send('Profiler.enable');
        await cdp.send('Profiler.setSamplingInterval', { interval: 100 });
        await cdp.send('Profiler.start');
        await browser.startTracing(page, { categories: ['devtools.timeline', 'blink.user_timing'] });
      }
      openMs.push(
        await page.evaluate(
          async ([id, count]) => {
            location.hash = '#/';
            // From the library at rest: what the article before still had in flight (its figure
            // checks, its trash) is not part of opening this one.
            const w = window as unknown as { __glossaInFlight: number };
            do await new Promise((r) => setTimeout(r, 50));
            while (w.__glossaInFlight > 0);
            const t0 = performance.now();
            location.hash = `#/snapshot/${encodeURIComponent(id)}`;
            await new Promise<void>((done) => {
              const check = () => {
                const a = document.querySelector('article[data-highlights="ready"]');
                if (a && a.querySelectorAll('mark').length >= count) requestAnimationFrame(() => setTimeout(done, 0));
                else requestAnimationFrame(check);
              };
              check();
            });
            return performance.now() - t0;
          },
          [snapshotId, Math.floor(ANNOTATIONS * 0.9)] as const,
        ),
      );
    }
    if (cdp) {
      await writeFile(process.env.BENCH_PROFILE!, JSON.stringify((await cdp.send('Profiler.stop')).profile));
      await writeFile(`${process.env.BENCH_PROFILE!}.trace.json`, await browser.stopTracing());
    }
    const marks = await page.locator('article mark').count();

    // Tag: select three words of a paragraph in view, press Q; timed from the key event to the painted highlight.
    const tagShowMs: number[] = [];
    const tagSavedMs: number[] = [];
    if (cdp) await cdp.send('Profiler.start');
    await browser.startTracing(page, { categories: ['devtools.timeline'] });
    for (let i = 0; i < TAG_RUNS; i++) {
      await page.evaluate(async (n) => {
        const blocks = document.querySelectorAll('article p.block');
        const block = blocks[20 + n * 6]!;
        block.scrollIntoView({ block: 'center' });
        const piece = [...block.querySelectorAll<HTMLElement>('span[data-start]')].find((p) => (p.textContent ?? '').trim().split(/\s+/).length > 4)!;
        const node = piece.firstChild!;
        const t = node.textContent!;
        const from = t.indexOf(' ') + 1;
        const to = t.indexOf(' ', t.indexOf(' ', t.indexOf(' ', from) + 1) + 1);
        const range = document.createRange();
        range.setStart(node, from);
        range.setEnd(node, to);
        const sel = window.getSelection()!;
        sel.removeAllRanges();
        sel.addRange(range);
        (document.querySelector('article') as HTMLElement).focus({ preventScroll: true });
        const w = window as unknown as { __tag: Promise<[number, number]> };
        w.__tag = new Promise((done) => {
          let t0 = 0;
          let shown = 0;
          window.addEventListener('keydown', (e) => (t0 = e.timeStamp), { capture: true, once: true });
          // The new annotation keeps the id the window gave it: it is the one id not drawn before the key.
          const before = new Set([...document.querySelectorAll<HTMLElement>('article mark[data-ids]')].flatMap((m) => (m.dataset.ids ?? '').split(' ')));
          let id: string | null = null;
          const findNew = () => {
            for (const m of document.querySelectorAll<HTMLElement>('article mark[data-ids]')) {
              const fresh = (m.dataset.ids ?? '').split(' ').find((x) => !before.has(x));
              if (fresh) return fresh;
            }
            return null;
          };
          // Saved: the panel shows the stored record (its editor no longer busy). It may arrive before the frame timer runs: checked from both sides.
          const saved = () => id !== null && document.querySelector(`[data-annotation-id="${CSS.escape(id)}"] .annotation-editor[aria-busy="false"]`) !== null;
          const finish = () => {
            if (shown && saved()) {
              obs.disconnect();
              done([shown, performance.now() - t0]);
            }
          };
          const obs = new MutationObserver(() => {
            if (id === null && (id = findNew()) !== null) {
              requestAnimationFrame(() =>
                setTimeout(() => {
                  shown = performance.now() - t0;
                  finish();
                }, 0),
              );
            }
            finish();
          });
          obs.observe(document.querySelector('.reader')!, { subtree: true, childList: true, attributes: true, attributeFilter: ['data-ids', 'aria-busy'] });
        });
        // As a person would: the paragraph scrolled to and the selection are painted before the key.
        await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
      }, i);
      await page.keyboard.press('q');
      const [shown, saved] = await page.evaluate(() => (window as unknown as { __tag: Promise<[number, number]> }).__tag);
      tagShowMs.push(shown);
      tagSavedMs.push(saved);
      await page.keyboard.press('Escape');
    }
    const traceText = (await browser.stopTracing()).toString('utf8');
    if (cdp) {
      await writeFile(`${process.env.BENCH_PROFILE!}.tag.cpuprofile`, JSON.stringify((await cdp.send('Profiler.stop')).profile));
      await writeFile(`${process.env.BENCH_PROFILE!}.tag.trace.json`, traceText);
    }
    const tagFrameMs = framesAfterKeys(JSON.parse(traceText), TAG_RUNS);
    await context.close();
    if (problems.length) throw new Error(`The page reported errors: ${problems.join('; ')}`);
    const open = summarise(openMs);
    const show = summarise(tagFrameMs);
    return {
      article: { words: WORDS, annotations: ANNOTATIONS, characters: stored.length, highlightPieces: marks },
      openMs: open,
      tagShowMs: show,
      tagShowUpperBoundMs: summarise(tagShowMs),
      tagSavedMs: summarise(tagSavedMs),
      targets: { openMs: 200, tagShowMs: 16, openMet: open.p50 < 200, tagShowMet: show.p50 < 16 },
    };
  } finally {
    await browser.close();
    server.close();
    await library.close();
    await rm(temp, { recursive: true, force: true });
  }
}

interface TraceEvent {
  name: string;
  ph: string;
  ts: number;
  dur?: number;
  pid: number;
  tid: number;
  args?: { data?: { type?: string } };
}

/**
 * From a Chromium trace: for each Q key press, the time from the start of its keydown dispatch
 * to the end of the first frame painted after it ("Layerize": the painted frame handed to the
 * compositor; older Chromium calls it "Commit"). Only the key presses that pressed Q count.
 */
function framesAfterKeys(trace: { traceEvents: TraceEvent[] } | TraceEvent[], expected: number): number[] {
  const all = Array.isArray(trace) ? trace : trace.traceEvents;
  const events = all.filter((e) => e.ph === 'X').sort((a, b) => a.ts - b.ts);
  const keys = events.filter((e) => e.name === 'EventDispatch' && e.args?.data?.type === 'keydown');
  const out: number[] = [];
  // Key presses alternate Q, Escape: the Q presses are the even ones.
  for (const [i, key] of keys.entries()) {
    if (i % 2 !== 0) continue;
    const done = key.ts + (key.dur ?? 0);
    const frame = events.find((e) => (e.name === 'Layerize' || e.name === 'Commit') && e.pid === key.pid && e.ts >= done);
    if (frame) out.push((frame.ts + (frame.dur ?? 0) - key.ts) / 1000);
  }
  if (out.length !== expected) throw new Error(`The trace shows ${out.length} tag key presses with a frame after them, not ${expected}.`);
  return out;
}

export const readerBench: Benchmark = {
  name: 'reader',
  description: `Reader in Chromium: ${WORDS.toLocaleString('en-US')}-word article with ${ANNOTATIONS.toLocaleString('en-US')} annotations — open to painted highlights (target < 200 ms), one tag action to painted highlight (target < 16 ms).`,
  run: runReaderBench,
};

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  const result = await runReaderBench();
  printTable(readerBench.name, readerBench.description, result);
  const out = join(ROOT, 'bench', 'results', 'reader.json');
  await mkdir(dirname(out), { recursive: true });
  await writeFile(out, `${JSON.stringify({ measuredAt: new Date().toISOString(), node: process.version, ...result }, null, 2)}\n`);
  console.log(`\nwrote ${out}`);
}
