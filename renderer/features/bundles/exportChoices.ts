/**
 * What the export dialog lets a person choose, and how the choices become core's inputs
 * (an ExportScope for the .glossa bundle, snapshot ids for the open formats). No React here.
 */
import type { OpInput } from '../../../core/api';
import type { AnnotationKind } from '../../../core/model';

export type ExportScope = NonNullable<OpInput<'estimateExport'>['scope']>;
/** The scopes the dialog offers ('annotations' by id is for core's callers, not for people). */
export type ScopeKind = Exclude<ExportScope['kind'], 'annotations'>;
export type OpenFormat = OpInput<'exportFormatDialog'>['format'];
export type Format = 'glossa' | OpenFormat;

export const FORMATS: { value: Format; label: string; note: string }[] = [
  { value: 'glossa', label: 'Glossa bundle (.glossa)', note: 'Everything, for another Glossa: articles, annotations with their history, codebook, speakers.' },
  { value: 'jsonld', label: 'W3C Web Annotation (JSON-LD)', note: 'Annotations any W3C-aware tool can read (Hypothesis, Recogito, …).' },
  { value: 'csv', label: 'CSV table', note: 'One row per annotation, for spreadsheets and statistics.' },
  { value: 'qdpx', label: 'REFI-QDA project (.qdpx)', note: 'Sources, codes and coded passages for ATLAS.ti, NVivo, MAXQDA, QualCoder.' },
  { value: 'md', label: 'Markdown report', note: 'Each article’s annotations with citations, to read or paste into a document.' },
  { value: 'csl', label: 'CSL-JSON citations', note: 'The articles as sources, for Zotero and other reference managers.' },
  { value: 'claimreview', label: 'schema.org ClaimReview', note: 'Claims that have a verdict, as fact-check markup.' },
];

export const KIND_CHOICES: { value: AnnotationKind; label: string }[] = [
  { value: 'quote', label: 'Quotes' },
  { value: 'claim', label: 'Claims' },
  { value: 'figure', label: 'Figures' },
  { value: 'note', label: 'Notes' },
];

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
  switch (c.scope) {
    case 'library':
      return { scope: { kind: 'library' } };
    case 'snapshots':
      return c.snapshotIds.length ? { scope: { kind: 'snapshots', snapshotIds: c.snapshotIds } } : { missing: 'Choose at least one snapshot.' };
    case 'tag':
      return c.tagId ? { scope: { kind: 'tag', tagId: c.tagId, subtags: c.subtags } } : { missing: 'Choose a tag.' };
    case 'collection':
      return c.collectionId ? { scope: { kind: 'collection', id: c.collectionId } } : { missing: 'Choose a collection.' };
    case 'speaker':
      return c.speakerId ? { scope: { kind: 'speaker', speakerId: c.speakerId } } : { missing: 'Choose a speaker.' };
    case 'filter': {
      const query = c.query.trim();
      if (!c.kinds.length && !query) return { missing: 'Choose a kind of annotation or type some words to look for.' };
      return { scope: { kind: 'filter', ...(c.kinds.length ? { kinds: c.kinds } : {}), ...(query ? { query } : {}) } };
    }
    case 'search':
      // An empty search is every annotation: the annotation browser opens 'library' for it instead.
      return c.searchQuery.trim() ? { scope: { kind: 'search', query: c.searchQuery } } : { missing: 'Search for some annotations first.' };
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
