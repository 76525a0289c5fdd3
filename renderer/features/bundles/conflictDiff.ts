/**
 * Two (or more) versions of one annotation side by side: the rows where they differ, in
 * words, and the edit that brings back the version shown before a resolution (for undo).
 * No React here.
 */
import { authorText, type Annotation } from '../../../core/model';

export interface DiffRow {
  label: string;
  /** One value per version, in the order given. */
  values: string[];
}

export interface Names {
  tag(id: string): string;
  speaker(id: string): string;
}

const FIELD_LABEL: Record<string, string> = {
  speaker: 'Speaker',
  speakerRole: 'Speaker’s role',
  quoteType: 'Quote type',
  cue: 'Cue',
  claimant: 'Claimant',
  verdict: 'Verdict',
  evidenceNote: 'Evidence note',
  evidence: 'Evidence',
  checkworthiness: 'Check-worthiness',
  value: 'Value',
  unit: 'Unit',
  qualifier: 'Qualifier',
  measure: 'Measure',
  period: 'Period',
};

const EMPTY = '—';

function show(key: string, value: unknown, names: Names): string {
  if (value === null || value === undefined || value === '') return EMPTY;
  if (key === 'speaker' && typeof value === 'string') return names.speaker(value);
  if (key === 'evidence' && Array.isArray(value)) {
    return value.length
      ? value.map((e: { url?: string | null; note?: string }) => [e.url, e.note].filter(Boolean).join(' — ') || 'a link to an annotation').join('; ')
      : EMPTY;
  }
  if (Array.isArray(value)) return value.length ? JSON.stringify(value) : EMPTY;
  return String(value);
}

/** The rows where the versions differ; "Edited" (when each was last changed) always comes first. */
export function differingRows(versions: readonly Annotation[], names: Names, when: (iso: string) => string): DiffRow[] {
  const rows: DiffRow[] = [{ label: 'Edited', values: versions.map((v) => when(v.updatedAt)) }];
  const add = (label: string, values: string[]) => {
    if (new Set(values).size > 1) rows.push({ label, values });
  };
  // Who made each version, always beside when, once any version names someone (Settings → name).
  if (versions.some((v) => v.modifiedBy || v.createdBy)) {
    rows.push({ label: 'Changed by', values: versions.map((v) => (v.modifiedBy ? authorText(v.modifiedBy) : 'someone unnamed')) });
  }
  add(
    'Added by',
    versions.map((v) => (v.createdBy ? authorText(v.createdBy) : EMPTY)),
  );
  add(
    'Status',
    versions.map((v) => (v.deletedAt ? 'Deleted (in the trash)' : 'Live')),
  );
  add(
    'Kind',
    versions.map((v) => v.kind),
  );
  add(
    'Quoted text',
    versions.map((v) => v.target.quote.exact),
  );
  add(
    'Position',
    versions.map((v) => `characters ${v.target.position.start}–${v.target.position.end}`),
  );
  add(
    'Comment',
    versions.map((v) => v.comment || EMPTY),
  );
  add(
    'Tags',
    versions.map((v) => v.tags.map(names.tag).sort().join(', ') || EMPTY),
  );
  const keys = [...new Set(versions.flatMap((v) => Object.keys(v.fields)))];
  for (const key of keys)
    add(
      FIELD_LABEL[key] ?? key,
      versions.map((v) => show(key, (v.fields as Record<string, unknown>)[key], names)),
    );
  add(
    'Links',
    versions.map((v) => v.links.map((l) => l.rel).join(', ') || EMPTY),
  );
  add(
    'Accepted',
    versions.map((v) => (v.origin.accepted === null ? EMPTY : v.origin.accepted ? 'yes' : 'no')),
  );
  return rows;
}
