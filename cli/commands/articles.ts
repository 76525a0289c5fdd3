/** rm, restore, trash, meta, collection: managing the archive. */
import type { Command } from 'commander';
import { collectionTree, findCollection } from '../../core/articles/collections.js';
import type { OpOutput } from '../../core/api.js';
import { inTrash, type MetaField, type SnapshotSummary } from '../../core/model/index.js';
import { CliError, usageError } from '../errors.js';
import { META_FIELD_HELP, parseMetaPatch } from '../meta-fields.js';
import { collect, globals } from '../options.js';
import { clip, type Output, table } from '../output.js';
import { withLibrary } from '../session.js';

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/** The title the library shows: the corrected one when there is one. */
export const shownTitle = (r: SnapshotSummary) => r.article?.meta.title ?? (r.title || r.sourceFile || '(untitled)');

const annotationsOf = (r: SnapshotSummary) => r.counts.quote + r.counts.claim + r.counts.figure + r.counts.note;

function kilobytes(bytes: number): string {
  if (bytes < 1024 * 1024) return `${Math.ceil(bytes / 1024)} KB`;
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}

/** A field's value for a person: lists joined, nothing as a dash. */
function shown(value: unknown): string {
  if (value === null || value === undefined || value === '') return '—';
  if (Array.isArray(value)) return value.length ? value.join('; ') : '—';
  return String(value);
}

const FIELD_LABEL: Record<MetaField, string> = {
  title: 'title',
  authors: 'authors',
  siteName: 'outlet',
  section: 'section',
  sourceUrl: 'url',
  publishedAt: 'published',
  lang: 'lang',
  dir: 'dir',
  note: 'note',
};

function describeDetails(out: Output, d: OpOutput<'articleDetails'>) {
  out.line(`article ${d.snapshotId}`);
  const rows = d.fields.map(({ field, corrected }) => [
    FIELD_LABEL[field],
    clip(shown(d.captured[field]), 50),
    corrected ? clip(shown(d.effective[field]), 60) : '',
  ]);
  out.line(table(['FIELD', 'CAPTURED', 'CORRECTED'], rows));
  const history = d.record?.metaHistory ?? [];
  if (history.length === 0) return;
  out.line('');
  out.line('history:');
  for (const h of history) {
    const value = (v: unknown) => (v === null ? '(as captured)' : `“${clip(shown(v), 50)}”`);
    out.line(`  ${h.at.slice(0, 19).replace('T', ' ')}  ${FIELD_LABEL[h.field]}: ${value(h.from)} → ${value(h.to)}`);
  }
}

export function registerArticleCommands(program: Command, out: Output): void {
  program
    .command('rm')
    .description('move articles to the trash, with their annotations (glossa restore brings them back)')
    .argument('<ids...>', 'snapshot ids')
    .action(async (ids: string[], _opts, cmd: Command) => {
      const opts = globals(cmd);
      const done = await withLibrary(opts, out.io.env, (s) => s.call('deleteArticles', { ids }));
      if (opts.json) return out.json({ ids: done.value.ids });
      out.line(
        `moved ${plural(done.value.ids.length, 'article')} to the trash; \`glossa restore ${done.value.ids.join(' ')}\` brings ${done.value.ids.length === 1 ? 'it' : 'them'} back`,
      );
    });

  program
    .command('restore')
    .description('take articles out of the trash, with everything as it was')
    .argument('<ids...>', 'snapshot ids')
    .action(async (ids: string[], _opts, cmd: Command) => {
      const opts = globals(cmd);
      const done = await withLibrary(opts, out.io.env, (s) => s.call('restoreArticles', { ids }));
      if (opts.json) return out.json({ ids: done.value.ids });
      out.line(`restored ${plural(done.value.ids.length, 'article')}`);
    });

  program
    .command('trash')
    .description('list the articles in the trash; --empty removes them for good (asks first; --yes when no one is at a terminal)')
    .option('--empty', 'remove every article in the trash for good, with its annotations, and the stored bodies no other article uses')
    .option('--yes', 'with --empty: do not ask')
    .action(async (local: { empty?: boolean; yes?: boolean }, cmd: Command) => {
      const opts = globals(cmd);
      if (local.yes && !local.empty) throw usageError('--yes goes with --empty.');
      if (!local.empty) {
        const rows = await withLibrary(opts, out.io.env, (s) => s.call('listDeletedArticles', {}));
        if (opts.json) return out.json(rows);
        if (rows.length === 0) return out.line('The trash is empty.');
        out.line(
          table(
            ['ID', 'DELETED', 'ANNOTATIONS', 'TITLE'],
            rows.map((r) => [r.id, (r.article?.deletedAt ?? '').slice(0, 10), String(annotationsOf(r)), clip(shownTitle(r), 60)]),
          ),
        );
        return out.line(`${plural(rows.length, 'article')}; \`glossa restore <id…>\` takes one back, \`glossa trash --empty\` removes them for good`);
      }
      const report = await withLibrary(opts, out.io.env, async (s) => {
        const rows = await s.call('listDeletedArticles', {});
        if (rows.length === 0) return null;
        const annotations = rows.reduce((n, r) => n + annotationsOf(r), 0);
        const what = `${plural(rows.length, 'article')} and ${plural(annotations, 'annotation')}`;
        if (!local.yes) {
          if (!out.io.ask) throw usageError(`Emptying the trash removes ${what} for good and cannot be undone; add --yes to confirm.`);
          const answer = await out.io.ask(`Remove ${what} for good? This cannot be undone. [y/N] `);
          if (!/^\s*y(es)?\s*$/i.test(answer ?? '')) throw new CliError('CANCELLED', 'Nothing was removed.');
        }
        // Exactly what was listed (and confirmed) goes.
        return s.call('emptyTrash', { ids: rows.map((r) => r.id) });
      });
      if (opts.json) return out.json(report ?? { removed: [], annotations: 0, blobsFreed: 0, bytesFreed: 0 });
      if (!report) return out.line('The trash is empty; nothing was removed.');
      out.line(
        `removed ${plural(report.removed.length, 'article')} and ${plural(report.annotations, 'annotation')} for good; freed ${plural(report.blobsFreed, 'stored body', 'stored bodies')} (${kilobytes(report.bytesFreed)})`,
      );
    });

  program
    .command('meta')
    .description("show an article's metadata as captured and as corrected, with the corrections' history; --set and --unset correct it")
    .argument('<id>', 'snapshot id')
    .option(
      '--set <field=value>',
      `correct a field (repeatable). Fields: ${META_FIELD_HELP}. authors: separated by ";" (or by "," when there is no ";")`,
      collect,
      [],
    )
    .option('--unset <field>', 'drop a correction: the captured value shows again (repeatable)', collect, [])
    .action(async (id: string, local: { set: string[]; unset: string[] }, cmd: Command) => {
      const opts = globals(cmd);
      const patch = parseMetaPatch(local.set, local.unset);
      const edited = Object.keys(patch).length > 0;
      const details = await withLibrary(opts, out.io.env, async (s) => {
        if (edited) await s.call('updateArticleMeta', { snapshotId: id, patch });
        return s.call('articleDetails', { snapshotId: id });
      });
      if (opts.json) return out.json(details);
      describeDetails(out, details);
    });

  const collection = program.command('collection').description('named, nestable collections of articles: ls, add, rm, put, pull');

  collection
    .command('ls')
    .description('the collections as a tree, with how many articles each holds (not counting the trash)')
    .action(async (_opts, cmd: Command) => {
      const opts = globals(cmd);
      const { list, rows } = await withLibrary(opts, out.io.env, async (s) => ({
        list: await s.call('listCollections', {}),
        rows: (await s.call('listSnapshots', {})).filter((r) => !inTrash(r.article)),
      }));
      const count = (id: string) => rows.filter((r) => r.article?.collections.includes(id)).length;
      const tree = collectionTree(list).map((t) => ({ ...t.collection, path: t.path, depth: t.depth, articles: count(t.collection.id) }));
      const unfiled = rows.filter((r) => !r.article?.collections.some((c) => list.some((x) => x.id === c))).length;
      if (opts.json) return out.json({ collections: tree, unfiled });
      if (tree.length === 0) out.line('No collections yet. Make one with: glossa collection add <name>');
      for (const t of tree) out.line(`${'  '.repeat(t.depth)}${t.name}  (${plural(t.articles, 'article')})  ${t.id}`);
      out.line(`${plural(unfiled, 'article')} in no collection`);
    });

  collection
    .command('add')
    .description('make a collection')
    .argument('<name>', 'its name')
    .option('--parent <collection>', 'make it inside this collection (name, path "A/B" or id)')
    .action(async (name: string, local: { parent?: string }, cmd: Command) => {
      const opts = globals(cmd);
      const made = await withLibrary(opts, out.io.env, async (s) => {
        const parentId = local.parent === undefined ? null : findCollection(await s.call('listCollections', {}), local.parent).id;
        const done = await s.call('createCollection', { name, parentId });
        const path = collectionTree(done.value.collections).find((t) => t.collection.id === done.value.collection.id)!.path;
        return { ...done.value.collection, path };
      });
      if (opts.json) return out.json(made);
      out.line(`made collection “${made.path}”  ${made.id}`);
    });

  collection
    .command('rm')
    .description('delete a collection: its articles stay in the library, its sub-collections move up a level')
    .argument('<collection>', 'name, path "A/B" or id')
    .action(async (ref: string, _opts, cmd: Command) => {
      const opts = globals(cmd);
      const gone = await withLibrary(opts, out.io.env, async (s) => {
        const target = findCollection(await s.call('listCollections', {}), ref);
        const done = await s.call('deleteCollection', { id: target.id });
        return { ...target, released: done.value.ids };
      });
      if (opts.json) return out.json(gone);
      out.line(`deleted collection “${gone.name}”; its ${plural(gone.released.length, 'article')} stay in the library`);
    });

  for (const [name, remove] of [
    ['put', false],
    ['pull', true],
  ] as const) {
    collection
      .command(name)
      .description(remove ? 'take articles out of a collection (they stay in the library)' : 'put articles in a collection')
      .argument('<collection>', 'name, path "A/B" or id')
      .argument('<ids...>', 'snapshot ids')
      .action(async (ref: string, ids: string[], _opts, cmd: Command) => {
        const opts = globals(cmd);
        const done = await withLibrary(opts, out.io.env, async (s) => {
          const target = findCollection(await s.call('listCollections', {}), ref);
          const filed = await s.call('fileArticles', { ids, collectionId: target.id, remove });
          return { collection: target, ids: filed.value.ids };
        });
        if (opts.json) return out.json(done);
        out.line(`${remove ? 'took' : 'put'} ${plural(done.ids.length, 'article')} ${remove ? 'out of' : 'in'} “${done.collection.name}”`);
      });
  }
}
