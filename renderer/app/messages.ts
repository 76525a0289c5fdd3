/**
 * The message bar's queue. Every failed window.glossa call ends up here (never swallowed);
 * errors stay until dismissed, notices can be dismissed or replaced. Below it, the shell's
 * own words in each language (appMessages).
 */
import { errorCode } from '../client';
import { defineMessages } from '../i18n';
import { recordNotification } from './notifications';
import { createStore } from './store';

/** The pages of the top bar's navigation. */
export type NavView = 'library' | 'annotations' | 'codebook' | 'speakers' | 'trash';

export type Tone = 'error' | 'notice';
export interface Message {
  id: number;
  tone: Tone;
  text: string;
  /** The error code from core (e.g. EMPTY_FILE), shown small for support and tests. */
  code?: string;
  /** A button beside the text ("Undo"); pressing it also dismisses the message. */
  action?: { label: string; run(): void };
}

export const messages = createStore<Message[]>([]);
let nextId = 1;

/** How long a notice stays; errors stay until dismissed. */
const NOTICE_MS = 8000;

export function notify(text: string, tone: Tone = 'notice', code?: string, action?: Message['action']): number {
  const id = nextId++;
  // The same text twice in a row (a key pressed repeatedly) shows once.
  messages.set((list) => [...list.filter((m) => m.text !== text), { id, tone, text, code, action }].slice(-5));
  // The bar's messages go; the notification list keeps them (an action may not outlive the bar, so it is not kept).
  recordNotification({ tone, text: code ? `${text} (${code})` : text });
  if (tone === 'notice') setTimeout(() => dismiss(id), NOTICE_MS);
  return id;
}

export function dismiss(id: number): void {
  messages.set((list) => list.filter((m) => m.id !== id));
}

/** Shows a failure from core (a ClientError with its code) or anywhere else; `doing` says what failed. */
export function reportError(error: unknown, doing?: string): void {
  const err = error as { message?: unknown } | null;
  const message = typeof err?.message === 'string' && err.message ? err.message : String(error);
  notify(doing ? `${doing}: ${message}` : message, 'error', errorCode(error));
}

/**
 * What the shell says (top bar, status line, notifications, undo and redo), in each language.
 * The message bar's queue above carries sentences already in the person's language.
 */
export const appMessages = defineMessages({
  en: {
    couldNotUndo: (label: string) => (label ? `Could not undo ${label}` : 'Could not undo'),
    couldNotRedo: (label: string) => (label ? `Could not redo ${label}` : 'Could not redo'),
    /** An undo step the window cannot replay (a broken inverse). */
    cannotRun: (op: string) => `The window cannot run "${op}".`,
    mainNav: 'Main',
    nav: { library: 'Library', annotations: 'Annotations', codebook: 'Codebook', speakers: 'Speakers', trash: 'Trash' } as Record<NavView, string>,
    /** The shortcut sheet's group for the window's own keys. */
    generalGroup: 'General',
    showShortcuts: 'Show these shortcuts',
    settings: 'Settings',
    settingsTitle: (mod: string) => `Settings (${mod},)`,
    shortcutsTitle: 'Keyboard shortcuts (?)',
    shortcuts: 'Shortcuts',
    history: 'History',
    inAnotherArticle: 'in another article',
    inAnArticle: 'in an article',
    /** A long task on the status line: "Importing 3 of 12". */
    progress: (task: string, n: number, total: number) => `${task} ${n} of ${total}`,
    task: {
      import: 'Importing',
      export: 'Exporting',
      'import-bundle': 'Importing bundle',
      capture: 'Capturing',
      sync: 'Syncing',
      reindex: 'Rebuilding the search index',
    } as Record<string, string>,
    sharedThrough: (remote: string) => `Shared through ${remote}`,
    storedHere: 'Stored on this computer only',
    dropHere: 'Drop to import articles, folders or links',
    notifications: 'Notifications',
    notificationsTitle: 'Notifications: recent messages and import results',
    notificationsNewTitle: (n: number) => `Notifications: ${n} new`,
    newCount: (n: number) => `${n} new`,
    recent: 'Recent',
    clear: 'Clear',
    noNotifications: 'Nothing yet. Import results and messages are kept here.',
  },
  es: {
    couldNotUndo: (label: string) => (label ? `No se pudo deshacer ${label}` : 'No se pudo deshacer'),
    couldNotRedo: (label: string) => (label ? `No se pudo rehacer ${label}` : 'No se pudo rehacer'),
    cannotRun: (op: string) => `La ventana no puede ejecutar «${op}».`,
    mainNav: 'Principal',
    nav: { library: 'Biblioteca', annotations: 'Anotaciones', codebook: 'Códigos', speakers: 'Hablantes', trash: 'Papelera' },
    generalGroup: 'General',
    showShortcuts: 'Mostrar estos atajos',
    settings: 'Ajustes',
    settingsTitle: (mod: string) => `Ajustes (${mod},)`,
    shortcutsTitle: 'Atajos de teclado (?)',
    shortcuts: 'Atajos',
    history: 'Historial',
    inAnotherArticle: 'en otro artículo',
    inAnArticle: 'en un artículo',
    progress: (task: string, n: number, total: number) => `${task} ${n} de ${total}`,
    task: {
      import: 'Importando',
      export: 'Exportando',
      'import-bundle': 'Importando paquete',
      capture: 'Capturando',
      sync: 'Sincronizando',
      reindex: 'Reconstruyendo el índice de búsqueda',
    },
    sharedThrough: (remote: string) => `Compartida a través de ${remote}`,
    storedHere: 'Guardada solo en este equipo',
    dropHere: 'Suelta aquí para importar artículos, carpetas o enlaces',
    notifications: 'Notificaciones',
    notificationsTitle: 'Notificaciones: mensajes recientes y resultados de importación',
    notificationsNewTitle: (n: number) => `Notificaciones: ${n === 1 ? '1 nueva' : `${n} nuevas`}`,
    newCount: (n: number) => (n === 1 ? '1 nueva' : `${n} nuevas`),
    recent: 'Recientes',
    clear: 'Vaciar',
    noNotifications: 'Nada todavía. Aquí se guardan los resultados de importación y los mensajes.',
  },
});
