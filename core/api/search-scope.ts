/**
 * What the search operations (search.ts) and the export operations (bundles.ts, exchange.ts)
 * share: the index from the Context, the query schema, and a search scope resolved into
 * the annotations it finds. Not in the api table (every export of search.ts is an
 * operation), and like search.ts it loads core/search only for types.
 */
import { z } from 'zod';
import { MAX_CHOSEN_ANNOTATIONS, type ExportScope } from '../bundle/scope.js';
import { GlossaError } from '../model/index.js';
import type { Context, LibrarySearch } from './context.js';

/** As core/search/query.ts MAX_QUERY_LENGTH (not imported: see above). */
const MAX_QUERY_LENGTH = 2000;
/** Rows per page of the annotation table (as core/search's browse). */
export const BROWSE_MAX_LIMIT = 500;

export const Query = z
  .string()
  .max(MAX_QUERY_LENGTH, `The query is too long (at most ${MAX_QUERY_LENGTH.toLocaleString('en')} characters). Search for fewer words at a time.`);

/** The search index, or UNAVAILABLE with what to do about it. */
export function searchIndexOf(ctx: Context): LibrarySearch {
  if (!ctx.search) throw new GlossaError('UNAVAILABLE', 'The search index is not open yet (it is built when the library opens). Try again in a moment.');
  return ctx.search;
}

/** An export of what a search finds: resolved by resolveExportScope before the bundle code sees it. */
export const SearchScope = z.object({ kind: z.literal('search'), query: Query });
export type SearchScope = z.infer<typeof SearchScope>;

/**
 * `scope` with a search replaced by the annotations it finds now (every page of the
 * annotation table), so an export holds exactly what the annotation browser shows.
 * A query the index cannot read is INVALID_INPUT with the index's message; so is one
 * that finds nothing, as for the other scopes.
 */
export async function resolveExportScope<S extends ExportScope | SearchScope | undefined>(ctx: Context, scope: S): Promise<Exclude<S, SearchScope>> {
  if (scope?.kind !== 'search') return scope as Exclude<S, SearchScope>;
  const { query } = SearchScope.parse(scope);
  const index = searchIndexOf(ctx);
  await index.idle();
  const annotations: { snapshotId: string; id: string }[] = [];
  const seen = new Set<string>();
  for (let offset = 0, total = Infinity; offset < total;) {
    const page = await index.browse({ query, limit: BROWSE_MAX_LIMIT, offset });
    if (!page.ok) throw new GlossaError('INVALID_INPUT', page.message);
    total = page.total;
    if (total > MAX_CHOSEN_ANNOTATIONS) {
      throw new GlossaError(
        'INVALID_INPUT',
        `“${query}” matches ${total.toLocaleString('en')} annotations; an export takes at most ${MAX_CHOSEN_ANNOTATIONS.toLocaleString('en')}. Narrow the search, or export whole snapshots.`,
      );
    }
    // A page shorter than promised: the index changed meanwhile; what was read is what goes.
    if (page.rows.length === 0) break;
    offset += page.rows.length;
    for (const r of page.rows) {
      const key = `${r.snapshotId}\u0000${r.id}`;
      if (seen.has(key)) continue;
      seen.add(key);
      annotations.push({ snapshotId: r.snapshotId, id: r.id });
    }
  }
  if (annotations.length === 0) throw new GlossaError('INVALID_INPUT', `Nothing to export: no annotation matches “${query}”.`);
  const description = `annotations matching “${query.length > 160 ? `${query.slice(0, 160)}…` : query}”`;
  return { kind: 'annotations', annotations, description } as Exclude<S, SearchScope>;
}
