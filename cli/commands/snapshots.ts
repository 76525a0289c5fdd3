/** import, list, show: getting articles in and reading them back. */
import { stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { Command } from 'commander';
import type { FileImportResult } from '../../core/api/snapshots.js';
import { CliError } from '../errors.js';
import { globals } from '../options.js';
import { clip, printJson, printLine, table, warn } from '../output.js';
import { withLibrary } from '../session.js';

/** Every path must name a readable file before anything is imported. */
export async function checkFiles(paths: string[]): Promise<string[]> {
  const absolute = paths.map((p) => resolve(p));
  for (const [i, file] of absolute.entries()) {
    const info = await stat(file).catch(() => null);
    if (!info) throw new CliError('NOT_FOUND', `File not found: ${paths[i]}`);
    if (!info.isFile()) throw new CliError('INVALID_INPUT', `Not a file: ${paths[i]} (pass article files, not folders)`);
  }
  return absolute;
}

export function registerSnapshotCommands(program: Command): void {
  program
    .command('import')
    .description('import article files (plain text) into the library')
    .argument('<files...>', 'article files to import')
    .action(async (files: string[], _opts, cmd: Command) => {
      const opts = globals(cmd);
      const paths = await checkFiles(files);
      const results = await withLibrary(opts, (s) => s.call('importPaths', { paths }));
      const ok = results.filter((r): r is FileImportResult & { ok: true } => r.ok);
      const failed = results.filter((r) => !r.ok);
      if (opts.json) {
        printJson({ ids: ok.map((r) => r.snapshotId), results });
      } else {
        for (const r of results) {
          if (r.ok) printLine(`${r.duplicate ? 'already here' : 'imported'}  ${r.snapshotId}  ${clip(r.title, 70)}`);
        }
      }
      for (const r of failed) if (!r.ok) warn(`glossa: ${r.name}: ${r.error.message}`);
      if (failed.length > 0) throw new CliError('IMPORT_FAILED', `${failed.length} of ${results.length} files could not be imported.`);
    });

  program
    .command('list')
    .description('list the snapshots in the library')
    .action(async (_opts, cmd: Command) => {
      const opts = globals(cmd);
      const snapshots = await withLibrary(opts, async (s) => s.call('listSnapshots', {}));
      if (opts.json) return printJson(snapshots);
      if (snapshots.length === 0) return printLine('The library is empty. Add articles with: glossa import <files…>');
      const rows = snapshots.map((x) => [
        x.id,
        x.capturedAt.slice(0, 10),
        String(x.counts.quote),
        String(x.counts.claim),
        String(x.counts.figure),
        clip(x.title || x.sourceFile || '(untitled)', 60),
      ]);
      printLine(table(['ID', 'CAPTURED', 'Q', 'C', 'F', 'TITLE'], rows));
    });

  program
    .command('show')
    .description("print a snapshot's canonical text (--json: { snapshot, text })")
    .argument('<id>', 'snapshot id')
    .action(async (id: string, _opts, cmd: Command) => {
      const opts = globals(cmd);
      const opened = await withLibrary(opts, (s) => s.call('openSnapshot', { id }));
      if (opts.json) return printJson(opened);
      // The text exactly as stored, so `glossa show ID > file` reproduces the offsets' basis.
      process.stdout.write(opened.text);
      if (process.stdout.isTTY && !opened.text.endsWith('\n')) process.stdout.write('\n');
    });
}
