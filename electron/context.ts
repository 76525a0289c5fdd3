/** The Context core's operations run in, with Electron's native dialogs and event channel. */
import { join } from 'node:path';
import { BrowserWindow, app, dialog, type OpenDialogOptions, type SaveDialogOptions } from 'electron';
import type { AppEvent, Context, Dialogs } from '../core/api.js';
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

export function createContext(library: LibraryStore): Context {
  return { library, dialogs: electronDialogs, emit: (event: AppEvent) => broadcast(EVENT_CHANNEL, event) };
}

export function sendCommand(command: WindowCommand): void {
  const win = BrowserWindow.getFocusedWindow() ?? BrowserWindow.getAllWindows()[0];
  if (win && !win.isDestroyed()) win.webContents.send(COMMAND_CHANNEL, command);
}
