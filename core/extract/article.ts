/**
 * Finding the article in a page: Mozilla Readability, plus general clean-up before and
 * after it (see boilerplate.ts). Every step is a named rule so the benchmark can switch
 * each off and report what it is worth.
 */
import { Readability } from '@mozilla/readability';
import type { DDocument, DElement } from './dom.js';
import { cleanArticle, cleanPage, markTitledStories, type RuleName, type RuleContext } from './boilerplate.js';

export interface ReadabilityResult {
  root: DElement | null;
  title: string | null;
  byline: string | null;
  siteName: string | null;
  lang: string | null;
  publishedTime: string | null;
  excerpt: string | null;
}

export interface FindArticleOptions {
  /** Rules to switch off (for the benchmark's ablation table). */
  disable?: readonly RuleName[];
  /** Readability's tuning knobs (defaults: Readability's own; the benchmark compares others). */
  readability?: { nbTopCandidates?: number; charThreshold?: number; linkDensityModifier?: number };
}

const str = (s: unknown): string | null => (typeof s === 'string' && s.trim() ? s : null);

export function findArticle(doc: DDocument, ctx: Omit<RuleContext, 'enabled'>, opts: FindArticleOptions = {}): ReadabilityResult {
  const off = new Set(opts.disable ?? []);
  const context: RuleContext = { ...ctx, enabled: (r) => !off.has(r) };
  markTitledStories(doc, context);
  cleanPage(doc, context);
  const reader = new Readability(
    doc as never,
    {
      ...opts.readability,
      keepClasses: true,
      // Keep the element itself: clean-up after Readability works on the tree, not on a string.
      serializer: (el: unknown) => el,
    } as never,
  );
  const result = reader.parse() as null | {
    content: DElement | null;
    title?: string | null;
    byline?: string | null;
    siteName?: string | null;
    lang?: string | null;
    publishedTime?: string | null;
    excerpt?: string | null;
  };
  const root = result?.content ?? null;
  if (root) {
    const readabilityTitle = str(result?.title);
    cleanArticle(root, {
      ...context,
      otherTitles: readabilityTitle ? [readabilityTitle] : [],
      byline: str(result?.byline) ?? ctx.byline,
    });
  }
  return {
    root,
    title: str(result?.title),
    byline: str(result?.byline),
    siteName: str(result?.siteName),
    lang: str(result?.lang),
    publishedTime: str(result?.publishedTime),
    excerpt: str(result?.excerpt),
  };
}
