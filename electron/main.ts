/**
 * Electron main process: one instance, one library, one window. Everything it does with the
 * library goes through core/api.ts; this file only wires lifecycle, security and the shell.
 */
import { join } from 'node:path';
import { Menu, app, dialog, session, type BrowserWindow } from 'electron';
import { type Library, openLibrary, resolveLibraryDir } from '../core/store/index.js';
import type { Context } from '../core/api.js';
import { APP_SETTINGS_FILE, appSettingsFile } from '../core/api/app-settings-file.js';
import { keychainCredentials } from './credentials.js';
import type { AppSettingsStore } from '../core/api/context.js';
import type { LibraryStore } from '../core/store/types.js';
import { chooseLibraryFolder, closeContext, createContext, sendCommand } from './context.js';
import { bindApi } from './ipc.js';
import { buildMenu, importOpenedPages, menuWords } from './menu.js';
import { interfaceLanguage, LANGUAGE_CHOICES, type LanguageChoice } from '../core/common/languages.js';
import { bundleRequestCount, offerBundle, openKind, openableFiles, stillOffered, type OpenedFile } from './open-files.js';
import { windowOps } from './ops.js';
import { registerAppScheme, serveRenderer } from './protocol.js';
import { openSearch, type SearchHandle } from './search.js';
import { createMainWindow, guardWebContents, hardenSession } from './window.js';

let library: LibraryStore | null = null;
let search: SearchHandle | null = null;
let mainWindow: BrowserWindow | null = null;
let context: Context | null = null;
/** Files handed over before the window could take them (macOS sends open-file before ready). */
let pendingFiles: OpenedFile[] = [];
/** True once the page has loaded and listens for commands. */
let pageReady = false;

// Before `ready`: privileged scheme for the renderer, and guards on every web contents.
registerAppScheme();
app.on('web-contents-created', (_event, contents) => guardWebContents(contents));

function showWindow(): void {
  if (!mainWindow || mainWindow.isDestroyed()) {
    mainWindow = createMainWindow(windowOps);
    return;
  }
  if (mainWindow.isMinimized()) mainWindow.restore();
  mainWindow.focus();
}

/**
 * Files from the file manager: a bundle goes to the window's import preview, saved pages are
 * imported. Held until the library is open and the page listens.
 */
function handOver(files: OpenedFile[]): void {
  pendingFiles.push(...files);
  if (!context || !pageReady) return;
  const ctx = context;
  const files_ = pendingFiles;
  pendingFiles = [];
  for (const file of files_.filter((f) => f.kind === 'bundle')) {
    offerBundle(file.path);
    askForBundle(file.path, 0);
  }
  const pages = files_.filter((f) => f.kind === 'page').map((f) => f.path);
  if (pages.length) void importOpenedPages(ctx, pages);
}

/**
 * Tells the page to open its bundle import, again while it has not asked for the bundle: on
 * the first launch the page may still be subscribing to commands when it is first shown.
 */
function askForBundle(path: string, attempt: number): void {
  if (!stillOffered(path) || attempt >= BUNDLE_ASKS) return;
  const requests = bundleRequestCount();
  sendCommand({ type: 'import-bundle' });
  setTimeout(() => {
    // The page called its picker since: it heard us (the bundle is taken once the module loads).
    if (bundleRequestCount() === requests) askForBundle(path, attempt + 1);
  }, BUNDLE_ASK_INTERVAL_MS).unref();
}
const BUNDLE_ASKS = 10;
const BUNDLE_ASK_INTERVAL_MS = 1000;

// macOS: double-clicked files arrive as events, possibly before the app is ready.
app.on('open-file', (event, path) => {
  event.preventDefault();
  const files = openKind(path) ? openableFiles([path], '/') : [];
  if (files.length) handOver(files);
  showWindowWhenStarted();
});

function showWindowWhenStarted(): void {
  if (context) showWindow();
}

async function start(): Promise<void> {
  hardenSession(session.defaultSession);
  serveRenderer(join(app.getAppPath(), 'dist', 'renderer'));

  // The person's settings, and the library they last chose in Settings (else the default one).
  const settingsPath = join(app.getPath('userData'), APP_SETTINGS_FILE);
  const settings = appSettingsFile(settingsPath);
  const remembered = await rememberedLibrary(settings);
  const dir = resolveLibraryDir(remembered, app.getPath('userData'));
  let opened: Library;
  try {
    opened = await openLibrary(dir);
  } catch (e) {
    // A locked or damaged library must stop the app before anything can write to it.
    const message = e instanceof Error ? e.message : String(e);
    const chosen = remembered
      ? `\n\nThis library was chosen in Settings; to start with the default library instead, remove "libraryDir" from ${settingsPath}.`
      : '';
    dialog.showErrorBox('Glossa cannot open its library', `${message}\n\nLibrary folder: ${dir}${chosen}`);
    app.exit(1);
    return;
  }

  library = opened;
  const ctx = createContext(opened);
  // The menu speaks the window's language, and changes with it when Settings saves another.
  const setMenu = (values: Record<string, unknown>) => Menu.setApplicationMenu(buildMenu(ctx, menuLanguage(values)));
  ctx.appSettings = {
    read: () => settings.read(),
    async write(values) {
      await settings.write(values);
      setMenu(values);
    },
  };
  ctx.gitCredentials = keychainCredentials();
  ctx.libraries = { choose: (kind) => switchLibrary(ctx, settings, kind) };
  bindApi(ctx);
  setMenu(await settings.read().catch(() => ({})));
  showWindow();
  app.on('activate', showWindow);
  context = ctx;
  // The page listens for commands once it has shown itself; then files handed over so far go to it.
  mainWindow?.once('ready-to-show', () => {
    pageReady = true;
    handOver([]);
    if (opened.readOnly) void dialog.showMessageBox({ type: 'info', title: 'Glossa', message: menuWords().readOnly, detail: opened.readOnly });
  });
  // The index opens once the window is on screen (or soon after, should it never say so).
  const startSearch = () => {
    if (!search && library === opened) search = openSearch(ctx, opened);
  };
  mainWindow?.once('ready-to-show', startSearch);
  setTimeout(startSearch, SEARCH_START_FALLBACK_MS).unref();
}

/** The language chosen in Settings ("system": the computer's). */
function menuLanguage(values: Record<string, unknown>) {
  const choice = LANGUAGE_CHOICES.includes(values.language as LanguageChoice) ? (values.language as LanguageChoice) : 'system';
  return interfaceLanguage(choice, app.getPreferredSystemLanguages());
}

/** The library folder Settings chose last, if the settings file names one. */
async function rememberedLibrary(settings: AppSettingsStore): Promise<string | undefined> {
  try {
    const { libraryDir } = await settings.read();
    return typeof libraryDir === 'string' && libraryDir.trim() ? libraryDir : undefined;
  } catch {
    // A damaged settings file is reported by the window (appSettings); the default library opens.
    return undefined;
  }
}

/**
 * Settings ▸ Open another library… / New library…: the chosen library is opened first (a
 * locked or damaged one leaves the current library open and says why), then the current one
 * and its search index are closed and the context points at the new one. The window reloads
 * itself once this resolves; the next launch opens the same library.
 */
async function switchLibrary(ctx: Context, settings: AppSettingsStore, kind: 'open' | 'new'): Promise<{ dir: string } | null> {
  const current = library;
  if (!current) return null;
  const dir = await chooseLibraryFolder(kind, current.dir);
  if (dir === null) return null;
  if (dir === current.dir) return { dir };
  const next = await openLibrary(dir);
  const index = search;
  search = null;
  library = next;
  await index?.close().catch((e: unknown) => console.error('Glossa: closing the search index failed:', e));
  ctx.library = next;
  await current.close().catch((e: unknown) => console.error('Glossa: closing the library failed:', e));
  search = openSearch(ctx, next);
  await settings.write({ ...(await settings.read().catch(() => ({}))), libraryDir: dir });
  if (next.readOnly) void dialog.showMessageBox({ type: 'info', title: 'Glossa', message: 'This library is open for reading only.', detail: next.readOnly });
  return { dir };
}

/** When the search index opens if the window never reports it is ready to show. */
const SEARCH_START_FALLBACK_MS = 5000;

if (!app.requestSingleInstanceLock()) {
  // Another Glossa owns the library; it brings its own window forward (second-instance).
  app.quit();
} else {
  // A second launch (Windows, Linux): its window is this one, and its files are handed to it.
  app.on('second-instance', (_event, argv: string[], workingDirectory: string) => {
    showWindowWhenStarted();
    handOver(openableFiles(argv, workingDirectory));
  });
  // The first launch's own files (a double-click that started the app).
  handOver(openableFiles(process.argv.slice(1), process.cwd()));
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
  // Close the library (flush the index, release the lock), then its search index, before the process ends.
  let closed = false;
  app.on('will-quit', (event) => {
    if (closed || !library) return;
    event.preventDefault();
    const open = library;
    const index = search;
    const ctx = context;
    library = null;
    search = null;
    open
      .close()
      .catch((e: unknown) => console.error('Glossa: closing the library failed:', e))
      .then(() => index?.close())
      .catch((e: unknown) => console.error('Glossa: closing the search index failed:', e))
      .then(() => (ctx ? closeContext(ctx) : undefined))
      .catch((e: unknown) => console.error('Glossa: closing the suggestion worker failed:', e))
      .finally(() => {
        closed = true;
        app.quit();
      });
  });
  app
    .whenReady()
    .then(start)
    .catch((e: unknown) => {
      dialog.showErrorBox('Glossa could not start', e instanceof Error ? e.message : String(e));
      app.exit(1);
    });
}
