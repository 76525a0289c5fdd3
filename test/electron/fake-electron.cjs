/**
 * Runs the built main-process bundle in plain Node with a recording stand-in for the
 * 'electron' module (the real binary cannot run on this machine), then drives it the way
 * Electron would: ready → IPC calls → app:// requests → quit. Prints one JSON report.
 * Usage: node fake-electron.cjs <main.cjs> <appPath> <userData>
 */
'use strict';
const Module = require('node:module');

const [mainPath, appPath, userData] = process.argv.slice(2);
const report = { schemes: [], windows: [], menus: [], errorBoxes: [], exits: [], quits: 0, ipc: {}, protocol: {}, permissions: {}, requests: {}, quitPrevented: false };
const handlers = new Map();
const appEvents = new Map();
const sessionHooks = {};

class BrowserWindow {
  constructor(options) {
    report.windows.push({ webPreferences: options.webPreferences });
    this.webContents = { send() {}, on() {}, setWindowOpenHandler() {} };
  }
  once() {}
  loadURL(url) {
    report.windows[report.windows.length - 1].url = url;
    return Promise.resolve();
  }
  isDestroyed() {
    return false;
  }
  static getAllWindows() {
    return [];
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
  return request === 'electron' ? electron : load.call(this, request, ...rest);
};

async function main() {
  require(mainPath);
  // Let `whenReady().then(start)` open the library and bind everything.
  for (let i = 0; i < 100 && report.windows.length === 0 && report.exits.length === 0; i++) await new Promise((r) => setTimeout(r, 20));
  report.ipc.channels = [...handlers.keys()].filter((k) => k.startsWith('glossa:')).sort();
  if (report.exits.length > 0) return;

  const trusted = { senderFrame: { url: 'app://glossa/index.html' } };
  const call = (name, input, event = trusted) => handlers.get(`glossa:${name}`)(event, input);
  report.ipc.imported = await call('importText', { text: 'A Test Article\n\nThe ferry carried 212 passengers on Sunday.' });
  report.ipc.list = await call('listSnapshots', {});
  report.ipc.untrusted = await call('listSnapshots', {}, { senderFrame: { url: 'https://example.org/' } });
  report.ipc.noFrame = await call('listSnapshots', {}, { senderFrame: null });
  report.ipc.badInput = await call('openSnapshot', { id: 42 });

  const serve = handlers.get('protocol:app');
  const fetchApp = async (url, method = 'GET') => {
    const res = await serve(new Request(url, { method }));
    return { status: res.status, csp: res.headers.get('content-security-policy'), type: res.headers.get('content-type'), body: method === 'HEAD' ? '' : await res.text() };
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
