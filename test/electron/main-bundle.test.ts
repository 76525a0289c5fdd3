/**
 * The built main process (dist/electron/main.cjs) run in Node against a recording stand-in
 * for Electron (test/electron/fake-electron.cjs), since the Electron binary cannot run here.
 * It checks the wiring that only exists in the bundle: every window op bound in one loop and
 * refused to strangers, app:// confined with the CSP header, permissions and remote requests
 * denied, a locked library stopping the app, quitting releasing the lock, and core's modules
 * of operations loading on their first call rather than before the window opens.
 */
import { execFile, execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { windowOps } from '../../core/api.js';
import { openLibrary } from '../../core/store/index.js';
import { CSP } from '../../electron/security.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const harness = join(root, 'test', 'electron', 'fake-electron.cjs');

interface Report {
  schemes: { scheme: string; privileges: Record<string, boolean> }[];
  windows: { url: string; webPreferences: Record<string, unknown> }[];
  menus: string[][];
  errorBoxes: { title: string; message: string }[];
  exits: number[];
  quits: number;
  quitPrevented: boolean;
  ipc: Record<string, unknown> & { channels: string[] };
  protocol: Record<string, { status: number; csp: string | null; type: string | null; body: string }>;
  permissions: { request: boolean; check: boolean };
  requests: { remote: { cancel: boolean }; own: { cancel: boolean } };
  /** Node built-ins the bundle had required by each point: which of its modules had run. */
  builtins: { beforeWindow: string[]; atShow: string[]; afterList: string[]; afterBundleOp: string[] };
  packages: string[];
  progress: { type: 'progress'; task: string; done: number; total: number }[];
  userData: string;
}

let mainCjs = '';
let appPath = '';

beforeAll(() => {
  // Laid out as the packaged app is: dist/electron/main.cjs beside the app's node_modules.
  const app = mkdtempSync(join(tmpdir(), 'glossa-main-'));
  const out = join(app, 'dist', 'electron');
  execFileSync(process.execPath, [join(root, 'scripts', 'build-electron.mjs'), '--outdir', out], { cwd: root, stdio: 'pipe' });
  symlinkSync(join(root, 'node_modules'), join(app, 'node_modules'), 'dir');
  mainCjs = join(out, 'main.cjs');
  // A stand-in app folder: the renderer build, and a secret beside it that app:// must not serve.
  appPath = mkdtempSync(join(tmpdir(), 'glossa-app-'));
  mkdirSync(join(appPath, 'dist', 'renderer'), { recursive: true });
  writeFileSync(join(appPath, 'dist', 'renderer', 'index.html'), '<!doctype html><title>Glossa</title>');
  writeFileSync(join(appPath, 'secret.txt'), 'not for the page');
});

/** Where the runs keep the search index (the per-user cache folder on Linux). */
const cacheHome = mkdtempSync(join(tmpdir(), 'glossa-main-cache-'));

function runMain(env: Record<string, string>): Promise<Report> {
  const userData = mkdtempSync(join(tmpdir(), 'glossa-userdata-'));
  env = { XDG_CACHE_HOME: cacheHome, ...env };
  return new Promise((resolve, reject) => {
    execFile(process.execPath, [harness, mainCjs, appPath, userData], { env: { ...process.env, ...env } }, (error, stdout, stderr) => {
      if (error) reject(new Error(`${error.message}\n${stderr}`));
      else resolve(JSON.parse(stdout) as Report);
    });
  });
}

describe('the Electron main bundle', () => {
  let report: Report;
  const library = mkdtempSync(join(tmpdir(), 'glossa-main-lib-'));

  beforeAll(async () => {
    report = await runMain({ GLOSSA_LIBRARY: library });
  });

  it('registers app:// as a secure standard scheme and opens one secure window on it', () => {
    expect(report.schemes).toMatchObject([{ scheme: 'app', privileges: { standard: true, secure: true } }]);
    expect(report.windows).toHaveLength(1);
    const [win] = report.windows;
    expect(win!.url).toBe('app://glossa/index.html');
    expect(win!.webPreferences).toMatchObject({ contextIsolation: true, sandbox: true, nodeIntegration: false, webSecurity: true });
    // The preload learns the names from this argument (in whatever order the bundle keeps them).
    const [arg] = win!.webPreferences.additionalArguments as string[];
    expect(arg!.startsWith('--glossa-ops=')).toBe(true);
    expect(arg!.slice('--glossa-ops='.length).split(',').sort()).toEqual([...windowOps].sort());
    expect(report.menus).toEqual([['&File', '&Edit', '&View', '&Help']]);
    expect(report.errorBoxes).toEqual([]);
  });

  it('ships every package the bundle requires at run time (extraction and sanitising included)', () => {
    const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { dependencies: Record<string, string> };
    const builder = readFileSync(join(root, 'electron-builder.yml'), 'utf8');
    // electron-builder copies the production dependencies into the app unless files: excludes them.
    expect(builder).not.toMatch(/!\*\*\/node_modules/);
    expect(report.packages.length).toBeGreaterThan(0);
    for (const name of report.packages) expect(Object.keys(pkg.dependencies), `${name} is required by main.cjs at run time`).toContain(name);
  });

  it('binds exactly the window operations, each validated by dispatch', () => {
    expect(report.ipc.channels).toEqual(windowOps.map((name) => `glossa:${name}`).sort());
    expect(report.ipc.imported).toMatchObject({ ok: true, value: { title: 'A Test Article', duplicate: false } });
    expect(report.ipc.list).toEqual({ ok: true, value: [] });
    expect(report.ipc.importedPage).toMatchObject({ ok: true, value: [{ ok: true }] });
    expect(report.ipc.listed).toMatchObject({ ok: true, value: [{ title: 'A Test Article' }, { title: 'Page' }] });
    expect(report.ipc.conflicts).toEqual({ ok: true, value: [] });
    expect(report.ipc.badInput).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
  });

  it('opens the window before loading the zip and extraction code, and loads it on the call that needs it', () => {
    const { beforeWindow, afterList, afterBundleOp } = report.builtins;
    // zlib is required by the zip writer and reader (bundles), module by the sanitiser (extraction).
    expect(beforeWindow).toEqual(expect.arrayContaining(['fs', 'path']));
    expect(beforeWindow).not.toContain('zlib');
    expect(beforeWindow).not.toContain('module');
    // Listing snapshots needs no zip code; the first bundle operation loads it.
    expect(afterList).not.toContain('zlib');
    expect(afterBundleOp).toContain('zlib');
  });

  it('opens the search index after the window, with its worker beside main.cjs, and finds an imported article by a word', () => {
    // The worker thread (and SQLite in it) start only once the window is shown.
    expect(report.builtins.beforeWindow).not.toContain('worker_threads');
    expect(report.builtins.atShow).not.toContain('worker_threads');
    expect(report.progress.some((p) => p.task === 'search-index' && p.done === p.total)).toBe(true);
    const searched = report.ipc.searched as { ok: boolean; value: { ok: boolean; articles: { total: number; hits: { title: { text: string } }[] } } };
    expect(searched).toMatchObject({ ok: true, value: { ok: true, articles: { total: 1 } } });
    expect(searched.value.articles.hits.map((h) => h.title.text)).toEqual(['A Test Article']);
    expect(report.ipc.malformed).toMatchObject({ ok: true, value: { ok: false, message: expect.stringMatching(/Unclosed quote/) } });
    // The index is derived data in the cache folder, never inside the library.
    expect(readdirSync(join(cacheHome, 'Glossa', 'search')).filter((f) => f.endsWith('.sqlite'))).toHaveLength(1);
    expect(readdirSync(library)).not.toContain('search');
  });

  it('keeps a git access token sealed by the keychain in <userData>, never in the clear or in the library', () => {
    expect(report.ipc.shareWithoutName).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', message: expect.stringMatching(/Set your name/) } });
    const sealed = readFileSync(join(report.userData, 'git-credentials.json'), 'utf8');
    expect(sealed).toContain('http://127.0.0.1:9/desk.git');
    expect(sealed).not.toContain('tok-3b7e-secret');
    expect(readdirSync(library)).not.toContain('.git');
  });

  it('refuses IPC from any frame that is not the app', () => {
    expect(report.ipc.untrusted).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    expect(report.ipc.noFrame).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
  });

  it('serves the renderer with the CSP header and nothing outside it', () => {
    const { index, route, escape, missing, post } = report.protocol;
    expect(index).toMatchObject({ status: 200, csp: CSP, type: 'text/html; charset=utf-8' });
    expect(index!.body).toContain('<title>Glossa</title>');
    expect(route).toMatchObject({ status: 200, csp: CSP });
    expect(escape!.status).toBe(404);
    expect(escape!.body).not.toContain('not for the page');
    expect(missing).toMatchObject({ status: 404, csp: CSP });
    expect(post!.status).toBe(405);
  });

  it('denies permissions and remote requests', () => {
    expect(report.permissions).toEqual({ request: false, check: false });
    expect(report.requests).toEqual({ remote: { cancel: true }, own: { cancel: false } });
  });

  it('closes the library on quit, releasing its lock', async () => {
    expect(report.quitPrevented).toBe(true);
    expect(report.quits).toBeGreaterThan(0);
    const reopened = await openLibrary(library);
    try {
      expect(reopened.listSnapshots().map((s) => s.title)).toEqual(['A Test Article', 'Page']);
    } finally {
      await reopened.close();
    }
  });

  it('stops with a clear message when the library is locked by another process', async () => {
    const held = await openLibrary(mkdtempSync(join(tmpdir(), 'glossa-locked-')));
    try {
      const locked = await runMain({ GLOSSA_LIBRARY: held.dir });
      expect(locked.exits).toEqual([1]);
      expect(locked.windows).toEqual([]);
      expect(locked.errorBoxes).toHaveLength(1);
      expect(locked.errorBoxes[0]!.title).toBe('Glossa cannot open its library');
      expect(locked.errorBoxes[0]!.message).toContain(held.dir);
    } finally {
      await held.close();
    }
  });
});
