import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { annotationFromJsonLd, annotationsToJsonLd, annotationToJsonLd } from '../../../core/bundle/index.js';
import type { Annotation } from '../../../core/model/index.js';
import { annotationsForA, annotationsForB, makeAnnotation, TEXT_A } from './samples.js';
import { loadMustValidator, W3C_DIR } from './w3c.js';

const A = '01HV6Z1Q2W3E4R5T6Y7U8I9O0P';
const B = '0190c3a2-7f1e-7abc-8def-0123456789ab';
const snapshots = [
  { id: A, title: 'NYPD says it will not help ICE', sourceUrl: 'https://example.org/nypd-ice' },
  { id: B, title: 'Budget hearing', sourceUrl: null },
];

function sample(): Annotation[] {
  return [
    ...annotationsForA(A),
    ...annotationsForB(B),
    // Ids need not be UUIDs; they must still travel.
    makeAnnotation(A, TEXT_A, { kind: 'note', exact: 'Tuesday', id: 'legacy:note/7 with spaces' }),
  ];
}

describe('W3C Web Annotation JSON-LD', () => {
  it('round-trips every Glossa field through the JSON text, tombstones included', () => {
    const annotations = sample();
    const doc = JSON.parse(JSON.stringify(annotationsToJsonLd(snapshots, annotations))) as { first: { items: unknown[] } };
    const back = doc.first.items.map(annotationFromJsonLd);
    const byId = (list: Annotation[]) => [...list].sort((x, y) => (x.id < y.id ? -1 : 1));
    expect(byId(back)).toEqual(byId(annotations));
    expect(back.filter((a) => a.deletedAt !== null)).toHaveLength(1);
  });

  it('uses standard properties where the model has them', () => {
    const [quote] = annotationsForA(A);
    const item = annotationToJsonLd(quote!, snapshots[0]) as Record<string, any>;
    expect(item.id).toBe(`urn:uuid:${quote!.id}`);
    expect(item.created).toBe(quote!.createdAt);
    expect(item.modified).toBe(quote!.updatedAt);
    expect(item.target.source).toBe(`urn:glossa:snapshot:${A}`);
    expect(item.target.scope).toBe('https://example.org/nypd-ice');
    expect(item.target.selector).toEqual([quote!.target.quote, quote!.target.position]);
    expect(item.target.selector.map((s: { type: string }) => s.type)).toEqual(['TextQuoteSelector', 'TextPositionSelector']);
    const purposes = (item.body as { purpose: string; value: string }[]).map((b) => [b.purpose, b.value]);
    expect(purposes).toEqual([
      ['classifying', 'quote'],
      ['tagging', 'immigration'],
      ['tagging', 'policing'],
      ['commenting', quote!.comment],
    ]);
  });

  it('writes the page address as a URI (spaces and non-ASCII letters escaped), and only a web address', () => {
    const [quote] = annotationsForA(A);
    const scope = (sourceUrl: string | null) => (annotationToJsonLd(quote!, { id: A, sourceUrl }) as Record<string, any>).target.scope;
    expect(scope('https://example.org/новости/a b?q=явка')).toBe(
      'https://example.org/%D0%BD%D0%BE%D0%B2%D0%BE%D1%81%D1%82%D0%B8/a%20b?q=%D1%8F%D0%B2%D0%BA%D0%B0',
    );
    expect(scope('https://example.org/nypd-ice')).toBe('https://example.org/nypd-ice');
    expect(scope('file:///home/me/article.html')).toBeUndefined();
    expect(scope(null)).toBeUndefined();
  });

  it('orders items by snapshot, then position, and counts them in total', () => {
    const annotations = sample().reverse();
    const doc = annotationsToJsonLd(snapshots, annotations) as { total: number; first: { items: Record<string, any>[] } };
    expect(doc.total).toBe(annotations.length);
    const keys = doc.first.items.map((i) => [i.target.source, i.target.selector[1].start]);
    const sorted = [...keys].sort((x, y) => (x[0] === y[0] ? x[1] - y[1] : x[0] === `urn:glossa:snapshot:${A}` ? -1 : 1));
    expect(keys).toEqual(sorted);
  });

  it('refuses an item that lost its Glossa kind or whose kind and classifying body disagree', () => {
    const item = annotationToJsonLd(annotationsForB(B)[0]!) as Record<string, any>;
    expect(() => annotationFromJsonLd({ ...item, 'glossa:kind': 'quote' })).toThrow(/classifying/);
    const { ['glossa:kind']: _drop, ...noKind } = item;
    expect(() => annotationFromJsonLd(noKind)).toThrow(/glossa:kind/);
    expect(() => annotationFromJsonLd({ ...item, 'glossa:fields': { speaker: 3 } })).toThrow(/speaker/);
  });
});

describe.skipIf(!W3C_DIR)('W3C test suite MUST assertions (skipped when ../shared/corpora/w3c-web-annotation-tests is absent)', () => {
  const v = W3C_DIR ? loadMustValidator() : null;

  it('the harness accepts the spec examples and rejects the broken ones', () => {
    const dir = (kind: string) => join(W3C_DIR!, 'spec-examples', kind);
    const load = (kind: string) =>
      readdirSync(dir(kind)).flatMap((f) => {
        try {
          return [[f, JSON.parse(readFileSync(join(dir(kind), f), 'utf8'))] as const];
        } catch {
          return []; // some incorrect samples are not JSON at all
        }
      });
    const correct = load('correct').filter(([, v]) => v.type === 'Annotation');
    expect(correct.length).toBeGreaterThan(20);
    for (const [f, value] of correct) {
      // The suite's 3.2-targetObjectsRecognized does not know List targets (its own gap, spec example 40).
      if (value.target?.type === 'List') continue;
      expect(v!.failures('annotation', value), f).toEqual([]);
    }
    const incorrect = load('incorrect');
    expect(incorrect.length).toBeGreaterThan(10);
    for (const [f, value] of incorrect) expect(v!.failures('annotation', value).length, f).toBeGreaterThan(0);
    const item = annotationToJsonLd(annotationsForB(B)[0]!) as Record<string, unknown>;
    expect(v!.failures('annotation', { ...item, id: 'not a uri' }).length).toBeGreaterThan(0);
    expect(v!.failures('annotation', { ...item, created: '1 March 2024' }).length).toBeGreaterThan(0);
    expect(v!.failures('annotation', { ...item, bodyValue: 'x' }).length).toBeGreaterThan(0);
  });

  it('every exported annotation passes every MUST assertion, and the collection every collection and page MUST', () => {
    const doc = JSON.parse(JSON.stringify(annotationsToJsonLd(snapshots, sample(), { created: '2024-03-04T12:00:00.000Z' })));
    expect(v!.suites.annotation.length).toBeGreaterThan(40);
    for (const item of doc.first.items) expect(v!.failures('annotation', item), item.id).toEqual([]);
    expect(v!.failures('collection', doc)).toEqual([]);
    expect(v!.failures('page', doc)).toEqual([]);
  });

  it('an empty collection is valid too', () => {
    const doc = JSON.parse(JSON.stringify(annotationsToJsonLd([], [])));
    expect(v!.failures('collection', doc)).toEqual([]);
  });
});
if (!W3C_DIR) console.warn('[bundle] W3C JSON-LD validation skipped: ../shared/corpora/w3c-web-annotation-tests is absent');
