/**
 * What the first run says (the sample button and the hint on tagging), in each language. The
 * sample article itself (sample.ts) is content, not interface: it stays in English.
 */
import { defineMessages } from '../../i18n';

export const firstRunMessages = defineMessages({
  en: {
    trySample: 'Try it on a sample article',
    addingSample: 'Adding the sample…',
    couldNotAddSample: 'Could not add the sample article',
    hintLabel: 'How to tag',
    hintTitle: 'Try tagging this article',
    // The hint's first paragraph, split around the keys (each shown in a <kbd>).
    hintPress: 'Select words with the mouse, then press ',
    hintForQuote: ' for a quote, ',
    hintForClaim: ' for a claim or ',
    hintForFigure: ' for a figure (',
    hintAddsNote: ' adds a note). The selection widens to whole words, and the fields of what you tagged open beside the text.',
    // "Press ? for every key."
    hintKeysBefore: 'Press ',
    hintKeysAfter: ' for every key.',
    gotIt: 'Got it',
  },
  es: {
    trySample: 'Pruébalo con un artículo de ejemplo',
    addingSample: 'Añadiendo el ejemplo…',
    couldNotAddSample: 'No se pudo añadir el artículo de ejemplo',
    hintLabel: 'Cómo etiquetar',
    hintTitle: 'Prueba a etiquetar este artículo',
    hintPress: 'Selecciona palabras con el ratón y pulsa ',
    hintForQuote: ' para una cita, ',
    hintForClaim: ' para una afirmación o ',
    hintForFigure: ' para una cifra (',
    hintAddsNote: ' añade una nota). La selección se amplía a palabras completas, y los campos de lo que etiquetaste se abren junto al texto.',
    hintKeysBefore: 'Pulsa ',
    hintKeysAfter: ' para ver todas las teclas.',
    gotIt: 'Entendido',
  },
});
