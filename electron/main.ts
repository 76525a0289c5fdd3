/**
 * Electron main process: one instance, one library, one window. Everything it does with the
 * library goes through core/api.ts; this file only wires lifecycle, security and the shell.
 */
import { join } from 'node:path';
import { Menu, app, dialog, session, type BrowserWindow } from 'electron';
import { openLibrary, resolveLibraryDir } from '../core/store/index.js';
import type { LibraryStore } from '../core/store/types.js';
import { createContext } from './context.js';
import { bindApi } from './ipc.js';
import { buildMenu } from './menu.js';
import { windowOps } from './ops.js';
import { registerAppScheme, serveRenderer } from './protocol.js';
import { openSearch, type SearchHandle } from './search.js';
import { createMainWindow, guardWebContents, hardenSession } from './window.js';

let library: LibraryStore | null = null;
let search: SearchHandle | null = null;
let mainWindow: BrowserWindow | null = null;

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

async function start(): Promise<void> {
  hardenSession(session.defaultSession);
  serveRenderer(join(app.getAppPath(), 'dist', 'renderer'));

  const dir = resolveLibraryDir(undefined, app.getPath('userData'));
  let opened: LibraryStore;
  try {
    opened = await openLibrary(dir);
  } catch (e) {
    // A locked or damaged library must stop the app before anything can write to it.
    const message = e instanceof Error ? e.message : String(e);
    dialog.showErrorBox('Glossa cannot open its library', `${message}\n\nLibrary folder: ${dir}`);
    app.exit(1);
    return;
  }

  library = opened;
  const ctx = createContext(opened);
  bindApi(ctx);
  Menu.setApplicationMenu(buildMenu(ctx));
  showWindow();
  app.on('activate', showWindow);
  // The index opens once the window is on screen (or soon after, should it never say so).
  const startSearch = () => {
    if (!search && library === opened) search = openSearch(ctx, opened);
  };
  mainWindow?.once('ready-to-show', startSearch);
  setTimeout(startSearch, SEARCH_START_FALLBACK_MS).unref();
}

/** When the search index opens if the window never reports it is ready to show. */
const SEARCH_START_FALLBACK_MS = 5000;

if (!app.requestSingleInstanceLock()) {
  // Another Glossa owns the library; it brings its own window forward (second-instance).
  app.quit();
} else {
  app.on('second-instance', showWindow);
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
    library = null;
    search = null;
    open
      .close()
      .catch((e: unknown) => console.error('Glossa: closing the library failed:', e))
      .then(() => index?.close())
      .catch((e: unknown) => console.error('Glossa: closing the search index failed:', e))
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
