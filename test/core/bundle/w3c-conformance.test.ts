/**
 * Issue 5: every annotation a real export writes passes every MUST assertion of the W3C Web
 * Annotation test suite (../shared/corpora/w3c-web-annotation-tests, JSON Schema draft-04).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cleanTemp } from './library.js';
import { exportRealisticLibrary, loadMustValidator, URL_C, W3C_DIR, type ExportedLibrary, type MustValidator } from './w3c.js';

afterAll(cleanTemp);

describe.skipIf(!W3C_DIR)('W3C MUST assertions on a real export (skipped when ../shared/corpora/w3c-web-annotation-tests is absent)', () => {
  let lib: ExportedLibrary;
  let v: MustValidator;
  beforeAll(async () => {
    v = loadMustValidator();
    lib = await exportRealisticLibrary();
  });

  it('exports every kind, field, tag, comment, link, tombstone and script of the library', () => {
    const items = lib.jsonld.first.items as Record<string, any>[];
    expect(items).toHaveLength(lib.annotations.length);
    expect(lib.jsonld.total).toBe(lib.annotations.length);
    const kinds = new Set(items.map((i) => i['glossa:kind']));
    expect([...kinds].sort()).toEqual(['claim', 'figure', 'note', 'quote']);
    expect(items.filter((i) => i['glossa:deleted'])).toHaveLength(2);
    expect(items.some((i) => i['glossa:fields'].verdict === 'disputed' && i['glossa:fields'].evidence.length === 1)).toBe(true);
    expect(items.some((i) => i['glossa:links'])).toBe(true);
    expect(items.some((i) => i.body.some((b: any) => b.purpose === 'tagging' && b.value === '予算'))).toBe(true);
    expect(items.some((i) => /^urn:glossa:annotation:/.test(i.id))).toBe(true);
  });

  it('every item passes every annotation MUST; the collection every collection and page MUST', () => {
    const items = lib.jsonld.first.items as unknown[];
    const checks = { annotation: 0, collection: 0, page: 0 };
    for (const item of items) {
      expect(v.failures('annotation', item), (item as { id: string }).id).toEqual([]);
      checks.annotation += v.suites.annotation.length;
    }
    expect(v.failures('collection', lib.jsonld)).toEqual([]);
    checks.collection += v.suites.collection.length;
    // The page suite accepts a collection whose first page is embedded (model 5.2).
    expect(v.failures('page', lib.jsonld)).toEqual([]);
    checks.page += v.suites.page.length;
    expect(v.suites.annotation).toHaveLength(54);
    expect(checks.annotation).toBe(54 * items.length);
    console.info(
      `[w3c] ${v.suites.annotation.length} annotation MUSTs × ${items.length} annotations = ${checks.annotation} checks; ` +
        `${checks.collection} collection + ${checks.page} page MUSTs on the collection`,
    );
  });

  it('writes figures on images as a second target: the image by its SHA-256, the area as a media fragment', () => {
    const items = (lib.jsonld.first.items as Record<string, any>[]).filter((i) => Array.isArray(i.target));
    expect(items).toHaveLength(3);
    const areas = [];
    for (const item of items) {
      const [text, image] = item.target;
      const a = lib.annotations.find((x) => item.id.endsWith(x.id))!;
      expect(text.selector[0]).toMatchObject({ type: 'TextQuoteSelector', exact: '' });
      expect(text.selector[1]).toEqual({ type: 'TextPositionSelector', start: a.target.position.start, end: a.target.position.start });
      expect(image.source).toEqual({ id: `urn:sha256:${a.target.image!.hash}`, type: 'Image', format: expect.stringMatching(/^image\/(png|jpeg)$/) });
      expect(image.scope).toBe(text.source);
      if (a.target.image!.rect) {
        expect(image.selector).toMatchObject({ type: 'FragmentSelector', conformsTo: 'http://www.w3.org/TR/media-frags/' });
        areas.push(image.selector.value);
        // The suite's own checks: a FragmentSelector with a conformsTo URI, a target with a media type.
        expect(v.meets('annotations/specificResource/4.2.1-fragmentSelector.json', item)).toBe(true);
        expect(v.meets('annotations/specificResource/4.2.1-conformsTo.json', item)).toBe(true);
      } else expect(image.selector).toBeUndefined();
      expect(v.meets('annotations/bodiesTargets/3.2.1-targFormat.json', item)).toBe(true);
      expect(v.failures('annotation', item)).toEqual([]);
    }
    expect(areas.sort()).toEqual(['xywh=percent:10,20,30,40', 'xywh=percent:12.5,33.33333333333333,87.5,66.66666666666666']);
    // The checks bite: a text-only item has no FragmentSelector, a broken one fails the MUSTs.
    const plain = (lib.jsonld.first.items as Record<string, any>[]).find((i) => !Array.isArray(i.target));
    expect(v.meets('annotations/specificResource/4.2.1-fragmentSelector.json', plain)).toBe(false);
    const first = items[0]!;
    const broken = { ...first, target: [first.target[0], { ...first.target[1], selector: { type: 'FragmentSelector', conformsTo: 'not a uri', value: 7 } }] };
    expect(v.failures('annotation', broken).length).toBeGreaterThan(0);
  });

  it('writes an IRI source address as a valid URI scope', () => {
    const item = (lib.jsonld.first.items as Record<string, any>[]).find((i) => i.target.scope?.startsWith('https://example.org/%D0'));
    expect(item?.target.scope).toBe(new URL(URL_C).href);
    // The raw IRI (spaces, Cyrillic) would fail the suite's uri format wherever it is checked.
    expect(v.failures('annotation', { ...item, id: URL_C }).map((f) => f.assertion)).toContain('annotations/3.1-annotationIdValidated.json');
  });

  it('the assertions bite on broken selectors, bodies, dates and context (so a pass means something)', () => {
    const item = (lib.jsonld.first.items as Record<string, any>[])[0]!;
    const [quote, position] = item.target.selector;
    const broken: [string, unknown][] = [
      ['quote without exact', { ...item, target: { ...item.target, selector: [{ ...quote, exact: undefined }, position] } }],
      ['quote exact not a string', { ...item, target: { ...item.target, selector: [{ ...quote, exact: 7 }, position] } }],
      ['position start a string', { ...item, target: { ...item.target, selector: [quote, { ...position, start: '3' }] } }],
      ['position start negative', { ...item, target: { ...item.target, selector: [quote, { ...position, start: -1 }] } }],
      ['body value not a string', { ...item, body: [{ ...item.body[0], value: 3 }] }],
      ['created without a time zone', { ...item, created: '2024-03-01T10:00:00' }],
      ['no target', { ...item, target: undefined }],
      ['no anno.jsonld context', { ...item, '@context': ['http://example.org/ctx'] }],
      ['type not Annotation', { ...item, type: 'Note' }],
    ];
    for (const [what, value] of broken) expect(v.failures('annotation', JSON.parse(JSON.stringify(value))).length, what).toBeGreaterThan(0);
  });
});
if (!W3C_DIR) console.warn('[bundle] W3C conformance skipped: ../shared/corpora/w3c-web-annotation-tests is absent');
