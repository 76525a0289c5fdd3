/**
 * Issue 16, authorship in the sharing formats: CSV columns createdBy and modifiedBy; W3C
 * `creator` (a Person with a mailto: e-mail) and `glossa:modifiedBy`, conforming to the W3C
 * test suite and read back exactly; other tools' creators kept as a one-line createdBy.
 */
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { AUTHOR_COLUMNS, ORIGIN_COLUMNS } from '../../../core/bundle/csv.js';
import { annotationsToCsv } from '../../../core/bundle/index.js';
import { annotationFromJsonLd, annotationToJsonLd } from '../../../core/bundle/jsonld.js';
import { parseW3CAnnotations, planW3CImport } from '../../../core/bundle/w3c-import.js';
import { Annotation, AUTHOR_NAME_MAX } from '../../../core/model/index.js';
import { makeAnnotation, TEXT_A } from './samples.js';
import { loadMustValidator, W3C_DIR } from './w3c.js';

const A = '01HV6Z1Q2W3E4R5T6Y7U8I9O0P';
const ANA = { name: 'Ana Ruiz', email: 'ana@example.org' };
const BEN = { name: 'Ben Okafor' };

const base = makeAnnotation(A, TEXT_A, { kind: 'quote', exact: 'will not', fields: { speaker: 'Oleg Chernyavsky' } });
const authored: Annotation = { ...base, createdBy: ANA, modifiedBy: BEN, updatedAt: '2024-03-02T10:00:00.000Z' };

describe('Author schema', () => {
  it('takes a name on one line of at most 200 characters and an optional e-mail; refuses the rest, saying which', () => {
    expect(Annotation.safeParse(authored).success).toBe(true);
    expect(Annotation.safeParse(base).success).toBe(true);
    const refused = (createdBy: unknown) => {
      const r = Annotation.safeParse({ ...base, createdBy });
      return r.success ? '' : r.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    };
    expect(refused({ name: '' })).toMatch(/createdBy\.name: the name is empty/);
    expect(refused({ name: 'Ana\nRuiz' })).toMatch(/createdBy\.name: the name must be on one line/);
    expect(refused({ name: 'x'.repeat(AUTHOR_NAME_MAX + 1) })).toMatch(/createdBy\.name: the name is longer than 200/);
    expect(refused({ name: 'Ana', email: 'not an address' })).toMatch(/createdBy\.email: the e-mail must look like/);
    expect(refused({ name: 'Ana', role: 'admin' })).toMatch(/createdBy/);
  });
});

describe('CSV', () => {
  it('writes createdBy and modifiedBy after the origin columns as "Name <e-mail>", empty when unknown', () => {
    const rows = parse(annotationsToCsv([{ id: A, title: 'T' }], [authored, { ...base, id: 'no-author', target: authored.target }]), {
      columns: true,
    }) as Record<string, string>[];
    const header = Object.keys(rows[0]!);
    expect(header.slice(header.indexOf(ORIGIN_COLUMNS.at(-1)!) + 1, header.indexOf(ORIGIN_COLUMNS.at(-1)!) + 3)).toEqual([...AUTHOR_COLUMNS]);
    const byId = Object.fromEntries(rows.map((r) => [r.id, r]));
    expect(byId[authored.id]).toMatchObject({ createdBy: 'Ana Ruiz <ana@example.org>', modifiedBy: 'Ben Okafor' });
    expect(byId['no-author']).toMatchObject({ createdBy: '', modifiedBy: '' });
  });

  it('guards a name a spreadsheet would run as a formula', () => {
    const hostile = { ...authored, createdBy: { name: '=HYPERLINK("http://evil.example","x")' } };
    const [row] = parse(annotationsToCsv([{ id: A }], [hostile]), { columns: true }) as Record<string, string>[];
    expect(row!.createdBy).toBe(`'=HYPERLINK("http://evil.example","x")`);
  });
});

describe('W3C JSON-LD', () => {
  it('writes creator as a Person with a mailto: e-mail and glossa:modifiedBy; reads both back exactly', () => {
    const item = annotationToJsonLd(authored, { id: A });
    expect(item.creator).toEqual({ type: 'Person', name: 'Ana Ruiz', email: 'mailto:ana@example.org' });
    expect(item['glossa:modifiedBy']).toEqual({ type: 'Person', name: 'Ben Okafor' });
    expect(item.modified).toBe('2024-03-02T10:00:00.000Z');
    expect(annotationFromJsonLd(JSON.parse(JSON.stringify(item)))).toEqual(authored);
  });

  it('writes no creator for an annotation that names no one, and reads it back without authors', () => {
    const item = annotationToJsonLd(base, { id: A });
    expect('creator' in item).toBe(false);
    expect('glossa:modifiedBy' in item).toBe(false);
    const back = annotationFromJsonLd(JSON.parse(JSON.stringify(item)));
    expect(back).toEqual(base);
    expect('createdBy' in back).toBe(false);
  });

  it('an e-mail with characters a URI may not hold is escaped in mailto: and comes back as it was', () => {
    const odd = { ...authored, createdBy: { name: 'Zoë', email: 'zoë+news@exämple.org' } };
    const item = annotationToJsonLd(odd, { id: A });
    expect(item.creator).toEqual({ type: 'Person', name: 'Zoë', email: `mailto:${encodeURI('zoë+news@exämple.org')}` });
    expect(annotationFromJsonLd(JSON.parse(JSON.stringify(item))).createdBy).toEqual(odd.createdBy);
  });

  it('refuses a Glossa item whose creator is not a Person with a name, saying so', () => {
    const item = { ...annotationToJsonLd(authored, { id: A }), creator: { type: 'Person' } };
    expect(() => annotationFromJsonLd(item)).toThrow(/creator: name/);
    const lined = { ...annotationToJsonLd(authored, { id: A }), 'glossa:modifiedBy': { type: 'Person', name: 'Ben\nOkafor' } };
    expect(() => annotationFromJsonLd(lined)).toThrow(/modifiedBy.name: the name must be on one line/);
  });

  it.skipIf(!W3C_DIR)(
    'an authored item passes every annotation MUST and the creator assertions (skipped without ../shared/corpora/w3c-web-annotation-tests)',
    () => {
      const v = loadMustValidator();
      const item = JSON.parse(JSON.stringify(annotationToJsonLd(authored, { id: A, sourceUrl: 'https://example.org/nypd' })));
      expect(v.failures('annotation', item)).toEqual([]);
      for (const assertion of [
        '3.3.2-annotationCreatorAgentTypeImplemented',
        '3.3.2-annotationCreatorAgentNameImplemented',
        '3.3.2-annotationCreatorAgentEmailImplemented',
      ]) {
        expect(v.meets(`annotations/${assertion}.json`, item), assertion).toBe(true);
      }
    },
  );
});

describe('W3C import from other tools', () => {
  const snapshot = { snapshotId: A, text: TEXT_A, sourceUrl: 'https://example.org/nypd' };
  const item = (creator: unknown) => ({
    '@context': 'http://www.w3.org/ns/anno.jsonld',
    id: 'https://annotations.example.net/a/1',
    type: 'Annotation',
    created: '2024-05-01T09:00:00Z',
    bodyValue: 'note',
    creator,
    target: { source: 'https://example.org/nypd', selector: { type: 'TextQuoteSelector', exact: 'will not' } },
  });
  const imported = (creator: unknown) => {
    const parsed = parseW3CAnnotations(item(creator));
    expect(parsed.problems).toEqual([]);
    const plan = planW3CImport(parsed.items, [snapshot]);
    expect(plan.unmatched).toEqual([]);
    return plan.matched[0]!;
  };

  it('keeps a W3C creator (name and mailto: e-mail) as who created it', () => {
    expect(imported({ type: 'Person', name: 'Ana Ruiz', email: 'mailto:ana@example.org' }).createdBy).toEqual(ANA);
    expect(imported([{ type: 'Person', nickname: 'aruiz' }]).createdBy).toEqual({ name: 'aruiz' });
    expect('createdBy' in imported(undefined)).toBe(false);
  });

  it('makes a hostile creator one line of at most 200 characters, and drops an e-mail that is none', () => {
    const a = imported({ type: 'Person', name: `Ana\u0000\nRuiz\u2028${'x'.repeat(5000)}`, email: 'mailto:not an address' });
    expect(a.createdBy!.name.startsWith('Ana Ruiz x')).toBe(true);
    expect(a.createdBy!.name).toHaveLength(AUTHOR_NAME_MAX);
    expect('email' in a.createdBy!).toBe(false);
    expect('createdBy' in imported({ type: 'Person', name: ' \n\t ' })).toBe(false);
  });

  it('keeps a Hypothesis user’s display name', () => {
    const parsed = parseW3CAnnotations({
      rows: [
        {
          id: 'hyp-1',
          created: '2024-05-01T09:00:00Z',
          updated: '2024-05-02T09:00:00Z',
          uri: 'https://example.org/nypd',
          text: 'a note',
          user: 'acct:jdoe@hypothes.is',
          user_info: { display_name: 'Jane Doe' },
          target: [{ source: 'https://example.org/nypd', selector: [{ type: 'TextQuoteSelector', exact: 'will not' }] }],
        },
      ],
    });
    const [a] = planW3CImport(parsed.items, [snapshot]).matched;
    expect(a!.createdBy).toEqual({ name: 'Jane Doe' });
  });
});
