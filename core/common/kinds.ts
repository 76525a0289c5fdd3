/** What each kind of annotation is called in core's English messages (the window's words are in renderer/i18n/common.ts). */
import type { AnnotationKind } from '../model/annotation.js';

/** In running text: "tag quote", "This claim is tagged on words…". */
export const KIND_NAME: Record<AnnotationKind, string> = { quote: 'quote', claim: 'claim', figure: 'figure', note: 'note' };
