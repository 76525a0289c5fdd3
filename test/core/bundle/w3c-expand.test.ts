/**
 * Issue 5: the exported JSON-LD expands with the official context (served offline from
 * ../shared/corpora/w3c-web-annotation-tests/context/anno.jsonld) without losing a term.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import jsonld from 'jsonld';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GLOSSA_VOCAB } from '../../../core/bundle/jsonld.js';
import { cleanTemp } from './library.js';
import { exportRealisticLibrary, W3C_DIR, type ExportedLibrary } from './w3c.js';

afterAll(cleanTemp);

const OA = 'http://www.w3.org/ns/oa#';
const AS = 'http://www.w3.org/ns/activitystreams#';
const RDF_VALUE = 'http://www.w3.org/1999/02/22-rdf-syntax-ns#value';
const G = (term: string) => GLOSSA_VOCAB + term;

type Node = Record<string, any>;
const requested: string[] = [];

/** Serves only the official context, from the corpus; every other address is refused (no network, ever). */
async function documentLoader(url: string) {
  requested.push(url);
  if (url === 'http://www.w3.org/ns/anno.jsonld' || url === 'https://www.w3.org/ns/anno.jsonld') {
    const document = JSON.parse(readFileSync(join(W3C_DIR!, 'context', 'anno.jsonld'), 'utf8'));
    return { contextUrl: null, documentUrl: url, document };
  }
  throw new Error(`offline test: refusing to load ${url}`);
}

/** safe mode: jsonld.js throws on any term or value it would otherwise drop. */
const expand = (doc: unknown): Promise<Node[]> => jsonld.expand(doc as any, { documentLoader, safe: true } as any) as unknown as Promise<Node[]>;

/** Keys of a compact node other than @context, and of its expanded node: a dropped term shows as a difference. */
const compactKeys = (n: Node) => Object.keys(n).filter((k) => k !== '@context').length;
const expandedKeys = (n: Node) => Object.keys(n).length;

describe.skipIf(!W3C_DIR)('JSON-LD expansion with the official context, offline (skipped when ../shared/corpora/w3c-web-annotation-tests is absent)', () => {
  let lib: ExportedLibrary;
  let expanded: Node[];
  beforeAll(async () => {
    lib = await exportRealisticLibrary();
    expanded = await expand(lib.jsonld);
  });

  it('loads nothing but anno.jsonld, and refuses anything else', async () => {
    expect(new Set(requested)).toEqual(new Set(['http://www.w3.org/ns/anno.jsonld']));
    await expect(expand({ '@context': 'https://example.org/ctx.jsonld', x: 1 })).rejects.toThrow();
  });

  it('keeps the collection, its page and every annotation', () => {
    expect(expanded).toHaveLength(1);
    const collection = expanded[0]!;
    expect(collection['@type']).toEqual([`${AS}OrderedCollection`]);
    expect(collection[`${AS}totalItems`][0]['@value']).toBe(lib.annotations.length);
    expect(compactKeys(lib.jsonld)).toBe(expandedKeys(collection));
    const page = collection[`${AS}first`][0];
    expect(page['@type']).toEqual([`${AS}OrderedCollectionPage`]);
    const items = page[`${AS}items`][0]['@list'] as Node[];
    expect(items).toHaveLength(lib.annotations.length);
  });

  it('keeps target, selectors and bodies under their oa: IRIs, and every Glossa term under urn:glossa:vocab#', () => {
    const items = expanded[0]![`${AS}first`][0][`${AS}items`][0]['@list'] as Node[];
    const compact = lib.jsonld.first.items as Node[];
    let terms = 0;
    let images = 0;
    items.forEach((node, i) => {
      const c = compact[i]!;
      expect(node['@id']).toBe(c.id);
      expect(node['@type']).toEqual([`${OA}Annotation`]);
      // No term dropped: the same number of properties on every node, before and after.
      expect(expandedKeys(node), c.id).toBe(compactKeys(c));
      // A figure on an image has two targets: its place in the text, and the image with its area.
      const [textTarget, imageTarget] = Array.isArray(c.target) ? c.target : [c.target];
      const targets = node[`${OA}hasTarget`] as Node[];
      expect(targets).toHaveLength(imageTarget ? 2 : 1);
      const target = targets.find((t) => t[`${OA}hasSource`][0]['@id'] === textTarget.source)!;
      expect(expandedKeys(target)).toBe(compactKeys(textTarget));
      if (textTarget.scope) expect(target[`${OA}hasScope`][0]['@id']).toBe(textTarget.scope);
      const selectors = target[`${OA}hasSelector`] as Node[];
      expect(selectors.map((s) => s['@type'][0])).toEqual([`${OA}TextQuoteSelector`, `${OA}TextPositionSelector`]);
      expect(selectors[0]![`${OA}exact`][0]['@value']).toBe(textTarget.selector[0].exact);
      expect(selectors[0]![`${OA}prefix`][0]['@value']).toBe(textTarget.selector[0].prefix);
      expect(selectors[1]![`${OA}start`][0]['@value']).toBe(textTarget.selector[1].start);
      expect(selectors.map(expandedKeys)).toEqual(textTarget.selector.map(compactKeys));
      if (imageTarget) {
        images++;
        const image = targets.find((t) => t !== target)!;
        expect(expandedKeys(image)).toBe(compactKeys(imageTarget));
        const source = image[`${OA}hasSource`][0];
        expect(source['@id']).toBe(imageTarget.source.id);
        expect(source['@type']).toEqual(['http://purl.org/dc/dcmitype/StillImage']);
        expect(source['http://purl.org/dc/elements/1.1/format'][0]['@value']).toBe(imageTarget.source.format);
        expect(image[`${OA}hasScope`][0]['@id']).toBe(textTarget.source);
        if (imageTarget.selector) {
          const fragment = image[`${OA}hasSelector`][0];
          expect(fragment['@type']).toEqual([`${OA}FragmentSelector`]);
          expect(fragment['http://purl.org/dc/terms/conformsTo'][0]['@id']).toBe('http://www.w3.org/TR/media-frags/');
          expect(fragment[RDF_VALUE][0]['@value']).toBe(imageTarget.selector.value);
        }
      }
      const bodies = node[`${OA}hasBody`] as Node[];
      expect(bodies.map((b) => [b[`${OA}hasPurpose`][0]['@id'], b[RDF_VALUE][0]['@value']])).toEqual(c.body.map((b: Node) => [OA + b.purpose, b.value]));
      // Extension terms: full IRIs; fields, origin and links kept whole as JSON literals.
      expect(node[G('kind')][0]['@value']).toBe(c['glossa:kind']);
      expect(node[G('fields')][0]).toEqual({ '@type': '@json', '@value': c['glossa:fields'] });
      expect(node[G('origin')][0]).toEqual({ '@type': '@json', '@value': c['glossa:origin'] });
      if (c['glossa:links']) expect(node[G('links')][0]).toEqual({ '@type': '@json', '@value': c['glossa:links'] });
      if (c['glossa:deleted']) expect(node[G('deleted')][0]['@value']).toBe(c['glossa:deleted']);
      terms += Object.keys(node).filter((k) => k.startsWith(GLOSSA_VOCAB)).length;
      expect(Object.keys(node).filter((k) => k.startsWith('glossa:') || !/^(@|[a-z]+:)/.test(k))).toEqual([]);
    });
    const written = compact.reduce((n, c) => n + Object.keys(c).filter((k) => k.startsWith('glossa:')).length, 0);
    expect(terms).toBe(written);
    expect(images).toBe(3);
    console.info(`[w3c] expanded ${items.length} annotations; ${terms} glossa: terms all under ${GLOSSA_VOCAB}`);
  });

  it('would notice a dropped term (safe mode bites)', async () => {
    const item = { ...(lib.jsonld.first.items as Node[])[0]!, madeUpTerm: 'lost' };
    await expect(expand(item)).rejects.toThrow();
  });
});
if (!W3C_DIR) console.warn('[bundle] JSON-LD expansion skipped: ../shared/corpora/w3c-web-annotation-tests is absent');
