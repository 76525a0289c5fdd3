/** `--field name=value` pairs → a validated AnnotationFields object. */
import { AnnotationFields } from '../core/model/index.js';
import { usageError } from './errors.js';

const FIELD_NAMES = Object.keys(AnnotationFields.shape);

/**
 * Each value is tried as text first and then as a number, so the schema decides the type
 * (`value=1526` is a number, `speaker=Oleg Chernyavsky` text). An empty value clears the field.
 */
export function parseFields(pairs: string[]): AnnotationFields {
  const fields: Record<string, unknown> = {};
  for (const pair of pairs) {
    const eq = pair.indexOf('=');
    if (eq <= 0) throw usageError(`--field expects name=value, got "${pair}"`);
    const name = pair.slice(0, eq).trim();
    const raw = pair.slice(eq + 1);
    if (!FIELD_NAMES.includes(name)) throw usageError(`unknown field "${name}"; fields are: ${FIELD_NAMES.join(', ')}`);
    fields[name] = coerce(name, raw);
  }
  return AnnotationFields.parse(fields);
}

function coerce(name: string, raw: string): unknown {
  if (raw.trim() === '') return null;
  const candidates: unknown[] = [raw];
  const asNumber = Number(raw.replace(/[,_](?=\d{3}\b)/g, ''));
  if (Number.isFinite(asNumber)) candidates.push(asNumber);
  for (const value of candidates) {
    if (AnnotationFields.safeParse({ [name]: value }).success) return value;
  }
  const result = AnnotationFields.safeParse({ [name]: raw });
  const reason = result.success ? '' : (result.error.issues[0]?.message ?? '');
  throw usageError(`bad value for field "${name}": "${raw}"${reason ? ` (${reason})` : ''}`);
}
