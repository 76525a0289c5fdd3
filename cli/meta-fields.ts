/** `--set field=value` and `--unset field` → the patch updateArticleMeta takes. */
import { META_FIELDS, type MetaField } from '../core/model/index.js';
import { usageError } from './errors.js';

/** The names a person types (as the window labels them), beside the model's own. */
const FRIENDLY: Record<string, MetaField> = {
  outlet: 'siteName',
  url: 'sourceUrl',
  address: 'sourceUrl',
  published: 'publishedAt',
  date: 'publishedAt',
  language: 'lang',
  direction: 'dir',
  author: 'authors',
};

/** For help and errors: each field as typed, with its model name when that differs. */
export const META_FIELD_HELP = 'title, authors, outlet (siteName), section, url (sourceUrl), published (publishedAt), lang, dir, note';

export function metaField(name: string): MetaField {
  const key = name.trim();
  const lower = key.toLowerCase();
  const field = FRIENDLY[lower] ?? META_FIELDS.find((f) => f.toLowerCase() === lower);
  if (!field) throw usageError(`unknown metadata field "${key}"; fields are: ${META_FIELD_HELP}`);
  return field;
}

/**
 * Authors are separated by semicolons; without one, by commas. So "Ann Lee, Bo Chen" is two
 * authors, and "Lee, Ann; Chen, Bo" keeps the family-name-first form of each.
 */
export function splitAuthors(raw: string): string[] {
  const separator = raw.includes(';') ? ';' : ',';
  return raw
    .split(separator)
    .map((a) => a.trim())
    .filter((a) => a !== '');
}

export type MetaPatchInput = Partial<Record<MetaField, unknown>>;

/** The values stay text here; the record's schema checks each one and names the field that is wrong. */
export function parseMetaPatch(sets: readonly string[], unsets: readonly string[]): MetaPatchInput {
  const patch: MetaPatchInput = {};
  const named = (field: MetaField, as: string) => {
    if (field in patch) throw usageError(`"${as}" is given more than once; set or unset each field once`);
  };
  for (const pair of sets) {
    const eq = pair.indexOf('=');
    if (eq <= 0) throw usageError(`--set expects field=value, got "${pair}" (to clear a correction use --unset ${pair || 'field'})`);
    const field = metaField(pair.slice(0, eq));
    named(field, pair.slice(0, eq).trim());
    const value = pair.slice(eq + 1);
    patch[field] = field === 'authors' ? splitAuthors(value) : value;
  }
  for (const name of unsets) {
    const field = metaField(name);
    named(field, name.trim());
    patch[field] = null;
  }
  return patch;
}
