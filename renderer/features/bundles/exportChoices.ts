/**
 * What the export dialog lets a person choose, and how the choices become core's inputs
 * (an ExportScope for the .glossa bundle, snapshot ids for the open formats). No React here.
 */
import type { OpInput } from '../../../core/api';
import type { AnnotationKind } from '../../../core/model';
import { messagesNow } from '../../i18n';
import { bundlesMessages } from './messages';

export type ExportScope = NonNullable<OpInput<'estimateExport'>['scope']>;
/** The scopes the dialog offers ('annotations' by id is for core's callers, not for people). */
export type ScopeKind = Exclude<ExportScope['kind'], 'annotations'>;
export type OpenFormat = OpInput<'exportFormatDialog'>['format'];
export type Format = 'glossa' | OpenFormat;

/** The formats offered, in the dialog's order (their names and notes are in messages.ts). */
export const FORMATS: Format[] = ['glossa', 'jsonld', 'csv', 'qdpx', 'md', 'csl', 'claimreview'];

/** The kinds the filter scope offers (their labels are in messages.ts). */
export const KIND_CHOICES: AnnotationKind[] = ['quote', 'claim', 'figure', 'note'];

export interface Choices {
  scope: ScopeKind;
  snapshotIds: string[];
  tagId: string;
  subtags: boolean;
  collectionId: string;
  speakerId: string;
  kinds: AnnotationKind[];
  query: string;
  /** A search in the search language (the annotation browser's); offered only when the dialog opens with one. */
  searchQuery: string;
  format: Format;
  includeOriginals: boolean;
  includeImages: boolean;
  bom: boolean;
}

export const initialChoices = (): Choices => ({
  scope: 'library',
  snapshotIds: [],
  tagId: '',
  subtags: true,
  collectionId: '',
  speakerId: '',
  kinds: [],
  query: '',
  searchQuery: '',
  format: 'glossa',
  includeOriginals: true,
  includeImages: true,
  bom: false,
});

/** The scope the choices describe, or why they do not describe one yet (shown instead of the estimate). */
export function scopeOf(c: Choices): { scope: ExportScope } | { missing: string } {
  const m = messagesNow(bundlesMessages);
  switch (c.scope) {
    case 'library':
      return { scope: { kind: 'library' } };
    case 'snapshots':
      return c.snapshotIds.length ? { scope: { kind: 'snapshots', snapshotIds: c.snapshotIds } } : { missing: m.missingSnapshot };
    case 'tag':
      return c.tagId ? { scope: { kind: 'tag', tagId: c.tagId, subtags: c.subtags } } : { missing: m.missingTag };
    case 'collection':
      return c.collectionId ? { scope: { kind: 'collection', id: c.collectionId } } : { missing: m.missingCollection };
    case 'speaker':
      return c.speakerId ? { scope: { kind: 'speaker', speakerId: c.speakerId } } : { missing: m.missingSpeaker };
    case 'filter': {
      const query = c.query.trim();
      if (!c.kinds.length && !query) return { missing: m.missingFilter };
      return { scope: { kind: 'filter', ...(c.kinds.length ? { kinds: c.kinds } : {}), ...(query ? { query } : {}) } };
    }
    case 'search':
      // An empty search is every annotation: the annotation browser opens 'library' for it instead.
      return c.searchQuery.trim() ? { scope: { kind: 'search', query: c.searchQuery } } : { missing: m.missingSearch };
  }
}

/** The choices a dialog opened with `initial` starts from: the defaults, overridden by what `initial` gives of Choices' own keys. */
export function startingChoices(initial?: Partial<Choices>): Choices {
  const base = initialChoices();
  if (!initial) return base;
  const known = Object.entries(initial).filter(([key, value]) => key in base && value !== undefined);
  return { ...base, ...(Object.fromEntries(known) as Partial<Choices>) };
}

export const isOpenFormat = (f: Format): f is OpenFormat => f !== 'glossa';

/** The input of estimateExport for these choices (open formats carry no pages or images). */
export function estimateInput(c: Choices, scope: ExportScope): OpInput<'estimateExport'> {
  const bundle = !isOpenFormat(c.format);
  return { scope, includeOriginals: bundle && c.includeOriginals, includeImages: bundle && c.includeImages };
}
