/**
 * The crash soak: a child process (scripts/soak/child.ts) works on a library and is SIGKILLed
 * at a random instant; then the library is reopened here and checked. Used by `npm run soak`
 * (scripts/soak.ts, ≥300 kills) and by test/soak/soak.test.ts (30 kills).
 * After every kill: the library opens at once (a dead holder's lock is taken over, never
 * LIBRARY_LOCKED); verifyLibrary (what `glossa verify` runs) finds no damaged blob; every
 * annotations.json parses; every listed article reads; no temp file of an interrupted write
 * is listed as data; each annotation is wholly before or wholly after its change; the trash
 * and the purged list agree with the folders.
 */
import { spawn } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { api, dispatch, type Context } from '../../core/api.js';
import { isTempName } from '../../core/store/durable-file.js';
import { type Library, openLibrary } from '../../core/store/index.js';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const SHARED = resolve(ROOT, '..', 'shared');
const FIXTURE = join(SHARED, 'fixtures', 'nypd-ice-2017.txt');
const PAGES = join(SHARED, 'corpora', 'readability-test-pages', 'pages');
export const haveShared = () => existsSync(FIXTURE) && existsSync(PAGES);

export const SCENARIOS = ['import', 'tagging', 'export', 'import-bundle', 'resolve', 'trash'] as const;
type Scenario = (typeof SCENARIOS)[number];

export interface SoakCounts {
  kills: number;
  /** Operations the children acknowledged before they were killed (or finished). */
  operations: number;
  /** Runs that finished before the kill came (checked all the same, not counted as kills). */
  finishedBeforeKill: number;
  problems: string[];
  byScenario: Record<string, { kills: number; operations: number }>;
}

const ctxOf = (library: Library): Context => ({ library, dialogs: { openFiles: async () => [], saveFile: async () => null }, emit: () => undefined });

async function call<T>(library: Library, name: string, input: unknown): Promise<T> {
  const out = await dispatch(api as never, ctxOf(library), name, input, { windowOnly: false });
  if (!out.ok) throw new Error(`${name}: ${out.error.code} ${out.error.message}`);
  return out.value as T;
}

async function withLibrary<T>(dir: string, fn: (l: Library) => Promise<T>): Promise<T> {
  const library = await openLibrary(dir);
  try {
    return await fn(library);
  } finally {
    await library.close();
  }
}

/** Each annotation's comment and whether it is deleted, with the number of open conflicts. */
async function annotationState(library: Library): Promise<string> {
  const out: string[] = [];
  for (const row of library.listSnapshots()) {
    for (const a of await library.listAnnotations(row.id, { includeDeleted: true })) out.push(`${a.id}=${a.comment}${a.deletedAt ? ':deleted' : ''}`);
  }
  return `${out.sort().join('\n')}\nconflicts=${(await library.listConflicts()).length}`;
}

interface Templates {
  work: string;
  pages: string;
  base: string;
  ours: string;
  merged: string;
  beforeImport: string;
  afterImport: string;
}

/** Libraries each scenario starts from, built once through the same operations. */
async function buildTemplates(top: string): Promise<Templates> {
  const work = join(top, 'work');
  const pages = join(top, 'pages');
  mkdirSync(work, { recursive: true });
  mkdirSync(pages, { recursive: true });
  // A folder of saved pages to import: the corpus's pages (read from ../shared, copied to temp only).
  for (const name of readdirSync(PAGES).sort().slice(0, 12)) {
    const source = join(PAGES, name, 'source.html');
    if (existsSync(source)) cpSync(source, join(pages, `${name}.html`));
  }
  cpSync(FIXTURE, join(pages, 'nypd-ice-2017.txt'));
  const base = join(top, 'base');
  await withLibrary(base, async (l) => {
    await call(l, 'importPaths', {
      paths: [
        FIXTURE,
        ...readdirSync(pages)
          .slice(0, 4)
          .map((n) => join(pages, n)),
      ],
    });
    for (const row of l.listSnapshots()) {
      for (let i = 0; i < 3; i++)
        await call(l, 'createAnnotation', { snapshotId: row.id, kind: 'note', start: i * 10, end: i * 10 + 5, comment: 'rev:0', tags: ['soak-rev-0'] });
    }
  });
  const edit = async (dir: string, comment: string) =>
    withLibrary(dir, async (l) => {
      for (const row of l.listSnapshots())
        for (const a of await l.listAnnotations(row.id)) await call(l, 'updateAnnotation', { snapshotId: row.id, id: a.id, patch: { comment } });
    });
  const theirs = join(top, 'theirs');
  cpSync(base, theirs, { recursive: true });
  await edit(theirs, 'theirs:1');
  await withLibrary(theirs, (l) => call(l, 'exportBundle', { path: join(work, 'incoming.glossa') }));
  const ours = join(top, 'ours');
  cpSync(base, ours, { recursive: true });
  await edit(ours, 'ours:1');
  const merged = join(top, 'merged');
  cpSync(ours, merged, { recursive: true });
  const beforeImport = await withLibrary(ours, annotationState);
  await withLibrary(merged, (l) => call(l, 'importBundle', { path: join(work, 'incoming.glossa') }));
  const afterImport = await withLibrary(merged, annotationState);
  return { work, pages, base, ours, merged, beforeImport, afterImport };
}

interface ChildRun {
  acks: Record<string, unknown>[];
  intents: Record<string, unknown>[];
  /** Progress events of the operation in flight (files imported so far, and the like). */
  progress: number;
  /** From the library being open to the end of the run (the kill, or the work finished). */
  ms: number;
  killed: boolean;
  stderr: string;
}

const CHILD = join(ROOT, 'scripts', 'soak', 'child.ts');

/** Starts the child, waits until it has the library open, kills it `delayMs` later. */
function runChild(dir: string, scenario: Scenario, t: Templates, delayMs: number): Promise<ChildRun> {
  return new Promise((resolveRun, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', CHILD, dir, scenario, t.work, t.pages], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    const run: ChildRun = { acks: [], intents: [], progress: 0, ms: 0, killed: false, stderr: '' };
    let readyAt = 0;
    let buffer = '';
    let timer: NodeJS.Timeout | undefined;
    child.stdout.on('data', (chunk: Buffer) => {
      buffer += chunk.toString();
      let nl;
      while ((nl = buffer.indexOf('\n')) >= 0) {
        const line = buffer.slice(0, nl);
        buffer = buffer.slice(nl + 1);
        if (line === 'ready') {
          readyAt = Date.now();
          timer = setTimeout(() => (run.killed = child.kill('SIGKILL')), delayMs);
        } else if (line.startsWith('ack ')) run.acks.push(JSON.parse(line.slice(4)) as Record<string, unknown>);
        else if (line.startsWith('intent ')) run.intents.push(JSON.parse(line.slice(7)) as Record<string, unknown>);
        else if (line === 'progress') run.progress++;
      }
    });
    child.stderr.on('data', (chunk: Buffer) => (run.stderr += chunk.toString()));
    child.on('error', reject);
    child.on('exit', (_code, signal) => {
      clearTimeout(timer);
      run.ms = readyAt ? Date.now() - readyAt : 0;
      run.killed = signal === 'SIGKILL';
      resolveRun(run);
    });
  });
}

/** Every check after a kill; returns the problems found (none expected). */
async function check(dir: string, scenario: Scenario, t: Templates, run: ChildRun, revs: Map<string, number>): Promise<string[]> {
  const problems: string[] = [];
  let library: Library;
  try {
    library = await openLibrary(dir);
  } catch (e) {
    return [`${scenario}: the library did not open after the kill: ${(e as Error).message}`];
  }
  try {
    const verified = await call<{ corrupt: string[] }>(library, 'verifyLibrary', {});
    if (verified.corrupt.length) problems.push(`${scenario}: verify found damaged blobs ${verified.corrupt.join(', ')}`);
    const snapshots = join(dir, 'snapshots');
    const rows = library.listSnapshots();
    for (const folder of existsSync(snapshots) ? readdirSync(snapshots) : []) {
      const file = join(snapshots, folder, 'annotations.json');
      if (!existsSync(file)) continue;
      try {
        JSON.parse(readFileSync(file, 'utf8'));
      } catch (e) {
        problems.push(`${scenario}: ${file} does not parse: ${(e as Error).message}`);
      }
    }
    for (const row of rows) {
      if (isTempName(row.id)) problems.push(`${scenario}: a temp file is listed as the article ${row.id}`);
      try {
        const snap = await library.getSnapshot(row.id);
        await library.blobs.getText(snap.textHash);
        await library.listAnnotations(row.id, { includeDeleted: true });
      } catch (e) {
        problems.push(`${scenario}: article ${row.id} is listed but does not read: ${(e as Error).message}`);
      }
      if (!existsSync(join(snapshots, row.id, 'snapshot.json'))) problems.push(`${scenario}: article ${row.id} is listed but its folder is gone`);
    }
    const state = await annotationState(library);
    if (scenario === 'tagging') {
      // Every acknowledged change is there; the one in flight is wholly there or wholly absent.
      for (const ack of run.acks) if (typeof ack.rev === 'number') revs.set(ack.id as string, ack.rev);
      const pending = run.intents.at(-1);
      for (const row of rows) {
        for (const a of await library.listAnnotations(row.id, { includeDeleted: true })) {
          if (!a.comment.startsWith('rev:')) continue;
          const rev = Number(a.comment.slice(4));
          if (a.tags.join() !== `soak-rev-${rev}`) problems.push(`${scenario}: annotation ${a.id} is torn (comment ${a.comment}, tags ${a.tags.join()})`);
          const acked = revs.get(a.id);
          const inFlight = pending?.id === a.id && pending.rev === rev;
          if (acked !== undefined && rev !== acked && !inFlight) problems.push(`${scenario}: annotation ${a.id} is at rev ${rev}, acknowledged ${acked}`);
          revs.set(a.id, rev);
        }
      }
    }
    if (scenario === 'import-bundle' && state !== t.beforeImport && state !== t.afterImport) {
      problems.push(`${scenario}: the library is neither as before the import nor as after it`);
    }
    if (scenario === 'resolve' && /=ours:1/.test(state) && /conflicts=0$/.test(state))
      problems.push(`${scenario}: no conflict left but an unresolved side shows`);
    if (scenario === 'trash') {
      const deleted = rows.filter((r) => r.article?.deletedAt).length;
      const ack = run.acks.some((a) => a.emptied);
      if (ack && deleted) problems.push(`${scenario}: the trash was emptied but ${deleted} article(s) are still in it`);
    }
    if (scenario === 'export' && existsSync(join(t.work, 'out.glossa'))) {
      const bundle = await call<{ ok: boolean; problems: { message: string }[] }>(library, 'verifyBundle', { path: join(t.work, 'out.glossa') });
      if (!bundle.ok) problems.push(`${scenario}: the exported bundle is damaged: ${bundle.problems[0]?.message}`);
    }
  } finally {
    await library.close();
  }
  return problems;
}

/** Scenarios that finish a run start again from their template; the others keep going on one library. */
const TEMPLATE: Partial<Record<Scenario, keyof Templates>> = { import: 'base', 'import-bundle': 'ours', resolve: 'merged', trash: 'base' };

export async function soak(kills: number, opts: { seed?: number; log?: (line: string) => void } = {}): Promise<SoakCounts> {
  const top = mkdtempSync(join(tmpdir(), 'glossa-soak-'));
  let seed = opts.seed ?? 17;
  const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
  const counts: SoakCounts = { kills: 0, operations: 0, finishedBeforeKill: 0, problems: [], byScenario: {} };
  try {
    const t = await buildTemplates(top);
    const revs = new Map<string, number>();
    const persistent: Partial<Record<Scenario, string>> = {};
    // Where in a run the kills land: a scenario whose runs finish first gets a shorter window.
    const window: Record<Scenario, number> = { import: 5000, tagging: 400, export: 600, 'import-bundle': 400, resolve: 300, trash: 400 };
    for (let i = 0; counts.kills < kills; i++) {
      // The kills are shared out evenly: the scenario with the fewest so far goes next.
      const scenario = [...SCENARIOS].sort((a, b) => (counts.byScenario[a]?.kills ?? 0) - (counts.byScenario[b]?.kills ?? 0))[0]!;
      const from = TEMPLATE[scenario];
      let dir: string;
      if (from) {
        dir = join(top, `run-${i}`);
        cpSync(t[from] as string, dir, { recursive: true });
      } else {
        dir = persistent[scenario] ??= (() => {
          const d = join(top, scenario);
          cpSync(t.base, d, { recursive: true });
          return d;
        })();
      }
      const run = await runChild(dir, scenario, t, Math.floor(random() * window[scenario]));
      const by = (counts.byScenario[scenario] ??= { kills: 0, operations: 0 });
      counts.operations += run.acks.length;
      by.operations += run.acks.length;
      if (run.killed) {
        counts.kills++;
        by.kills++;
      } else {
        counts.finishedBeforeKill++;
        // The kills spread over the whole run as measured (imports write file after file to the end).
        window[scenario] = Math.max(50, Math.round(run.ms * 0.95));
        if (run.acks.length === 0) counts.problems.push(`${scenario}: the child failed before it was killed: ${run.stderr.slice(0, 500)}`);
      }
      const problems = await check(dir, scenario, t, run, revs);
      counts.problems.push(...problems);
      opts.log?.(
        `${scenario} ${run.killed ? 'killed' : 'finished'} after ${run.acks.length} op(s), ${run.progress} progress step(s)${problems.length ? `: ${problems.join('; ')}` : ''}`,
      );
      if (from) rmSync(dir, { recursive: true, force: true });
    }
    return counts;
  } finally {
    rmSync(top, { recursive: true, force: true });
  }
}
