import { z } from 'zod';
import { Sha256 } from './snapshot.js';

export const AnnotationKind = z.enum(['quote', 'claim', 'figure', 'note']);
export type AnnotationKind = z.infer<typeof AnnotationKind>;

/**
 * W3C TextQuoteSelector: the exact text with ~32 characters of context either side.
 * `exact` may be '' only on an image target (checked on TextTarget).
 */
export const TextQuoteSelector = z.object({
  type: z.literal('TextQuoteSelector'),
  exact: z.string(),
  prefix: z.string(),
  suffix: z.string(),
});
/** W3C TextPositionSelector: UTF-16 code unit offsets into the canonical text. */
export const TextPositionSelector = z.object({
  type: z.literal('TextPositionSelector'),
  start: z.number().int().nonnegative(),
  end: z.number().int().nonnegative(),
});
/** Slack for fractions that went through floating point (pointer maths, percent strings). */
const EPS = 1e-9;

/** A rectangle of an image as fractions (0..1) of its width and height. */
export const ImageRect = z
  .object({ x: z.number().min(0), y: z.number().min(0), w: z.number().positive(), h: z.number().positive() })
  .refine((r) => r.x + r.w <= 1 + EPS && r.y + r.h <= 1 + EPS, { message: 'the rectangle must lie within the image (x + w ≤ 1, y + h ≤ 1)' });
export type ImageRect = z.infer<typeof ImageRect>;

/** A figure tagged on an image of the snapshot: the whole image (rect null) or a rectangle of it. */
export const ImageSelector = z.object({ hash: Sha256, rect: ImageRect.nullable() });
export type ImageSelector = z.infer<typeof ImageSelector>;

/**
 * Where an annotation sits. Text targets need a non-empty quote. Image targets sit at the
 * image's offset with a zero-width position; their quote may be empty.
 */
export const TextTarget = z.object({ quote: TextQuoteSelector, position: TextPositionSelector, image: ImageSelector.optional() }).superRefine((t, ctx) => {
  if (!t.image && t.quote.exact === '') {
    ctx.addIssue({ code: 'custom', path: ['quote', 'exact'], message: 'the quoted text is empty: select some text' });
  }
  if (t.image && t.position.start !== t.position.end) {
    ctx.addIssue({ code: 'custom', path: ['position'], message: 'an image target has a zero-width position at the image' });
  }
});
export type TextTarget = z.infer<typeof TextTarget>;

/** True when the annotation tags an image (a figure on a chart), not a run of text. */
export function isImageTarget(t: TextTarget): t is TextTarget & { image: ImageSelector } {
  return t.image !== undefined;
}

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
/** Most verdict changes one claim keeps: far beyond any real review, small enough for any file. */
export const MAX_VERDICT_CHANGES = 1000;
/** An ISO 8601 date-time with its offset ("2025-03-01T09:30:00.000Z"): history is ordered by it. */
const DateTime = z.iso.datetime({ offset: true, message: 'the date must be an ISO 8601 date-time such as 2025-03-01T09:30:00Z' });

/** One verdict as it was set on a claim: what, when, and the researcher's note on why. */
export const VerdictChange = z.object({
  verdict: Verdict.nullable(),
  at: DateTime,
  note: z.string().max(10_000).default(''),
});
export type VerdictChange = z.infer<typeof VerdictChange>;

export const ClaimFields = z.object({
  claimant: z.string().nullable().optional(),
  verdict: Verdict.nullable().optional(),
  /** Every verdict set with setVerdict, oldest first; the last one is the current verdict. */
  verdictHistory: z.array(VerdictChange).max(MAX_VERDICT_CHANGES).optional(),
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
  /** The detector and its version ("glossa-quotes@1.2.0") for a suggestion. */
  detector: z.string().nullable().default(null),
  /** A suggestion: null while waiting for review, true accepted, false rejected (then also deleted). */
  accepted: z.boolean().nullable().default(null),
  /**
   * The detector's confidence in a suggestion, 0–1. Optional, not defaulted: a default would
   * change the revision of every annotation stored before it existed (merges compare revisions).
   */
  confidence: z.number().min(0).max(1).optional(),
});

/** Most characters of an author's name: as in the app settings. */
export const AUTHOR_NAME_MAX = 200;
/** Line breaks and other control characters: a name or e-mail is one line. */
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/;
const OneLine = (what: string, max: number) =>
  z
    .string()
    .max(max, `the ${what} is longer than ${max} characters`)
    .refine((s) => s.trim() !== '', `the ${what} is empty`)
    .refine((s) => !CONTROL.test(s), `the ${what} must be on one line, without control characters`);

/**
 * A person who made or changed an annotation, as their app settings name them. Stored only
 * when a name is set: an annotation without an author is one made before authorship existed,
 * by a suggestion detector (its origin says so), or on a machine with no name set.
 */
export const Author = z
  .object({
    name: OneLine('name', AUTHOR_NAME_MAX),
    email: OneLine('e-mail', 254)
      .regex(/^[^\s@]+@[^\s@]+$/, 'the e-mail must look like name@example.org')
      .optional(),
  })
  .strict();
export type Author = z.infer<typeof Author>;

/** "Ana Ruiz <ana@example.org>", or the name alone: as git writes an author. */
export const authorText = (a: Author): string => (a.email ? `${a.name} <${a.email}>` : a.name);

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
  /**
   * Who created it and who changed it last (any change: fields, span, tags, trash, review).
   * Optional, not defaulted: a default would change the revision of every annotation stored
   * before authorship existed (merges compare revisions).
   */
  createdBy: Author.optional(),
  modifiedBy: Author.optional(),
});
export type Annotation = z.infer<typeof Annotation>;
