/** annotations, annotate: reading and writing a snapshot's annotations. */
import type { Command } from 'commander';
import { Option } from 'commander';
import { withCorrections } from '../../core/model/index.js';
import { findOccurrence } from '../../core/text/selectors.js';
import { usageError } from '../errors.js';
import { parseFields } from '../fields.js';
import { collect, globals, positiveInt } from '../options.js';
import { clip, type Output } from '../output.js';
import { withLibrary } from '../session.js';

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
}
