/** What the library says (its toolbar, the empty library, paste, import results, task progress), in each language. */
import { defineMessages } from '../../i18n';
import { formatNumber } from '../../ui/format';

export const libraryMessages = defineMessages({
  en: {
    title: 'Library',
    addGroup: 'Add to library',
    importFiles: 'Import files…',
    importFolder: 'Import folder…',
    captureUrl: 'Capture URL…',
    pasteText: 'Paste text…',
    bundlesGroup: 'Bundles',
    importBundle: 'Import bundle…',
    importExchangeTitle: 'W3C Web Annotations (JSON-LD), Hypothesis, REFI-QDA (.qdpx)',
    importExchange: 'Import from other tools…',
    export: 'Export…',
    chooseFiles: 'Choose article files to import',
    chooseFolder: 'Choose a folder of articles to import',
    searchLabel: 'Search the library',
    searching: 'Searching…',
    /** A row without a title, when sorting by title. */
    untitled: 'Untitled',
    couldNotList: 'Could not list the library',

    emptyTitle: 'Your library is empty',
    emptyIntro: 'Glossa keeps a permanent copy of every article you capture, so your quotes, claims and figures always point at the exact words.',
    emptySample: 'A short made-up news story to try tagging on; delete it whenever you like.',
    emptyOwn: 'To bring in your own articles:',
    emptyImport: 'Import files',
    emptyImportRest: '— web pages saved from a browser (.html with its _files folder, .mhtml) or text (.txt, .md).',
    emptyDrop: 'Drop files, folders or links anywhere on this window.',
    emptyPaste: 'Paste text',
    emptyPasteRest: 'copied from a web page or an e-mail.',
    emptyUrl: 'Capture a URL',
    emptyUrlRest: '— Glossa fetches the page and keeps the article.',
    emptyBundle: 'Import a .glossa bundle',
    emptyBundleRest: 'a colleague shared with you.',
    emptyLocal: 'Everything stays on this computer.',

    pasteTitle: 'Paste text',
    pastedName: 'Pasted text',
    adding: 'Adding…',
    addToLibrary: 'Add to library',
    pasteTitleField: 'Title (optional — otherwise the first line)',
    pasteTextField: 'Article text',
    pastePlaceholder: 'Paste the article here. Blank lines separate paragraphs.',
    pastedFormatted: 'Formatted text was pasted: its paragraphs, headings and lists are kept.',
    usePlain: 'Use the plain text instead',

    progress: 'Progress',
    working: 'Working',
    workingOn: (label: string) => `Working on ${label}`,
    step: (n: number, total: number) => `${n} of ${total}`,

    tooLarge: (files: number, mib: string, max: number) =>
      `These ${files} files hold ${mib} MiB; import at most ${max} MiB at a time (pick fewer files or a smaller folder).`,
    couldNotImportFile: (name: string) => `Could not import ${name}`,
    couldNotImportFiles: (n: number) => `Could not import ${n} files`,

    /** One line for a batch: "2 articles imported, 1 could not be imported". */
    headline: (imported: number, failed: number, cancelled: number) =>
      [
        `${imported === 1 ? '1 article' : `${formatNumber(imported)} articles`} imported`,
        failed ? `${formatNumber(failed)} could not be imported` : '',
        cancelled ? `${formatNumber(cancelled)} not imported (cancelled)` : '',
      ]
        .filter(Boolean)
        .join(', '),
    showResults: 'Show results',
    importResults: 'Import results',
    dismissResults: 'Dismiss import results',
    cancelledFiles: (n: number) =>
      `${n === 1 ? '1 file' : `${formatNumber(n)} files`} not imported: the import was cancelled. Import them again when you are ready.`,
    alreadyInLibrary: 'Already in library',
    newVersion: 'New version',
    imported: 'Imported',
    /** The link to an imported article without a title. */
    open: 'open',
    trimmed: 'Trimmed:',
    openTrimmed: 'open the trimmed version',
    trimmedKept: '(the captured one is kept as its earlier version).',
    debris: (marker: string, words: number) =>
      `It ends with what looks like a comment form (“${marker}”, ${words === 1 ? '1 word' : `${formatNumber(words)} words`}).`,
    trim: 'Trim it',
  },
  es: {
    title: 'Biblioteca',
    addGroup: 'Añadir a la biblioteca',
    importFiles: 'Importar archivos…',
    importFolder: 'Importar carpeta…',
    captureUrl: 'Capturar URL…',
    pasteText: 'Pegar texto…',
    bundlesGroup: 'Paquetes',
    importBundle: 'Importar paquete…',
    importExchangeTitle: 'Web Annotations del W3C (JSON-LD), Hypothesis, REFI-QDA (.qdpx)',
    importExchange: 'Importar de otras herramientas…',
    export: 'Exportar…',
    chooseFiles: 'Elegir archivos de artículos para importar',
    chooseFolder: 'Elegir una carpeta de artículos para importar',
    searchLabel: 'Buscar en la biblioteca',
    searching: 'Buscando…',
    untitled: 'Sin título',
    couldNotList: 'No se pudo leer la biblioteca',

    emptyTitle: 'Tu biblioteca está vacía',
    emptyIntro:
      'Glossa guarda una copia permanente de cada artículo que capturas, así tus citas, afirmaciones y cifras siempre apuntan a las palabras exactas.',
    emptySample: 'Una noticia breve inventada para probar a etiquetar; elimínala cuando quieras.',
    emptyOwn: 'Para traer tus propios artículos:',
    emptyImport: 'Importa archivos',
    emptyImportRest: '— páginas web guardadas desde un navegador (.html con su carpeta _files, .mhtml) o texto (.txt, .md).',
    emptyDrop: 'Suelta archivos, carpetas o enlaces en cualquier parte de esta ventana.',
    emptyPaste: 'Pega texto',
    emptyPasteRest: 'copiado de una página web o de un correo.',
    emptyUrl: 'Captura una URL',
    emptyUrlRest: '— Glossa descarga la página y guarda el artículo.',
    emptyBundle: 'Importa un paquete .glossa',
    emptyBundleRest: 'que te haya compartido un colega.',
    emptyLocal: 'Todo se queda en este equipo.',

    pasteTitle: 'Pegar texto',
    pastedName: 'Texto pegado',
    adding: 'Añadiendo…',
    addToLibrary: 'Añadir a la biblioteca',
    pasteTitleField: 'Título (opcional; si no, la primera línea)',
    pasteTextField: 'Texto del artículo',
    pastePlaceholder: 'Pega aquí el artículo. Las líneas en blanco separan los párrafos.',
    pastedFormatted: 'Se pegó texto con formato: se conservan sus párrafos, títulos y listas.',
    usePlain: 'Usar el texto sin formato',

    progress: 'Progreso',
    working: 'Trabajando',
    workingOn: (label: string) => `Trabajando en ${label}`,
    step: (n: number, total: number) => `${n} de ${total}`,

    tooLarge: (files: number, mib: string, max: number) =>
      `Estos ${files} archivos ocupan ${mib} MiB; importa como máximo ${max} MiB cada vez (elige menos archivos o una carpeta más pequeña).`,
    couldNotImportFile: (name: string) => `No se pudo importar ${name}`,
    couldNotImportFiles: (n: number) => `No se pudieron importar ${n} archivos`,

    headline: (imported: number, failed: number, cancelled: number) =>
      [
        imported === 1 ? '1 artículo importado' : `${formatNumber(imported)} artículos importados`,
        failed ? (failed === 1 ? '1 no se pudo importar' : `${formatNumber(failed)} no se pudieron importar`) : '',
        cancelled ? `${formatNumber(cancelled)} sin importar (importación cancelada)` : '',
      ]
        .filter(Boolean)
        .join(', '),
    showResults: 'Ver resultados',
    importResults: 'Resultados de la importación',
    dismissResults: 'Descartar los resultados de la importación',
    cancelledFiles: (n: number) =>
      n === 1
        ? '1 archivo sin importar: se canceló la importación. Vuelve a importarlo cuando quieras.'
        : `${formatNumber(n)} archivos sin importar: se canceló la importación. Vuelve a importarlos cuando quieras.`,
    alreadyInLibrary: 'Ya está en la biblioteca',
    newVersion: 'Versión nueva',
    imported: 'Importado',
    open: 'abrir',
    trimmed: 'Recortado:',
    openTrimmed: 'abre la versión recortada',
    trimmedKept: '(la capturada se conserva como su versión anterior).',
    debris: (marker: string, words: number) =>
      `Termina con lo que parece un formulario de comentarios («${marker}», ${words === 1 ? '1 palabra' : `${formatNumber(words)} palabras`}).`,
    trim: 'Recortarlo',
  },
});
