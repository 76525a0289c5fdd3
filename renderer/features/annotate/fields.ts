/**
 * The editor form of each kind. Which fields a kind has comes from core (FIELDS_BY_KIND);
 * this adds only what the form needs: labels, input types, choices, hints.
 */
import { FIELDS_BY_KIND, type AnnotationFields, type AnnotationKind } from '../../../core/model';
import { formatFigureValue } from '../../ui/format';
import { messagesNow } from '../../i18n';
import { commonMessages } from '../../i18n/common';
import { annotateMessages } from './messages';

export type FieldName = keyof AnnotationFields;
export type FieldType = 'text' | 'number' | 'select' | 'textarea' | 'speaker';

export interface FieldSpec {
  name: FieldName | 'comment';
  label: string;
  type: FieldType;
  placeholder?: string;
  options?: readonly { value: string; label: string }[];
}

/** Each field's input type and choices; its label and hint come from the messages, in the window's language. */
const SPECS: Partial<Record<FieldName, { type: FieldType; options?: readonly string[] }>> = {
  speaker: { type: 'speaker' },
  speakerRole: { type: 'text' },
  quoteType: { type: 'select', options: ['direct', 'indirect', 'mixed'] },
  cue: { type: 'text' },
  claimant: { type: 'text' },
  verdict: { type: 'select', options: ['unverified', 'supported', 'disputed', 'false', 'misleading', 'unsupported'] },
  evidenceNote: { type: 'textarea' },
  value: { type: 'number' },
  unit: { type: 'text' },
  qualifier: { type: 'text' },
  measure: { type: 'text' },
  period: { type: 'text' },
};

/** The kind's fields, labelled in the window's language at the time of the call. */
export function fieldsOf(kind: AnnotationKind): FieldSpec[] {
  const m = messagesNow(annotateMessages);
  return FIELDS_BY_KIND[kind].map((name) => {
    const spec = SPECS[name];
    const choices = name === 'verdict' ? m.verdict : m.quoteType;
    return {
      name,
      label: m.fieldLabel[name] ?? name,
      type: spec?.type ?? 'text',
      ...(m.fieldPlaceholder[name] ? { placeholder: m.fieldPlaceholder[name] } : {}),
      ...(spec?.options ? { options: spec.options.map((value) => ({ value, label: choices[value] ?? value })) } : {}),
    };
  });
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
  const common = messagesNow(commonMessages);
  const parts: string[] = [];
  if (kind === 'quote') {
    if (fields.speaker) parts.push(fields.speaker);
    if (fields.quoteType) parts.push(common.quoteTypeName[fields.quoteType] ?? fields.quoteType);
  } else if (kind === 'claim') {
    if (fields.claimant) parts.push(fields.claimant);
    if (fields.verdict) parts.push(common.verdictName[fields.verdict] ?? fields.verdict);
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
    value && unit === 'ratio'
      ? `${value}×`
      : value && unit === '%'
        ? `${value}%`
        : [value, unit === 'ratio' ? messagesNow(annotateMessages).times : unit].filter(Boolean).join(' ');
  return [fields.qualifier, number].filter(Boolean).join(' ');
}
