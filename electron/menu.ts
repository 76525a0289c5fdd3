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
import { MENU_WORDS, type MenuWords } from './menu-words.js';
import type { InterfaceLanguage } from '../core/common/languages.js';

async function run(ctx: Context, name: string, input: unknown): Promise<unknown> {
  const result = await dispatchLazily(ctx, name, input, { windowOnly: false });
  if (!result.ok) {
    dialog.showErrorBox('Glossa', result.error.message);
    return undefined;
  }
  return result.value;
}

/** The menu's language: the window's, set from the person's settings (main.ts). */
let words: MenuWords = MENU_WORDS.en;

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
    title: words.importTitle,
    message: words.importFailed(failed.length, results?.length ?? 0),
    detail: lines.join('\n'),
  });
}

/** Asks the page to open a dialog (renderer/features/bundles/BundleCommands.tsx). */
const openInPage = (command: WindowCommand) => sendCommand(command);

/** Settings open in the page (renderer/features/settings). */
const openSettings = () => openInPage({ type: 'settings' });

/** Words the shell shows outside the menu (main.ts), in the menu's language. */
export const menuWords = (): MenuWords => words;

export function buildMenu(ctx: Context, language: InterfaceLanguage): Menu {
  words = MENU_WORDS[language];
  const isMac = process.platform === 'darwin';
  const dev = !app.isPackaged;
  const settings: MenuItemConstructorOptions = { label: words.settings, accelerator: 'CmdOrCtrl+,', click: openSettings };
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
      label: words.file,
      submenu: [
        { label: words.importArticles, accelerator: 'CmdOrCtrl+O', click: () => void importArticles(ctx) },
        { label: words.importFolder, click: () => void importArticles(ctx, true) },
        { label: words.importBundle, accelerator: 'CmdOrCtrl+Shift+O', click: () => openInPage({ type: 'import-bundle' }) },
        { label: words.importAnnotations, click: () => openInPage({ type: 'import-annotations' }) },
        { label: words.export, accelerator: 'CmdOrCtrl+E', click: () => openInPage({ type: 'export' }) },
        { type: 'separator' },
        { label: words.share, click: () => openInPage({ type: 'share-library' }) },
        { label: words.sync, accelerator: 'CmdOrCtrl+Shift+S', registerAccelerator: false, click: () => openInPage({ type: 'sync' }) },
        { type: 'separator' },
        { label: words.showFolder, click: () => void shell.openPath(ctx.library.dir) },
        { type: 'separator' },
        ...(isMac ? [] : [settings, { type: 'separator' as const }]),
        isMac ? { role: 'close' } : { role: 'quit' },
      ],
    },
    {
      label: words.edit,
      submenu: [
        // The app's undo stack lives in the page. The shortcut is shown but left to the page
        // (registerAccelerator: false), which also keeps native undo inside text fields.
        { label: words.undo, accelerator: 'CmdOrCtrl+Z', registerAccelerator: false, click: () => sendCommand({ type: 'undo' }) },
        { label: words.redo, accelerator: 'CmdOrCtrl+Shift+Z', registerAccelerator: false, click: () => sendCommand({ type: 'redo' }) },
        { type: 'separator' },
        // The library's chosen articles (the page's own Delete key does the same; not registered, so Delete still deletes text in fields).
        { label: words.moveToTrash, accelerator: 'Delete', registerAccelerator: false, click: () => sendCommand({ type: 'move-to-trash' }) },
        { type: 'separator' },
        { role: 'cut' },
        { role: 'copy' },
        { role: 'paste' },
        { role: 'selectAll' },
      ],
    },
    {
      label: words.view,
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
      label: words.help,
      submenu: [
        {
          label: words.about,
          click: () =>
            void dialog.showMessageBox({
              type: 'info',
              title: words.about,
              message: `Glossa ${app.getVersion()}`,
              detail: words.aboutDetail(ctx.library.dir),
            }),
        },
      ],
    },
  ];
  return Menu.buildFromTemplate(template);
}
