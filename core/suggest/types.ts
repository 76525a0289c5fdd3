import type { Block, Speaker } from '../model/index.js';

export type SuggestKind = 'quote' | 'figure' | 'claim';
export const SUGGEST_KINDS: readonly SuggestKind[] = ['quote', 'figure', 'claim'];

export interface DetectorId {
  name: string;
  version: string;
}

/** Fields a suggestion proposes; the same names as an annotation's fields, plus `registered`. */
export interface SuggestionFields {
  speaker?: string | null;
  speakerRole?: string | null;
  quoteType?: 'direct' | 'indirect' | 'mixed' | null;
  cue?: string | null;
  /** The registry speaker the name matched (name or alias), null when the name is new. */
  registered?: string | null;
  value?: number | null;
  unit?: string | null;
  qualifier?: string | null;
  period?: string | null;
  checkworthiness?: number | null;
}

export interface Suggestion {
  snapshotId?: string;
  kind: SuggestKind;
  /** UTF-16 offsets into the canonical text: text.slice(start, end) === exact. */
  start: number;
  end: number;
  exact: string;
  fields: SuggestionFields;
  confidence: number;
  detector: DetectorId;
}

export interface SuggestOptions {
  kinds?: readonly SuggestKind[];
  /** The speaker registry: found speakers are matched against names and aliases. */
  speakers?: readonly Speaker[];
  snapshotId?: string;
  /** The snapshot's blocks: quotes are not suggested in headings, captions or preformatted text (headlines, pull quotes). */
  blocks?: readonly Block[];
}
