/** import, list, show: getting articles in and reading them back. */
import { stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { Command } from 'commander';
import type { FileImportResult } from '../../core/api/batch.js';
import { collectionAndBelow, findCollection } from '../../core/articles/collections.js';
import { inTrash } from '../../core/model/index.js';
import { CliError } from '../errors.js';
import { globals } from '../options.js';
import { clip, type Output, table } from '../output.js';
import { withLibrary } from '../session.js';
import { shownTitle } from './articles.js';

const isUrl = (arg: string) => /^https?:\/\//i.test(arg);

/** Every path must exist before anything is imported (files and folders; URLs are fetched). */
export async function checkPaths(paths: string[]): Promise<string[]> {
  const absolute = paths.map((p) => resolve(p));
  for (const [i, file] of absolute.entries()) {
    const info = await stat(file).catch(() => null);
    if (!info)
      throw new CliError(
        'NOT_FOUND',
        `File not found: ${paths[i]}${/^[\w-]+(\.[\w-]+)+\//.test(paths[i]!) ? ` (to capture a web page, write the address with https://)` : ''}`,
      );
    if (!info.isFile() && !info.isDirectory()) throw new CliError('INVALID_INPUT', `Not a file or folder: ${paths[i]}`);
  }
  return absolute;
}

/** Every path must name a readable file (bundles, not folders). */
export async function checkFiles(paths: string[]): Promise<string[]> {
  const absolute = await checkPaths(paths);
  for (const [i, file] of absolute.entries()) {
    if (!(await stat(file)).isFile()) throw new CliError('INVALID_INPUT', `Not a file: ${paths[i]}`);
  }
  return absolute;
}

export function registerSnapshotCommands(program: Command, out: Output): void {
  program
    .command('import')
    .description('import saved web pages (.html, .mhtml), text files, folders of them, or web addresses (https://…)')
    .argument('<sources...>', 'files, folders or URLs to import')
    .action(async (sources: string[], _opts, cmd: Command) => {
      const opts = globals(cmd);
      const urls = sources.filter(isUrl);
      const paths = await checkPaths(sources.filter((x) => !isUrl(x)));
      const results = await withLibrary(opts, out.io.env, async (s) => {
        const out: FileImportResult[] = paths.length ? await s.call('importPaths', { paths }) : [];
        for (const url of urls) {
          try {
            out.push({ name: url, ok: true, ...(await s.call('captureUrl', { url })) });
          } catch (e) {
            const err = e as Error & { code?: string };
            out.push({ name: url, ok: false, error: { code: err.code ?? 'INTERNAL', message: err.message } });
          }
        }
        return out;
      });
      const ok = results.filter((r): r is FileImportResult & { ok: true } => r.ok);
      const failed = results.filter((r) => !r.ok);
      if (opts.json) {
        out.json({ ids: ok.map((r) => r.snapshotId), results });
      } else {
        for (const r of results) {
          if (!r.ok) continue;
          const how = r.duplicate ? 'already here' : r.previousVersionId ? 'new version' : 'imported';
          out.line(`${how}  ${r.snapshotId}  ${clip(r.title, 70)}`);
          for (const n of r.notices ?? []) out.line(`    note: ${n}`);
          if (r.debris)
            out.line(`    note: ends with comment-form debris ("${r.debris.marker}", ${r.debris.words} words); trim it with: glossa trim ${r.snapshotId}`);
        }
      }
      for (const r of failed) if (!r.ok) out.warn(`glossa: ${r.name}: ${r.error.message}`);
      if (failed.length > 0) throw new CliError('IMPORT_FAILED', `${failed.length} of ${results.length} files could not be imported.`);
    });

  program
    .command('list')
    .description('list the articles in the library (not those in the trash), with their corrected titles')
    .option('--trash', 'list the articles in the trash instead')
    .option('--collection <collection>', 'only the articles in this collection or one inside it (name, path "A/B" or id)')
    .action(async (local: { trash?: boolean; collection?: string }, cmd: Command) => {
      const opts = globals(cmd);
      const snapshots = await withLibrary(opts, out.io.env, async (s) => {
        const rows = (await s.call('listSnapshots', {})).filter((r) => inTrash(r.article) === Boolean(local.trash));
        if (local.collection === undefined) return rows;
        const list = await s.call('listCollections', {});
        const within = new Set(collectionAndBelow(list, findCollection(list, local.collection).id));
        return rows.filter((r) => r.article?.collections.some((c) => within.has(c)));
      });
      if (opts.json) return out.json(snapshots);
      if (snapshots.length === 0) {
        if (local.trash) return out.line('The trash is empty.');
        if (local.collection !== undefined) return out.line(`No articles in “${local.collection}”. Add some with: glossa collection put <collection> <id…>`);
        return out.line('The library is empty. Add articles with: glossa import <files…>');
      }
      const rows = snapshots.map((x) => [
        x.id,
        x.capturedAt.slice(0, 10),
        String(x.counts.quote),
        String(x.counts.claim),
        String(x.counts.figure),
        clip(shownTitle(x), 60),
      ]);
      out.line(table(['ID', 'CAPTURED', 'Q', 'C', 'F', 'TITLE'], rows));
    });

  program
    .command('show')
    .description("print a snapshot's canonical text (--json: { snapshot, text })")
    .argument('<id>', 'snapshot id')
    .action(async (id: string, _opts, cmd: Command) => {
      const opts = globals(cmd);
      const opened = await withLibrary(opts, out.io.env, (s) => s.call('openSnapshot', { id }));
      if (opts.json) return out.json(opened);
      // The text exactly as stored, so `glossa show ID > file` reproduces the offsets' basis.
      out.raw(opened.text);
      if (out.io.stdout.isTTY && !opened.text.endsWith('\n')) out.raw('\n');
    });

  program
    .command('trim')
    .description('make a new version of a snapshot without the comment-form debris found at its end (the captured version is kept)')
    .argument('<id>', 'snapshot id')
    .action(async (id: string, _opts, cmd: Command) => {
      const opts = globals(cmd);
      const trimmed = await withLibrary(opts, out.io.env, (s) => s.call('trimDebris', { snapshotId: id }));
      if (opts.json) return out.json(trimmed);
      out.line(`${trimmed.duplicate ? 'already trimmed' : 'new version'}  ${trimmed.snapshotId}  ${clip(trimmed.title, 70)}`);
      if (trimmed.carried.carried) out.line(`    ${trimmed.carried.carried} annotations carried over`);
      for (const o of trimmed.carried.orphans) out.warn(`    left on the earlier version (${o.reason}): ${clip(o.exact, 60)}`);
    });

  program
    .command('audit')
    .description("check a snapshot against what was captured: every body's SHA-256, and the original page extracted again")
    .argument('<id>', 'snapshot id')
    .action(async (id: string, _opts, cmd: Command) => {
      const opts = globals(cmd);
      const report = await withLibrary(opts, out.io.env, (s) => s.call('auditSnapshot', { snapshotId: id }));
      if (opts.json) out.json(report);
      else {
        out.line(
          `${report.checked} stored bodies checked; ${report.damaged.length ? `${report.damaged.length} DAMAGED: ${report.damaged.join(', ')}` : 'all intact'}`,
        );
        if (report.reextracted)
          out.line(
            report.reextracted.sameText
              ? 'The original page gives the same text again.'
              : 'The original page now extracts to a different text (a newer extractor reads it differently); the snapshot is unchanged.',
          );
      }
      if (report.damaged.length)
        throw new CliError('HASH_MISMATCH', `Snapshot ${id} has damaged content. Restore the library folder from a backup or re-import the article.`);
    });
}
