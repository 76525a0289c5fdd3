/** export, import-bundle, verify: sharing and checking. */
import { resolve } from 'node:path';
import { Option, type Command } from 'commander';
import { OPEN_FORMATS, type OpenFormat } from '../../core/exports/index.js';
import type { BundleImportReport, ExportReport, VerifyReport } from '../../core/bundle/index.js';
import { CliError } from '../errors.js';
import { globals } from '../options.js';
import { printJson, printLine, warn } from '../output.js';
import { withLibrary, withoutLibrary } from '../session.js';
import { checkFiles } from './snapshots.js';

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

function describeExport(r: ExportReport): string {
  const deleted = r.tombstones > 0 ? ` (+${r.tombstones} deleted)` : '';
  return `exported ${plural(r.snapshots, 'snapshot')} and ${plural(r.annotations, 'annotation')}${deleted} to ${r.path} (${Math.ceil(r.bytes / 1024)} KB)`;
}

function describeImport(r: BundleImportReport): string[] {
  if (!r.changed) return [`nothing changed: the library already holds everything in ${r.path}`];
  const s = r.snapshots;
  const a = r.annotations;
  const lines = [
    `imported ${r.path} (made ${r.created.slice(0, 10)} by Glossa ${r.appVersion})`,
    `snapshots:   ${s.added.length} added, ${s.skipped.length} already here, ${s.matched.length} matched by text`,
    `annotations: ${a.added + a.addedDeleted} added, ${a.updated} updated, ${a.deleted} deleted, ${a.skipped} unchanged`,
  ];
  if (a.conflicts.length > 0) lines.push(`kept the local version of ${plural(a.conflicts.length, 'annotation')} edited in both places: ${a.conflicts.join(', ')}`);
  return lines;
}

function describeVerify(r: VerifyReport): string {
  if (!r.ok) return `${r.path}: ${plural(r.problems.length, 'problem')}`;
  const c = r.counts;
  const holds = c ? `: ${plural(c.snapshots, 'snapshot')}, ${plural(c.annotations, 'annotation')}` : '';
  return `ok ${r.path} (${r.format} v${r.version}, ${plural(r.members, 'member')}, every hash matches)${holds}`;
}

export function registerBundleCommands(program: Command): void {
  program
    .command('export')
    .description('write the whole library, or the given snapshots, as a .glossa bundle or in an open format')
    .argument('<out>', 'file to write')
    .argument('[ids...]', 'snapshot ids (default: all)')
    .addOption(new Option('--format <format>', 'glossa bundle, W3C JSON-LD, CSV, REFI-QDA project, Markdown report, CSL-JSON, ClaimReview').choices(['glossa', ...OPEN_FORMATS]).default('glossa'))
    .option('--bom', 'CSV: start with a UTF-8 byte order mark (for Excel)')
    .action(async (out: string, ids: string[], cmdOpts: { format: string; bom?: boolean }, cmd: Command) => {
      const opts = globals(cmd);
      const path = resolve(out);
      const snapshotIds = ids.length > 0 ? ids : undefined;
      if (cmdOpts.format !== 'glossa') {
        const format = cmdOpts.format as OpenFormat;
        const report = await withLibrary(opts, (s) => s.call('exportFormat', { path, format, snapshotIds, bom: cmdOpts.bom }));
        if (opts.json) printJson(report);
        else printLine(`exported ${plural(report.snapshots, 'snapshot')} and ${plural(report.annotations, 'annotation')} as ${format} to ${report.path} (${Math.ceil(report.bytes / 1024)} KB)`);
        return;
      }
      const report = await withLibrary(opts, (s) => s.call('exportBundle', { path, snapshotIds }));
      if (opts.json) printJson(report);
      else printLine(describeExport(report));
    });

  program
    .command('import-bundle')
    .description('merge a .glossa bundle (all or nothing), W3C annotations (.jsonld, Hypothesis .json) or a REFI-QDA project (.qdpx) into the library')
    .argument('<file>', 'bundle or annotation file')
    .action(async (file: string, _opts, cmd: Command) => {
      const opts = globals(cmd);
      const [path] = await checkFiles([file]);
      if (!/\.glossa$/i.test(path!)) {
        const report = await withLibrary(opts, (s) => s.call('importExchange', { path: path! }));
        if (opts.json) printJson(report);
        else {
          printLine(`imported ${report.path} (${report.format}): ${plural(report.snapshotsAdded, 'snapshot')} added; annotations ${report.annotationsAdded} added, ${report.annotationsUpdated} updated, ${report.annotationsSkipped} unchanged`);
          for (const u of report.unmatched) warn(`glossa: not placed (${u.reason}): ${u.what.slice(0, 80)}`);
          for (const p of report.problems) warn(`glossa: ${p}`);
        }
        return;
      }
      const report = await withLibrary(opts, (s) => s.call('importBundle', { path: path! }));
      if (opts.json) printJson(report);
      else for (const line of describeImport(report)) printLine(line);
    });

  program
    .command('verify')
    .description('re-hash every blob of the library, or check every member of a bundle')
    .argument('[bundle]', 'a .glossa bundle to check instead of the library')
    .action(async (bundle: string | undefined, _opts, cmd: Command) => {
      const opts = globals(cmd);
      if (bundle === undefined) {
        const report = await withLibrary(opts, (s) => s.call('verifyLibrary', {}));
        if (opts.json) printJson(report);
        else printLine(`checked ${plural(report.checked, 'blob')}: ${report.corrupt.length === 0 ? 'all intact' : `${report.corrupt.length} corrupt`}`);
        for (const hash of report.corrupt) warn(`glossa: blob ${hash} no longer matches its hash`);
        if (report.corrupt.length > 0) throw new CliError('HASH_MISMATCH', `${plural(report.corrupt.length, 'blob')} of the library ${report.corrupt.length === 1 ? 'is' : 'are'} damaged.`);
        return;
      }
      const [path] = await checkFiles([bundle]);
      const report = await withoutLibrary((s) => s.call('verifyBundle', { path: path! }));
      if (opts.json) printJson(report);
      else printLine(describeVerify(report));
      for (const p of report.problems) warn(`glossa: ${p.member ?? '(archive)'}: ${p.message}`);
      if (!report.ok) throw new CliError(report.problems[0]?.code ?? 'BAD_BUNDLE', `The bundle ${bundle} failed verification; do not import it.`);
    });
}
