/**
 * The built main process (dist/electron/main.cjs) run in Node against a recording stand-in
 * for Electron (test/electron/fake-electron.cjs), since the Electron binary cannot run here.
 * It checks the wiring that only exists in the bundle: every window op bound in one loop and
 * refused to strangers, app:// confined with the CSP header, permissions and remote requests
 * denied, a locked library stopping the app, and quitting releasing the lock.
 */
import { execFile, execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
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
}

let mainCjs = '';
let appPath = '';

beforeAll(() => {
  const out = mkdtempSync(join(tmpdir(), 'glossa-main-'));
  execFileSync(process.execPath, [join(root, 'scripts', 'build-electron.mjs'), '--outdir', out], { cwd: root, stdio: 'pipe' });
  mainCjs = join(out, 'main.cjs');
  // A stand-in app folder: the renderer build, and a secret beside it that app:// must not serve.
  appPath = mkdtempSync(join(tmpdir(), 'glossa-app-'));
  mkdirSync(join(appPath, 'dist', 'renderer'), { recursive: true });
  writeFileSync(join(appPath, 'dist', 'renderer', 'index.html'), '<!doctype html><title>Glossa</title>');
  writeFileSync(join(appPath, 'secret.txt'), 'not for the page');
});

function runMain(env: Record<string, string>): Promise<Report> {
  const userData = mkdtempSync(join(tmpdir(), 'glossa-userdata-'));
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

  it('binds exactly the window operations, each validated by dispatch', () => {
    expect(report.ipc.channels).toEqual(windowOps.map((name) => `glossa:${name}`).sort());
    expect(report.ipc.imported).toMatchObject({ ok: true, value: { title: 'A Test Article', duplicate: false } });
    expect(report.ipc.list).toMatchObject({ ok: true, value: [{ title: 'A Test Article' }] });
    expect(report.ipc.badInput).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
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
      expect(reopened.listSnapshots().map((s) => s.title)).toEqual(['A Test Article']);
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
