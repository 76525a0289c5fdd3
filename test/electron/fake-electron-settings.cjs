/**
 * Runs the built main-process bundle against a stand-in for 'electron' (as fake-electron.cjs
 * does) to drive Settings: the menu's Settings… item, the app-settings operations over IPC,
 * and switching libraries through the native folder picker, whose answers come, in order,
 * from GLOSSA_FAKE_PICKS (a JSON array of paths; null = cancelled). Each step in
 * GLOSSA_FAKE_STEPS (JSON: [name, input] pairs) is called over IPC and its envelope reported.
 * Usage: node fake-electron-settings.cjs <main.cjs> <appPath> <userData>
 */
'use strict';
const Module = require('node:module');
const { existsSync } = require('node:fs');
const { join } = require('node:path');

const [mainPath, appPath, userData] = process.argv.slice(2);
const picks = JSON.parse(process.env.GLOSSA_FAKE_PICKS || '[]');
const steps = JSON.parse(process.env.GLOSSA_FAKE_STEPS || '[]');
const report = { menus: [], commands: [], pickers: [], steps: [], errorBoxes: [], exits: [], locks: [] };
const handlers = new Map();
const appEvents = new Map();
const windows = [];

class BrowserWindow {
  constructor() {
    windows.push(this);
    this.listeners = new Map();
    this.webContents = {
      send: (channel, event) => {
        if (channel === 'glossa:command') report.commands.push(event);
      },
      on() {},
      setWindowOpenHandler() {},
    };
  }
  once(event, fn) {
    this.listeners.set(event, [...(this.listeners.get(event) ?? []), fn]);
  }
  loadURL() {
    setTimeout(() => (this.listeners.get('ready-to-show') ?? []).forEach((fn) => fn()), 0);
    return Promise.resolve();
  }
  isMinimized() {
    return false;
  }
  focus() {}
  show() {}
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

let menu = null;
const session = {
  setPermissionRequestHandler() {},
  setPermissionCheckHandler() {},
  setDevicePermissionHandler() {},
  webRequest: { onBeforeRequest() {} },
};
const electron = {
  app: {
    name: 'Glossa',
    on: (event, fn) => appEvents.set(event, fn),
    requestSingleInstanceLock: () => true,
    whenReady: () => Promise.resolve(),
    getPath: (name) => (name === 'userData' ? userData : '/nonexistent'),
    getAppPath: () => appPath,
    quit: () => (report.quit = true),
    exit: (code) => report.exits.push(code),
    isPackaged: false,
    getVersion: () => '0.0.0-test',
    getPreferredSystemLanguages: () => ['en-US'],
  },
  protocol: { registerSchemesAsPrivileged() {}, handle() {} },
  session: { defaultSession: session },
  ipcMain: { handle: (channel, fn) => handlers.set(channel, fn) },
  Menu: {
    buildFromTemplate: (template) => ({ template }),
    setApplicationMenu: (m) => {
      menu = m;
      report.menus.push(m.template.map((item) => ({ label: item.label ?? item.role, items: (item.submenu ?? []).map((s) => s.label ?? s.role ?? s.type) })));
    },
  },
  BrowserWindow,
  dialog: {
    showErrorBox: (title, message) => report.errorBoxes.push({ title, message }),
    showMessageBox: async (options) => report.errorBoxes.push({ title: options.title, message: options.message }),
    showOpenDialog: async (options) => {
      report.pickers.push({ title: options.title, properties: options.properties });
      const answer = picks.shift();
      return answer ? { canceled: false, filePaths: [answer] } : { canceled: true, filePaths: [] };
    },
    showSaveDialog: async () => ({ canceled: true }),
  },
  shell: { openExternal: async () => {}, openPath: async () => '' },
};

const load = Module._load;
Module._load = function (request, ...rest) {
  if (request === 'electron') return electron;
  return load.call(this, request, ...rest);
};

const settle = (ms) => new Promise((r) => setTimeout(r, ms));

async function main() {
  require(mainPath);
  for (let i = 0; i < 200 && windows.length === 0 && report.exits.length === 0; i++) await settle(20);
  if (report.exits.length > 0) return;
  const trusted = { senderFrame: { url: 'app://glossa/index.html' } };
  const call = (name, input) => handlers.get(`glossa:${name}`)(trusted, input);

  // The menu's Settings… item, found by its label wherever the platform puts it.
  const item = menu.template.flatMap((m) => m.submenu ?? []).find((s) => s.label === 'Settings…');
  report.settingsItem = item ? { accelerator: item.accelerator } : null;
  item?.click();
  // Edit ▸ Move to Trash: the page moves its chosen articles (the command is all the main process sends).
  menu.template
    .flatMap((m) => m.submenu ?? [])
    .find((s) => s.label === 'Move to Trash')
    ?.click();

  for (const [name, input] of steps) {
    if (name === 'lock?') {
      report.locks.push(existsSync(join(input, '.lock')));
      continue;
    }
    report.steps.push({ name, result: await call(name, input) });
  }

  appEvents.get('will-quit')({ preventDefault() {} });
  for (let i = 0; i < 200 && !report.quit; i++) await settle(20);
}

main().then(
  () => process.stdout.write(JSON.stringify(report)),
  (e) => {
    process.stderr.write(String(e && e.stack ? e.stack : e));
    process.exit(1);
  },
);
