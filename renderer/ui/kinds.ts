import type { AnnotationKind } from '../../core/model';

export const KIND_LABEL: Record<AnnotationKind, string> = { quote: 'Quote', claim: 'Claim', figure: 'Figure', note: 'Note' };
export const KIND_PLURAL: Record<AnnotationKind, string> = { quote: 'quotes', claim: 'claims', figure: 'figures', note: 'notes' };
/** The tagging keys, shown on buttons and in hints. */
export const KIND_KEY: Record<AnnotationKind, string> = { quote: 'Q', claim: 'C', figure: 'F', note: 'N' };
export const TAGGABLE_KINDS = ['quote', 'claim', 'figure', 'note'] as const;
