/**
 * The application menu. Article imports run core operations through the same dispatch as
 * IPC; bundle import/export open the page's own dialogs (preview, scope, progress), so the
 * menu only tells the window which one.
 */
import { Menu, app, dialog, shell, type MenuItemConstructorOptions } from 'electron';
import type { Context } from '../core/api.js';
import type { FileImportResult } from '../core/api/batch.js';
import { sendCommand } from './context.js';
import type { WindowCommand } from './channels.js';
import { dispatchLazily } from './ops.js';

async function run(ctx: Context, name: string, input: unknown): Promise<unknown> {
  const result = await dispatchLazily(ctx, name, input, { windowOnly: false });
  if (!result.ok) {
    dialog.showErrorBox('Glossa', result.error.message);
    return undefined;
  }
  return result.value;
}

async function importArticles(ctx: Context, folders = false): Promise<void> {
  await reportImport((await run(ctx, 'importDialog', { folders })) as FileImportResult[] | undefined);
}

/** Saved pages opened from the file manager: imported as File ▸ Import Articles does. */
export async function importOpenedPages(ctx: Context, paths: string[]): Promise<void> {
  await reportImport((await run(ctx, 'importPaths', { paths })) as FileImportResult[] | undefined);
}

async function reportImport(results: FileImportResult[] | undefined): Promise<void> {
  const failed = (results ?? []).filter((r) => !r.ok);
  if (failed.length === 0) return;
  const lines = failed.map((r) => `${r.name}: ${r.ok ? '' : r.error.message}`);
  await dialog.showMessageBox({
    type: 'warning',
    title: 'Import',
    message: `${failed.length} of ${results?.length ?? 0} files could not be imported.`,
    detail: lines.join('\n'),
  });
}

/** Asks the page to open a dialog (renderer/features/bundles/BundleCommands.tsx). */
const openInPage = (command: WindowCommand) => sendCommand(command);

/** Settings open in the page (renderer/features/settings). */
const openSettings = () => openInPage({ type: 'settings' });
const SETTINGS_LABEL = 'Settings…';

export function buildMenu(ctx: Context): Menu {
  const isMac = process.platform === 'darwin';
  const dev = !app.isPackaged;
  const settings: MenuItemConstructorOptions = { label: SETTINGS_LABEL, accelerator: 'CmdOrCtrl+,', click: openSettings };
  const template: MenuItemConstructorOptions[] = [
    // macOS: Settings… under the application's own menu, where every Mac app keeps it.
    ...(isMac
      ? [
          {
            label: app.name,
            submenu: [
              { role: 'about' as const },
              { type: 'separator' as const },
              settings,
              { type: 'separator' as const },
              { role: 'services' as const },
              { type: 'separator' as const },
              { role: 'hide' as const },
              { role: 'hideOthers' as const },
              { role: 'unhide' as const },
              { type: 'separator' as const },
              { role: 'quit' as const },
            ],
          },
        ]
      : []),
    {
      label: '&File',
      submenu: [
        { label: 'Import Articles…', accelerator: 'CmdOrCtrl+O', click: () => void importArticles(ctx) },
        { label: 'Import Folder…', click: () => void importArticles(ctx, true) },
        { label: 'Import Bundle…', accelerator: 'CmdOrCtrl+Shift+O', click: () => openInPage({ type: 'import-bundle' }) },
        { label: 'Import Annotations (W3C, REFI-QDA)…', click: () => openInPage({ type: 'import-annotations' }) },
        { label: 'Export…', accelerator: 'CmdOrCtrl+E', click: () => openInPage({ type: 'export' }) },
        { type: 'separator' },
        { label: 'Share Library…', click: () => openInPage({ type: 'share-library' }) },
        { label: 'Sync', accelerator: 'CmdOrCtrl+Shift+S', registerAccelerator: false, click: () => openInPage({ type: 'sync' }) },
        { type: 'separator' },
        { label: 'Show Library Folder', click: () => void shell.openPath(ctx.library.dir) },
        { type: 'separator' },
        ...(isMac ? [] : [settings, { type: 'separator' as const }]),
        isMac ? { role: 'close' } : { role: 'quit' },
      ],
    },
    {
      label: '&Edit',
      submenu: [
        // The app's undo stack lives in the page. The shortcut is shown but left to the page
        // (registerAccelerator: false), which also keeps native undo inside text fields.
        { label: 'Undo', accelerator: 'CmdOrCtrl+Z', registerAccelerator: false, click: () => sendCommand({ type: 'undo' }) },
        { label: 'Redo', accelerator: 'CmdOrCtrl+Shift+Z', registerAccelerator: false, click: () => sendCommand({ type: 'redo' }) },
        { type: 'separator' },
        // The library's chosen articles (the page's own Delete key does the same; not registered, so Delete still deletes text in fields).
        { label: 'Move to Trash', accelerator: 'Delete', registerAccelerator: false, click: () => sendCommand({ type: 'move-to-trash' }) },
        { type: 'separator' },
        { role: 'cut' },
        { role: 'copy' },
        { role: 'paste' },
        { role: 'selectAll' },
      ],
    },
    {
      label: '&View',
      submenu: [
        { role: 'reload' },
        ...(dev ? [{ role: 'toggleDevTools' as const }] : []),
        { type: 'separator' },
        { role: 'resetZoom' },
        { role: 'zoomIn' },
        { role: 'zoomOut' },
        { type: 'separator' },
        { role: 'togglefullscreen' },
      ],
    },
    {
      label: '&Help',
      submenu: [
        {
          label: 'About Glossa',
          click: () =>
            void dialog.showMessageBox({
              type: 'info',
              title: 'About Glossa',
              message: `Glossa ${app.getVersion()}`,
              detail: `An offline archive for people who research the news.\nLibrary: ${ctx.library.dir}`,
            }),
        },
      ],
    },
  ];
  return Menu.buildFromTemplate(template);
}
