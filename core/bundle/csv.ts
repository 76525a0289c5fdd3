import { authorText, FIELDS_BY_KIND, type Annotation, type AnnotationFields, type AnnotationKind } from '../model/index.js';
import { textOrder, type SnapshotRef } from './jsonld.js';

/** Every kind's fields once, in FIELDS_BY_KIND order: one column each. */
export const FIELD_COLUMNS: readonly (keyof AnnotationFields)[] = [...new Set(Object.values(FIELDS_BY_KIND).flat())];

/**
 * Where an annotation came from, in every CSV: "human" or "suggested"; for a suggestion the
 * detector and its version, its confidence (0–1), and the review (true accepted, false
 * rejected, empty while waiting for review).
 */
export const ORIGIN_COLUMNS = ['origin', 'detector', 'confidence', 'accepted'] as const;

/**
 * Who created the annotation and who changed it last, "Name <e-mail>" (empty when unknown: made
 * before authorship existed, by a detector, or with no name set). After the origin columns, so
 * every earlier column keeps its place.
 */
export const AUTHOR_COLUMNS = ['createdBy', 'modifiedBy'] as const;

export const CSV_COLUMNS = [
  'id',
  'snapshotId',
  'snapshotTitle',
  'kind',
  'exact',
  'start',
  'end',
  'prefix',
  'suffix',
  ...FIELD_COLUMNS,
  'tags',
  'comment',
  'created',
  'updated',
  ...ORIGIN_COLUMNS,
  ...AUTHOR_COLUMNS,
] as const;

/**
 * Figures tagged on an image: the image's SHA-256 and the area as fractions 0–1 of its width
 * and height (empty: the whole image). Appended after every other column, so a CSV without
 * such figures stays exactly as it was.
 */
export const IMAGE_COLUMNS = ['imageHash', 'imageX', 'imageY', 'imageW', 'imageH'] as const;

/**
 * A claim's verdict history: one line per change, oldest first, "date verdict — note" (the
 * verdict "none" when it was cleared). Appended last, and only when a row has a history.
 */
export const VERDICT_HISTORY_COLUMN = 'verdictHistory';

/** Separator of the tags cell. */
export const TAG_SEPARATOR = '; ';

export interface CsvOptions {
  /** Tombstoned annotations are left out unless asked for; then a `deleted` column says when. */
  includeDeleted?: boolean;
  /** Start with a UTF-8 byte order mark, which some spreadsheet programs need to read UTF-8. */
  bom?: boolean;
  /**
   * Prefix text cells that a spreadsheet would run as a formula (=, +, -, @, tab, CR) with an
   * apostrophe. On by default: a quoted article must never execute in someone's spreadsheet.
   */
  formulaGuard?: boolean;
  /** Write IMAGE_COLUMNS: true always, false never; by default when a row is a figure on an image. */
  imageColumns?: boolean;
  /** Write VERDICT_HISTORY_COLUMN: true always, false never; by default when a claim has a verdict history. */
  verdictHistoryColumn?: boolean;
}

const PLAIN_NUMBER = /^[+-]?\d[\d.,]*$/;
const FORMULA_START = /^[=+\-@\t\r]/;
const guard = (s: string) => (FORMULA_START.test(s) && !PLAIN_NUMBER.test(s) ? `'${s}` : s);

const cell = (v: unknown): string => {
  if (v === null || v === undefined) return '';
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  return JSON.stringify(v);
};

type Column = (a: Annotation) => string;

/** One function per column, chosen once per export: a library's rows all pass here. */
function columnsOf(names: readonly string[], titles: ReadonlyMap<string, string>, protect: (s: string) => string): Column[] {
  const own = Object.fromEntries(Object.entries(FIELDS_BY_KIND).map(([kind, fields]) => [kind, new Set<string>(fields)])) as Record<
    AnnotationKind,
    Set<string>
  >;
  const fixed: Record<string, Column> = {
    id: (a) => a.id,
    snapshotId: (a) => a.snapshotId,
    snapshotTitle: (a) => protect(titles.get(a.snapshotId) ?? ''),
    kind: (a) => a.kind,
    exact: (a) => protect(a.target.quote.exact),
    start: (a) => String(a.target.position.start),
    end: (a) => String(a.target.position.end),
    prefix: (a) => protect(a.target.quote.prefix),
    suffix: (a) => protect(a.target.quote.suffix),
    tags: (a) => protect(a.tags.join(TAG_SEPARATOR)),
    comment: (a) => protect(a.comment),
    created: (a) => a.createdAt,
    updated: (a) => a.updatedAt,
    deleted: (a) => a.deletedAt ?? '',
    imageHash: (a) => a.target.image?.hash ?? '',
    imageX: (a) => cell(a.target.image?.rect?.x),
    imageY: (a) => cell(a.target.image?.rect?.y),
    imageW: (a) => cell(a.target.image?.rect?.w),
    imageH: (a) => cell(a.target.image?.rect?.h),
    origin: (a) => a.origin.type,
    detector: (a) => protect(a.origin.detector ?? ''),
    confidence: (a) => cell(a.origin.confidence),
    accepted: (a) => cell(a.origin.accepted),
    createdBy: (a) => protect(a.createdBy ? authorText(a.createdBy) : ''),
    modifiedBy: (a) => protect(a.modifiedBy ? authorText(a.modifiedBy) : ''),
    [VERDICT_HISTORY_COLUMN]: (a) =>
      a.kind === 'claim' ? (a.fields.verdictHistory ?? []).map((c) => protect(`${c.at} ${c.verdict ?? 'none'}${c.note ? ` — ${c.note}` : ''}`)).join('\n') : '',
  };
  // A kind's own fields are filled; other kinds' fields stay empty even if present.
  const field =
    (f: keyof AnnotationFields): Column =>
    (a) => {
      const v = own[a.kind].has(f) ? a.fields[f] : undefined;
      return typeof v === 'string' ? protect(v) : cell(v);
    };
  return names.map((name) => fixed[name] ?? field(name as keyof AnnotationFields));
}

/**
 * One row per annotation, spreadsheet-ready: RFC 4180 quoting, CRLF line ends, a header row,
 * the kind's own fields filled and other kinds' fields empty.
 */
export function annotationsToCsv(snapshots: readonly SnapshotRef[], annotations: readonly Annotation[], opts: CsvOptions = {}): string {
  const titles = new Map(snapshots.map((s) => [s.id, s.title ?? '']));
  const protect = opts.formulaGuard === false ? (s: string) => s : guard;
  const kept = [...annotations].sort(textOrder(snapshots)).filter((a) => opts.includeDeleted || a.deletedAt === null);
  const images = opts.imageColumns ?? kept.some((a) => a.target.image);
  const verdicts = opts.verdictHistoryColumn ?? kept.some((a) => a.kind === 'claim' && a.fields.verdictHistory?.length);
  const names: string[] = [
    ...CSV_COLUMNS,
    ...(opts.includeDeleted ? ['deleted'] : []),
    ...(images ? IMAGE_COLUMNS : []),
    ...(verdicts ? [VERDICT_HISTORY_COLUMN] : []),
  ];
  const columns = columnsOf(names, titles, protect);
  const lines = [names.map(quote).join(',')];
  for (const a of kept) lines.push(columns.map((column) => quote(column(a))).join(','));
  return (opts.bom === true ? '\ufeff' : '') + lines.join('\r\n') + '\r\n';
}

/**
 * RFC 4180 quoting: a cell holding a comma, a quote, a CR or an LF is quoted, quotes doubled.
 * (csv-stringify, used before, left a bare LF unquoted when rows end in CR LF, and spreadsheet
 * programs then split the row.) By hand, too, because a library's rows pass here on every export.
 */
const NEEDS_QUOTES = /[",\r\n]/;
function quote(cell: string): string {
  return NEEDS_QUOTES.test(cell) ? `"${cell.replace(/"/g, '""')}"` : cell;
}
