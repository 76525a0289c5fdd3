/** What the version bar and the diff say, in each language. */
import { defineMessages } from '../../i18n';
import { formatNumber } from '../../ui/format';

export const versionsMessages = defineMessages({
  en: {
    comparing: 'Comparing…',
    changesLabel: 'Changes between versions',
    /** `paragraphs`: so much changed that core compared whole paragraphs. */
    summary: (from: string, to: string, added: number, removed: number, paragraphs: boolean) =>
      `From ${from} to ${to}: ${formatNumber(added)} words added, ${formatNumber(removed)} removed${paragraphs ? ' (so much changed that whole paragraphs are compared)' : ''}.`,
    same: 'The texts are the same.',
    folded: 'unchanged text folded',
    barLabel: 'Versions of this article',
    versionOf: (k: number, n: number, captured: string) => `Version ${k} of ${n}, captured ${captured}.`,
    versionLink: (k: number, captured: string) => `version ${k} (${captured})`,
    newerExists: ' A newer version exists.',
    hideChanges: 'Hide changes',
    showChangesSince: (k: number) => `Show changes since version ${k}`,
    orphans: (n: number) =>
      `${formatNumber(n)} ${n === 1 ? 'annotation' : 'annotations'} of the earlier version could not be placed in this text; they stay on the earlier version.`,
    hideThem: 'Hide them',
    listThem: 'List them',
    debris: (marker: string) => `The text ends with what looks like a comment form (“${marker}”).`,
    trim: 'Trim it into a new version',
    orphanListLabel: 'Annotations not placed in this version',
    openEarlier: 'open in the earlier version',
    quoted: (text: string) => `“${text}”`,
  },
  es: {
    comparing: 'Comparando…',
    changesLabel: 'Cambios entre versiones',
    summary: (from: string, to: string, added: number, removed: number, paragraphs: boolean) =>
      `Del ${from} al ${to}: ${formatNumber(added)} ${added === 1 ? 'palabra añadida' : 'palabras añadidas'}, ${formatNumber(removed)} ${removed === 1 ? 'eliminada' : 'eliminadas'}${paragraphs ? ' (cambió tanto que se comparan párrafos enteros)' : ''}.`,
    same: 'Los textos son iguales.',
    folded: 'texto sin cambios plegado',
    barLabel: 'Versiones de este artículo',
    versionOf: (k: number, n: number, captured: string) => `Versión ${k} de ${n}, capturada el ${captured}.`,
    versionLink: (k: number, captured: string) => `versión ${k} (${captured})`,
    newerExists: ' Existe una versión más reciente.',
    hideChanges: 'Ocultar cambios',
    showChangesSince: (k: number) => `Mostrar cambios desde la versión ${k}`,
    orphans: (n: number) =>
      n === 1
        ? '1 anotación de la versión anterior no se pudo colocar en este texto; sigue en la versión anterior.'
        : `${formatNumber(n)} anotaciones de la versión anterior no se pudieron colocar en este texto; siguen en la versión anterior.`,
    hideThem: 'Ocultarlas',
    listThem: 'Mostrarlas',
    debris: (marker: string) => `El texto termina con lo que parece un formulario de comentarios («${marker}»).`,
    trim: 'Recortarlo en una versión nueva',
    orphanListLabel: 'Anotaciones no colocadas en esta versión',
    openEarlier: 'abrir en la versión anterior',
    quoted: (text: string) => `«${text}»`,
  },
});
