/** export, import-bundle, verify: sharing and checking. */
import { resolve } from 'node:path';
import { Option, type Command } from 'commander';
import { OPEN_FORMATS, type OpenFormat } from '../../core/exports/index.js';
import type { BundleImportReport, BundlePreview, ExportReport, ExportScope, VerifyReport } from '../../core/bundle/index.js';
import { AnnotationKind, Verdict } from '../../core/model/index.js';
import { CliError, usageError } from '../errors.js';
import { globals } from '../options.js';
import type { Output } from '../output.js';
import { type Session, withLibrary, withoutLibrary } from '../session.js';
import { checkFiles } from './snapshots.js';

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

function describeExport(r: ExportReport): string {
  const deleted = r.tombstones > 0 ? ` (+${r.tombstones} deleted)` : '';
  return `exported ${plural(r.snapshots, 'snapshot')} and ${plural(r.annotations, 'annotation')}${deleted} to ${r.path} (${Math.ceil(r.bytes / 1024)} KB)`;
}

/** The counts an import made, or would make (a preview): the same lines either way. */
function describeChanges(r: Pick<BundlePreview, 'snapshots' | 'annotations' | 'codebook' | 'speakers'>, would: boolean): string[] {
  const s = r.snapshots;
  const a = r.annotations;
  const lines = [
    `snapshots:   ${s.added.length} ${would ? 'to add' : 'added'}, ${s.skipped.length} already here, ${s.matched.length} matched by text`,
    `annotations: ${a.added + a.addedDeleted} ${would ? 'to add' : 'added'}, ${a.updated} ${would ? 'to update' : 'updated'}, ${a.deleted} ${would ? 'to delete' : 'deleted'}, ${a.skipped} unchanged`,
    `codebook:    ${r.codebook.added.length} tags ${would ? 'to add' : 'added'}, ${r.codebook.updated.length} ${would ? 'to update' : 'updated'}; speakers: ${r.speakers.added.length} ${would ? 'to add' : 'added'}, ${r.speakers.updated.length} ${would ? 'to update' : 'updated'}`,
  ];
  if (a.conflicts.length > 0) {
    lines.push(
      `${plural(a.conflicts.length, 'annotation')} edited in both places ${would ? 'would be' : 'were'} kept side by side (see \`glossa conflicts\`): ${a.conflicts.join(', ')}`,
    );
  }
  for (const note of [...r.codebook.notes, ...r.speakers.notes]) lines.push(`note: ${note}`);
  return lines;
}

function describeImport(r: BundleImportReport): string[] {
  if (!r.changed) return [`nothing changed: the library already holds everything in ${r.path}`];
  return [`imported ${r.path} (made ${r.created.slice(0, 10)} by Glossa ${r.appVersion})`, ...describeChanges(r, false)];
}

function describePreview(r: BundlePreview): string[] {
  if (!r.ok) return [`${r.path} cannot be imported:`, ...r.problems.map((p) => `  ${p.member ?? '(archive)'}: ${p.message}`)];
  const made = r.created ? ` (made ${r.created.slice(0, 10)} by Glossa ${r.appVersion ?? '?'})` : '';
  const head = `preview of ${r.path}${made}${r.scope ? `, holding ${r.scope}` : ''}; nothing was written`;
  if (!r.changed) return [head, 'importing it would change nothing: the library already holds everything in it'];
  return [head, ...describeChanges(r, true)];
}

interface ScopeOptions {
  tag?: string;
  speaker?: string;
  kind?: string[];
  verdict?: string[];
  query?: string;
}

const byNameOrId = <T extends { id: string; name: string }>(items: T[], wanted: string) =>
  items.find((i) => i.id === wanted) ?? items.filter((i) => i.name.toLocaleLowerCase() === wanted.toLocaleLowerCase());

/** --tag, --speaker or filter options → the export scope core takes (null: the given ids or everything). */
async function scopeOf(s: Session, o: ScopeOptions, ids: string[] | undefined): Promise<ExportScope | null> {
  const chosen = [o.tag !== undefined, o.speaker !== undefined, Boolean(o.kind || o.verdict || o.query)].filter(Boolean).length;
  if (chosen > 1) throw usageError('Choose one of --tag, --speaker or the filter options (--kind, --verdict, --query).');
  const one = <T extends { id: string; name: string }>(found: T | T[], what: string, wanted: string): T => {
    if (!Array.isArray(found)) return found;
    if (found.length === 1) return found[0]!;
    throw new CliError(
      'NOT_FOUND',
      found.length
        ? `${found.length} ${what}s are named "${wanted}"; pass the id instead.`
        : `No ${what} is named "${wanted}". \`glossa --json\` listings show ids.`,
    );
  };
  if (o.tag !== undefined) return { kind: 'tag', tagId: one(byNameOrId(await s.call('listCodebook', {}), o.tag), 'tag', o.tag).id };
  if (o.speaker !== undefined) return { kind: 'speaker', speakerId: one(byNameOrId(await s.call('listSpeakers', {}), o.speaker), 'speaker', o.speaker).id };
  if (o.kind || o.verdict || o.query) {
    const kinds = o.kind?.map((k) => AnnotationKind.parse(k));
    const verdicts = o.verdict?.map((v) => Verdict.parse(v));
    return {
      kind: 'filter',
      ...(kinds ? { kinds } : {}),
      ...(verdicts ? { verdicts } : {}),
      ...(o.query ? { query: o.query } : {}),
      ...(ids ? { snapshotIds: ids } : {}),
    };
  }
  return null;
}

function describeVerify(r: VerifyReport): string {
  if (!r.ok) return `${r.path}: ${plural(r.problems.length, 'problem')}`;
  const c = r.counts;
  const holds = c ? `: ${plural(c.snapshots, 'snapshot')}, ${plural(c.annotations, 'annotation')}` : '';
  return `ok ${r.path} (${r.format} v${r.version}, ${plural(r.members, 'member')}, every hash matches)${holds}`;
}

export function registerBundleCommands(program: Command, out: Output): void {
  program
    .command('export')
    .description('write the whole library, or the given snapshots, as a .glossa bundle or in an open format')
    .argument('<out>', 'file to write')
    .argument('[ids...]', 'snapshot ids (default: all)')
    .addOption(
      new Option('--format <format>', 'glossa bundle, W3C JSON-LD, CSV, REFI-QDA project, Markdown report, CSL-JSON, ClaimReview')
        .choices(['glossa', ...OPEN_FORMATS])
        .default('glossa'),
    )
    .option('--bom', 'CSV: start with a UTF-8 byte order mark (for Excel)')
    .option('--tag <name>', 'the annotations carrying this codebook tag (or one under it), with their snapshots')
    .option('--speaker <name>', 'the quotes of this speaker, with their snapshots')
    .addOption(new Option('--kind <kinds...>', 'only annotations of these kinds').choices(AnnotationKind.options))
    .addOption(new Option('--verdict <verdicts...>', 'only claims with these verdicts').choices(Verdict.options))
    .option('--query <text>', 'only annotations whose text or comment contains this')
    .option('--no-originals', 'bundle: leave out the original page bytes')
    .option('--no-images', 'bundle: leave out the images')
    .option('--estimate', 'bundle: print what would be exported and its size, writing nothing')
    .action(
      async (
        target: string,
        ids: string[],
        cmdOpts: ScopeOptions & { format: string; bom?: boolean; originals: boolean; images: boolean; estimate?: boolean },
        cmd: Command,
      ) => {
        const opts = globals(cmd);
        const path = resolve(target);
        const snapshotIds = ids.length > 0 ? ids : undefined;
        const scoped = cmdOpts.tag !== undefined || cmdOpts.speaker !== undefined || Boolean(cmdOpts.kind || cmdOpts.verdict || cmdOpts.query);
        if (cmdOpts.format !== 'glossa' && cmdOpts.estimate) throw usageError('--estimate applies to .glossa bundles (--format glossa).');
        if (cmdOpts.format !== 'glossa') {
          const format = cmdOpts.format as OpenFormat;
          const report = await withLibrary(opts, out.io.env, async (s) => {
            const scope = scoped ? await scopeOf(s, cmdOpts, snapshotIds) : null;
            return s.call('exportFormat', { path, format, ...(scope ? { scope } : { snapshotIds }), bom: cmdOpts.bom });
          });
          if (opts.json) out.json(report);
          else
            out.line(
              `exported ${plural(report.snapshots, 'snapshot')} and ${plural(report.annotations, 'annotation')} as ${format} to ${report.path} (${Math.ceil(report.bytes / 1024)} KB)`,
            );
          return;
        }
        const bodies = { includeOriginals: cmdOpts.originals, includeImages: cmdOpts.images };
        await withLibrary(opts, out.io.env, async (s) => {
          const scope = await scopeOf(s, cmdOpts, snapshotIds);
          const choice = scope ? { scope, ...bodies } : { snapshotIds, ...bodies };
          if (cmdOpts.estimate) {
            const estimate = await s.call('estimateExport', choice);
            if (opts.json) out.json(estimate);
            else out.line(JSON.stringify(estimate));
            return;
          }
          const report = await s.call('exportBundle', { path, ...choice });
          if (opts.json) out.json(report);
          else out.line(describeExport(report));
        });
      },
    );

  program
    .command('import-bundle')
    .description('merge a .glossa bundle (all or nothing), W3C annotations (.jsonld, Hypothesis .json) or a REFI-QDA project (.qdpx) into the library')
    .argument('<file>', 'bundle or annotation file')
    .option('--preview', 'show what importing the bundle would add, update, skip and keep side by side, writing nothing')
    .action(async (file: string, cmdOpts: { preview?: boolean }, cmd: Command) => {
      const opts = globals(cmd);
      const [path] = await checkFiles([file]);
      if (cmdOpts.preview) {
        if (!/\.glossa$/i.test(path!)) throw usageError('--preview reads .glossa bundles.');
        const preview = await withLibrary(opts, out.io.env, (s) => s.call('previewBundle', { path: path! }));
        if (opts.json) out.json(preview);
        else for (const line of describePreview(preview)) out.line(line);
        if (!preview.ok) throw new CliError(preview.problems[0]?.code ?? 'BAD_BUNDLE', `The bundle ${file} cannot be imported.`);
        return;
      }
      if (!/\.glossa$/i.test(path!)) {
        const report = await withLibrary(opts, out.io.env, (s) => s.call('importExchange', { path: path! }));
        if (opts.json) out.json(report);
        else {
          out.line(
            `imported ${report.path} (${report.format}): ${plural(report.snapshotsAdded, 'snapshot')} added; annotations ${report.annotationsAdded} added, ${report.annotationsUpdated} updated, ${report.annotationsSkipped} unchanged`,
          );
          for (const u of report.unmatched) out.warn(`glossa: not placed (${u.reason}): ${u.what.slice(0, 80)}`);
          for (const p of report.problems) out.warn(`glossa: ${p}`);
        }
        return;
      }
      const report = await withLibrary(opts, out.io.env, (s) => s.call('importBundle', { path: path! }));
      if (opts.json) out.json(report);
      else for (const line of describeImport(report)) out.line(line);
    });

  program
    .command('conflicts')
    .description('annotations edited in two libraries and merged: the version shown and the ones kept beside it')
    .argument('[snapshot]', 'only this snapshot')
    .action(async (snapshotId: string | undefined, _opts, cmd: Command) => {
      const opts = globals(cmd);
      const conflicts = await withLibrary(opts, out.io.env, (s) => s.call('listConflicts', snapshotId ? { snapshotId } : {}));
      if (opts.json) return out.json(conflicts);
      if (conflicts.length === 0) return out.line('no conflicts');
      for (const c of conflicts) {
        out.line(`${c.annotationId} in ${c.snapshotId} (${c.current.kind} "${c.current.target.quote.exact.slice(0, 60)}")`);
        for (const [i, v] of [c.current, ...c.others].entries()) {
          out.line(
            `  ${i === 0 ? 'shown ' : `kept ${i}`}  ${v.updatedAt}  ${JSON.stringify(v.fields)}${v.comment ? `  comment: ${v.comment}` : ''}${v.deletedAt ? '  (deleted)' : ''}`,
          );
        }
      }
    });

  program
    .command('resolve')
    .description('end a conflict: keep the version shown (0) or one of the kept versions (1, 2, …) as listed by `glossa conflicts`')
    .argument('<annotation>', 'annotation id')
    .argument('<version>', '0 for the version shown, or the number of a kept version')
    .action(async (annotationId: string, version: string, _opts, cmd: Command) => {
      const opts = globals(cmd);
      const n = Number(version);
      if (!Number.isInteger(n) || n < 0) throw usageError(`"${version}" is not a version number; \`glossa conflicts\` numbers them 0, 1, 2, …`);
      const resolved = await withLibrary(opts, out.io.env, async (s) => {
        const c = (await s.call('listConflicts', {})).find((x) => x.annotationId === annotationId);
        if (!c) throw new CliError('NOT_FOUND', `Annotation ${annotationId} has no conflict; \`glossa conflicts\` lists those that do.`);
        const chosen = [c.current, ...c.others][n];
        if (!chosen) throw usageError(`Annotation ${annotationId} has versions 0 to ${c.others.length}; there is no ${n}.`);
        return (await s.call('resolveConflict', { snapshotId: c.snapshotId, annotationId, version: chosen })).value;
      });
      if (opts.json) out.json(resolved);
      else out.line(`resolved ${annotationId}: version ${n} is now the only one`);
    });

  program
    .command('verify')
    .description('re-hash every blob of the library, or check every member of a bundle')
    .argument('[bundle]', 'a .glossa bundle to check instead of the library')
    .action(async (bundle: string | undefined, _opts, cmd: Command) => {
      const opts = globals(cmd);
      if (bundle === undefined) {
        const report = await withLibrary(opts, out.io.env, (s) => s.call('verifyLibrary', {}));
        if (opts.json) out.json(report);
        else out.line(`checked ${plural(report.checked, 'blob')}: ${report.corrupt.length === 0 ? 'all intact' : `${report.corrupt.length} corrupt`}`);
        for (const hash of report.corrupt) out.warn(`glossa: blob ${hash} no longer matches its hash`);
        if (report.corrupt.length > 0)
          throw new CliError('HASH_MISMATCH', `${plural(report.corrupt.length, 'blob')} of the library ${report.corrupt.length === 1 ? 'is' : 'are'} damaged.`);
        return;
      }
      const [path] = await checkFiles([bundle]);
      const report = await withoutLibrary((s) => s.call('verifyBundle', { path: path! }));
      if (opts.json) out.json(report);
      else out.line(describeVerify(report));
      for (const p of report.problems) out.warn(`glossa: ${p.member ?? '(archive)'}: ${p.message}`);
      if (!report.ok) throw new CliError(report.problems[0]?.code ?? 'BAD_BUNDLE', `The bundle ${bundle} failed verification; do not import it.`);
    });
}
