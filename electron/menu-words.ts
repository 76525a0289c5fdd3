/**
 * The application menu's words in each language the window speaks (the window's own words sit in
 * each renderer folder's messages.ts). Menu items with a role (Cut, Copy, Quit…) are named by Electron.
 */
import type { InterfaceLanguage } from '../core/common/languages.js';

const en = {
  file: '&File',
  edit: '&Edit',
  view: '&View',
  help: '&Help',
  settings: 'Settings…',
  importArticles: 'Import Articles…',
  importFolder: 'Import Folder…',
  importBundle: 'Import Bundle…',
  importAnnotations: 'Import Annotations (W3C, REFI-QDA)…',
  export: 'Export…',
  share: 'Share Library…',
  sync: 'Sync',
  showFolder: 'Show Library Folder',
  undo: 'Undo',
  redo: 'Redo',
  moveToTrash: 'Move to Trash',
  about: 'About Glossa',
  aboutDetail: (dir: string) => `An offline archive for people who research the news.\nLibrary: ${dir}`,
  importTitle: 'Import',
  importFailed: (failed: number, of: number) => `${failed} of ${of} files could not be imported.`,
  readOnly: 'This library is open for reading only.',
};

export type MenuWords = typeof en;

const es: MenuWords = {
  file: '&Archivo',
  edit: '&Edición',
  view: '&Ver',
  help: 'A&yuda',
  settings: 'Ajustes…',
  importArticles: 'Importar artículos…',
  importFolder: 'Importar carpeta…',
  importBundle: 'Importar paquete…',
  importAnnotations: 'Importar anotaciones (W3C, REFI-QDA)…',
  export: 'Exportar…',
  share: 'Compartir biblioteca…',
  sync: 'Sincronizar',
  showFolder: 'Mostrar la carpeta de la biblioteca',
  undo: 'Deshacer',
  redo: 'Rehacer',
  moveToTrash: 'Mover a la papelera',
  about: 'Acerca de Glossa',
  aboutDetail: (dir: string) => `Un archivo sin conexión para quienes investigan las noticias.\nBiblioteca: ${dir}`,
  importTitle: 'Importar',
  importFailed: (failed: number, of: number) => `No se pudieron importar ${failed} de ${of} archivos.`,
  readOnly: 'Esta biblioteca está abierta solo para lectura.',
};

export const MENU_WORDS: Record<InterfaceLanguage, MenuWords> = { en, es };
