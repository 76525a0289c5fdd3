import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { annotationsToCsv, CSV_COLUMNS } from '../../../core/bundle/index.js';
import { FIELDS_BY_KIND, type Annotation } from '../../../core/model/index.js';
import { annotationsForA, annotationsForB } from './samples.js';

const A = '01HV6Z1Q2W3E4R5T6Y7U8I9O0P';
const B = '01HV6Z1Q2W3E4R5T6Y7U8I9O0Q';
const snapshots = [
  { id: A, title: 'NYPD says it will not help ICE' },
  { id: B, title: 'Budget hearing, day two' },
];
const annotations: Annotation[] = [...annotationsForA(A), ...annotationsForB(B)];
const live = annotations.filter((a) => a.deletedAt === null);

const rowsOf = (csv: string) => parse(csv, { columns: true, bom: true }) as Record<string, string>[];

describe('annotations.csv', () => {
  it('has the documented header: ids, snapshot, kind, selectors, every kind field, tags, comment, times', () => {
    const [header] = parse(annotationsToCsv(snapshots, annotations)) as string[][];
    const fields = [...new Set(Object.values(FIELDS_BY_KIND).flat())];
    expect(header).toEqual([...CSV_COLUMNS]);
    expect(header).toEqual([
      'id',
      'snapshotId',
      'snapshotTitle',
      'kind',
      'exact',
      'start',
      'end',
      'prefix',
      'suffix',
      ...fields,
      'tags',
      'comment',
      'created',
      'updated',
      'origin',
      'detector',
      'confidence',
      'accepted',
      'createdBy',
      'modifiedBy',
    ]);
  });

  it('has one row per live annotation whose cells read back to the annotation', () => {
    const rows = rowsOf(annotationsToCsv(snapshots, annotations, { formulaGuard: false }));
    expect(rows).toHaveLength(live.length);
    for (const a of live) {
      const row = rows.find((r) => r.id === a.id)!;
      expect(row, a.id).toBeDefined();
      expect(row.snapshotId).toBe(a.snapshotId);
      expect(row.snapshotTitle).toBe(snapshots.find((s) => s.id === a.snapshotId)!.title);
      expect(row.kind).toBe(a.kind);
      expect(row.exact).toBe(a.target.quote.exact);
      expect(Number(row.start)).toBe(a.target.position.start);
      expect(Number(row.end)).toBe(a.target.position.end);
      expect(row.prefix).toBe(a.target.quote.prefix);
      expect(row.suffix).toBe(a.target.quote.suffix);
      expect(row.tags).toBe(a.tags.join('; '));
      expect(row.comment).toBe(a.comment);
      expect(row.created).toBe(a.createdAt);
      expect(row.updated).toBe(a.updatedAt);
      for (const f of FIELDS_BY_KIND[a.kind]) {
        const v = a.fields[f];
        expect(row[f], `${a.kind}.${f}`).toBe(v === null || v === undefined ? '' : String(v));
      }
      // Another kind's column stays empty.
      const other = Object.values(FIELDS_BY_KIND)
        .flat()
        .filter((f) => !FIELDS_BY_KIND[a.kind].includes(f));
      for (const f of other) expect(row[f], `${a.kind} row, column ${f}`).toBe('');
    }
  });

  it('keeps rows in text order and tombstones out unless asked', () => {
    const rows = rowsOf(annotationsToCsv(snapshots, annotations));
    const positions = rows.map((r) => [r.snapshotId, Number(r.start)] as const);
    for (let i = 1; i < positions.length; i++) {
      const [s0, p0] = positions[i - 1]!;
      const [s1, p1] = positions[i]!;
      expect(s0 === s1 ? p0 <= p1 : s0 === A && s1 === B).toBe(true);
    }
    const all = rowsOf(annotationsToCsv(snapshots, annotations, { includeDeleted: true }));
    expect(all).toHaveLength(annotations.length);
    const dead = annotations.find((a) => a.deletedAt !== null)!;
    expect(all.find((r) => r.id === dead.id)!.deleted).toBe(dead.deletedAt);
  });

  it('guards cells a spreadsheet would run as formulas, but not plain numbers', () => {
    const rows = rowsOf(annotationsToCsv(snapshots, annotations));
    const note = annotations.find((a) => a.kind === 'note')!;
    expect(rows.find((r) => r.id === note.id)!.comment).toBe(`'${note.comment}`);
    const csv = annotationsToCsv(snapshots, [
      { ...note, comment: '-12' },
      { ...note, id: 'x', comment: '@cmd' },
    ]);
    expect(rowsOf(csv).map((r) => r.comment)).toEqual(['-12', "'@cmd"]);
  });

  it('writes CRLF records and an optional byte order mark', () => {
    const csv = annotationsToCsv(snapshots, annotations, { bom: true });
    expect(csv.charCodeAt(0)).toBe(0xfeff);
    expect(csv.split('\r\n')[0]).toBe(`\ufeff${CSV_COLUMNS.join(',')}`);
  });
});

describe('quoting', () => {
  it('quotes every cell with a comma, a quote or any line break, and reads back cell for cell', () => {
    const annotations = [...annotationsForA('snap-a'), ...annotationsForB('snap-b')];
    const awkward = { ...annotations[0]!, id: 'awkward', comment: 'tab\there, "quoted", comma, new\nline, CR\rhere, trailing space ' };
    const snapshots = [
      { id: 'snap-a', title: 'A, "the" first' },
      { id: 'snap-b', title: 'B' },
    ];
    const csv = annotationsToCsv(snapshots, [...annotations, awkward], { includeDeleted: true });
    // A bare line feed inside an unquoted cell splits the row in spreadsheet programs.
    const unquoted = csv.split(/"(?:[^"]|"")*"/).join('');
    expect(unquoted.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
    const rows = parse(csv, { columns: true }) as Record<string, string>[];
    expect(rows.find((r) => r.id === 'awkward')!.comment).toBe(awkward.comment);
    expect(rows.find((r) => r.id === annotations[0]!.id)!.suffix).toBe(annotations[0]!.target.quote.suffix);
    expect(rows.find((r) => r.id === 'awkward')!.snapshotTitle).toBe('A, "the" first');
  });
});
