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
  commands: [],
  focus: [],
  openDialogs: [],
  opened: {},
};
/** Files to hand the app as the system would (test/electron/open-files.test.ts): JSON in GLOSSA_FAKE_OPEN. */
const opening = process.env.GLOSSA_FAKE_OPEN ? JSON.parse(process.env.GLOSSA_FAKE_OPEN) : null;
if (opening && opening.argv) process.argv.push(...opening.argv);
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
/** The page's command listener (BundleCommands), once the test page listens. */
let pageListener = null;

class BrowserWindow {
  constructor(options) {
    if (report.windows.length === 0) report.builtins.beforeWindow = requiredSoFar();
    report.windows.push({ webPreferences: options.webPreferences, icon: options.icon });
    windows.push(this);
    this.listeners = new Map();
    // Progress events the window is sent (the search index's build among them), and commands.
    this.webContents = {
      send: (channel, event) => {
        if (event && event.type === 'progress') report.progress.push(event);
        if (channel === 'glossa:command') {
          report.commands.push(event);
          pageListener?.(event);
        }
      },
      on() {},
      setWindowOpenHandler() {},
    };
  }
  isMinimized() {
    return true;
  }
  restore() {
    report.focus.push('restore');
  }
  focus() {
    report.focus.push('focus');
  }
  once(event, fn) {
    // As Electron's EventEmitter: every listener is called, in the order they were added.
    this.listeners.set(event, [...(this.listeners.get(event) ?? []), fn]);
  }
  show() {}
  loadURL(url) {
    report.windows[report.windows.length - 1].url = url;
    // The page loaded: Electron says the window is ready to show.
    setTimeout(() => {
      report.builtins.atShow = requiredSoFar();
      for (const fn of this.listeners.get('ready-to-show') ?? []) fn();
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
    getPreferredSystemLanguages: () => ['en-US'],
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
  // Stands in for the OS keychain: sealed bytes that do not contain the secret in the clear.
  safeStorage: {
    isEncryptionAvailable: () => true,
    encryptString: (text) => Buffer.from(`sealed:${Buffer.from(text).toString('hex').split('').reverse().join('')}`),
    decryptString: (bytes) => Buffer.from(bytes.toString().slice('sealed:'.length).split('').reverse().join(''), 'hex').toString(),
  },
  Menu: { buildFromTemplate: (template) => ({ template }), setApplicationMenu: (menu) => report.menus.push(menu.template.map((m) => m.label ?? m.role)) },
  BrowserWindow,
  dialog: {
    showErrorBox: (title, message) => report.errorBoxes.push({ title, message }),
    showMessageBox: async (options) => report.errorBoxes.push({ title: options.title, message: options.message }),
    showOpenDialog: async (options) => {
      report.openDialogs.push(options.title);
      return { canceled: true, filePaths: [] };
    },
  },
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
  report.userData = userData;
  report.ipc.channels = [...handlers.keys()].filter((k) => k.startsWith('glossa:')).sort();
  if (report.exits.length > 0) return;

  const trusted = { senderFrame: { url: 'app://glossa/index.html' } };
  const call = (name, input, event = trusted) => handlers.get(`glossa:${name}`)(event, input);
  if (opening) return openFiles(call);
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
  // The access token goes to the keychain stand-in before sharing starts (which then stops: no name is set yet).
  report.ipc.shareWithoutName = await call('shareLibrary', { url: 'http://127.0.0.1:9/desk.git', token: 'tok-3b7e-secret' });

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
  // Every script, style and icon the page itself loads, as the window would request them.
  report.protocol.assets = [];
  for (const [, ref] of report.protocol.index.body.matchAll(/(?:src|href)="(\.\/[^"]+)"/g)) {
    const url = new URL(ref, 'app://glossa/index.html').href;
    report.protocol.assets.push({ url, status: (await fetchApp(url)).status });
  }
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

/** The system hands files over; the page answers each import-bundle command as BundleCommands does, at once. */
let previews = [];
if (opening) {
  // The page listens from the moment it is shown (set before main runs, so no command is missed).
  let missing = opening.missFirstCommand ? 1 : 0;
  report.missed = [];
  pageListener = (command) => {
    // A page not yet listening when the first command came never sees it.
    if (missing > 0) {
      missing--;
      report.missed.push(command);
      return;
    }
    const pick = handlers.get('glossa:previewBundleDialog');
    if (command.type === 'import-bundle') previews.push(pick({ senderFrame: { url: 'app://glossa/index.html' } }, {}));
  };
}

async function openFiles(call) {
  const settle = async () => {
    for (let i = 0; i < 50; i++) await new Promise((r) => setTimeout(r, 20));
    // A missed command is asked again a second later: wait for it (at most 5 s).
    for (let i = 0; i < 250 && opening.missFirstCommand && report.commands.length < 2; i++) await new Promise((r) => setTimeout(r, 20));
  };
  const answer = async (label) => {
    report.opened[label] = { previews: await Promise.all(previews), listed: (await call('listSnapshots', {})).value.map((s) => s.title) };
    previews = [];
  };
  await settle();
  await answer('firstLaunch');
  if (opening.secondArgv) {
    appEvents.get('second-instance')({}, opening.secondArgv, opening.cwd);
    await settle();
    await answer('secondInstance');
  }
  if (opening.openFile) {
    appEvents.get('open-file')({ preventDefault: () => undefined }, opening.openFile);
    await settle();
    await answer('openFile');
  }
  // The page picking a bundle itself afterwards gets the native dialog, not a handed-over file.
  report.opened.later = await call('previewBundleDialog', {});
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
