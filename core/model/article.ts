import { z } from 'zod';
import type { Snapshot } from './snapshot.js';

/**
 * What a researcher may change about an article, kept beside its immutable snapshot: the
 * snapshot stays as captured, these are its corrections. Each field, when set, replaces the
 * captured value everywhere the article is shown, cited or exported.
 */
export const META_FIELDS = ['title', 'authors', 'siteName', 'section', 'sourceUrl', 'publishedAt', 'lang', 'dir', 'note'] as const;
export type MetaField = (typeof META_FIELDS)[number];

const line = (max: number) => z.string().trim().max(max);
/** 2017-01-31, 2017-01 or 2017; what a citation needs, nothing the user did not say. */
const PublishedDate = z
  .string()
  .trim()
  .regex(/^\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?$/, 'a date like 2017-01-31, 2017-01 or 2017');
const Address = z
  .string()
  .trim()
  .max(4000)
  .refine((s) => /^https?:\/\/[^\s/]+/i.test(s), 'an http(s) address like https://example.com/story');
/** BCP 47 language tag, as far as a person types one: en, en-GB, pt-BR, zh-Hant. */
const Language = z
  .string()
  .trim()
  .regex(/^[a-zA-Z]{2,3}(-[a-zA-Z0-9]{2,8})*$/, 'a language code like en, de or pt-BR');

/** The corrected values; a field absent here is the snapshot's own. */
export const ArticleMeta = z
  .object({
    title: line(1000).min(1, 'a title cannot be empty'),
    authors: z.array(line(300).min(1, 'an author cannot be empty')).max(100),
    siteName: line(300),
    section: line(300),
    sourceUrl: Address,
    publishedAt: PublishedDate,
    lang: Language,
    dir: z.enum(['ltr', 'rtl', 'auto']),
    note: z.string().max(100_000),
  })
  .partial()
  .strict();
export type ArticleMeta = z.infer<typeof ArticleMeta>;

/** One correction: which field, when, from what to what (null: the captured value). */
export const MetaChange = z.object({
  at: z.string(),
  field: z.enum(META_FIELDS),
  from: z.unknown().nullable(),
  to: z.unknown().nullable(),
});
export type MetaChange = z.infer<typeof MetaChange>;

/**
 * The article's own state, stored in its annotations.json (the one mutable file per article):
 * trash, corrected metadata with their history, article-level tags, collections. Versioned like
 * an annotation (revisions, histories), so bundles merge it without loss.
 */
export const ArticleRecord = z.object({
  updatedAt: z.string(),
  /** Set while the article is in the trash. */
  deletedAt: z.string().nullable().default(null),
  /**
   * A deletion that met an edit it did not know of (in a merge): the article stays in the
   * library, marked, until a person deletes or keeps it.
   */
  deletionConflict: z.boolean().default(false),
  meta: ArticleMeta.default({}),
  metaHistory: z.array(MetaChange).default([]),
  /** Codebook tag ids. */
  tags: z.array(z.string().min(1)).default([]),
  /** Collection ids. */
  collections: z.array(z.string().min(1)).default([]),
  /**
   * Set only on a version a merge combined from versions edited on both sides: the revisions
   * of the edited versions it stands for (never of another combination), so combining the
   * same versions in any order gives the same record and history. Optional, not defaulted:
   * a default would change every stored record's revision.
   */
  mergedFrom: z.array(z.string()).optional(),
});
export type ArticleRecord = z.infer<typeof ArticleRecord>;

/** What the library list needs of the record, kept in the snapshot's row. */
export const ArticleRowState = ArticleRecord.omit({ metaHistory: true, mergedFrom: true });
export type ArticleRowState = z.infer<typeof ArticleRowState>;

/** In the trash: deleted, and not held back by a deletion conflict. */
export const inTrash = (state: Pick<ArticleRecord, 'deletedAt' | 'deletionConflict'> | undefined | null): boolean =>
  Boolean(state?.deletedAt) && !state?.deletionConflict;

/** A collection of articles for a project; nestable (parentId). Articles name collections by id. */
export const Collection = z.object({
  id: z.string().min(1),
  name: z.string().trim().min(1, 'a collection needs a name').max(200),
  parentId: z.string().nullable().default(null),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Collection = z.infer<typeof Collection>;

/** The metadata as the article is cited and shown: corrections over the captured values. */
export interface EffectiveMeta {
  title: string;
  authors: string[];
  siteName: string | null;
  section: string | null;
  sourceUrl: string | null;
  publishedAt: string | null;
  lang: string | null;
  dir: 'ltr' | 'rtl' | 'auto';
  note: string;
}

type Captured = Pick<Snapshot, 'title' | 'authors' | 'byline' | 'siteName' | 'sourceUrl' | 'publishedAt' | 'lang'> & { canonicalUrl?: string | null };

/** The captured values in the same shape (what "original" shows beside a correction). */
export function capturedMeta(s: Captured): EffectiveMeta {
  return {
    title: s.title,
    authors: s.authors.length ? s.authors : s.byline ? [s.byline] : [],
    siteName: s.siteName,
    section: null,
    sourceUrl: s.sourceUrl,
    publishedAt: s.publishedAt,
    lang: s.lang,
    dir: 'auto',
    note: '',
  };
}

export function effectiveMeta(s: Captured, record: Pick<ArticleRecord, 'meta'> | null | undefined): EffectiveMeta {
  return { ...capturedMeta(s), ...(record?.meta ?? {}) };
}

/** A snapshot with its corrections applied, for code that cites or exports it. */
export function withCorrections<S extends Captured>(s: S, record: Pick<ArticleRecord, 'meta'> | null | undefined): S {
  const m = record?.meta;
  if (!m || Object.keys(m).length === 0) return s;
  return {
    ...s,
    ...(m.title !== undefined ? { title: m.title } : {}),
    ...(m.authors !== undefined ? { authors: m.authors, byline: m.authors.join(', ') || null } : {}),
    ...(m.siteName !== undefined ? { siteName: m.siteName || null } : {}),
    // Citations prefer the canonical address: a corrected address replaces both.
    ...(m.sourceUrl !== undefined ? { sourceUrl: m.sourceUrl, ...('canonicalUrl' in s ? { canonicalUrl: m.sourceUrl } : {}) } : {}),
    ...(m.publishedAt !== undefined ? { publishedAt: m.publishedAt } : {}),
    ...(m.lang !== undefined ? { lang: m.lang } : {}),
  };
}

export const emptyArticleRecord = (at: string): ArticleRecord => ({
  updatedAt: at,
  deletedAt: null,
  deletionConflict: false,
  meta: {},
  metaHistory: [],
  tags: [],
  collections: [],
});
