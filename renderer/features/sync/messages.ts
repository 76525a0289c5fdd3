/** What team sync (the Sync control, Share library…, a new token, an annotation's history) says, in each language. */
import { defineMessages } from '../../i18n';
import { formatDate, formatNumber } from '../../ui/format';

/** What happened to an annotation in one commit (core/sync/history.ts). */
type Change = 'created' | 'changed' | 'deleted' | 'restored';

/** The steps core announces while a sync runs (core/api/sync.ts), and its end. */
export type SyncStepName = 'commit' | 'fetch' | 'merge' | 'push' | 'done';

/** English names a field by splitting its key ("evidenceNote" → "evidence note"), except these. */
const EN_FIELD_WORDS: Record<string, string> = {
  target: 'the passage',
  comment: 'the comment',
  tags: 'the tags',
  speakerRole: 'role',
  evidenceNote: 'evidence note',
};

const ES_FIELD_WORDS: Record<string, string> = {
  target: 'el pasaje',
  comment: 'el comentario',
  tags: 'las etiquetas',
  kind: 'el tipo',
  links: 'los vínculos',
  origin: 'el origen',
  createdAt: 'la fecha de creación',
  createdBy: 'quién la creó',
  deletedAt: 'la papelera',
  speaker: 'el hablante',
  speakerRole: 'el cargo',
  quoteType: 'el estilo',
  cue: 'el verbo de habla',
  claimant: 'el declarante',
  verdict: 'el veredicto',
  verdictHistory: 'el historial de veredictos',
  evidenceNote: 'la nota de pruebas',
  evidence: 'las pruebas',
  checkworthiness: 'el interés para verificar',
  value: 'el valor',
  unit: 'la unidad',
  qualifier: 'el matiz',
  measure: 'qué mide',
  period: 'el periodo',
};

const camelWords = (name: string) => name.replace(/[A-Z]/g, (c) => ` ${c.toLowerCase()}`);

export const syncMessages = defineMessages({
  en: {
    // The Sync control.
    couldNotReadShared: 'Could not read whether the library is shared',
    generalGroup: 'General',
    syncTheSharedLibrary: 'Sync the shared library',
    syncWith: (remote: string | null | undefined, mod: string) => `Sync with ${remote ?? 'the remote'} (${mod}Shift+S)`,
    shareThrough: (mod: string) => `Share this library through a git host (${mod}Shift+S)`,
    sync: 'Sync',
    syncDetails: 'Sync details',
    syncDetailsSaying: (status: string) => `Sync details: ${status}`,
    sharedThrough: 'Shared through ',
    asAuthor: (name: string) => ` as ${name}`,
    setYourName: ' (set your name in Settings to sign your work)',
    enterNewToken: 'Enter a new token…',
    lastSynced: (at: string) => `Last synced ${formatDate(at, true)}`,
    notSyncedYetSentence: 'Not synced yet.',
    syncAutomatically: 'Sync automatically',
    couldNotSaveHowOften: 'Could not save how often to sync',
    never: 'Never (only when I press Sync)',
    everyMinutes: (minutes: number) => `Every ${minutes} minutes while online`,
    changeToken: 'Change the access token…',

    // What a sync brought.
    articles: (n: number) => `${formatNumber(n)} ${n === 1 ? 'article' : 'articles'}`,
    annotationsAdded: (n: number) => `${formatNumber(n)} ${n === 1 ? 'annotation' : 'annotations'} added`,
    annotationsChanged: (n: number) => `${formatNumber(n)} ${n === 1 ? 'annotation' : 'annotations'} changed`,
    annotationsDeleted: (n: number) => `${formatNumber(n)} ${n === 1 ? 'annotation' : 'annotations'} deleted`,
    conflicts: (n: number) => `${formatNumber(n)} ${n === 1 ? 'conflict' : 'conflicts'}`,
    brought: (parts: readonly string[]) => `brought ${parts.join(', ')}`,
    broughtChanges: 'brought changes',
    nothingNew: 'nothing new from the others',
    sentYourChanges: (brought: string) => `sent your changes; ${brought}`,

    // The short status beside the button, and the sync's own failures.
    syncing: 'Syncing…',
    syncingStep: (step: string) => `Syncing… (${step})`,
    /** The step in brackets (syncingStep, sharingStep). */
    steps: { commit: 'commit', fetch: 'fetch', merge: 'merge', push: 'push', done: 'done' } as Record<SyncStepName, string>,
    tokenRefused: 'Token refused',
    offline: 'Offline',
    syncFailed: 'Sync failed',
    synced: (at: string) => `Synced ${at}`,
    notSyncedYet: 'Not synced yet',
    runningAlready: 'A sync is running already; wait for it to finish.',
    offlineError: (last: string | null | undefined) =>
      `Could not reach the remote: this computer is offline. You can keep working; sync again when the connection is back.${last ? ` It last synced at ${last}.` : ' It has not synced yet.'}`,

    // Share library….
    shareLibrary: 'Share library…',
    sharing: 'Sharing…',
    sharingStep: (step: string) => `Sharing… (${step})`,
    share: 'Share',
    shareNote:
      'Your team works on one library through a git repository (GitHub, GitLab, Gitea or your own server). Create an empty repository there and give its address. If a colleague has shared a library there already, this library receives everything in it.',
    repositoryAddress: 'Repository address (HTTPS)',
    addressExample: 'https://github.com/desk/archive.git',
    accessToken: 'Access token',
    tokenNote:
      'A token with read and write access to the repository, made on the git host. Glossa keeps it in this computer’s system keychain, never in the library, so it is not shared with the library or in bundles. Leave it empty for a repository that needs none.',

    // A new access token.
    newAccessToken: 'New access token',
    saveAndSync: 'Save and sync',
    /** Around the remote's address (shown as code). */
    newTokenNoteBefore: 'Make a new token with read and write access to ',
    newTokenNoteAfter: ' on the git host and paste it here. It is kept in this computer’s system keychain, never in the library.',

    // An annotation's history.
    changeHistory: 'Change history',
    couldNotReadHistory: (why: string) => `Could not read the history: ${why}`,
    noHistory: 'No shared history yet: it starts when the library is shared and synced.',
    someoneUnnamed: 'Someone unnamed',
    syncedBy: (name: string) => ` · synced by ${name}`,
    change: { created: 'added it', changed: 'changed', deleted: 'deleted it', restored: 'restored it' } as Record<Change, string>,
    changedFields: (fields: readonly string[]) => `changed ${fields.length ? fields.join(', ') : 'it'}`,
    /** A changed field, from its key ("fields.verdict" is given as "verdict"). */
    fieldWord: (name: string) => EN_FIELD_WORDS[name] ?? camelWords(name),
  },
  es: {
    couldNotReadShared: 'No se pudo saber si la biblioteca está compartida',
    generalGroup: 'General',
    syncTheSharedLibrary: 'Sincronizar la biblioteca compartida',
    syncWith: (remote: string | null | undefined, mod: string) => `Sincronizar con ${remote ?? 'el remoto'} (${mod}Shift+S)`,
    shareThrough: (mod: string) => `Compartir esta biblioteca a través de un servidor git (${mod}Shift+S)`,
    sync: 'Sincronizar',
    syncDetails: 'Detalles de la sincronización',
    syncDetailsSaying: (status: string) => `Detalles de la sincronización: ${status}`,
    sharedThrough: 'Compartida a través de ',
    asAuthor: (name: string) => ` como ${name}`,
    setYourName: ' (pon tu nombre en Ajustes para firmar tu trabajo)',
    enterNewToken: 'Introducir un token nuevo…',
    lastSynced: (at: string) => `Última sincronización: ${formatDate(at, true)}`,
    notSyncedYetSentence: 'Aún sin sincronizar.',
    syncAutomatically: 'Sincronizar automáticamente',
    couldNotSaveHowOften: 'No se pudo guardar cada cuánto sincronizar',
    never: 'Nunca (solo cuando pulse Sincronizar)',
    everyMinutes: (minutes: number) => `Cada ${minutes} minutos con conexión`,
    changeToken: 'Cambiar el token de acceso…',

    articles: (n: number) => `${formatNumber(n)} ${n === 1 ? 'artículo' : 'artículos'}`,
    annotationsAdded: (n: number) => (n === 1 ? '1 anotación añadida' : `${formatNumber(n)} anotaciones añadidas`),
    annotationsChanged: (n: number) => (n === 1 ? '1 anotación cambiada' : `${formatNumber(n)} anotaciones cambiadas`),
    annotationsDeleted: (n: number) => (n === 1 ? '1 anotación eliminada' : `${formatNumber(n)} anotaciones eliminadas`),
    conflicts: (n: number) => `${formatNumber(n)} ${n === 1 ? 'conflicto' : 'conflictos'}`,
    brought: (parts: readonly string[]) => `trajo ${parts.join(', ')}`,
    broughtChanges: 'trajo cambios',
    nothingNew: 'nada nuevo de los demás',
    sentYourChanges: (brought: string) => `envió tus cambios; ${brought}`,

    syncing: 'Sincronizando…',
    syncingStep: (step: string) => `Sincronizando… (${step})`,
    steps: { commit: 'confirmar', fetch: 'recibir', merge: 'combinar', push: 'enviar', done: 'listo' },
    tokenRefused: 'Token rechazado',
    offline: 'Sin conexión',
    syncFailed: 'Error al sincronizar',
    synced: (at: string) => `Sincronizado ${at}`,
    notSyncedYet: 'Aún sin sincronizar',
    runningAlready: 'Ya hay una sincronización en curso; espera a que termine.',
    offlineError: (last: string | null | undefined) =>
      `No se pudo conectar con el remoto: este equipo no tiene conexión. Puedes seguir trabajando; vuelve a sincronizar cuando vuelva la conexión.${last ? ` La última sincronización fue el ${formatDate(last, true)}.` : ' Aún no se ha sincronizado.'}`,

    shareLibrary: 'Compartir biblioteca…',
    sharing: 'Compartiendo…',
    sharingStep: (step: string) => `Compartiendo… (${step})`,
    share: 'Compartir',
    shareNote:
      'Tu equipo trabaja en una misma biblioteca a través de un repositorio git (GitHub, GitLab, Gitea o tu propio servidor). Crea allí un repositorio vacío e indica su dirección. Si un colega ya ha compartido una biblioteca allí, esta biblioteca recibe todo lo que contiene.',
    repositoryAddress: 'Dirección del repositorio (HTTPS)',
    addressExample: 'https://github.com/desk/archive.git',
    accessToken: 'Token de acceso',
    tokenNote:
      'Un token con acceso de lectura y escritura al repositorio, creado en el servidor git. Glossa lo guarda en el llavero del sistema de este equipo, nunca en la biblioteca, así que no se comparte con la biblioteca ni en los paquetes. Déjalo vacío si el repositorio no necesita ninguno.',

    newAccessToken: 'Nuevo token de acceso',
    saveAndSync: 'Guardar y sincronizar',
    newTokenNoteBefore: 'Crea un token nuevo con acceso de lectura y escritura a ',
    newTokenNoteAfter: ' en el servidor git y pégalo aquí. Se guarda en el llavero del sistema de este equipo, nunca en la biblioteca.',

    changeHistory: 'Historial de cambios',
    couldNotReadHistory: (why: string) => `No se pudo leer el historial: ${why}`,
    noHistory: 'Aún no hay historial compartido: empieza cuando la biblioteca se comparte y se sincroniza.',
    someoneUnnamed: 'Alguien sin nombre',
    syncedBy: (name: string) => ` · sincronizado por ${name}`,
    change: { created: 'la añadió', changed: 'cambió', deleted: 'la eliminó', restored: 'la restauró' },
    changedFields: (fields: readonly string[]) => (fields.length ? `cambió ${fields.join(', ')}` : 'la cambió'),
    fieldWord: (name: string) => ES_FIELD_WORDS[name] ?? camelWords(name),
  },
});
