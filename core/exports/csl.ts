/**
 * CSL-JSON (Citation Style Language) for the captured articles, so reference managers
 * (Zotero, Mendeley, pandoc-citeproc) cite them: one item per snapshot.
 */
import type { Snapshot } from '../model/index.js';
import { addressOf, type ExportInput } from './source.js';

export interface CslName {
  family?: string;
  given?: string;
  literal?: string;
}

export interface CslItem {
  id: string;
  type: 'article-newspaper' | 'webpage' | 'document';
  title: string;
  author?: CslName[];
  'container-title'?: string;
  issued?: { 'date-parts': number[][] };
  accessed: { 'date-parts': number[][] };
  URL?: string;
  language?: string;
  abstract?: string;
  note: string;
}

/**
 * "Jo Smith" → family Smith, given Jo; "Smith, Jo" (as a researcher types authors) the same;
 * organisations and one-word names stay literal.
 */
export function cslName(name: string): CslName {
  const clean = name.replace(/^by\s+/i, '').trim();
  if (/\b(staff|news|agency|press|reuters|editors?|desk)\b/i.test(clean)) return { literal: clean };
  const inverted = /^([^,]+),\s*([^,]+)$/.exec(clean);
  if (inverted) return { family: inverted[1]!.trim(), given: inverted[2]!.trim() };
  const parts = clean.split(/\s+/);
  if (parts.length < 2 || parts.length > 4) return { literal: clean };
  return { family: parts.at(-1)!, given: parts.slice(0, -1).join(' ') };
}

function dateParts(iso: string | null): number[][] | null {
  const m = iso ? /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?/.exec(iso) : null;
  if (!m) return null;
  return [[Number(m[1]), ...(m[2] ? [Number(m[2])] : []), ...(m[3] ? [Number(m[3])] : [])]];
}

export function snapshotToCsl(s: Snapshot): CslItem {
  const authors = s.authors.length ? s.authors : s.byline ? [s.byline] : [];
  const url = addressOf(s);
  const issued = dateParts(s.publishedAt);
  return {
    id: s.id,
    type: s.siteName ? 'article-newspaper' : url ? 'webpage' : 'document',
    title: s.title,
    ...(authors.length ? { author: authors.map(cslName) } : {}),
    ...(s.siteName ? { 'container-title': s.siteName } : {}),
    ...(issued ? { issued: { 'date-parts': issued } } : {}),
    accessed: { 'date-parts': dateParts(s.capturedAt)! },
    ...(url ? { URL: url } : {}),
    ...(s.lang ? { language: s.lang } : {}),
    ...(s.description ? { abstract: s.description } : {}),
    note: `Glossa snapshot ${s.id}; text SHA-256 ${s.textHash}`,
  };
}

export const toCslJson = (input: ExportInput): string =>
  `${JSON.stringify(
    input.sources.map((x) => snapshotToCsl(x.snapshot)),
    null,
    2,
  )}\n`;
