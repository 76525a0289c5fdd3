/**
 * The editor form of each kind. Which fields a kind has comes from core (FIELDS_BY_KIND);
 * this adds only what the form needs: labels, input types, choices, hints.
 */
import { FIELDS_BY_KIND, type AnnotationFields, type AnnotationKind } from '../../../core/model';
import { formatFigureValue } from '../../ui/format';

export type FieldName = keyof AnnotationFields;
export type FieldType = 'text' | 'number' | 'select' | 'textarea' | 'speaker';

export interface FieldSpec {
  name: FieldName | 'comment';
  label: string;
  type: FieldType;
  placeholder?: string;
  options?: readonly { value: string; label: string }[];
}

const SPECS: Partial<Record<FieldName, Omit<FieldSpec, 'name'>>> = {
  speaker: { label: 'Speaker', type: 'speaker', placeholder: 'Who said it: pick or add' },
  speakerRole: { label: 'Role', type: 'text', placeholder: 'e.g. police spokesperson' },
  quoteType: {
    label: 'Quote type',
    type: 'select',
    options: [
      { value: 'direct', label: 'Direct' },
      { value: 'indirect', label: 'Indirect' },
      { value: 'mixed', label: 'Mixed' },
    ],
  },
  cue: { label: 'Cue', type: 'text', placeholder: 'said, according to…' },
  claimant: { label: 'Claimant', type: 'text', placeholder: 'Who makes the claim' },
  verdict: {
    label: 'Verdict',
    type: 'select',
    options: [
      { value: 'unverified', label: 'Unverified' },
      { value: 'supported', label: 'Supported' },
      { value: 'disputed', label: 'Disputed' },
      { value: 'false', label: 'False' },
      { value: 'misleading', label: 'Misleading' },
      { value: 'unsupported', label: 'Unsupported' },
    ],
  },
  evidenceNote: { label: 'Evidence note', type: 'textarea', placeholder: 'Sources checked, what they say' },
  value: { label: 'Value', type: 'number', placeholder: 'e.g. 1500' },
  unit: { label: 'Unit', type: 'text', placeholder: 'requests, %, $…' },
  qualifier: { label: 'Qualifier', type: 'text', placeholder: 'about, more than, almost…' },
  measure: { label: 'Measure', type: 'text', placeholder: 'What it counts' },
  period: { label: 'Period', type: 'text', placeholder: 'e.g. 2017' },
};

export function fieldsOf(kind: AnnotationKind): FieldSpec[] {
  return FIELDS_BY_KIND[kind].map((name) => ({ name, label: name, type: 'text' as const, ...SPECS[name] }));
}

/**
 * A typed number as a value: thousands separators and spaces are dropped ("1,526" → 1526).
 * Returns undefined when it is not a number, null when empty.
 */
export function parseNumber(raw: string): number | null | undefined {
  const cleaned = raw.replace(/[\s\u00a0\u202f_,]/g, '');
  if (cleaned === '') return null;
  if (!/^[-+]?(\d+\.?\d*|\.\d+)(e[-+]?\d+)?$/i.test(cleaned)) return undefined;
  const n = Number(cleaned);
  return Number.isFinite(n) ? n : undefined;
}

/** One line of an annotation's key fields for the list. */
export function summarize(fields: AnnotationFields, kind: AnnotationKind): string {
  const parts: string[] = [];
  if (kind === 'quote') {
    if (fields.speaker) parts.push(fields.speaker);
    if (fields.quoteType) parts.push(fields.quoteType);
  } else if (kind === 'claim') {
    if (fields.claimant) parts.push(fields.claimant);
    if (fields.verdict) parts.push(fields.verdict);
  } else if (kind === 'figure') {
    const amount = figureAmount(fields);
    if (amount) parts.push(amount);
    if (fields.measure) parts.push(fields.measure);
  }
  return parts.join(' · ');
}

/**
 * A figure's amount as a reader would write it: "almost 20×" for a ratio ("almost 20 times"
 * has unit "ratio", a word no one writes after a number), "12%" for a percentage, else
 * "1,526 requests".
 */
export function figureAmount(fields: Pick<AnnotationFields, 'qualifier' | 'value' | 'unit'>): string {
  const value = fields.value != null ? formatFigureValue(fields.value) : null;
  const unit = fields.unit?.trim() || null;
  const number =
    value && unit === 'ratio' ? `${value}×` : value && unit === '%' ? `${value}%` : [value, unit === 'ratio' ? 'times' : unit].filter(Boolean).join(' ');
  return [fields.qualifier, number].filter(Boolean).join(' ');
}
