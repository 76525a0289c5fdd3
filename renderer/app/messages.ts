/**
 * The message bar's queue. Every failed window.glossa call ends up here (never swallowed);
 * errors stay until dismissed, notices can be dismissed or replaced. Below it, the shell's
 * own words in each language (appMessages).
 */
import type { GlossaErrorCode } from '../../core/model';
import { errorCode } from '../client';
import { defineMessages, messagesNow } from '../i18n';
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
  const code = errorCode(error);
  const said = explainError(code, message);
  notify(doing ? `${doing}: ${said}` : said, 'error', code);
}

/**
 * Core's explanation of a failure (English) as the window shows it: another language says what
 * the code means in its own words first, and keeps core's words as the detail.
 */
export function explainError(code: string | undefined, message: string): string {
  const m = messagesNow(appMessages);
  const gist = code ? m.errorGist[code as ErrorCode] : undefined;
  return gist ? m.withDetail(gist, message) : message;
}

type ErrorCode = GlossaErrorCode | 'INTERNAL';

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
    /** What a failure from core means, said before core's own (English) explanation; English needs none. */
    errorGist: {} as Partial<Record<ErrorCode, string>>,
    withDetail: (gist: string, detail: string) => `${gist} ${detail}`,
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
    // Every code core can send (the compiler checks), so no failure reaches a Spanish window unexplained.
    errorGist: {
      INVALID_INPUT: 'Un dato no es válido.',
      EMPTY_FILE: 'El archivo está vacío.',
      BINARY_FILE: 'El archivo no es texto ni una página web.',
      TOO_LARGE: 'Es demasiado grande.',
      BAD_ENCODING: 'No se pudo leer la codificación del texto.',
      UNSUPPORTED_FORMAT: 'Glossa no reconoce este formato.',
      NOT_FOUND: 'No se encontró.',
      LIBRARY_LOCKED: 'La biblioteca está abierta en otra ventana o programa.',
      LIBRARY_CORRUPT: 'Un archivo de la biblioteca está dañado.',
      LIBRARY_TOO_NEW: 'La biblioteca es de una versión más reciente de Glossa; actualiza Glossa.',
      WRITE_FAILED: 'No se pudo guardar en el disco; el archivo anterior está intacto.',
      BAD_BUNDLE: 'El paquete está dañado o no es válido; no se importó nada.',
      HASH_MISMATCH: 'Un contenido no coincide con su huella SHA-256: fue alterado o está dañado.',
      ANCHOR_MISMATCH: 'Una anotación no coincide con el texto del artículo.',
      CANCELLED: 'Se canceló; no se cambió nada.',
      NETWORK: 'No hay conexión; puedes seguir trabajando sin conexión.',
      TIMEOUT: 'Tardó demasiado en responder.',
      FETCH_FAILED: 'No se pudo descargar la página.',
      CONFLICT: 'La biblioteca cambió mientras tanto; vuelve a intentarlo.',
      UNAVAILABLE: 'No está disponible aquí.',
      AUTH_FAILED: 'El servidor git rechazó el token de acceso: falta, es incorrecto o caducó.',
      BAD_REMOTE: 'El remoto envió algo dañado o no válido; tu biblioteca no ha cambiado.',
      NOT_SHARED: 'Esta biblioteca aún no se comparte.',
      INTERNAL: 'Error interno de Glossa.',
    } satisfies Record<ErrorCode, string>,
    withDetail: (gist: string, detail: string) => `${gist} (Detalle, en inglés: ${detail})`,
  },
});
