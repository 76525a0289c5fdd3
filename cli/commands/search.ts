/** search, reindex: the library's search index from the command line. */
import { Option, type Command } from 'commander';
import type { OpInput, OpOutput } from '../../core/api.js';
import type { Highlighted } from '../../core/search/index.js';
import { usageError } from '../errors.js';
import { globals, positiveInt } from '../options.js';
import { clip, type Output } from '../output.js';
import { type IndexProgress, withSearch } from '../session.js';

/** As the searchLibrary operation takes them (listed here: core/search loads only when a search runs). */
const SORTS = ['relevance', 'newest', 'oldest', 'title', 'annotated'];
const KINDS = ['quote', 'claim', 'figure', 'note'];
const MAX_LIMIT = 200;

type Found = Extract<OpOutput<'searchLibrary'>, { ok: true }>;

const plural = (n: number, word: string) => `${n.toLocaleString('en')} ${word}${n === 1 ? '' : 's'}`;

/** The passage on one line, matched words in «», and … where text was left out. */
function marked(h: Highlighted): string {
  let text = '';
  let at = 0;
  for (const m of h.highlights) {
    text += `${h.text.slice(at, m.start)}«${h.text.slice(m.start, m.end)}»`;
    at = m.end;
  }
  text += h.text.slice(at);
  return `${h.before ? '…' : ''}${text.replace(/\s+/g, ' ').trim()}${h.after ? '…' : ''}`;
}

function nonNegativeInt(value: string): number {
  const n = Number(value);
  if (!/^\d+$/.test(value) || !Number.isSafeInteger(n)) throw usageError(`expected a whole number of 0 or more, got "${value}"`);
  return n;
}

/** Progress of an index build on stderr (stdout stays the result), one line per step. */
function progressOn(out: Output): IndexProgress {
  return (done, total) => out.warn(`search index: ${done.toLocaleString('en')} of ${plural(total, 'article')}`);
}

function range(offset: number, shown: number, total: number): string {
  return shown === 0 ? `none of ${total.toLocaleString('en')}` : `${offset + 1}–${offset + shown} of ${total.toLocaleString('en')}`;
}

function printFound(out: Output, r: Found, offset: number): void {
  out.line(`${plural(r.articles.total, 'article')}, ${plural(r.annotations.total, 'annotation')}`);
  for (const note of r.notes) out.line(`note: ${note}`);
  if (r.articles.hits.length) {
    out.line();
    out.line(`ARTICLES (${range(offset, r.articles.hits.length, r.articles.total)})`);
    for (const h of r.articles.hits) {
      out.line(`${h.id}  ${h.capturedAt.slice(0, 10)}  ${marked(h.title) || '(untitled)'}`);
      if (h.snippet) out.line(`    @${h.snippet.start}  ${marked(h.snippet)}`);
    }
  }
  if (r.annotations.hits.length) {
    out.line();
    out.line(`ANNOTATIONS (${range(offset, r.annotations.hits.length, r.annotations.total)})`);
    for (const h of r.annotations.hits) {
      const who = h.speaker || h.claimant;
      out.line(`${h.snapshotId}  ${h.id}  ${h.kind} [${h.start}, ${h.end})${who ? `  ${who}` : ''}${h.verdict ? `  ${h.verdict}` : ''}`);
      out.line(`    ${marked(h.exact)}  (${clip(h.articleTitle || '(untitled)', 50)})`);
      if (h.comment) out.line(`    comment: ${marked(h.comment)}`);
    }
  }
}

export function registerSearchCommands(program: Command, out: Output): void {
  program
    .command('search')
    .description(
      'search the articles and annotations of the library (words, "phrases", prefix*, -not, OR, and filters such as speaker: tag: verdict: site: captured:)',
    )
    .argument('<query>', 'what to look for')
    .addOption(new Option('--kind <kind>', 'only annotations of this kind (as kind: in the query)').choices(KINDS))
    .addOption(new Option('--sort <order>', 'order of the hits').choices(SORTS).default('relevance'))
    .option('--limit <n>', `hits per list (at most ${MAX_LIMIT})`, positiveInt, 20)
    .option('--offset <n>', 'skip this many hits of each list', nonNegativeInt, 0)
    .action(async (query: string, local: { kind?: string; sort: string; limit: number; offset: number }, cmd: Command) => {
      const opts = globals(cmd);
      if (local.limit > MAX_LIMIT) throw usageError(`--limit is at most ${MAX_LIMIT}, got ${local.limit}`);
      const full = local.kind ? `${query} kind:${local.kind}` : query;
      const found = await withSearch(opts, out.io.env, progressOn(out), (s) =>
        s.call('searchLibrary', {
          query: full,
          sort: local.sort as OpInput<'searchLibrary'>['sort'],
          limit: local.limit,
          offset: local.offset,
          facets: opts.json === true,
        }),
      );
      // A query the index cannot read is the caller's to fix: the parser's message says how.
      if (!found.ok) throw usageError(found.message);
      if (opts.json) return out.json(found);
      printFound(out, found, local.offset);
    });

  program
    .command('reindex')
    .description("build the library's search index again from its files (progress on stderr)")
    .action(async (_opts, cmd: Command) => {
      const opts = globals(cmd);
      const done = await withSearch(opts, out.io.env, progressOn(out), (s) => s.call('reindex', {}));
      if (opts.json) return out.json(done);
      out.line(`Rebuilt the search index: ${plural(done.articles, 'article')}.`);
    });
}
