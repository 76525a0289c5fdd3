/** What the suggestions (Suggest…, the review bar, its notices) say, in each language. */
import type { Annotation } from '../../../core/model';
import { defineMessages } from '../../i18n';
import { formatNumber } from '../../ui/format';
import type { Decision } from './actions';
import type { SuggestedKind } from './queue';

type ReviewField = keyof Annotation['fields'];

export const suggestMessages = defineMessages({
  en: {
    // The review bar.
    suggestionsToReview: 'Suggestions to review',
    allReviewed: 'All suggestions reviewed',
    toReview: (n: number) => `${formatNumber(n)} ${n === 1 ? 'suggestion' : 'suggestions'} to review`,
    doneReviewing: 'Done reviewing',
    review: 'Review',
    currentSuggestion: 'Current suggestion',
    position: (at: number, of: number) => `Suggestion ${at} of ${of}`,
    confidence: (percent: string) => `confidence ${percent}`,
    pressJK: 'Press J for the next suggestion, K for the one before.',
    reviewToolbar: 'Review',
    previous: 'Previous',
    next: 'Next',
    accept: 'Accept',
    editThenAccept: 'Edit, then accept',
    reject: 'Reject',
    acceptAll: 'Accept all:',
    /** A kind's "accept all" button: its visible words ("4 quotes…"), and its name, which holds them. */
    acceptAllButton: (count: string) => `${count}…`,
    acceptAllName: (count: string) => `Accept all ${count}…`,
    acceptAllTitle: (kind: SuggestedKind) => `Accept all ${{ quote: 'quotes', figure: 'figures', claim: 'claims' }[kind]}?`,
    acceptSuggested: (n: number, kind: SuggestedKind) => `Accept ${formatNumber(n)} suggested ${kind}${n === 1 ? '' : 's'}`,
    willBecome: (n: number, kind: SuggestedKind) =>
      `${formatNumber(n)} suggested ${kind}${n === 1 ? '' : 's'} will become ordinary annotations, marked as accepted. Undo takes them all back.`,
    suggestedList: (kind: SuggestedKind) => `Suggested ${{ quote: 'quotes', figure: 'figures', claim: 'claims' }[kind]}`,
    /** The fields a reviewer checks. */
    field: {
      speaker: 'Speaker',
      speakerRole: 'Role',
      quoteType: 'Type',
      cue: 'Cue',
      qualifier: 'Qualifier',
      value: 'Value',
      unit: 'Unit',
      checkworthiness: 'Check-worthiness',
    } as Partial<Record<ReviewField, string>>,

    // After Suggest.
    added: (added: number, skipped: number) => {
      const head = added === 0 ? 'No new suggestions' : `${added.toLocaleString()} ${added === 1 ? 'suggestion' : 'suggestions'} to review`;
      if (skipped === 0) return added === 0 ? `${head}: the detectors found nothing more to suggest in this article.` : `${head}.`;
      const why = `${skipped.toLocaleString()} left out (already suggested, rejected before, or over your own annotations)`;
      return `${head}; ${why}.`;
    },

    // The Suggest dialog.
    suggestAnnotations: 'Suggest annotations',
    suggesting: 'Suggesting…',
    suggest: 'Suggest',
    tickOneKind: 'Tick at least one kind to suggest.',
    intro:
      'Glossa reads the article and suggests what to tag. Nothing is added as yours: each suggestion waits for you to accept, edit or reject it, and your own annotations are never moved or changed.',
    lookFor: 'Look for',
    kindsLabel: { quote: 'Quotes', figure: 'Figures', claim: 'Claims' } as Record<SuggestedKind, string>,
    hint: {
      quote: '(direct and reported speech, with the speaker)',
      figure: '(numbers with their units)',
      claim: '(check-worthy statements, ranked)',
    } as Record<SuggestedKind, string>,
    suggestOnImport: 'Also suggest on every article imported into this library',

    // Notices while reviewing.
    noneToReview: 'There are no suggestions to review in this article. “Suggest…” above the article asks for some.',
    everyReviewed: 'Every suggestion in this article has been reviewed.',
    alreadyReviewed: 'This suggestion has been reviewed already.',
    notASuggestion: 'This annotation is yours, not a suggestion: there is nothing to review.',
    couldNotDecide: (decision: Decision) => `Could not ${decision} the suggestion`,
    goToOneFirst: 'Press J or K to go to a suggestion first.',
    everyReviewedEsc: 'Every suggestion in this article has been reviewed. Esc stops reviewing.',
    accepted: (n: number, kind: SuggestedKind) => `${n.toLocaleString()} ${n === 1 ? kind : `${kind}s`} accepted.`,
  },
  es: {
    suggestionsToReview: 'Sugerencias por revisar',
    allReviewed: 'Todas las sugerencias revisadas',
    toReview: (n: number) => `${formatNumber(n)} ${n === 1 ? 'sugerencia' : 'sugerencias'} por revisar`,
    doneReviewing: 'Terminar revisión',
    review: 'Revisar',
    currentSuggestion: 'Sugerencia actual',
    position: (at: number, of: number) => `Sugerencia ${at} de ${of}`,
    confidence: (percent: string) => `confianza ${percent}`,
    pressJK: 'Pulsa J para ir a la siguiente sugerencia y K para la anterior.',
    reviewToolbar: 'Revisión',
    previous: 'Anterior',
    next: 'Siguiente',
    accept: 'Aceptar',
    editThenAccept: 'Editar y aceptar',
    reject: 'Descartar',
    acceptAll: 'Aceptar todas:',
    acceptAllButton: (count: string) => `${count}…`,
    acceptAllName: (count: string) => `Aceptar todas: ${count}…`,
    acceptAllTitle: (kind: SuggestedKind) => `¿Aceptar todas las ${{ quote: 'citas', figure: 'cifras', claim: 'afirmaciones' }[kind]}?`,
    acceptSuggested: (n: number, kind: SuggestedKind) => `Aceptar ${formatNumber(n)} ${suggested(n, kind)}`,
    willBecome: (n: number, kind: SuggestedKind) =>
      n === 1
        ? `La ${suggested(n, kind)} pasará a ser una anotación normal, marcada como aceptada. Deshacer la revierte.`
        : `Las ${formatNumber(n)} ${suggested(n, kind)} pasarán a ser anotaciones normales, marcadas como aceptadas. Deshacer las revierte todas.`,
    suggestedList: (kind: SuggestedKind) => `${{ quote: 'Citas', figure: 'Cifras', claim: 'Afirmaciones' }[kind]} sugeridas`,
    field: {
      speaker: 'Hablante',
      speakerRole: 'Cargo',
      quoteType: 'Estilo',
      cue: 'Verbo de habla',
      qualifier: 'Matiz',
      value: 'Valor',
      unit: 'Unidad',
      checkworthiness: 'Interés para verificar',
    },

    added: (added: number, skipped: number) => {
      const head = added === 0 ? 'No hay sugerencias nuevas' : `${added.toLocaleString()} ${added === 1 ? 'sugerencia' : 'sugerencias'} por revisar`;
      if (skipped === 0) return added === 0 ? `${head}: los detectores no encontraron nada más que sugerir en este artículo.` : `${head}.`;
      const why =
        skipped === 1
          ? '1 omitida (ya sugerida, descartada antes o sobre tus propias anotaciones)'
          : `${skipped.toLocaleString()} omitidas (ya sugeridas, descartadas antes o sobre tus propias anotaciones)`;
      return `${head}; ${why}.`;
    },

    suggestAnnotations: 'Sugerir anotaciones',
    suggesting: 'Sugiriendo…',
    suggest: 'Sugerir',
    tickOneKind: 'Marca al menos un tipo para sugerir.',
    intro:
      'Glossa lee el artículo y sugiere qué etiquetar. Nada se añade como tuyo: cada sugerencia espera a que la aceptes, la edites o la descartes, y tus propias anotaciones nunca se mueven ni se cambian.',
    lookFor: 'Buscar',
    kindsLabel: { quote: 'Citas', figure: 'Cifras', claim: 'Afirmaciones' },
    hint: {
      quote: '(estilo directo e indirecto, con el hablante)',
      figure: '(números con sus unidades)',
      claim: '(afirmaciones que merecen verificarse, ordenadas)',
    },
    suggestOnImport: 'Sugerir también en cada artículo que se importe a esta biblioteca',

    noneToReview: 'No hay sugerencias por revisar en este artículo. “Sugerir…”, encima del artículo, pide algunas.',
    everyReviewed: 'Todas las sugerencias de este artículo están revisadas.',
    alreadyReviewed: 'Esta sugerencia ya se ha revisado.',
    notASuggestion: 'Esta anotación es tuya, no una sugerencia: no hay nada que revisar.',
    couldNotDecide: (decision: Decision) => (decision === 'accept' ? 'No se pudo aceptar la sugerencia' : 'No se pudo descartar la sugerencia'),
    goToOneFirst: 'Pulsa J o K para ir primero a una sugerencia.',
    everyReviewedEsc: 'Todas las sugerencias de este artículo están revisadas. Esc termina la revisión.',
    accepted: (n: number, kind: SuggestedKind) => `${n.toLocaleString()} ${suggestedKind(n, kind)} ${n === 1 ? 'aceptada' : 'aceptadas'}.`,
  },
});

/** "cita sugerida", "cifras sugeridas": every suggested kind is feminine in Spanish. */
function suggested(n: number, kind: SuggestedKind): string {
  return `${suggestedKind(n, kind)} ${n === 1 ? 'sugerida' : 'sugeridas'}`;
}

function suggestedKind(n: number, kind: SuggestedKind): string {
  return (n === 1 ? { quote: 'cita', figure: 'cifra', claim: 'afirmación' } : { quote: 'citas', figure: 'cifras', claim: 'afirmaciones' })[kind];
}
