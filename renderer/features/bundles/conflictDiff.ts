/**
 * Two (or more) versions of one annotation side by side: the rows where they differ, in
 * words, and the edit that brings back the version shown before a resolution (for undo).
 * No React here.
 */
import { authorText, type Annotation } from '../../../core/model';
import { messagesNow } from '../../i18n';
import { commonMessages } from '../../i18n/common';
import { bundlesMessages } from './messages';

export interface DiffRow {
  label: string;
  /** One value per version, in the order given. */
  values: string[];
}

export interface Names {
  tag(id: string): string;
  speaker(id: string): string;
}

const EMPTY = '—';

function show(key: string, value: unknown, names: Names): string {
  const m = messagesNow(bundlesMessages);
  if (value === null || value === undefined || value === '') return EMPTY;
  if (key === 'speaker' && typeof value === 'string') return names.speaker(value);
  if (key === 'evidence' && Array.isArray(value)) {
    return value.length
      ? value.map((e: { url?: string | null; note?: string }) => [e.url, e.note].filter(Boolean).join(' — ') || m.linkToAnnotation).join('; ')
      : EMPTY;
  }
  if (Array.isArray(value)) return value.length ? JSON.stringify(value) : EMPTY;
  return String(value);
}

/** The rows where the versions differ; "Edited" (when each was last changed) always comes first. */
export function differingRows(versions: readonly Annotation[], names: Names, when: (iso: string) => string): DiffRow[] {
  const m = messagesNow(bundlesMessages);
  const kindName = messagesNow(commonMessages).kindName;
  const rows: DiffRow[] = [{ label: m.rowEdited, values: versions.map((v) => when(v.updatedAt)) }];
  const add = (label: string, values: string[]) => {
    if (new Set(values).size > 1) rows.push({ label, values });
  };
  // Who made each version, always beside when, once any version names someone (Settings → name).
  if (versions.some((v) => v.modifiedBy || v.createdBy)) {
    rows.push({ label: m.rowChangedBy, values: versions.map((v) => (v.modifiedBy ? authorText(v.modifiedBy) : m.someoneUnnamed)) });
  }
  add(
    m.rowAddedBy,
    versions.map((v) => (v.createdBy ? authorText(v.createdBy) : EMPTY)),
  );
  add(
    m.rowStatus,
    versions.map((v) => (v.deletedAt ? m.statusDeleted : m.statusLive)),
  );
  add(
    m.rowKind,
    versions.map((v) => kindName[v.kind]),
  );
  add(
    m.rowQuotedText,
    versions.map((v) => v.target.quote.exact),
  );
  add(
    m.rowPosition,
    versions.map((v) => m.position(v.target.position.start, v.target.position.end)),
  );
  add(
    m.rowComment,
    versions.map((v) => v.comment || EMPTY),
  );
  add(
    m.rowTags,
    versions.map((v) => v.tags.map(names.tag).sort().join(', ') || EMPTY),
  );
  const keys = [...new Set(versions.flatMap((v) => Object.keys(v.fields)))];
  for (const key of keys)
    add(
      m.fieldLabel[key] ?? key,
      versions.map((v) => show(key, (v.fields as Record<string, unknown>)[key], names)),
    );
  add(
    m.rowLinks,
    versions.map((v) => v.links.map((l) => l.rel).join(', ') || EMPTY),
  );
  add(
    m.rowAccepted,
    versions.map((v) => (v.origin.accepted === null ? EMPTY : v.origin.accepted ? m.yes : m.no)),
  );
  return rows;
}
