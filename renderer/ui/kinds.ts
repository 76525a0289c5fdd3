import type { AnnotationKind } from '../../core/model';

// What the kinds are called (KIND_LABEL, KIND_NAME) lives in core/common/kinds, shared with core.
/** The tagging keys, shown on buttons and in hints. */
export const KIND_KEY: Record<AnnotationKind, string> = { quote: 'Q', claim: 'C', figure: 'F', note: 'N' };
export const TAGGABLE_KINDS = ['quote', 'claim', 'figure', 'note'] as const;
