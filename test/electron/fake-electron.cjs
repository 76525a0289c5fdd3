/**
 * Runs the built main-process bundle in plain Node with a recording stand-in for the
 * 'electron' module (the real binary cannot run on this machine), then drives it the way
 * Electron would: ready → IPC calls → app:// requests → quit. Prints one JSON report.
 * Usage: node fake-electron.cjs <main.cjs> <appPath> <userData>
 */
'use strict';
const Module = require('node:module');

const [mainPath, appPath, userData] = process.argv.slice(2);
const report = {
  schemes: [],
  windows: [],
  menus: [],
  errorBoxes: [],
  exits: [],
  quits: 0,
  ipc: {},
  protocol: {},
  permissions: {},
  requests: {},
  quitPrevented: false,
  builtins: {},
  packages: [],
  progress: [],
};
/** Node built-ins the bundle has required so far: a trace of which of its modules have run. */
const builtinNames = new Set(Module.builtinModules.flatMap((m) => [m, `node:${m}`]));
const required = new Set();
/** Packages the bundle left to require at run time: the packaged app must ship each of them. */
const packages = new Set();
const requiredSoFar = () => [...required].sort();
const handlers = new Map();
const appEvents = new Map();
const sessionHooks = {};

const windows = [];

class BrowserWindow {
  constructor(options) {
    if (report.windows.length === 0) report.builtins.beforeWindow = requiredSoFar();
    report.windows.push({ webPreferences: options.webPreferences });
    windows.push(this);
    this.listeners = new Map();
    // Progress events the window is sent (the search index's build among them).
    this.webContents = { send: (_channel, event) => event && event.type === 'progress' && report.progress.push(event), on() {}, setWindowOpenHandler() {} };
  }
  once(event, fn) {
    this.listeners.set(event, fn);
  }
  loadURL(url) {
    report.windows[report.windows.length - 1].url = url;
    // The page loaded: Electron says the window is ready to show.
    setTimeout(() => {
      report.builtins.atShow = requiredSoFar();
      this.listeners.get('ready-to-show')?.();
    }, 0);
    return Promise.resolve();
  }
  isDestroyed() {
    return false;
  }
  static getAllWindows() {
    return windows;
  }
  static getFocusedWindow() {
    return null;
  }
}

const electron = {
  app: {
    on: (event, fn) => appEvents.set(event, fn),
    requestSingleInstanceLock: () => true,
    whenReady: () => Promise.resolve(),
    getPath: (name) => (name === 'userData' ? userData : '/nonexistent'),
    getAppPath: () => appPath,
    quit: () => report.quits++,
    exit: (code) => report.exits.push(code),
    isPackaged: false,
    getVersion: () => '0.0.0-test',
  },
  protocol: {
    registerSchemesAsPrivileged: (schemes) => report.schemes.push(...schemes),
    handle: (scheme, fn) => handlers.set(`protocol:${scheme}`, fn),
  },
  session: {
    defaultSession: {
      setPermissionRequestHandler: (fn) => (sessionHooks.request = fn),
      setPermissionCheckHandler: (fn) => (sessionHooks.check = fn),
      setDevicePermissionHandler: (fn) => (sessionHooks.device = fn),
      webRequest: { onBeforeRequest: (fn) => (sessionHooks.beforeRequest = fn) },
    },
  },
  ipcMain: { handle: (channel, fn) => handlers.set(channel, fn) },
  Menu: { buildFromTemplate: (template) => ({ template }), setApplicationMenu: (menu) => report.menus.push(menu.template.map((m) => m.label ?? m.role)) },
  BrowserWindow,
  dialog: { showErrorBox: (title, message) => report.errorBoxes.push({ title, message }) },
  shell: { openExternal: async () => {}, openPath: async () => '' },
};

const load = Module._load;
Module._load = function (request, ...rest) {
  if (request === 'electron') return electron;
  if (builtinNames.has(request)) required.add(request.replace(/^node:/, ''));
  const loaded = load.call(this, request, ...rest);
  // Counted once loaded: an optional package the bundle tries and does without (canvas) is not needed.
  const fromBundle = rest[0] && rest[0].filename === mainPath;
  if (fromBundle && !builtinNames.has(request) && !/^[./]/.test(request))
    packages.add(
      request
        .split('/')
        .slice(0, request.startsWith('@') ? 2 : 1)
        .join('/'),
    );
  return loaded;
};

async function main() {
  require(mainPath);
  // Let `whenReady().then(start)` open the library and bind everything.
  for (let i = 0; i < 100 && report.windows.length === 0 && report.exits.length === 0; i++) await new Promise((r) => setTimeout(r, 20));
  report.ipc.channels = [...handlers.keys()].filter((k) => k.startsWith('glossa:')).sort();
  if (report.exits.length > 0) return;

  const trusted = { senderFrame: { url: 'app://glossa/index.html' } };
  const call = (name, input, event = trusted) => handlers.get(`glossa:${name}`)(event, input);
  report.ipc.list = await call('listSnapshots', {});
  report.builtins.afterList = requiredSoFar();
  report.ipc.imported = await call('importText', { text: 'A Test Article\n\nThe ferry carried 212 passengers on Sunday.' });
  // A saved page: extraction and sanitising run (they load their own packages).
  const page =
    '<!doctype html><html><head><title>Page</title></head><body><article><h1>Page</h1><p>The council met on Monday and voted on the budget for the year.</p><p>It passed with 7 votes to 2.</p></article></body></html>';
  report.ipc.importedPage = await call('importFiles', { files: [{ name: 'page.html', data: new TextEncoder().encode(page) }] });
  report.packages = [...packages].sort();
  report.ipc.listed = await call('listSnapshots', {});
  report.ipc.conflicts = await call('listConflicts', {});
  report.builtins.afterBundleOp = requiredSoFar();
  report.ipc.untrusted = await call('listSnapshots', {}, { senderFrame: { url: 'https://example.org/' } });
  report.ipc.noFrame = await call('listSnapshots', {}, { senderFrame: null });
  report.ipc.badInput = await call('openSnapshot', { id: 42 });

  // The search index opens once the window is shown; until then searching says so.
  let searched;
  for (let i = 0; i < 250; i++) {
    searched = await call('searchLibrary', { query: 'ferry passengers' });
    if (searched.ok || searched.error.code !== 'UNAVAILABLE') break;
    await new Promise((r) => setTimeout(r, 20));
  }
  report.ipc.searched = searched;
  report.ipc.malformed = await call('searchLibrary', { query: '"ferry' });

  const serve = handlers.get('protocol:app');
  const fetchApp = async (url, method = 'GET') => {
    const res = await serve(new Request(url, { method }));
    return {
      status: res.status,
      csp: res.headers.get('content-security-policy'),
      type: res.headers.get('content-type'),
      body: method === 'HEAD' ? '' : await res.text(),
    };
  };
  report.protocol.index = await fetchApp('app://glossa/index.html');
  report.protocol.route = await fetchApp('app://glossa/library/123');
  report.protocol.escape = await fetchApp('app://glossa/..%2f..%2fsecret.txt');
  report.protocol.missing = await fetchApp('app://glossa/assets/missing.js');
  report.protocol.post = await fetchApp('app://glossa/index.html', 'POST');

  report.permissions.request = await new Promise((r) => sessionHooks.request(null, 'media', r));
  report.permissions.check = sessionHooks.check(null, 'clipboard-read');
  report.requests.remote = await new Promise((r) => sessionHooks.beforeRequest({ url: 'https://example.org/x.js' }, r));
  report.requests.own = await new Promise((r) => sessionHooks.beforeRequest({ url: 'app://glossa/index.html' }, r));

  // Quit: the shell holds the quit until the library is closed, then quits again.
  const quitsBefore = report.quits;
  appEvents.get('will-quit')({ preventDefault: () => (report.quitPrevented = true) });
  for (let i = 0; i < 100 && report.quits === quitsBefore; i++) await new Promise((r) => setTimeout(r, 20));
}

main().then(
  () => process.stdout.write(JSON.stringify(report)),
  (e) => {
    process.stderr.write(String(e && e.stack ? e.stack : e));
    process.exit(1);
  },
);
