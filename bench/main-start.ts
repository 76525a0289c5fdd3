/**
 * Start-up of the built main process: from `require('dist/electron/main.cjs')` to the first
 * BrowserWindow, in fresh Node processes with a stand-in for the 'electron' module (as
 * test/electron/fake-electron.cjs; the real binary cannot run everywhere). Also times the
 * first call of a light operation (listSnapshots) and of one that needs extraction
 * (importText), which is where lazily loaded code is paid for, and lists the Node built-ins
 * the bundle had required by the time the window opened. Prints one JSON object (medians).
 *
 *   npx tsx bench/main-start.ts [--main dist/electron/main.cjs] [--runs 7]
 *
 * Build first: npm run build:electron (or scripts/build-electron.mjs --outdir DIR, then --main DIR/main.cjs).
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const { values: args } = parseArgs({ options: { main: { type: 'string' }, runs: { type: 'string' } } });
const mainCjs = resolve(args.main ?? join(root, 'dist', 'electron', 'main.cjs'));
const runs = Math.max(1, Number(args.runs ?? 7));
if (!existsSync(mainCjs)) {
  console.error(`bench/main-start: ${mainCjs} does not exist; build it first (npm run build:electron).`);
  process.exit(2);
}

/** Runs in each fresh process (plain CommonJS, so nothing but Node touches the timing). */
const CHILD = String.raw`
'use strict';
const Module = require('node:module');
const { builtinModules } = Module;
const [mainPath, appPath, userData] = process.argv.slice(1);
const builtins = new Set(builtinModules.flatMap((m) => [m, 'node:' + m]));
const required = new Set();
let windowAt = 0;
const handlers = new Map();
class BrowserWindow {
  constructor() {
    if (!windowAt) windowAt = performance.now();
    this.webContents = { send() {}, on() {}, setWindowOpenHandler() {} };
  }
  once() {}
  loadURL() { return Promise.resolve(); }
  isDestroyed() { return false; }
  static getAllWindows() { return []; }
  static getFocusedWindow() { return null; }
}
const electron = {
  app: { on() {}, requestSingleInstanceLock: () => true, whenReady: () => Promise.resolve(), getPath: (n) => (n === 'userData' ? userData : '/nonexistent'),
    getAppPath: () => appPath, quit() {}, exit(code) { console.error('exit ' + code); process.exit(1); }, isPackaged: false, getVersion: () => '0.0.0-bench' },
  protocol: { registerSchemesAsPrivileged() {}, handle() {} },
  session: { defaultSession: { setPermissionRequestHandler() {}, setPermissionCheckHandler() {}, setDevicePermissionHandler() {}, webRequest: { onBeforeRequest() {} } } },
  ipcMain: { handle: (channel, fn) => handlers.set(channel, fn) },
  Menu: { buildFromTemplate: (t) => t, setApplicationMenu() {} },
  BrowserWindow,
  dialog: { showErrorBox: (t, m) => { console.error(t + ': ' + m); process.exit(1); } },
  shell: { openExternal: async () => {}, openPath: async () => '' },
};
const load = Module._load;
Module._load = function (request, ...rest) {
  if (request === 'electron') return electron;
  if (!windowAt && builtins.has(request)) required.add(request.replace(/^node:/, ''));
  return load.call(this, request, ...rest);
};
(async () => {
  const t0 = performance.now();
  require(mainPath);
  while (!windowAt) await new Promise((r) => setTimeout(r, 1));
  const heapAtWindowMB = process.memoryUsage().heapUsed / 2 ** 20;
  const event = { senderFrame: { url: 'app://glossa/index.html' } };
  const call = async (name, input) => {
    const t = performance.now();
    const out = await handlers.get('glossa:' + name)(event, input);
    if (!out.ok) throw new Error(name + ': ' + out.error.message);
    return performance.now() - t;
  };
  const firstListMs = await call('listSnapshots', {});
  const firstImportTextMs = await call('importText', { text: 'A Bench Article\n\nThe ferry carried 212 passengers on Sunday.', html: '<p>The ferry carried <b>212</b> passengers on Sunday.</p>' });
  process.stdout.write(JSON.stringify({ windowMs: windowAt - t0, heapAtWindowMB, firstListMs, firstImportTextMs, builtinsBeforeWindow: [...required].sort() }));
  process.exit(0);
})().catch((e) => { console.error(e && e.stack || e); process.exit(1); });
`;

interface Sample {
  windowMs: number;
  heapAtWindowMB: number;
  firstListMs: number;
  firstImportTextMs: number;
  builtinsBeforeWindow: string[];
}

const median = (values: number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
};
const round = (n: number) => Math.round(n * 10) / 10;

const samples: Sample[] = [];
const appPath = mkdtempSync(join(tmpdir(), 'glossa-bench-app-'));
for (let i = 0; i < runs; i++) {
  const library = mkdtempSync(join(tmpdir(), 'glossa-bench-start-'));
  try {
    // NODE_PATH: what the bundle leaves to run-time require (jsdom) resolves from this repository
    // also when the bundle was built outside it (--outdir in /tmp).
    const env = { ...process.env, GLOSSA_LIBRARY: library, NODE_PATH: join(root, 'node_modules') };
    const out = execFileSync(process.execPath, ['-e', CHILD, mainCjs, appPath, library], { env, encoding: 'utf8' });
    samples.push(JSON.parse(out) as Sample);
  } finally {
    rmSync(library, { recursive: true, force: true });
  }
}
rmSync(appPath, { recursive: true, force: true });

const metric = (key: 'windowMs' | 'heapAtWindowMB' | 'firstListMs' | 'firstImportTextMs') => round(median(samples.map((s) => s[key])));
console.log(
  JSON.stringify(
    {
      bench: 'main-start',
      main: mainCjs,
      runs,
      node: process.version,
      requireToFirstWindowMs: metric('windowMs'),
      requireToFirstWindowMsAll: samples.map((s) => round(s.windowMs)),
      heapAtFirstWindowMB: metric('heapAtWindowMB'),
      firstListSnapshotsMs: metric('firstListMs'),
      firstImportTextMs: metric('firstImportTextMs'),
      builtinsBeforeWindow: samples[0]!.builtinsBeforeWindow,
    },
    null,
    2,
  ),
);
