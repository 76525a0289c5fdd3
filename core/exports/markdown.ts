/**
 * A readable report of each article's annotations, with a citation for the article and every
 * quote, claim and figure quoted exactly: for editors, notes and appendices.
 */
import { describeRect } from '../anchor/image.js';
import { FIELDS_BY_KIND, type Annotation, type AnnotationFields, type Snapshot } from '../model/index.js';
import { snapshotToCsl } from './csl.js';
import { addressOf, live, speakerName, type ExportInput } from './source.js';

const KIND_TITLE = { quote: 'Quotes', claim: 'Claims', figure: 'Figures', note: 'Notes' } as const;
const FIELD_LABEL: Record<keyof AnnotationFields, string> = {
  speaker: 'Speaker',
  speakerRole: 'Role',
  quoteType: 'Type',
  cue: 'Cue',
  claimant: 'Claimant',
  verdict: 'Verdict',
  verdictHistory: 'Verdict history',
  evidenceNote: 'Evidence',
  evidence: 'Evidence items',
  checkworthiness: 'Check-worthiness',
  value: 'Value',
  unit: 'Unit',
  qualifier: 'Qualifier',
  measure: 'Measure',
  period: 'Period',
};

/** Markdown's special characters escaped in running text (quotes stay readable). */
const md = (s: string) => s.replace(/([\\`*_[\]<>#|])/g, '\\$1').replace(/\n+/g, ' ');

/** "Smith, J. (2024, March 5). Title. Site. URL (captured 2024-03-06; SHA-256 …)" */
export function citation(input: ExportInput['sources'][number]): string {
  const c = snapshotToCsl(input.snapshot);
  const who = c.author?.map((n) => n.literal ?? `${n.family}, ${n.given?.[0] ?? ''}.`).join(', ');
  // ISO-style: 2024-03-05, as every other date Glossa prints.
  const when = c.issued ? ` (${c.issued['date-parts'][0]!.map((n, i) => (i === 0 ? String(n) : String(n).padStart(2, '0'))).join('-')})` : '';
  const url = addressOf(input.snapshot);
  return [
    who ? `${who}${when}.` : when ? `${when.trim()}.` : '',
    `*${md(c.title)}*.`,
    c['container-title'] ? `${md(c['container-title'])}.` : '',
    url ? `<${url}>` : '',
    `(captured ${input.snapshot.capturedAt.slice(0, 10)}; text SHA-256 ${input.snapshot.textHash.slice(0, 16)}…)`,
  ]
    .filter(Boolean)
    .join(' ');
}

function fieldLines(a: Annotation, speakers: ExportInput['speakers']): string[] {
  const lines: string[] = [];
  for (const f of FIELDS_BY_KIND[a.kind]) {
    let v: unknown = a.fields[f];
    if (v === null || v === undefined || v === '') continue;
    if (f === 'speaker') v = speakerName(String(v), speakers);
    lines.push(`${FIELD_LABEL[f]}: ${md(String(v))}`);
  }
  for (const e of a.fields.evidence ?? []) lines.push(`Evidence: ${md([e.note, e.url].filter(Boolean).join(' — '))}`);
  if (a.comment) lines.push(`Note: ${md(a.comment)}`);
  return lines;
}

/** A suggestion says so, and whether a person accepted it (a rejected one is in the trash, not here). */
const originNote = (a: Annotation) => (a.origin.type !== 'suggested' ? '' : a.origin.accepted === true ? '; suggested, accepted' : '; suggested, not reviewed');

/** A figure tagged on an image: the picture by its alt text or caption, the area, and its hash. */
function imageLines(a: Annotation, snapshot: Snapshot): string[] {
  const { hash, rect } = a.target.image!;
  const image = snapshot.images.find((i) => i.hash === hash && i.offset === a.target.position.start) ?? snapshot.images.find((i) => i.hash === hash);
  const name = image?.caption || image?.alt;
  return [
    `- Image${name ? `: “${md(name)}”` : ''} — ${describeRect(rect)}`,
    `  (image SHA-256 ${hash.slice(0, 16)}…, standing at character ${a.target.position.start})`,
  ];
}

export function toMarkdown(input: ExportInput): string {
  const out: string[] = [];
  for (const source of input.sources) {
    const { snapshot, annotations } = source;
    out.push(`# ${md(snapshot.title)}`, '', citation(source), '');
    const list = live(annotations);
    if (list.length === 0) out.push('_No annotations._', '');
    for (const kind of ['quote', 'claim', 'figure', 'note'] as const) {
      const of = list.filter((a) => a.kind === kind);
      if (!of.length) continue;
      out.push(`## ${KIND_TITLE[kind]} (${of.length})`, '');
      for (const a of of) {
        if (a.target.image) out.push(...imageLines(a, snapshot));
        else out.push(`- > ${md(a.target.quote.exact)}`, `  (characters ${a.target.position.start}–${a.target.position.end}${originNote(a)})`);
        for (const line of fieldLines(a, input.speakers)) out.push(`  - ${line}`);
      }
      out.push('');
    }
  }
  return `${out.join('\n').trimEnd()}\n`;
}
