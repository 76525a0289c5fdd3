/**
 * Issue 14 through the API table, on a real library: suggestions are saved as annotations with
 * their origin, never over a person's annotation and never twice; review (accept, reject, edit
 * then accept, all of a kind) and undo of each; hostile input refused with nothing written.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SuggestWorker } from '../../../core/api/context.js';
import type { Annotation } from '../../../core/model/index.js';
import { addText, openSession, rejects, type Session } from './helpers.js';

const SHARED = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', '..', '..', 'shared');
const SAMPLE = join(SHARED, 'fixtures', 'nypd-ice-2017.txt');
const GOLD = join(SHARED, 'fixtures', 'nypd-ice-2017.gold.json');
const HAVE_SAMPLE = existsSync(SAMPLE) && existsSync(GOLD);
if (!HAVE_SAMPLE) console.warn(`[suggest api] ${SAMPLE} is absent (../shared beside the repo): the sample-article tests are skipped.`);

/** Hand-written news text; each title makes a snapshot of its own (the same text imports once). */
const hand = (title: string) =>
  `${title}\n\n` +
  '“We will rebuild the bridge by spring,” Mayor Jane Holloway said on Tuesday. ' +
  'The city spent $3.4 billion on repairs last year, almost 20 times the 2010 budget. ' +
  '“Nobody will pay a toll,” she said.\n';
const addHand = (title: string) => addText(s, hand(title), title);

type Added = { value: { added: Annotation[]; skipped: number }; inverse: { op: string; input: unknown }; label: string };
type Reviewed = { value: { annotations: Annotation[] }; inverse: { op: string; input: unknown }; label: string };

let s: Session;
const worker = new SuggestWorker();

beforeAll(async () => {
  s = await openSession();
  s.ctx.suggest = worker;
});
afterAll(async () => {
  await worker.close();
  await s.close();
});

const suggestOn = (snapshotId: string, kinds?: string[]) => s.call('suggestAnnotations', { snapshotId, ...(kinds ? { kinds } : {}) }) as Promise<Added>;
const review = (input: Record<string, unknown>) => s.call('reviewSuggestions', input) as Promise<Reviewed>;
const pending = (snapshotId: string) => s.call('listSuggestions', { snapshotId }) as Promise<Annotation[]>;
const all = (snapshotId: string) => s.library.listAnnotations(snapshotId, { includeDeleted: true });
const span = (a: Annotation) => `${a.kind}:${a.target.position.start}-${a.target.position.end}`;

describe('suggestAnnotations on hand-written text', () => {
  let snap: { id: string; text: string };
  beforeAll(async () => {
    snap = await addHand('Bridge to reopen');
  });

  it('saves what the detectors find as suggested annotations with their origin, exactly at the text', async () => {
    const preview = (await s.call('previewSuggestions', { snapshotIds: [snap.id] })) as {
      suggestions: { kind: string; start: number; end: number; detector: string; confidence: number }[];
    };
    expect(preview.suggestions.some((p) => p.kind === 'quote')).toBe(true);
    expect(preview.suggestions.some((p) => p.kind === 'figure')).toBe(true);
    // A preview writes nothing.
    expect(await all(snap.id)).toEqual([]);

    const m = await suggestOn(snap.id);
    const { added, skipped } = m.value;
    expect(skipped).toBe(0);
    expect(added.map(span).sort()).toEqual(preview.suggestions.map((p) => `${p.kind}:${p.start}-${p.end}`).sort());
    for (const a of added) {
      const p = preview.suggestions.find((x) => `${x.kind}:${x.start}-${x.end}` === span(a))!;
      expect(a.origin).toEqual({ type: 'suggested', detector: p.detector, accepted: null, confidence: p.confidence });
      expect(a.origin.detector).toMatch(/^glossa-(quotes|figures|claims)@\d+\.\d+\.\d+$/);
      expect(a.target.quote.exact).toBe(snap.text.slice(a.target.position.start, a.target.position.end));
      expect(a.fields).not.toHaveProperty('registered');
      expect(a.deletedAt).toBeNull();
    }
    const quote = added.find((a) => a.kind === 'quote' && a.target.quote.exact.includes('rebuild'))!;
    expect(quote.fields).toMatchObject({ speaker: 'Jane Holloway', quoteType: 'direct', cue: 'said' });
    // Stored, and listed for review in text order.
    expect((await all(snap.id)).map((a) => a.id).sort()).toEqual(added.map((a) => a.id).sort());
    const queue = await pending(snap.id);
    expect(queue.map((a) => a.id).sort()).toEqual(added.map((a) => a.id).sort());
    expect(queue.map((a) => a.target.position.start)).toEqual([...queue.map((a) => a.target.position.start)].sort((x, y) => x - y));
    expect(m.label).toMatch(/^suggest \d+ annotations$/);
  });

  it('a second run adds none', async () => {
    const before = await all(snap.id);
    const again = await suggestOn(snap.id);
    expect(again.value.added).toEqual([]);
    expect(again.value.skipped).toBe(before.length);
    expect(await all(snap.id)).toEqual(before);
  });

  it('two runs at once save each suggestion once', async () => {
    const other = await addHand('Bridge, twice at once');
    const [a, b] = await Promise.all([suggestOn(other.id), suggestOn(other.id)]);
    const saved = await all(other.id);
    expect(saved.length).toBeGreaterThan(0);
    expect(a.value.added.length + b.value.added.length).toBe(saved.length);
    expect(new Set(saved.map(span)).size).toBe(saved.length);
  });

  it('only the kinds asked for', async () => {
    const other = await addHand('Bridge, figures only');
    const { added } = (await suggestOn(other.id, ['figure'])).value;
    expect(added.length).toBeGreaterThan(0);
    expect(new Set(added.map((a) => a.kind))).toEqual(new Set(['figure']));
    expect(added.map((a) => a.target.quote.exact)).toContain('$3.4 billion');
  });
});

describe('a person’s annotations win', () => {
  it('never suggests over a person’s annotation of the same kind, and leaves it exactly as it was', async () => {
    const snap = await addHand('Bridge, tagged first');
    const exact = '“We will rebuild the bridge by spring,”';
    const start = snap.text.indexOf(exact);
    const mine = (await s.call('createAnnotation', {
      snapshotId: snap.id,
      kind: 'quote',
      start,
      end: start + exact.length,
      fields: { speaker: 'the mayor' },
    })) as {
      value: Annotation;
    };
    const { added, skipped } = (await suggestOn(snap.id)).value;
    expect(skipped).toBeGreaterThan(0);
    const overlapping = added.filter((a) => a.kind === 'quote' && a.target.position.start < start + exact.length && start < a.target.position.end);
    expect(overlapping).toEqual([]);
    // The other quote is still suggested.
    expect(added.some((a) => a.kind === 'quote' && a.target.quote.exact.includes('toll'))).toBe(true);
    expect(await s.library.getAnnotation(snap.id, mine.value.id)).toEqual(mine.value);
  });
});

describe('review', () => {
  let snap: { id: string; text: string };
  let added: Annotation[];
  beforeAll(async () => {
    snap = await addHand('Bridge, reviewed');
    added = (await suggestOn(snap.id)).value.added;
  });
  const quoteWith = (word: string) => added.find((a) => a.kind === 'quote' && a.target.quote.exact.includes(word))!;

  it('reject: marked rejected, in the trash, and not offered again by the next run; undo brings it back to the queue', async () => {
    const toll = quoteWith('toll');
    const m = await review({ snapshotId: snap.id, ids: [toll.id], decision: 'reject' });
    expect(m.label).toBe('reject quote');
    const stored = await s.library.getAnnotation(snap.id, toll.id);
    expect(stored.origin.accepted).toBe(false);
    expect(stored.deletedAt).not.toBeNull();
    expect((await pending(snap.id)).map((a) => a.id)).not.toContain(toll.id);

    const again = await suggestOn(snap.id);
    expect(again.value.added).toEqual([]);
    expect((await all(snap.id)).filter((a) => a.target.quote.exact === toll.target.quote.exact && a.kind === 'quote')).toHaveLength(1);

    await s.undo(m);
    const back = await s.library.getAnnotation(snap.id, toll.id);
    expect(back.origin.accepted).toBeNull();
    expect(back.deletedAt).toBeNull();
    expect((await pending(snap.id)).map((a) => a.id)).toContain(toll.id);
  });

  it('accept: an ordinary annotation marked accepted, out of the queue; undo puts it back', async () => {
    const toll = quoteWith('toll');
    const m = await review({ snapshotId: snap.id, ids: [toll.id], decision: 'accept' });
    expect(m.value.annotations[0]).toMatchObject({
      id: toll.id,
      deletedAt: null,
      origin: { type: 'suggested', accepted: true, detector: toll.origin.detector },
    });
    expect((await s.call('listAnnotations', { snapshotId: snap.id })) as Annotation[]).toContainEqual(expect.objectContaining({ id: toll.id }));
    expect((await pending(snap.id)).map((a) => a.id)).not.toContain(toll.id);
    // Accepted is decided: a later run does not suggest it again.
    expect((await suggestOn(snap.id)).value.added).toEqual([]);
    const redo = await s.undo(m);
    expect((await s.library.getAnnotation(snap.id, toll.id)).origin.accepted).toBeNull();
    // Redo accepts it again.
    await s.undo(redo);
    expect((await s.library.getAnnotation(snap.id, toll.id)).origin.accepted).toBe(true);
  });

  it('edit then accept: fields patched, others kept; undo restores the fields exactly', async () => {
    const rebuild = quoteWith('rebuild');
    const before = await s.library.getAnnotation(snap.id, rebuild.id);
    const m = await review({
      snapshotId: snap.id,
      ids: [rebuild.id],
      decision: 'accept',
      patch: { fields: { speaker: 'Jane A. Holloway', speakerRole: 'mayor' } },
    });
    expect(m.label).toBe('edit and accept quote');
    const after = await s.library.getAnnotation(snap.id, rebuild.id);
    expect(after.fields).toEqual({ ...before.fields, speaker: 'Jane A. Holloway', speakerRole: 'mayor' });
    expect(after.origin.accepted).toBe(true);
    await s.undo(m);
    const undone = await s.library.getAnnotation(snap.id, rebuild.id);
    expect(undone.fields).toEqual(before.fields);
    expect(undone.origin).toEqual(before.origin);
  });

  it('accept all of a kind in one step, undone in one step', async () => {
    const figures = (await pending(snap.id)).filter((a) => a.kind === 'figure');
    expect(figures.length).toBeGreaterThan(1);
    const m = await review({ snapshotId: snap.id, ids: figures.map((a) => a.id), decision: 'accept' });
    expect(m.label).toBe(`accept ${figures.length} figures`);
    expect((await pending(snap.id)).filter((a) => a.kind === 'figure')).toEqual([]);
    for (const f of figures) expect((await s.library.getAnnotation(snap.id, f.id)).origin.accepted).toBe(true);
    await s.undo(m);
    expect(
      (await pending(snap.id))
        .filter((a) => a.kind === 'figure')
        .map((a) => a.id)
        .sort(),
    ).toEqual(figures.map((a) => a.id).sort());
  });

  it('refuses what is not a pending suggestion, changing nothing', async () => {
    const exact = 'on Tuesday';
    const start = snap.text.indexOf(exact);
    const mine = ((await s.call('createAnnotation', { snapshotId: snap.id, kind: 'note', start, end: start + exact.length })) as { value: Annotation }).value;
    const first = (await pending(snap.id))[0]!;
    const snapshotBefore = await all(snap.id);
    expect(await rejects(review({ snapshotId: snap.id, ids: [first.id, mine.id], decision: 'accept' }), 'INVALID_INPUT')).toMatch(/made by a person/);
    expect(await rejects(review({ snapshotId: snap.id, ids: [first.id, first.id], decision: 'accept' }), 'INVALID_INPUT')).toMatch(/named twice/);
    expect(
      await rejects(review({ snapshotId: snap.id, ids: [first.id, mine.id], decision: 'accept', patch: { fields: { speaker: 'X' } } }), 'INVALID_INPUT'),
    ).toMatch(/one suggestion/);
    expect(await rejects(review({ snapshotId: snap.id, ids: [], decision: 'accept' }), 'INVALID_INPUT')).toMatch(/at least one suggestion/);
    expect(await rejects(review({ snapshotId: snap.id, ids: ['no-such-id'], decision: 'reject' }), 'NOT_FOUND')).toBeTruthy();
    expect(
      await rejects(review({ snapshotId: snap.id, ids: [first.id], decision: 'accept', patch: { fields: { colour: 'red' } } }), 'INVALID_INPUT'),
    ).toBeTruthy();
    // Nothing above wrote anything, not even the first, valid id.
    expect(await all(snap.id)).toEqual(snapshotBefore);
    await review({ snapshotId: snap.id, ids: [first.id], decision: 'accept' });
    expect(await rejects(review({ snapshotId: snap.id, ids: [first.id], decision: 'reject' }), 'INVALID_INPUT')).toMatch(/already accepted/);
  });
});

describe('undo of suggest', () => {
  it('takes every added suggestion back; redo and a new run bring the same ones back, not copies', async () => {
    const snap = await addHand('Bridge, undone');
    const m = await suggestOn(snap.id);
    const ids = m.value.added.map((a) => a.id).sort();
    const redo = await s.undo(m);
    expect(await s.call('listAnnotations', { snapshotId: snap.id })).toEqual([]);
    expect(await pending(snap.id)).toEqual([]);
    await s.undo(redo);
    expect((await pending(snap.id)).map((a) => a.id).sort()).toEqual(ids);
    // Undo again, then Suggest: the same annotations come back (no copies in the trash).
    await s.undo(m);
    const again = await suggestOn(snap.id);
    expect(again.value.added.map((a) => a.id).sort()).toEqual(ids);
    expect((await all(snap.id)).map((a) => a.id).sort()).toEqual(ids);
    expect((await all(snap.id)).every((a) => a.deletedAt === null)).toBe(true);
  });
});

describe('hostile input', () => {
  it('unknown snapshot, empty or unknown kinds: a clear error and nothing written', async () => {
    expect(await rejects(suggestOn('no-such-snapshot'), 'NOT_FOUND')).toMatch(/no snapshot no-such-snapshot/);
    expect(await rejects(s.call('previewSuggestions', { snapshotIds: ['no-such-snapshot'] }), 'NOT_FOUND')).toMatch(/no-such-snapshot/);
    expect(await rejects(s.call('listSuggestions', { snapshotId: 'no-such-snapshot' }), 'NOT_FOUND')).toMatch(/no-such-snapshot/);
    const snap = await addHand('Bridge, hostile');
    expect(await rejects(suggestOn(snap.id, []), 'INVALID_INPUT')).toMatch(/at least one kind/);
    expect(await rejects(suggestOn(snap.id, ['gossip']), 'INVALID_INPUT')).toMatch(/kinds/);
    expect(await rejects(s.call('previewSuggestions', { snapshotIds: [] }), 'INVALID_INPUT')).toMatch(/at least one snapshot/);
    expect(await all(snap.id)).toEqual([]);
  });

  it('a 3 MB text is refused with its length and the limit, nothing written', async () => {
    const paragraph = '“We will rebuild the bridge,” Mayor Jane Holloway said. The city spent $3.4 billion on it.\n\n';
    const big = await addText(s, paragraph.repeat(Math.ceil(3_000_000 / paragraph.length)), 'Three megabytes');
    expect(big.text.length).toBeGreaterThan(2_900_000);
    const message = await rejects(suggestOn(big.id), 'TOO_LARGE');
    expect(message).toMatch(new RegExp(`The text is ${big.text.length} characters long; suggestions read at most 2000000`));
    expect(await all(big.id)).toEqual([]);
  });

  it('without a suggestion worker in the context: UNAVAILABLE, saying why', async () => {
    const snap = await addHand('Bridge, no worker');
    s.ctx.suggest = undefined;
    try {
      expect(await rejects(suggestOn(snap.id), 'UNAVAILABLE')).toMatch(/suggestion worker/);
    } finally {
      s.ctx.suggest = worker;
    }
  });
});

describe.skipIf(!HAVE_SAMPLE)('the sample article (skipped when ../shared/fixtures is absent)', () => {
  it('saves suggestions with origin, none over the researcher’s quote, and the gold quotes and figures are offered', async () => {
    const snap = await addText(s, readFileSync(SAMPLE, 'utf8'), 'NYPD and ICE');
    const gold = JSON.parse(readFileSync(GOLD, 'utf8')) as { items: { kind: string; type?: string; exact: string; start: number; end: number }[] };
    const [first, ...restQuotes] = gold.items.filter((g) => g.kind === 'quote' && g.type === 'direct');
    // The researcher tagged the first direct quote before asking for suggestions.
    const at = snap.text.indexOf(first!.exact);
    expect(at).toBeGreaterThanOrEqual(0);
    const mine = ((await s.call('createAnnotation', { snapshotId: snap.id, kind: 'quote', start: at, end: at + first!.exact.length })) as { value: Annotation })
      .value;

    const { added } = (await suggestOn(snap.id)).value;
    expect(added.every((a) => a.origin.type === 'suggested' && a.origin.accepted === null && typeof a.origin.confidence === 'number')).toBe(true);
    expect(added.filter((a) => a.kind === 'quote' && a.target.position.start < at + first!.exact.length && at < a.target.position.end)).toEqual([]);
    expect(await s.library.getAnnotation(snap.id, mine.id)).toEqual(mine);
    // The gold file's other direct quotes are among the suggestions, as they stand in the text.
    const quotes = added.filter((a) => a.kind === 'quote').map((a) => a.target.quote.exact);
    for (const q of restQuotes) expect(quotes.some((exact) => exact.includes(q.exact.slice(1, 40)))).toBe(true);
    expect(added.some((a) => a.kind === 'figure')).toBe(true);
    expect((await suggestOn(snap.id)).value.added).toEqual([]);
  });
});

describe('suggesting on import', () => {
  it('is off by default; once set, every new article arrives with suggestions, a duplicate adds none', async () => {
    expect(await s.call('librarySettings', {})).toEqual({ suggestOnImport: false });
    const off = (await s.call('importText', { text: hand('Ferry fares'), title: 'Ferry fares' })) as { snapshotId: string; suggested?: number };
    expect(off.suggested).toBeUndefined();
    expect(await pending(off.snapshotId)).toEqual([]);
    expect(await s.call('updateLibrarySettings', { suggestOnImport: true })).toEqual({ suggestOnImport: true });
    const on = (await s.call('importText', { text: hand('Tram fares'), title: 'Tram fares' })) as { snapshotId: string; suggested?: number };
    expect(on.suggested).toBeGreaterThan(0);
    expect(await pending(on.snapshotId)).toHaveLength(on.suggested!);
    const again = (await s.call('importText', { text: hand('Tram fares'), title: 'Tram fares' })) as { duplicate: boolean; suggested?: number };
    expect(again).toMatchObject({ duplicate: true });
    expect(again.suggested).toBeUndefined();
    await rejects(s.call('updateLibrarySettings', { suggestOnImport: 'yes' }), 'INVALID_INPUT');
    await rejects(s.call('updateLibrarySettings', { colour: 'red' }), 'INVALID_INPUT');
    await s.call('updateLibrarySettings', { suggestOnImport: false });
  });
});
