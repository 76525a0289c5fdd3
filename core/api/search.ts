/**
 * Searching the library through its index (core/search, held by the shell as Context.search).
 * A query the index cannot read is an answer ({ ok: false, message }), not an error: the
 * window shows the message under the search box while the person is still typing.
 *
 * Nothing here loads core/search at run time (only its types): every transport loads this
 * module with the api table, and `glossa list` must not start SQLite. Every export here is
 * an operation of that table; the helpers the export operations share are in search-scope.ts.
 */
import { z } from 'zod';
import type { BrowseColumn, SortOrder } from '../search/index.js';
import { op } from './op.js';
import { BROWSE_MAX_LIMIT, Query, searchIndexOf } from './search-scope.js';

const MAX_LIMIT = 200;

/** core/search's orders and columns, as records so the build fails when it gains one these lack. */
const SORTS: Record<SortOrder, true> = { relevance: true, newest: true, oldest: true, title: true, annotated: true };
const SORT_ORDERS = Object.keys(SORTS) as [SortOrder, ...SortOrder[]];

const COLUMNS: Record<BrowseColumn, true> = {
  article: true,
  captured: true,
  kind: true,
  exact: true,
  speaker: true,
  role: true,
  quoteType: true,
  claimant: true,
  verdict: true,
  value: true,
  unit: true,
  measure: true,
};
const BROWSE_COLUMNS = Object.keys(COLUMNS) as [BrowseColumn, ...BrowseColumn[]];
const Limit = z.number().int().min(1).max(MAX_LIMIT);
const Offset = z.number().int().min(0);

/** Articles and annotations matching a query (core/search/query.ts), with facets. */
export const searchLibrary = op(
  z.object({ query: Query, sort: z.enum(SORT_ORDERS).optional(), limit: Limit.optional(), offset: Offset.optional(), facets: z.boolean().optional() }),
  async (ctx, input) => {
    const index = searchIndexOf(ctx);
    // Writes reach the index in order but after the operation that made them: wait for them.
    await index.idle();
    return index.search(input);
  },
);

/** Annotations matching a query as table rows, sorted by a column (the annotation browser). */
export const browseAnnotations = op(
  z.object({
    query: Query,
    sort: z.object({ column: z.enum(BROWSE_COLUMNS), dir: z.enum(['asc', 'desc']) }).optional(),
    limit: z.number().int().min(1).max(BROWSE_MAX_LIMIT).optional(),
    offset: Offset.optional(),
  }),
  async (ctx, input) => {
    const index = searchIndexOf(ctx);
    await index.idle();
    return index.browse(input);
  },
);

/**
 * Throws the index away and builds it again from the library's files, with progress events.
 * Not cancellable: the index replaces its file only when the new one is complete, so there
 * is nothing half-done to stop, and a search meanwhile waits for it.
 */
export const reindex = op(z.object({}).optional(), async (ctx) => {
  const index = searchIndexOf(ctx);
  let articles = 0;
  // The window names the task ("reindex") in its own language.
  await index.reindex(({ done, total }) => {
    articles = total;
    ctx.emit({ type: 'progress', task: 'reindex', done, total });
  });
  return { articles };
});
