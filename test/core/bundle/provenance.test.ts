/**
 * Issue 14: a suggestion's provenance travels into the open formats. W3C JSON-LD names the
 * detector as `generator` (Software, with its version) beside glossa:origin; the CSV has
 * origin columns on every row; the Markdown report says which annotations were suggested.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import jsonld from 'jsonld';
import { describe, expect, it } from 'vitest';
import { annotationFromJsonLd, annotationsToCsv, annotationsToJsonLd, annotationToJsonLd } from '../../../core/bundle/index.js';
import { ORIGIN_COLUMNS } from '../../../core/bundle/csv.js';
import { toMarkdown } from '../../../core/exports/markdown.js';
import { Annotation, Snapshot } from '../../../core/model/index.js';
import { makeAnnotation, TEXT_A } from './samples.js';
import { loadMustValidator, W3C_DIR } from './w3c.js';

const A = '01HV6Z1Q2W3E4R5T6Y7U8I9O0P';
const snapshots = [{ id: A, title: 'NYPD says it will not help ICE', sourceUrl: 'https://example.org/nypd-ice' }];

const suggested = (accepted: boolean | null, detector = 'glossa-figures@1.0.0', confidence = 0.87): Annotation =>
  Annotation.parse({
    ...makeAnnotation(A, TEXT_A, { id: 'figure-1', kind: 'figure', exact: 'about 30\u00a0percent', fields: { value: 30, unit: 'percent' } }),
    origin: { type: 'suggested', detector, accepted, confidence },
    ...(accepted === false ? { deletedAt: '2024-03-02T10:00:00.000Z' } : {}),
  });
const human = () => makeAnnotation(A, TEXT_A, { kind: 'quote', exact: '“¿qué pasa?” 👩🏽‍⚕️', fields: { speaker: 'Café owners' } });

describe('W3C generator', () => {
  it('names a suggestion’s detector and version as Software, and keeps glossa:origin whole', () => {
    const item = annotationToJsonLd(suggested(true), snapshots[0]) as Record<string, any>;
    expect(item.generator).toEqual({
      id: 'urn:glossa:detector:glossa-figures@1.0.0',
      type: 'Software',
      name: 'glossa-figures',
      'schema:softwareVersion': '1.0.0',
    });
    expect(item['glossa:origin']).toEqual({ type: 'suggested', detector: 'glossa-figures@1.0.0', accepted: true, confidence: 0.87 });
    // Reading back takes the origin from glossa:origin: nothing is lost or doubled.
    expect(annotationFromJsonLd(JSON.parse(JSON.stringify(item)))).toEqual(suggested(true));
  });

  it('writes no generator for a person’s annotation, and a detector without a version has none', () => {
    expect(annotationToJsonLd(human(), snapshots[0])).not.toHaveProperty('generator');
    const item = annotationToJsonLd(suggested(null, 'figures-v1'), snapshots[0]) as Record<string, any>;
    expect(item.generator).toEqual({ id: 'urn:glossa:detector:figures-v1', type: 'Software', name: 'figures-v1' });
    const odd = annotationToJsonLd(suggested(null, 'my detector/2@β 1'), snapshots[0]) as Record<string, any>;
    expect(odd.generator.id).toBe('urn:glossa:detector:my%20detector%2F2@%CE%B2%201');
    expect(() => new URL(odd.generator.id)).not.toThrow();
  });

  describe.skipIf(!W3C_DIR)('against the W3C test suite (skipped when ../shared/corpora/w3c-web-annotation-tests is absent)', () => {
    const v = W3C_DIR ? loadMustValidator() : null;

    it('passes every MUST and implements the generator SHOULDs (id, type, name)', () => {
      const doc = JSON.parse(JSON.stringify(annotationsToJsonLd(snapshots, [suggested(true), suggested(false), human()])));
      for (const item of doc.first.items) expect(v!.failures('annotation', item), item.id).toEqual([]);
      const item = doc.first.items.find((i: Record<string, unknown>) => i.generator);
      for (const assertion of [
        '3.3.1-annotationGeneratorImplemented',
        '3.3.2-annotationGeneratorAgentIdImplemented',
        '3.3.2-annotationGeneratorAgentTypeImplemented',
        '3.3.2-annotationGeneratorAgentNameImplemented',
      ]) {
        expect(v!.meets(`annotations/${assertion}.json`, item), assertion).toBe(true);
        // The check bites: the person's annotation has no generator.
        expect(
          v!.meets(
            `annotations/${assertion}.json`,
            doc.first.items.find((i: Record<string, unknown>) => !i.generator),
          ),
          assertion,
        ).toBe(false);
      }
    });

    it('expands with the official context to as:generator, keeping name and version', async () => {
      const documentLoader = async (url: string) => {
        if (url !== 'http://www.w3.org/ns/anno.jsonld') throw new Error(`offline test: refusing to load ${url}`);
        return { contextUrl: null, documentUrl: url, document: JSON.parse(readFileSync(join(W3C_DIR!, 'context', 'anno.jsonld'), 'utf8')) };
      };
      const [node] = (await jsonld.expand(annotationToJsonLd(suggested(null)) as any, { documentLoader, safe: true } as any)) as unknown as any[];
      const [generator] = node['http://www.w3.org/ns/activitystreams#generator'];
      expect(generator['@id']).toBe('urn:glossa:detector:glossa-figures@1.0.0');
      expect(generator['@type']).toEqual(['http://www.w3.org/ns/activitystreams#Application']);
      expect(generator['http://xmlns.com/foaf/0.1/name'][0]['@value']).toBe('glossa-figures');
      expect(generator['http://schema.org/softwareVersion'][0]['@value']).toBe('1.0.0');
    });
  });
});

describe('CSV origin columns', () => {
  const rowsOf = (csv: string) => parse(csv, { columns: true }) as Record<string, string>[];

  it('says on every row who made the annotation, and for a suggestion the detector, confidence and review', () => {
    const pending = { ...suggested(null), id: 'pending' };
    const accepted = { ...suggested(true), id: 'accepted' };
    const rejected = { ...suggested(false), id: 'rejected' };
    const person = { ...human(), id: 'person' };
    const csv = annotationsToCsv(snapshots, [pending, accepted, rejected, person], { includeDeleted: true });
    const header = csv.split('\r\n')[0]!.split(',');
    expect(header.slice(header.indexOf('updated') + 1, header.indexOf('updated') + 5)).toEqual([...ORIGIN_COLUMNS]);
    const byId = Object.fromEntries(rowsOf(csv).map((r) => [r.id, r]));
    const origin = (id: string) => ORIGIN_COLUMNS.map((c) => byId[id]![c]);
    expect(origin('pending')).toEqual(['suggested', 'glossa-figures@1.0.0', '0.87', '']);
    expect(origin('accepted')).toEqual(['suggested', 'glossa-figures@1.0.0', '0.87', 'true']);
    expect(origin('rejected')).toEqual(['suggested', 'glossa-figures@1.0.0', '0.87', 'false']);
    expect(origin('person')).toEqual(['human', '', '', '']);
  });

  it('guards a detector name a spreadsheet would run as a formula', () => {
    const csv = annotationsToCsv(snapshots, [suggested(null, '=HYPERLINK("x")@1')]);
    expect(rowsOf(csv)[0]!.detector).toBe('\'=HYPERLINK("x")@1');
  });
});

describe('Markdown report', () => {
  it('marks suggestions, accepted or not yet reviewed; a rejected one is in the trash and absent', () => {
    const hash = 'a'.repeat(64);
    const snapshot = Snapshot.parse({
      id: A,
      title: 'NYPD says it will not help ICE',
      capturedAt: '2024-03-01T10:00:00.000Z',
      captureMethod: 'paste',
      wordCount: 40,
      textHash: hash,
      htmlHash: hash,
      blocks: [],
    });
    const report = (list: Annotation[]) => toMarkdown({ sources: [{ snapshot, text: TEXT_A, annotations: list }] });
    expect(report([suggested(true)])).toMatch(/\(characters \d+–\d+; suggested, accepted\)/);
    expect(report([suggested(null)])).toMatch(/\(characters \d+–\d+; suggested, not reviewed\)/);
    expect(report([suggested(false)])).not.toContain('suggested');
    expect(report([human()])).not.toContain('suggested');
  });
});
