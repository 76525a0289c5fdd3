/** suggest: what the detectors find in articles (quotes with speakers, figures, claims), saved for review with --save. */
import type { Command } from 'commander';
import type { OpOutput } from '../../core/api.js';
import type { Annotation } from '../../core/model/index.js';
import { usageError } from '../errors.js';
import { globals } from '../options.js';
import { clip, type Output } from '../output.js';
import { withSuggest } from '../session.js';

/** As the suggestion operations take them (listed here: core/suggest loads only when a command runs). */
const KINDS = ['quote', 'figure', 'claim'] as const;
type Kind = (typeof KINDS)[number];

type Found = OpOutput<'previewSuggestions'>['suggestions'][number];

/** --kind, repeatable: quote, figure or claim. */
function collectKind(value: string, previous: Kind[] = []): Kind[] {
  if (!(KINDS as readonly string[]).includes(value)) throw usageError(`--kind must be quote, figure or claim, got "${value}"`);
  return previous.includes(value as Kind) ? previous : [...previous, value as Kind];
}

/** A saved suggestion in the shape of the preview: what `--json` prints either way. */
const asFound = (a: Annotation): Found => ({
  snapshotId: a.snapshotId,
  kind: a.kind as Kind,
  start: a.target.position.start,
  end: a.target.position.end,
  exact: a.target.quote.exact,
  // Saved from a suggestion: only the fields the detector gave.
  fields: a.fields as Found['fields'],
  confidence: a.origin.confidence ?? 0,
  detector: a.origin.detector ?? '',
});

const plural = (n: number, word: string) => `${n.toLocaleString('en')} ${word}${n === 1 ? '' : 's'}`;

/** The fields worth a glance, on one line: "Oleg Chernyavsky (director), said, direct" or "value 1526, people". */
function summary(s: Found): string {
  const f = s.fields;
  if (s.kind === 'quote')
    return [f.speaker ? `${f.speaker}${f.speakerRole ? ` (${f.speakerRole})` : ''}` : 'speaker unknown', f.cue, f.quoteType].filter(Boolean).join(', ');
  if (s.kind === 'figure')
    return [f.qualifier, f.value !== null && f.value !== undefined ? `value ${f.value}` : null, f.unit, f.period].filter(Boolean).join(', ');
  return f.checkworthiness !== null && f.checkworthiness !== undefined ? `check-worthiness ${f.checkworthiness}` : '';
}

function printList(out: Output, list: readonly Found[], ids: readonly string[]): void {
  for (const id of ids) {
    const of = list.filter((s) => s.snapshotId === id);
    const counts = KINDS.map((k) => [k, of.filter((s) => s.kind === k).length] as const).filter(([, n]) => n > 0);
    out.line(`${id}  ${plural(of.length, 'suggestion')}${counts.length ? ` (${counts.map(([k, n]) => plural(n, k)).join(', ')})` : ''}`);
    for (const s of of) {
      const about = summary(s);
      out.line(`  ${s.kind} [${s.start}, ${s.end})  ${s.confidence.toFixed(2)}${about ? `  ${about}` : ''}`);
      out.line(`      ${clip(s.exact, 100)}`);
    }
  }
}

export function registerSuggestCommands(program: Command, out: Output): void {
  program
    .command('suggest')
    .description(
      'suggest quotes (with speakers), figures and claims in snapshots; prints them, and with --save stores them as suggestions to review (offsets: UTF-16 units of the canonical text)',
    )
    .argument('<id...>', 'snapshot ids')
    .option('--kind <kind>', 'only this kind: quote, figure or claim (repeatable)', collectKind)
    .option('--save', 'store new suggestions as suggested annotations for review (never over your own annotations, never one already suggested or rejected)')
    .action(async (ids: string[], local: { kind?: Kind[]; save?: boolean }, cmd: Command) => {
      const opts = globals(cmd);
      const unique = [...new Set(ids)];
      const kinds = local.kind?.length ? { kinds: local.kind } : {};
      if (!local.save) {
        const { suggestions } = await withSuggest(opts, out.io.env, (s) => s.call('previewSuggestions', { snapshotIds: unique, ...kinds }));
        if (opts.json) return out.json({ suggestions });
        return printList(out, suggestions, unique);
      }
      const saved = await withSuggest(opts, out.io.env, async (s) => {
        // Every id is checked before the first one is saved: a typo saves nothing.
        for (const id of unique) await s.call('listSuggestions', { snapshotId: id });
        const done: { added: Annotation[]; skipped: number }[] = [];
        for (const id of unique) done.push((await s.call('suggestAnnotations', { snapshotId: id, ...kinds })).value);
        return done;
      });
      const added = saved.flatMap((d) => d.added).map(asFound);
      const skipped = saved.reduce((n, d) => n + d.skipped, 0);
      if (opts.json) return out.json({ suggestions: added });
      printList(out, added, unique);
      out.line(
        `Saved ${plural(added.length, 'suggestion')} for review${skipped ? `; ${plural(skipped, 'other')} already suggested, rejected or tagged by you, not saved again` : ''}.`,
      );
    });
}
