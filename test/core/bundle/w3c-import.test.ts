/**
 * Issue 5: W3C annotations (Glossa's own export, other clients, Hypothesis's API) placed onto
 * matching snapshots by their TextPosition / TextQuote selectors.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { annotationsToJsonLd, annotationToJsonLd } from '../../../core/bundle/jsonld.js';
import { normaliseUrl, parseW3CAnnotations, planW3CImport, type W3CCandidate } from '../../../core/bundle/w3c-import.js';
import { GlossaError, type Annotation } from '../../../core/model/index.js';
import { verifyTarget } from '../../../core/text/selectors.js';
import { cleanTemp } from './library.js';
import { TEXT_A } from './samples.js';
import { exportRealisticLibrary, loadMustValidator, TEXT_C, W3C_DIR, type ExportedLibrary } from './w3c.js';

afterAll(cleanTemp);

const byId = (list: readonly Annotation[]) => [...list].sort((x, y) => (x.id < y.id ? -1 : 1));
const candidatesOf = (lib: ExportedLibrary): W3CCandidate[] =>
  lib.snapshots.map((s) => ({ snapshotId: s.id, text: lib.texts.get(s.id)!, sourceUrl: s.sourceUrl }));

describe("Glossa's own export comes back field for field", () => {
  let lib: ExportedLibrary;
  beforeAll(async () => {
    lib = await exportRealisticLibrary();
  });

  it('from the JSON text, the bytes or the parsed value: every kind, field, tag, comment, link, timestamp and tombstone', () => {
    for (const input of [JSON.stringify(lib.jsonld), Buffer.from(JSON.stringify(lib.jsonld)), lib.jsonld]) {
      const parsed = parseW3CAnnotations(input);
      expect(parsed.problems).toEqual([]);
      expect(parsed.items.map((i) => i.from)).toEqual(lib.annotations.map(() => 'glossa'));
      const plan = planW3CImport(parsed.items, candidatesOf(lib));
      expect(plan.unmatched).toEqual([]);
      expect(plan.notes).toEqual([]);
      expect(byId(plan.matched)).toEqual(byId(lib.annotations));
    }
  });

  it('onto another library that captured the same page under another id (matched by address)', () => {
    const [a] = lib.snapshots;
    const elsewhere = [{ snapshotId: 'other-a', text: TEXT_A, sourceUrl: 'http://www.example.org/nypd-ice/?utm_source=rss#top' }];
    const plan = planW3CImport(parseW3CAnnotations(lib.jsonld).items, elsewhere);
    const fromA = lib.annotations.filter((x) => x.snapshotId === a!.id);
    expect(byId(plan.matched)).toEqual(byId(fromA.map((x) => ({ ...x, snapshotId: 'other-a' }))));
    // The budget article had no address, the Russian one is not in that library.
    expect(plan.unmatched).toHaveLength(lib.annotations.length - fromA.length);
    expect(plan.unmatched[0]!.reason).toMatch(/no snapshot in the library is snapshot /);
  });

  it('onto a new version whose text moved: placed by quote and context, same quote, valid offsets', () => {
    const c = lib.snapshots[2]!;
    const moved = `Обновлено: 5 марта.\n\n${TEXT_C.replace('東京都の予算', 'Токио: 東京都の予算')}`;
    const plan = planW3CImport(parseW3CAnnotations(lib.jsonld).items, [{ snapshotId: 'c-v2', text: moved, sourceUrl: c.sourceUrl }]);
    const fromC = lib.annotations.filter((x) => x.snapshotId === c.id);
    expect(plan.matched).toHaveLength(fromC.length);
    for (const m of plan.matched) {
      const before = fromC.find((x) => x.id === m.id)!;
      expect(m.target.quote.exact).toBe(before.target.quote.exact);
      expect(m.target.position.start).toBeGreaterThan(before.target.position.start);
      expect(verifyTarget(moved, m.target)).toBe(true);
      expect({ ...m, target: null, snapshotId: null }).toEqual({ ...before, target: null, snapshotId: null });
    }
  });

  it('reads a Glossa item whose extension is damaged as a plain note, and says so', () => {
    const item = { ...(lib.jsonld.first.items[0] as object), 'glossa:fields': { speaker: 3 } };
    const parsed = parseW3CAnnotations([item]);
    expect(parsed.items[0]!.from).toBe('w3c');
    expect(parsed.problems[0]).toMatch(/^\[0\]: its Glossa properties are unreadable .*speaker/);
  });
});

describe("a claim's verdict history in W3C JSON-LD", () => {
  let lib: ExportedLibrary;
  let claim: Annotation;
  const history = [
    { verdict: 'disputed' as const, at: '2024-03-06T09:00:00.000Z', note: 'chair says otherwise' },
    { verdict: null, at: '2024-03-07T10:00:00.000Z', note: '' },
    { verdict: 'supported' as const, at: '2024-03-08T11:00:00.000Z', note: 'minutes confirm it' },
  ];
  beforeAll(async () => {
    lib = await exportRealisticLibrary();
    const base = lib.annotations.find((a) => a.kind === 'claim' && a.deletedAt === null)!;
    claim = { ...base, fields: { ...base.fields, verdict: 'supported', verdictHistory: history } };
  });

  it('is written as one dated assessing body per change and read back field for field', () => {
    const item = annotationToJsonLd(
      claim,
      lib.snapshots.find((s) => s.id === claim.snapshotId),
    );
    expect((item.body as Record<string, unknown>[]).filter((b) => b.purpose === 'assessing')).toEqual([
      { type: 'TextualBody', purpose: 'assessing', value: 'disputed', format: 'text/plain', created: history[0]!.at, 'glossa:note': 'chair says otherwise' },
      { type: 'TextualBody', purpose: 'assessing', value: 'none', format: 'text/plain', created: history[1]!.at },
      { type: 'TextualBody', purpose: 'assessing', value: 'supported', format: 'text/plain', created: history[2]!.at, 'glossa:note': 'minutes confirm it' },
    ]);
    const parsed = parseW3CAnnotations(JSON.stringify([item]));
    expect(parsed.problems).toEqual([]);
    const plan = planW3CImport(parsed.items, candidatesOf(lib));
    expect(plan.matched).toEqual([claim]);
  });

  it('a history with a bad date or an unknown verdict, or bodies that disagree with it, is reported, never a crash', () => {
    const item = annotationToJsonLd(claim);
    const fields = item['glossa:fields'] as Record<string, unknown>;
    const badDate = { ...item, 'glossa:fields': { ...fields, verdictHistory: [{ ...history[0], at: 'yesterday' }] } };
    const badVerdict = { ...item, 'glossa:fields': { ...fields, verdictHistory: [{ ...history[0], verdict: 'fake news' }] } };
    const notAList = { ...item, 'glossa:fields': { ...fields, verdictHistory: 'supported' } };
    const disagree = { ...item, body: (item.body as Record<string, unknown>[]).map((b) => (b.value === 'disputed' ? { ...b, value: 'false' } : b)) };
    const parsed = parseW3CAnnotations([badDate, badVerdict, notAList, disagree]);
    // Each is kept as a plain note with the reason, so nothing the file holds is lost.
    expect(parsed.items.map((i) => [i.from, i.annotation.kind])).toEqual([...Array(4)].map(() => ['w3c', 'note']));
    expect(parsed.problems).toHaveLength(4);
    expect(parsed.problems[0]).toMatch(/^\[0\]: its Glossa properties are unreadable .*verdictHistory.*ISO 8601/);
    expect(parsed.problems[1]).toMatch(/^\[1\]: .*verdictHistory/);
    expect(parsed.problems[2]).toMatch(/^\[2\]: .*verdictHistory/);
    expect(parsed.problems[3]).toMatch(/^\[3\]: .*assessing bodies do not match/);
  });
});

// ---- Hypothesis -----------------------------------------------------------------------

const PAGE = 'https://www.example.org/nypd-ice?utm_source=twitter&utm_medium=social';
const user = { user: 'acct:jdoe@hypothes.is', user_info: { display_name: 'Jane Doe' } };
const common = {
  group: '__world__',
  permissions: { read: ['group:__world__'], admin: ['acct:jdoe@hypothes.is'], update: ['acct:jdoe@hypothes.is'], delete: ['acct:jdoe@hypothes.is'] },
  document: { title: ['NYPD says it will not help ICE'] },
  flagged: false,
  hidden: false,
  ...user,
};
const textTarget = (exact: string, prefix: string, suffix: string, start: number) => [
  {
    source: PAGE,
    selector: [
      { type: 'RangeSelector', endOffset: 41, startOffset: 29, endContainer: '/div[1]/article[1]/p[3]', startContainer: '/div[1]/article[1]/p[3]' },
      { end: start + exact.length, type: 'TextPositionSelector', start },
      { type: 'TextQuoteSelector', exact, prefix, suffix },
    ],
  },
];
const row = (id: string, extra: Record<string, unknown>) => ({
  id,
  created: '2024-04-02T14:37:03.413071+00:00',
  updated: '2024-04-02T14:40:11.020513+00:00',
  uri: PAGE,
  text: '',
  tags: [],
  links: { html: `https://hypothes.is/a/${id}`, incontext: `https://hyp.is/${id}/example.org/nypd-ice`, json: `https://hypothes.is/api/annotations/${id}` },
  ...common,
  ...extra,
});

/** What GET /api/search?uri=… answers: a page of rows (written for this test). */
const HYPOTHESIS = {
  total: 9,
  rows: [
    // Typed on the live page: a plain space where the snapshot has a no-break space; offsets of the live page.
    row('Kc3pW1sQEe-aaa1', {
      text: 'Check against the **ICE ERO** annual report.',
      tags: ['ICE', 'numbers', 'ICE'],
      target: textTarget('1,200 people', 'Arrests by ICE in the city rose to ', ' in 2017 🚓, about 30 percent more', 412),
    }),
    // "ICE" occurs twice in the article: the context says which.
    row('Kc3pW1sQEe-aaa2', {
      text: 'Agency named.',
      target: textTarget(
        'ICE',
        'not help ICE\n\nPolice Commissioner James O’Neill said on Tuesday: “We are not going to be the ones enforcing immigration law.”\n\nArrests by ',
        ' in the city rose to',
        5,
      ),
    }),
    // Straight quotes where the article has curly ones.
    row('Kc3pW1sQEe-aaa3', {
      tags: ['quote'],
      target: textTarget(
        '"We are not going to be the ones enforcing immigration law."',
        "James O'Neill said on Tuesday: ",
        '\n\nArrests by ICE in the city',
        120,
      ),
    }),
    // A page note and a reply: nothing to anchor.
    row('Kc3pW1sQEe-aaa4', { text: 'Page note: follow up with the precinct.', target: [{ source: PAGE }] }),
    row('Kc3pW1sQEe-aaa5', { text: 'Agreed.', references: ['Kc3pW1sQEe-aaa1'], target: [{ source: PAGE }] }),
    // Another article, not in the library.
    row('Kc3pW1sQEe-aaa6', {
      uri: 'https://example.com/other-story',
      target: textTarget('budget', 'the ', ' rose', 10).map((t) => ({ ...t, source: 'https://example.com/other-story' })),
    }),
    // A quote the snapshot does not hold.
    row('Kc3pW1sQEe-aaa7', { text: 'x', target: textTarget('Mayor de Blasio said', '', '', 0) }),
    // Broken: tags that are not text.
    row('Kc3pW1sQEe-aaa8', { tags: [1, 2], target: textTarget('Tuesday', 'said on ', ': “We', 80) }),
    // A highlight without a note.
    row('Kc3pW1sQEe-aaa9', { target: textTarget('Tuesday', 'O’Neill said on ', ': “We are', 80) }),
  ],
};

describe('Hypothesis API JSON', () => {
  const A: W3CCandidate = { snapshotId: 'snap-a', text: TEXT_A, sourceUrl: 'https://example.org/nypd-ice' };

  it('becomes notes with the text as comment and the tags kept, placed on the snapshot of the same page', () => {
    const parsed = parseW3CAnnotations(JSON.stringify(HYPOTHESIS));
    expect(parsed.problems).toEqual([expect.stringMatching(/^rows\[7\]: skipped: a tag is a number, not text\.$/)]);
    expect(parsed.items).toHaveLength(8);
    expect(parsed.items.every((i) => i.from === 'hypothesis' && i.creator === 'Jane Doe')).toBe(true);
    const plan = planW3CImport(parsed.items, [A]);
    expect(plan.matched).toHaveLength(4);
    const [figure, agency, quote, highlight] = plan.matched;
    expect(figure).toMatchObject({
      snapshotId: 'snap-a',
      kind: 'note',
      comment: 'Check against the **ICE ERO** annual report.',
      tags: ['ICE', 'numbers'],
      fields: {},
      createdAt: '2024-04-02T14:37:03.413Z',
      updatedAt: '2024-04-02T14:40:11.020Z',
      deletedAt: null,
      origin: { type: 'human', detector: null, accepted: null },
    });
    expect(figure!.target.quote.exact).toBe('1,200\u00a0people');
    expect(agency!.target.position.start).toBe(TEXT_A.indexOf('ICE', TEXT_A.indexOf('Arrests')));
    expect(quote!.target.quote.exact).toBe('“We are not going to be the ones enforcing immigration law.”');
    expect(highlight!.comment).toBe('');
    for (const m of plan.matched) expect(verifyTarget(TEXT_A, m.target)).toBe(true);
    expect(plan.notes).toHaveLength(2);
    expect(plan.notes[0]).toMatch(/^rows\[0\]: the quote "1,200 people" was found .* different spaces, quote marks or dashes$/);

    const reasons = Object.fromEntries(plan.unmatched.map((u) => [u.item.sourceId, u.reason]));
    expect(Object.keys(reasons)).toHaveLength(4);
    expect(reasons['Kc3pW1sQEe-aaa4']).toMatch(/no text selector/);
    expect(reasons['Kc3pW1sQEe-aaa5']).toMatch(/no text selector/);
    expect(reasons['Kc3pW1sQEe-aaa6']).toMatch(/no snapshot in the library is https:\/\/example\.com\/other-story/);
    expect(reasons['Kc3pW1sQEe-aaa7']).toMatch(/does not contain "Mayor de Blasio said"/);
  });

  it.skipIf(!W3C_DIR)(
    'what it imports exports again as conforming W3C (every MUST), and reads back equal (skipped when ../shared/corpora/w3c-web-annotation-tests is absent)',
    () => {
      const matched = planW3CImport(parseW3CAnnotations(HYPOTHESIS).items, [A]).matched;
      const doc = JSON.parse(JSON.stringify(annotationsToJsonLd([{ id: 'snap-a', sourceUrl: A.sourceUrl }], matched)));
      const v = loadMustValidator();
      for (const item of doc.first.items) expect(v.failures('annotation', item)).toEqual([]);
      const again = planW3CImport(parseW3CAnnotations(doc).items, [A]);
      expect(byId(again.matched)).toEqual(byId(matched));
    },
  );

  it('gives the same ids on every import (so importing twice merges, not duplicates)', () => {
    const once = planW3CImport(parseW3CAnnotations(HYPOTHESIS).items, [A]).matched.map((m) => m.id);
    const twice = planW3CImport(parseW3CAnnotations(JSON.stringify(HYPOTHESIS)).items, [A]).matched.map((m) => m.id);
    expect(twice).toEqual(once);
    expect(new Set(once).size).toBe(once.length);
    expect(once.every((id) => /^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/.test(id))).toBe(true);
  });

  it('reads one annotation from /api/annotations/:id too', () => {
    const one = parseW3CAnnotations(HYPOTHESIS.rows[0]);
    expect(one.items).toHaveLength(1);
    expect(planW3CImport(one.items, [A]).matched[0]!.tags).toEqual(['ICE', 'numbers']);
  });

  it('says when the response is only one page of many', () => {
    expect(parseW3CAnnotations({ ...HYPOTHESIS, total: 240 }).problems[0]).toMatch(/holds 9 of 240 annotations; fetch the other pages/);
  });
});

// ---- other W3C clients ------------------------------------------------------------------

describe('W3C annotations from other clients', () => {
  const A: W3CCandidate = { snapshotId: 'snap-a', text: TEXT_A, sourceUrl: 'https://example.org/nypd-ice?amp=1', canonicalUrl: 'https://example.org/nypd-ice' };
  const anno = (id: string, extra: Record<string, unknown>) => ({
    '@context': 'http://www.w3.org/ns/anno.jsonld',
    id,
    type: 'Annotation',
    created: '2024-05-01T09:00:00Z',
    ...extra,
  });
  const quoteTarget = (exact: string, prefix = '', suffix = '') => ({
    source: 'https://example.org/nypd-ice#section-2',
    selector: { type: 'TextQuoteSelector', exact, prefix, suffix },
  });

  it('a single Annotation, a list, a page and a collection; bodies as comment and tags', () => {
    const one = anno('urn:uuid:6F1C2B4E-0000-4000-8000-00000000000A', {
      motivation: 'commenting',
      body: [
        { type: 'TextualBody', value: 'Numbers look off.', format: 'text/markdown' },
        { type: 'TextualBody', purpose: 'tagging', value: 'numbers' },
        'https://example.org/source-doc',
      ],
      creator: { type: 'Person', name: 'Ana Ruiz' },
      target: quoteTarget('about 30\u00a0percent'),
    });
    const two = anno('https://annotations.example.net/a/77', {
      bodyValue: 'Mayor’s claim',
      target: [quoteTarget('safer than it has ever been', 'city is “', ',” a statement')],
    });
    for (const input of [
      one,
      [one, two],
      { type: 'AnnotationPage', items: [one, two] },
      { type: 'AnnotationCollection', total: 2, first: { type: 'AnnotationPage', items: [one, two] } },
    ]) {
      const parsed = parseW3CAnnotations(input);
      expect(parsed.problems).toEqual([]);
      const plan = planW3CImport(parsed.items, [A]);
      expect(plan.unmatched).toEqual([]);
      expect(plan.matched[0]).toMatchObject({
        id: '6f1c2b4e-0000-4000-8000-00000000000a',
        kind: 'note',
        comment: 'Numbers look off.\n\nhttps://example.org/source-doc',
        tags: ['numbers'],
        createdAt: '2024-05-01T09:00:00.000Z',
        updatedAt: '2024-05-01T09:00:00.000Z',
      });
      expect(parsed.items[0]!.creator).toBe('Ana Ruiz');
    }
    const [, second] = planW3CImport(parseW3CAnnotations([one, two]).items, [A]).matched;
    expect(second!.comment).toBe('Mayor’s claim');
    expect(second!.id).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('uses the position when the text there is the quote, and ignores positions that disagree', () => {
    const [start, end] = [TEXT_A.indexOf('ICE'), TEXT_A.indexOf('ICE') + 3];
    const target = (s: number) => ({
      source: 'https://example.org/nypd-ice',
      selector: [
        { type: 'TextQuoteSelector', exact: 'ICE' },
        { type: 'TextPositionSelector', start: s, end: s + 3 },
      ],
    });
    const first = planW3CImport(parseW3CAnnotations(anno('urn:x:1', { target: target(start) })).items, [A]);
    expect(first.matched[0]!.target.position).toEqual({ type: 'TextPositionSelector', start, end });
    // Off by a few characters and no context: the nearest occurrence wins.
    const near = planW3CImport(parseW3CAnnotations(anno('urn:x:2', { target: target(start + 2) })).items, [A]);
    expect(near.matched[0]!.target.position.start).toBe(start);
    // No context, no position, two occurrences: refused rather than guessed.
    const guess = planW3CImport(parseW3CAnnotations(anno('urn:x:3', { target: quoteTarget('ICE') })).items, [A]);
    expect(guess.unmatched[0]!.reason).toMatch(/occurs 2 times .* does not tell which/);
  });

  it('reports a collection whose pages are only linked, and items that are only addresses', () => {
    const parsed = parseW3CAnnotations({ type: 'AnnotationCollection', total: 50, first: 'https://example.net/page1' });
    expect(parsed.items).toEqual([]);
    expect(parsed.problems.join('\n')).toMatch(/only linked by its address[\s\S]*says it holds 50 annotations, but 0/);
    expect(parseW3CAnnotations({ type: 'AnnotationPage', items: ['https://example.net/anno/1'] }).problems[0]).toMatch(
      /items\[0\]: skipped: is only the address/,
    );
  });
});

describe('addresses compare as pages do', () => {
  it.each([
    ['https://www.example.org/a/b/?utm_source=x&b=2&a=1#frag', 'http://example.org/a/b?a=1&b=2'],
    ['https://example.org/новости/выборы 2024', 'https://example.org/%d0%bd%d0%be%d0%b2%d0%be%d1%81%d1%82%d0%b8/%D0%B2%D1%8B%D0%B1%D0%BE%D1%80%D1%8B%202024'],
    ['HTTPS://EXAMPLE.ORG', 'https://example.org/'],
  ])('%s ≡ %s', (a, b) => expect(normaliseUrl(a)).toBe(normaliseUrl(b)));

  it('keeps pages apart that differ in path, query or port, and has no address for non-web schemes', () => {
    expect(normaliseUrl('https://example.org/a')).not.toBe(normaliseUrl('https://example.org/b'));
    expect(normaliseUrl('https://example.org/a?id=1')).not.toBe(normaliseUrl('https://example.org/a?id=2'));
    expect(normaliseUrl('https://example.org:8443/a')).not.toBe(normaliseUrl('https://example.org/a'));
    expect(normaliseUrl('file:///etc/passwd')).toBeNull();
    expect(normaliseUrl('not a url')).toBeNull();
  });
});

// ---- hostile input ------------------------------------------------------------------------

const invalid = (fn: () => unknown, message?: RegExp) => {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(GlossaError);
    expect((e as GlossaError).code).toBe('INVALID_INPUT');
    if (message) expect((e as Error).message).toMatch(message);
    return;
  }
  throw new Error('expected GlossaError INVALID_INPUT');
};

describe('hostile input: problems or INVALID_INPUT, never a crash', () => {
  it('refuses what is not such a file at all, with a message a person can act on', () => {
    invalid(() => parseW3CAnnotations('{"type": "Annotation",'), /not valid JSON/);
    invalid(() => parseW3CAnnotations(''), /empty/);
    invalid(() => parseW3CAnnotations(Buffer.from([0x7b, 0xff, 0xfe, 0x7d])), /not UTF-8/);
    for (const v of [42, null, true, 'null', '"text"', {}, { type: 'Note' }, { rows: 'many' }])
      invalid(() => parseW3CAnnotations(v), /neither W3C Web Annotation JSON/);
  });

  it('refuses a million items quickly, as a list, as Hypothesis rows and in a page', () => {
    const million = new Array(1_000_000).fill({ type: 'Annotation' });
    const t0 = performance.now();
    invalid(() => parseW3CAnnotations(million), /1,000,000 annotations; Glossa imports at most 100,000/);
    invalid(() => parseW3CAnnotations({ rows: million }), /at most 100,000/);
    invalid(() => parseW3CAnnotations(JSON.stringify({ type: 'AnnotationPage', items: million })), /at most 100,000/);
    expect(performance.now() - t0).toBeLessThan(5000);
  });

  it('skips wrongly typed items, one problem each, and keeps the good ones', () => {
    const good = { type: 'Annotation', target: { source: 'https://example.org/nypd-ice', selector: { type: 'TextQuoteSelector', exact: 'Tuesday' } } };
    const parsed = parseW3CAnnotations([
      good,
      null,
      7,
      [[[]]],
      { type: 'Annotation', target: { source: 'x', selector: { type: 'TextQuoteSelector', exact: 12 } } },
      { type: 'Annotation', target: { source: 'x', selector: { type: 'TextQuoteSelector', exact: '' } } },
      { type: 'Annotation', target: { source: 'x', selector: { type: 'TextQuoteSelector', exact: 'x'.repeat(2_000_000) } } },
      { type: 'Annotation', body: { value: { nested: true } }, target: 5, created: { year: 2024 } },
      { type: 'Annotation', bodyValue: 3, target: good.target },
      { type: 'Annotation', body: { purpose: 'tagging', value: 'x' }, target: good.target, tags: 'ignored', created: 'yesterday' },
      {
        type: ['Annotation'],
        target: {
          source: { id: 'https://example.org/nypd-ice' },
          selector: [
            { type: 'TextPositionSelector', start: -1, end: Number.POSITIVE_INFINITY },
            { type: 'TextPositionSelector', start: 1.5, end: 3 },
          ],
        },
      },
    ]);
    expect(parsed.items).toHaveLength(4);
    expect(parsed.problems).toHaveLength(9);
    expect(parsed.problems.slice(0, 6)).toEqual([
      '[1]: skipped: is null, not an annotation.',
      '[2]: skipped: is a number, not an annotation.',
      '[3]: skipped: is a list, not an annotation.',
      '[4]: skipped: TextQuoteSelector exact is a number, not text.',
      '[5]: skipped: TextQuoteSelector exact is empty.',
      '[6]: skipped: TextQuoteSelector exact is 2000000 characters long (at most 1000000).',
    ]);
    expect(parsed.problems.slice(6)).toEqual([
      '[8]: skipped: bodyValue is a number, not text.',
      '[10]: its TextPositionSelector (-1–null) is not a span of whole offsets; ignored.',
      '[10]: its TextPositionSelector (1.5–3) is not a span of whole offsets; ignored.',
    ]);
    // [7] had nothing usable but is an annotation: kept, and unmatched with a reason.
    const plan = planW3CImport(parsed.items, [{ snapshotId: 's', text: TEXT_A, sourceUrl: 'https://example.org/nypd-ice' }]);
    expect(plan.matched.map((m) => m.target.quote.exact)).toEqual(['Tuesday', 'Tuesday']);
    expect(plan.unmatched.map((u) => u.reason)).toEqual([expect.stringMatching(/no text selector/), expect.stringMatching(/no text selector/)]);
    expect(plan.matched[1]!.tags).toEqual(['x']);
  });

  it('selectors out of range fall back to the quote, or are refused with the reason', () => {
    const sel = (start: number, end: number, exact?: string) => ({
      type: 'Annotation',
      id: `urn:x:${start}`,
      target: {
        source: 'urn:glossa:snapshot:s',
        selector: [{ type: 'TextPositionSelector', start, end }, ...(exact ? [{ type: 'TextQuoteSelector', exact }] : [])],
      },
    });
    const emoji = TEXT_A.indexOf('🚓');
    const parsed = parseW3CAnnotations([sel(1e12, 1e12 + 7, 'Tuesday'), sel(1e12, 1e12 + 7), sel(emoji + 1, emoji + 4), sel(0, 4)]);
    expect(parsed.problems).toEqual([]);
    const plan = planW3CImport(parsed.items, [{ snapshotId: 's', text: TEXT_A, sourceUrl: null }]);
    expect(plan.matched.map((m) => m.target.quote.exact)).toEqual(['Tuesday', 'NYPD']);
    expect(plan.unmatched.map((u) => u.reason)).toEqual([
      expect.stringMatching(/position 1000000000000–1000000000007 lies outside snapshot s's text \(\d+ characters\)/),
      expect.stringMatching(/only a TextPositionSelector/),
    ]);
  });

  it('positions on a live page are not trusted without a quote', () => {
    const item = { type: 'Annotation', target: { source: 'https://example.org/nypd-ice', selector: { type: 'TextPositionSelector', start: 0, end: 4 } } };
    const plan = planW3CImport(parseW3CAnnotations(item).items, [{ snapshotId: 's', text: TEXT_A, sourceUrl: 'https://example.org/nypd-ice' }]);
    expect(plan.unmatched[0]!.reason).toMatch(/offsets into the page https:\/\/example.org\/nypd-ice do not carry over/);
  });

  it('does not let __proto__ keys pollute anything, nor object cycles loop', () => {
    const parsed = parseW3CAnnotations(
      '{"type":"Annotation","__proto__":{"polluted":1},"target":{"__proto__":{"selector":{"type":"TextQuoteSelector","exact":"ICE"}},"source":"https://example.org/nypd-ice"}}',
    );
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(parsed.items[0]!.quote).toBeNull();
    const page: Record<string, unknown> = { type: 'AnnotationPage', items: [] };
    page.next = page;
    expect(parseW3CAnnotations(page).items).toEqual([]);
  });

  it('survives very deep nesting and junk passed straight to planW3CImport', () => {
    const deep = `${'['.repeat(100_000)}${']'.repeat(100_000)}`;
    try {
      expect(parseW3CAnnotations(deep).problems).toHaveLength(1);
    } catch (e) {
      expect((e as GlossaError).code).toBe('INVALID_INPUT');
    }
    invalid(() => planW3CImport('items' as never, []));
    invalid(() => planW3CImport([], [{ snapshotId: 3 }] as never));
  });

  it('two items with the same id: the first is imported, the second explained', () => {
    const item = annotationToJsonLd({
      id: '0190c3a2-7f1e-7abc-8def-0123456789ab',
      snapshotId: 's',
      kind: 'note',
      target: {
        quote: { type: 'TextQuoteSelector', exact: 'NYPD', prefix: '', suffix: ' says it will not help ICE\n\nPoli' },
        position: { type: 'TextPositionSelector', start: 0, end: 4 },
      },
      fields: {},
      tags: [],
      comment: '',
      links: [],
      origin: { type: 'human', detector: null, accepted: null },
      createdAt: '2024-01-01T00:00:00.000Z',
      updatedAt: '2024-01-01T00:00:00.000Z',
      deletedAt: null,
    });
    const plan = planW3CImport(parseW3CAnnotations([item, item]).items, [{ snapshotId: 's', text: TEXT_A, sourceUrl: null }]);
    expect(plan.matched).toHaveLength(1);
    expect(plan.unmatched[0]!.reason).toBe('it has the same id as [0], which is imported instead');
  });
});

describe('other shapes', () => {
  it('reads a flattened JSON-LD @graph of annotations', () => {
    const item = { type: 'Annotation', target: { source: 'https://example.org/nypd-ice', selector: { type: 'TextQuoteSelector', exact: 'Tuesday' } } };
    const parsed = parseW3CAnnotations({ '@context': 'http://www.w3.org/ns/anno.jsonld', '@graph': [item, item] });
    expect(parsed.items.map((i) => i.at)).toEqual(['@graph[0]', '@graph[1]']);
  });
});
