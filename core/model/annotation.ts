import { z } from 'zod';

export const AnnotationKind = z.enum(['quote', 'claim', 'figure', 'note']);
export type AnnotationKind = z.infer<typeof AnnotationKind>;

/** W3C TextQuoteSelector: the exact text with ~32 characters of context either side. */
export const TextQuoteSelector = z.object({
  type: z.literal('TextQuoteSelector'),
  exact: z.string().min(1),
  prefix: z.string(),
  suffix: z.string(),
});
/** W3C TextPositionSelector: UTF-16 code unit offsets into the canonical text. */
export const TextPositionSelector = z.object({
  type: z.literal('TextPositionSelector'),
  start: z.number().int().nonnegative(),
  end: z.number().int().nonnegative(),
});
export const TextTarget = z.object({ quote: TextQuoteSelector, position: TextPositionSelector });
export type TextTarget = z.infer<typeof TextTarget>;

export const QuoteType = z.enum(['direct', 'indirect', 'mixed']);
export const Verdict = z.enum(['unverified', 'supported', 'disputed', 'false', 'misleading', 'unsupported']);
export type Verdict = z.infer<typeof Verdict>;

export const Evidence = z.object({
  url: z.string().nullable().default(null),
  snapshotId: z.string().nullable().default(null),
  annotationId: z.string().nullable().default(null),
  note: z.string().default(''),
});

/**
 * Kind-specific fields. All optional so an annotation can be tagged first and filled
 * in later; `null` clears a field.
 */
export const QuoteFields = z.object({
  speaker: z.string().nullable().optional(),
  speakerRole: z.string().nullable().optional(),
  quoteType: QuoteType.nullable().optional(),
  cue: z.string().nullable().optional(),
});
export const ClaimFields = z.object({
  claimant: z.string().nullable().optional(),
  verdict: Verdict.nullable().optional(),
  evidenceNote: z.string().nullable().optional(),
  evidence: z.array(Evidence).optional(),
  checkworthiness: z.number().min(0).max(1).nullable().optional(),
});
export const FigureFields = z.object({
  value: z.number().nullable().optional(),
  unit: z.string().nullable().optional(),
  qualifier: z.string().nullable().optional(),
  measure: z.string().nullable().optional(),
  period: z.string().nullable().optional(),
});
/** Union of every kind's fields: one flat, validated bag (unknown keys are refused). */
export const AnnotationFields = QuoteFields.extend(ClaimFields.shape).extend(FigureFields.shape).strict();
export type AnnotationFields = z.infer<typeof AnnotationFields>;

/** Which fields belong to which kind: drives the side panel and the CSV columns. */
export const FIELDS_BY_KIND: Record<AnnotationKind, readonly (keyof AnnotationFields)[]> = {
  quote: ['speaker', 'speakerRole', 'quoteType', 'cue'],
  claim: ['claimant', 'verdict', 'evidenceNote'],
  figure: ['value', 'unit', 'qualifier', 'measure', 'period'],
  note: [],
};

export const Origin = z.object({
  type: z.enum(['human', 'suggested']),
  detector: z.string().nullable().default(null),
  accepted: z.boolean().nullable().default(null),
});

export const Annotation = z.object({
  id: z.string().min(1),
  snapshotId: z.string().min(1),
  kind: AnnotationKind,
  target: TextTarget,
  fields: AnnotationFields,
  tags: z.array(z.string()).default([]),
  comment: z.string().default(''),
  links: z.array(z.object({ rel: z.string(), annotationId: z.string() })).default([]),
  origin: Origin.default({ type: 'human', detector: null, accepted: null }),
  createdAt: z.string(),
  updatedAt: z.string(),
  /** Tombstone: set when deleted, so merges carry deletions and trash can restore. */
  deletedAt: z.string().nullable().default(null),
});
export type Annotation = z.infer<typeof Annotation>;
