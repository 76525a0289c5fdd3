/** What each kind of annotation is called: in a sentence (core's messages, undo labels) and as a label (buttons, headings). */
import type { AnnotationKind } from '../model/annotation.js';

/** In running text: "tag quote", "This claim is tagged on words…". */
export const KIND_NAME: Record<AnnotationKind, string> = { quote: 'quote', claim: 'claim', figure: 'figure', note: 'note' };
/** On its own: a button, a heading. */
export const KIND_LABEL: Record<AnnotationKind, string> = { quote: 'Quote', claim: 'Claim', figure: 'Figure', note: 'Note' };
