/**
 * The workbench's annotation operations through the API table on a real library: resizing
 * by word, tags, verdicts with history, evidence, links, trash, find, figures (parsed values
 * and the relation check) and annotations whose target no longer holds. Every mutation's
 * inverse is run too, as the window's undo stack would.
 */
import { readFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type Annotation } from '../../../core/model/index.js';
import { HAVE_NYPD, NYPD_TXT } from '../../shared-fixtures.js';
import { addPictureSnapshot, makePng } from '../ingest/figure-images.js';
import { addText, openSession, rejects, type Session } from './helpers.js';

const ARTICLE =
  'Budget vote delayed\n\nThe council postponed the vote, officials said. “We need about 12 more days,” the chair said.\n\nA second paragraph mentions the council again.';

let s: Session;
let id: string;
let text: string;
beforeEach(async () => {
  s = await openSession();
  ({ id, text } = await addText(s, ARTICLE, 'Budget vote delayed'));
});
afterEach(() => s.close());

const span = (phrase: string) => ({ start: text.indexOf(phrase), end: text.indexOf(phrase) + phrase.length });
async function tag(kind: Annotation['kind'], phrase: string, extra: Record<string, unknown> = {}) {
  return s.call('createAnnotation', { snapshotId: id, kind, ...span(phrase), ...extra });
}
const get = (annotationId: string) => s.library.getAnnotation(id, annotationId);

describe('resizeAnnotation', () => {
  it('extends and shrinks either end by a word, re-deriving exact, prefix and suffix, and undoes', async () => {
    const { value: a } = await tag('claim', 'council postponed');
    const grown = await s.call('resizeAnnotation', { snapshotId: id, id: a.id, edge: 'end', direction: 'grow' });
    expect(grown.value.target.quote.exact).toBe('council postponed the');
    expect(grown.label).toBe('extend claim');
    const punct = await s.call('resizeAnnotation', { snapshotId: id, id: a.id, edge: 'end', direction: 'grow' });
    expect(punct.value.target.quote.exact).toBe('council postponed the vote');
    const withComma = await s.call('resizeAnnotation', { snapshotId: id, id: a.id, edge: 'end', direction: 'grow' });
    expect(withComma.value.target.quote.exact).toBe('council postponed the vote,');
    const start = await s.call('resizeAnnotation', { snapshotId: id, id: a.id, edge: 'start', direction: 'grow' });
    const t = start.value.target;
    expect(t.quote.exact).toBe('The council postponed the vote,');
    expect(text.slice(t.position.start, t.position.end)).toBe(t.quote.exact);
    expect(t.quote.suffix).toBe(text.slice(t.position.end, t.position.end + 32));
    await s.undo(start);
    expect((await get(a.id)).target.quote.exact).toBe('council postponed the vote,');
    await s.undo(withComma);
    await s.undo(punct);
    await s.undo(grown);
    expect((await get(a.id)).target).toEqual(a.target);
  });

  it('says why a span cannot shrink any more', async () => {
    const { value: a } = await tag('figure', '12');
    expect(await rejects(s.call('resizeAnnotation', { snapshotId: id, id: a.id, edge: 'end', direction: 'shrink' }), 'INVALID_INPUT')).toContain(
      'one word is left',
    );
  });
});

describe('tags on annotations', () => {
  it('adds several codebook tags, refuses unknown ones, and removes them', async () => {
    const budget = (await s.call('createTag', { name: 'Budget' })).value.tag;
    const delay = (await s.call('createTag', { name: 'Delay', key: 'd' })).value.tag;
    const { value: a } = await tag('claim', 'council postponed the vote');
    const one = await s.call('setAnnotationTags', { snapshotId: id, id: a.id, add: [budget.id] });
    expect(one.label).toBe('tag claim “Budget”');
    await s.call('setAnnotationTags', { snapshotId: id, id: a.id, add: [delay.id, budget.id] });
    expect((await get(a.id)).tags).toEqual([budget.id, delay.id]);
    await rejects(s.call('setAnnotationTags', { snapshotId: id, id: a.id, add: ['nope'] }), 'NOT_FOUND');
    const off = await s.call('setAnnotationTags', { snapshotId: id, id: a.id, remove: [budget.id] });
    expect(off.value.tags).toEqual([delay.id]);
    await s.undo(off);
    expect((await get(a.id)).tags).toEqual([budget.id, delay.id]);
  });
});

describe('claims', () => {
  it('sets verdicts with a dated history and a note; undo gives back the previous history exactly', async () => {
    const { value: c } = await tag('claim', 'The council postponed the vote');
    const started = Date.now();
    const first = await s.call('setVerdict', { snapshotId: id, id: c.id, verdict: 'disputed', note: ' chair says otherwise ' });
    expect(first.value.fields.verdictHistory).toEqual([{ verdict: 'disputed', at: expect.any(String), note: 'chair says otherwise' }]);
    const second = await s.call('setVerdict', { snapshotId: id, id: c.id, verdict: 'supported' });
    expect(second.value.fields.verdict).toBe('supported');
    const history = second.value.fields.verdictHistory!;
    expect(history.map((h) => [h.verdict, h.note])).toEqual([
      ['disputed', 'chair says otherwise'],
      ['supported', ''],
    ]);
    expect(Date.parse(history[0]!.at)).toBeGreaterThanOrEqual(started - 1000);
    expect(Date.parse(history[1]!.at)).toBeGreaterThanOrEqual(Date.parse(history[0]!.at));
    // Stored, not only returned.
    expect((await get(c.id)).fields.verdictHistory).toEqual(history);
    await s.undo(second);
    const afterUndo = await get(c.id);
    expect(afterUndo.fields.verdict).toBe('disputed');
    expect(afterUndo.fields.verdictHistory).toEqual(first.value.fields.verdictHistory);
    await s.undo(first);
    const bare = await get(c.id);
    expect(bare.fields.verdict ?? null).toBeNull();
    expect('verdictHistory' in bare.fields).toBe(false);
    // Redo (the inverse of the undo) brings the entry back with its note.
    const cleared = await s.call('setVerdict', { snapshotId: id, id: c.id, verdict: null, note: 'withdrawn' });
    expect(cleared.value.fields.verdictHistory).toEqual([{ verdict: null, at: expect.any(String), note: 'withdrawn' }]);
    const { value: q } = await tag('quote', '“We need about 12 more days,”');
    expect(await rejects(s.call('setVerdict', { snapshotId: id, id: q.id, verdict: 'false' }), 'INVALID_INPUT')).toContain('Only claims');
  });

  it('enters a verdict set before history was kept into the history, dated by the last edit', async () => {
    const { value: c } = await tag('claim', 'The council postponed the vote');
    const old = await s.call('updateAnnotation', { snapshotId: id, id: c.id, patch: { fields: { verdict: 'false' } } });
    const set = await s.call('setVerdict', { snapshotId: id, id: c.id, verdict: 'misleading', note: 'context missing' });
    expect(set.value.fields.verdictHistory).toEqual([
      { verdict: 'false', at: old.value.updatedAt, note: '' },
      { verdict: 'misleading', at: expect.any(String), note: 'context missing' },
    ]);
    await s.undo(set);
    expect((await get(c.id)).fields).toEqual(old.value.fields);
  });

  it('refuses a history with a bad date or an unknown verdict, and changes nothing', async () => {
    const { value: c } = await tag('claim', 'The council postponed the vote');
    const bad = [[{ verdict: 'supported', at: 'last Tuesday', note: '' }], [{ verdict: 'probably', at: '2025-01-01T00:00:00Z', note: '' }]];
    for (const verdictHistory of bad) {
      await rejects(s.call('updateAnnotation', { snapshotId: id, id: c.id, patch: { fields: { verdictHistory } } }), 'INVALID_INPUT');
    }
    expect((await get(c.id)).fields).toEqual(c.fields);
  });

  it('keeps evidence: web addresses and links to annotations in other snapshots, with notes', async () => {
    const other = await addText(s, 'Council minutes\n\nThe vote was moved to June by the council.', 'Council minutes');
    const { value: source } = await s.call('createAnnotation', {
      snapshotId: other.id,
      kind: 'claim',
      start: other.text.indexOf('The vote'),
      end: other.text.indexOf(' by the'),
    });
    const { value: c } = await tag('claim', 'The council postponed the vote');
    const set = await s.call('setEvidence', {
      snapshotId: id,
      id: c.id,
      evidence: [
        { url: ' https://example.org/minutes ', note: 'official minutes' },
        { snapshotId: other.id, annotationId: source.id, note: 'says June' },
      ],
    });
    expect(set.value.fields.evidence).toEqual([
      { url: 'https://example.org/minutes', snapshotId: null, annotationId: null, note: 'official minutes' },
      { url: null, snapshotId: other.id, annotationId: source.id, note: 'says June' },
    ]);
    const refs = await s.call('resolveAnnotationRefs', {
      refs: [
        { snapshotId: other.id, annotationId: source.id },
        { snapshotId: 'missing', annotationId: null },
      ],
    });
    expect(refs[0]).toMatchObject({ found: true, snapshotTitle: 'Council minutes', kind: 'claim', exact: 'The vote was moved to June', deleted: false });
    expect(refs[1]).toMatchObject({ found: false });
    expect(await rejects(s.call('setEvidence', { snapshotId: id, id: c.id, evidence: [{ url: 'javascript:alert(1)' }] }), 'INVALID_INPUT')).toContain(
      'not a web address',
    );
    await rejects(s.call('setEvidence', { snapshotId: id, id: c.id, evidence: [{ snapshotId: other.id, annotationId: 'nope' }] }), 'NOT_FOUND');
    await s.undo(set);
    expect((await get(c.id)).fields.evidence ?? []).toEqual([]);
  });
});

describe('links between annotations', () => {
  it('links a figure to the claim it supports and a quote to the claim it contains', async () => {
    const { value: quote } = await tag('quote', '“We need about 12 more days,”');
    const { value: claim } = await tag('claim', 'We need about 12 more days');
    const { value: figure } = await tag('figure', 'about 12 more days');
    const l1 = await s.call('addLink', { snapshotId: id, id: figure.id, rel: 'supports', targetId: claim.id });
    await s.call('addLink', { snapshotId: id, id: quote.id, rel: 'contains', targetId: claim.id });
    expect(l1.value.links).toEqual([{ rel: 'supports', annotationId: claim.id }]);
    expect(l1.label).toBe('link figure to claim');
    expect(await rejects(s.call('addLink', { snapshotId: id, id: figure.id, rel: 'supports', targetId: claim.id }), 'INVALID_INPUT')).toContain(
      'already supports',
    );
    await rejects(s.call('addLink', { snapshotId: id, id: figure.id, rel: 'supports', targetId: figure.id }), 'INVALID_INPUT');
    await rejects(s.call('addLink', { snapshotId: id, id: figure.id, rel: 'loves', targetId: claim.id }), 'INVALID_INPUT');
    const rm = await s.call('removeLink', { snapshotId: id, id: figure.id, rel: 'supports', targetId: claim.id });
    expect(rm.value.links).toEqual([]);
    await s.undo(rm);
    expect((await get(figure.id)).links).toEqual([{ rel: 'supports', annotationId: claim.id }]);
  });
});

describe('trash', () => {
  it('lists deleted annotations newest first, per snapshot or library-wide, until restored', async () => {
    const { value: a } = await tag('claim', 'council postponed');
    const { value: b } = await tag('figure', '12');
    await s.call('deleteAnnotation', { snapshotId: id, id: a.id });
    await new Promise((r) => setTimeout(r, 5));
    await s.call('deleteAnnotation', { snapshotId: id, id: b.id });
    const trash = await s.call('listTrash', { snapshotId: id });
    expect(trash.map((t) => t.annotation.id)).toEqual([b.id, a.id]);
    expect(trash[0]!.snapshotTitle).toBe('Budget vote delayed');
    await s.call('restoreAnnotation', { snapshotId: id, id: a.id });
    expect((await s.call('listTrash', {})).map((t) => t.annotation.id)).toEqual([b.id]);
    await rejects(s.call('listTrash', { snapshotId: 'nope' }), 'NOT_FOUND');
  });
});

describe('searchSnapshot', () => {
  it('finds text forgivingly and annotations by their text and fields', async () => {
    const { value: q } = await tag('quote', '“We need about 12 more days,”', { fields: { speaker: 'Finance chair' } });
    const found = await s.call('searchSnapshot', { snapshotId: id, query: 'THE COUNCIL' });
    expect(found.matches.map((m) => text.slice(m.start, m.end))).toEqual(['The council', 'the council']);
    expect((await s.call('searchSnapshot', { snapshotId: id, query: '"we need … days,"' })).matches.map((m) => text.slice(m.start, m.end))).toEqual([
      '“We need about 12 more days,”',
    ]);
    expect((await s.call('searchSnapshot', { snapshotId: id, query: 'finance' })).annotations).toEqual([q.id]);
  });
});

describe('unanchored annotations', () => {
  it('lists annotations whose target does not hold, with the place the quote is found now', async () => {
    const { value: a } = await tag('claim', 'council postponed the vote');
    // As a bundle from an edited copy could bring: the position no longer holds the quote.
    await s.library.putAnnotation({
      ...a,
      target: { ...a.target, position: { ...a.target.position, start: a.target.position.start + 2, end: a.target.position.end + 2 } },
    });
    const list = await s.call('listUnanchored', { snapshotId: id });
    expect(list.map((u) => [u.annotation.id, u.suggestion])).toEqual([[a.id, span('council postponed the vote')]]);
    await s.call('updateAnnotation', { snapshotId: id, id: a.id, patch: span('council postponed the vote') });
    expect(await s.call('listUnanchored', { snapshotId: id })).toEqual([]);
  });
});

describe.runIf(HAVE_NYPD)('figures on the sample article', () => {
  it('prefills value, unit and qualifier, accepts the rest, and checks 1,526 ÷ 80 against “almost 20 times”', async () => {
    const nypd = await addText(s, readFileSync(NYPD_TXT, 'utf8'), 'NYPD');
    const fig = async (phrase: string) => {
      const start = nypd.text.indexOf(phrase);
      return (await s.call('createAnnotation', { snapshotId: nypd.id, kind: 'figure', start, end: start + phrase.length, prefill: true })).value;
    };
    const ratio = await fig('almost 20 times');
    expect(ratio.fields).toMatchObject({ value: 20, unit: 'ratio', qualifier: 'almost' });
    const total = await fig('1,526 requests');
    const base = await fig('80 requests');
    expect(base.fields).toMatchObject({ value: 80, unit: 'requests', qualifier: null });
    const analysis = await s.call('analyseFigures', { snapshotId: nypd.id });
    expect(analysis.readings[base.id]).toMatchObject({ value: 80, period: '2016' });
    expect(analysis.relations).toEqual([expect.objectContaining({ kind: 'ratio', figures: [ratio.id, total.id, base.id], stated: 20, agrees: true })]);
    expect(analysis.relations[0]!.explanation).toContain('1,526 ÷ 80 = 19.1');
    const accepted = await s.call('acceptAnnotation', { snapshotId: nypd.id, id: base.id });
    expect(accepted.value.fields.period).toBe('2016');
    expect(await rejects(s.call('acceptAnnotation', { snapshotId: nypd.id, id: base.id }), 'INVALID_INPUT')).toContain('Nothing to accept');
    await s.undo(accepted);
    expect((await s.library.getAnnotation(nypd.id, base.id)).fields.period ?? null).toBeNull();
  });
});

describe('figures on images', () => {
  it('tags an image of the snapshot (whole, then an area), changes the area with undo, and keeps words-only operations off it', async () => {
    const words = 'Traffic before the closure\nAbout 48,000 vehicles a day crossed the bridge.';
    const chart = makePng(8, 4);
    const snap = await addPictureSnapshot(s.library, { text: words, title: 'Bridge', pictures: [{ bytes: chart, offset: 27, alt: 'Daily crossings' }] });
    const image = snap.images[0]!;
    const whole = await s.call('createAnnotation', {
      snapshotId: snap.id,
      kind: 'figure',
      start: 27,
      end: 27,
      image: { hash: image.hash, rect: null },
      prefill: true,
    });
    expect(whole.value.target).toMatchObject({
      position: { start: 27, end: 27 },
      quote: { exact: '', suffix: 'About 48,000 vehicles a day cros' },
      image: { hash: image.hash, rect: null },
    });
    // Nothing is read from text that is not there.
    expect(whole.value.fields.value ?? null).toBeNull();
    const area = await s.call('createAnnotation', {
      snapshotId: snap.id,
      kind: 'figure',
      start: 27,
      end: 27,
      image: { hash: image.hash, rect: { x: 0, y: 0.5, w: 0.5, h: 0.5 } },
    });
    const moved = await s.call('updateAnnotation', { snapshotId: snap.id, id: area.value.id, patch: { imageRect: { x: 0.25, y: 0, w: 0.75, h: 1 } } });
    expect(moved.value.target.image!.rect).toEqual({ x: 0.25, y: 0, w: 0.75, h: 1 });
    expect(((await s.undo(moved)).value as Annotation).target.image!.rect).toEqual({ x: 0, y: 0.5, w: 0.5, h: 0.5 });
    // Both hold where they stand; undoing the tag removes it.
    expect(await s.call('listUnanchored', { snapshotId: snap.id })).toEqual([]);
    await s.undo(whole);
    expect((await s.call('listAnnotations', { snapshotId: snap.id })).map((a) => a.id)).toEqual([area.value.id]);

    expect(await rejects(s.call('resizeAnnotation', { snapshotId: snap.id, id: area.value.id, edge: 'end', direction: 'grow' }), 'INVALID_INPUT')).toMatch(
      /tagged on an image/,
    );
    expect(await rejects(s.call('updateAnnotation', { snapshotId: snap.id, id: area.value.id, patch: { start: 0, end: 7 } }), 'INVALID_INPUT')).toMatch(
      /tagged on an image/,
    );
    const words2 = await s.call('createAnnotation', { snapshotId: snap.id, kind: 'figure', start: 33, end: 39 });
    expect(await rejects(s.call('updateAnnotation', { snapshotId: snap.id, id: words2.value.id, patch: { imageRect: null } }), 'INVALID_INPUT')).toMatch(
      /has no area/,
    );
    expect(
      await rejects(
        s.call('createAnnotation', {
          snapshotId: snap.id,
          kind: 'figure',
          start: 0,
          end: 0,
          image: { hash: image.hash, rect: { x: 0.6, y: 0, w: 0.5, h: 1 } },
        }),
        'INVALID_INPUT',
      ),
    ).toMatch(/within the image/);
    expect(
      await rejects(
        s.call('createAnnotation', { snapshotId: snap.id, kind: 'figure', start: 0, end: 0, image: { hash: 'a'.repeat(64), rect: null } }),
        'NOT_FOUND',
      ),
    ).toMatch(/no image aaaaaaaaaaaa/);
  });
});
