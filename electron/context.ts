/** The Context core's operations run in, with Electron's native dialogs and event channel. */
import { readdir } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { BrowserWindow, app, dialog, type OpenDialogOptions, type SaveDialogOptions } from 'electron';
import type { AppEvent, Context, Dialogs } from '../core/api.js';
import { GlossaError } from '../core/model/errors.js';
import { SuggestWorker } from '../core/api/context.js';
import type { LibraryStore } from '../core/store/types.js';
import { COMMAND_CHANNEL, EVENT_CHANNEL, type WindowCommand } from './channels.js';
import { takeOfferedBundle } from './open-files.js';

/** Dialogs attach to the focused window so they are modal to it. */
const electronDialogs: Dialogs = {
  async openFiles({ title, filters, multiple, folders }) {
    // A bundle opened from the file manager answers the window's "pick a bundle" (open-files.ts).
    const offered = folders ? null : takeOfferedBundle(filters);
    if (offered) return [offered];
    const kind = folders ? 'openDirectory' : 'openFile';
    const options: OpenDialogOptions = { title, filters: folders ? [] : filters, properties: multiple ? [kind, 'multiSelections'] : [kind] };
    const win = BrowserWindow.getFocusedWindow();
    const result = win ? await dialog.showOpenDialog(win, options) : await dialog.showOpenDialog(options);
    return result.canceled ? [] : result.filePaths;
  },
  async saveFile({ title, defaultName, filters }) {
    const options: SaveDialogOptions = { title, filters, defaultPath: join(app.getPath('documents'), defaultName) };
    const win = BrowserWindow.getFocusedWindow();
    const result = win ? await dialog.showSaveDialog(win, options) : await dialog.showSaveDialog(options);
    return result.canceled || !result.filePath ? null : result.filePath;
  },
};

function broadcast(channel: string, payload: unknown): void {
  for (const win of BrowserWindow.getAllWindows()) {
    if (!win.isDestroyed()) win.webContents.send(channel, payload);
  }
}

/** Built beside main.cjs by scripts/build-electron.mjs: suggestions are read in a worker thread, off the main process's loop. */
const SUGGEST_WORKER_FILE = 'suggest-worker.cjs';

const suggesters = new WeakMap<Context, SuggestWorker>();

/** The worker starts with the first suggestion; close it (closeContext) when the library closes. */
export function createContext(library: LibraryStore): Context {
  const suggest = new SuggestWorker({ workerFile: join(__dirname, SUGGEST_WORKER_FILE) });
  const ctx: Context = { library, dialogs: electronDialogs, emit: (event: AppEvent) => broadcast(EVENT_CHANNEL, event), suggest };
  suggesters.set(ctx, suggest);
  return ctx;
}

export async function closeContext(ctx: Context): Promise<void> {
  await suggesters.get(ctx)?.close();
}

export function sendCommand(command: WindowCommand): void {
  const win = BrowserWindow.getFocusedWindow() ?? BrowserWindow.getAllWindows()[0];
  if (win && !win.isDestroyed()) win.webContents.send(COMMAND_CHANNEL, command);
}

/**
 * The folder for Settings ▸ Open another library… (one holding glossa.json) or New library…
 * (an empty folder, which the picker can create). Null when the person cancels; a folder of
 * the wrong kind is refused before anything is opened or written.
 */
export async function chooseLibraryFolder(kind: 'open' | 'new', currentDir: string): Promise<string | null> {
  const options: OpenDialogOptions =
    kind === 'open'
      ? { title: 'Open a Glossa library', buttonLabel: 'Open library', defaultPath: currentDir, properties: ['openDirectory'] }
      : {
          title: 'New library: choose or create an empty folder',
          buttonLabel: 'Create library here',
          properties: ['openDirectory', 'createDirectory', 'promptToCreate'],
        };
  const win = BrowserWindow.getFocusedWindow();
  const result = win ? await dialog.showOpenDialog(win, options) : await dialog.showOpenDialog(options);
  const picked = result.canceled ? undefined : result.filePaths[0];
  if (!picked) return null;
  const dir = resolve(picked);
  let names: string[] = [];
  try {
    names = await readdir(dir);
  } catch (e) {
    // A folder the picker offered to create does not exist yet: a new library makes it.
    if ((e as NodeJS.ErrnoException).code !== 'ENOENT' || kind === 'open')
      throw new GlossaError('NOT_FOUND', `Glossa cannot read the folder ${dir}: ${(e as Error).message}`);
  }
  if (kind === 'open' && !names.includes('glossa.json'))
    throw new GlossaError(
      'INVALID_INPUT',
      `${dir} is not a Glossa library (it has no glossa.json). Choose the folder that holds one, or use “New library…” to start one there.`,
    );
  if (kind === 'new' && names.some((n) => !n.startsWith('.')))
    throw new GlossaError(
      'INVALID_INPUT',
      `${dir} is not empty. A new library needs an empty folder; choose or create one, or use “Open another library…” if it is a library already.`,
    );
  return dir;
}
