/** annotations, annotate: reading and writing a snapshot's annotations. */
import type { Command } from 'commander';
import { Option } from 'commander';
import { FIELDS_BY_KIND, withCorrections, type Annotation, type AnnotationFields } from '../../core/model/index.js';
import { findOccurrence } from '../../core/text/selectors.js';
import { CliError, usageError } from '../errors.js';
import { parseFields } from '../fields.js';
import { collect, globals, positiveInt } from '../options.js';
import { clip, type Output } from '../output.js';
import { withLibrary, type Session } from '../session.js';

export function registerAnnotationCommands(program: Command, out: Output): void {
  program
    .command('annotations')
    .description("print a snapshot's annotations")
    .argument('<id>', 'snapshot id')
    .addOption(new Option('--format <format>', 'output format').choices(['json', 'jsonld', 'csv']).default('json'))
    .option('--include-deleted', 'include annotations in the trash')
    .action(async (id: string, local: { format: 'json' | 'jsonld' | 'csv'; includeDeleted?: boolean }, cmd: Command) => {
      const opts = globals(cmd);
      const read = await withLibrary(opts, out.io.env, async (s) => {
        const { snapshot } = await s.call('openSnapshot', { id });
        const annotations = await s.call('listAnnotations', { snapshotId: id, includeDeleted: local.includeDeleted === true });
        // Cited as the researcher corrected it (title, address).
        const { record } = await s.call('articleDetails', { snapshotId: id });
        return { snapshot: withCorrections(snapshot, record), annotations };
      });
      if (local.format === 'json') return out.json(read.annotations);
      // The W3C and CSV writers load with the bundle code, only when asked for.
      const { annotationsToCsv, annotationsToJsonLd } = await import('../../core/bundle/index.js');
      if (local.format === 'csv') return out.raw(annotationsToCsv([read.snapshot], read.annotations, { includeDeleted: local.includeDeleted === true }));
      out.json(annotationsToJsonLd([read.snapshot], read.annotations));
    });

  program
    .command('annotate')
    .description('tag the text EXACT in a snapshot as a quote, claim, figure or note')
    .argument('<id>', 'snapshot id')
    .addOption(new Option('--kind <kind>', 'annotation kind').choices(['quote', 'claim', 'figure', 'note']).makeOptionMandatory())
    .requiredOption('--exact <text>', 'the exact text to tag, as it appears in `glossa show`')
    .option('--occurrence <n>', 'which occurrence of the text to tag when it appears more than once', positiveInt, 1)
    .option('--field <name=value>', 'set a field (repeatable), e.g. --field speaker="Oleg Chernyavsky"', collect, [])
    .option('--comment <text>', 'a free comment')
    .action(
      async (
        id: string,
        local: { kind: 'quote' | 'claim' | 'figure' | 'note'; exact: string; occurrence: number; field: string[]; comment?: string },
        cmd: Command,
      ) => {
        const opts = globals(cmd);
        if (local.exact === '') throw usageError('--exact must not be empty');
        const fields = parseFields(local.field);
        const mutation = await withLibrary(opts, out.io.env, async (s) => {
          const { text } = await s.call('openSnapshot', { id });
          // Throws NOT_FOUND saying how often the text occurs, or where a near match is.
          const span = findOccurrence(text, local.exact, local.occurrence);
          return s.call('createAnnotation', { snapshotId: id, kind: local.kind, start: span.start, end: span.end, fields, comment: local.comment });
        });
        const a = mutation.value;
        if (opts.json) return out.json(a);
        out.line(`${a.kind} ${a.id} [${a.target.position.start}, ${a.target.position.end}) “${clip(a.target.quote.exact, 60)}”`);
      },
    );

  program
    .command('edit')
    .description("change an annotation's fields or comment, found by its id anywhere in the library")
    .argument('<annotation-id>', 'annotation id (as `glossa annotations` prints it)')
    .option('--field <name=value>', 'set a field (repeatable); an empty value clears it, e.g. --field speaker="Ana Ruiz"', collect, [])
    .option('--comment <text>', 'replace the comment')
    .action(async (id: string, local: { field: string[]; comment?: string }, cmd: Command) => {
      const opts = globals(cmd);
      // Every value is checked before the library is opened: a mistake writes nothing.
      const fields = parseFields(local.field);
      if (local.field.length === 0 && local.comment === undefined) throw usageError('nothing to change: give --field name=value or --comment TEXT');
      const edited = await withLibrary(opts, out.io.env, async (s) => {
        const before = await findAnnotation(s, id);
        checkFieldsOfKind(before, fields);
        const { verdict, ...rest } = fields;
        let after = before;
        const patch = { ...(Object.keys(rest).length ? { fields: rest } : {}), ...(local.comment !== undefined ? { comment: local.comment } : {}) };
        if (Object.keys(patch).length) after = (await s.call('updateAnnotation', { snapshotId: before.snapshotId, id, patch })).value;
        // A verdict goes through setVerdict, as the window sets it: the change is dated in the claim's history.
        if (verdict !== undefined) after = (await s.call('setVerdict', { snapshotId: before.snapshotId, id, verdict })).value;
        return after;
      });
      if (opts.json) return out.json(edited);
      const changed = [...Object.keys(fields), ...(local.comment !== undefined ? ['comment'] : [])];
      out.line(`${edited.kind} ${edited.id} edited: ${changed.join(', ')}`);
    });
}

/** The annotation with this id, whichever snapshot holds it; one in the trash is refused (restore it first). */
async function findAnnotation(s: Session, id: string): Promise<Annotation> {
  for (const row of s.ctx.library.listSnapshots()) {
    const found = (await s.ctx.library.listAnnotations(row.id, { includeDeleted: true })).find((a) => a.id === id);
    if (!found) continue;
    if (found.deletedAt !== null) throw new CliError('NOT_FOUND', `Annotation ${id} is in the trash; restore it before editing. Nothing was changed.`);
    return found;
  }
  throw new CliError(
    'NOT_FOUND',
    `There is no annotation ${id} in this library; \`glossa annotations <snapshot-id>\` lists a snapshot's annotations. Nothing was changed.`,
  );
}

/** Only the fields the side panel shows for the annotation's kind may be set (a quote has no verdict). */
function checkFieldsOfKind(a: Annotation, fields: AnnotationFields): void {
  const own: readonly string[] = FIELDS_BY_KIND[a.kind];
  for (const name of Object.keys(fields)) {
    if (!own.includes(name)) {
      throw usageError(
        `field "${name}" is not a field of a ${a.kind}; ${own.length ? `a ${a.kind} has: ${own.join(', ')}` : `a ${a.kind} has no fields, only a comment`}. Nothing was changed.`,
      );
    }
  }
}
