/**
 * Typed change events: every operation that writes says what it changed, once, when it ends;
 * reading, refusing or failing before a write says nothing. The window refreshes from these
 * events only, so they must name exactly what moved.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { LibraryChange } from '../../../core/api/events.js';
import { addText, openSession, rejects, type Session } from './helpers.js';

let s: Session;
let a: { id: string; text: string };
beforeEach(async () => {
  s = await openSession();
  a = await addText(s, 'First\n\nThe council postponed the vote again.', 'First');
  s.events.length = 0;
});
afterEach(() => s.close());

/** The library-changed events since the last call, as their change lists. */
function announced(): LibraryChange[][] {
  const out = s.events.flatMap((e) => (e.type === 'library-changed' ? [(e as { changes?: LibraryChange[] }).changes ?? []] : []));
  s.events.length = 0;
  return out;
}

async function claim(phrase: string, tags: string[] = []) {
  const start = a.text.indexOf(phrase);
  return s.call('createAnnotation', { snapshotId: a.id, kind: 'claim', start, end: start + phrase.length, tags });
}

describe('change events', () => {
  it('a new snapshot is announced as one snapshot change (no untyped event beside it)', async () => {
    const b = await s.call('importText', { text: 'Second\n\nPolice ignored the requests.', title: 'Second' });
    expect(s.events.filter((e) => e.type === 'library-changed')).toEqual([{ type: 'library-changed', changes: [{ entity: 'snapshot', ids: [b.snapshotId] }] }]);
  });

  it('an annotation edit, its undo and its redo each name the annotation and its snapshot', async () => {
    const made = await claim('council postponed');
    expect(announced()).toEqual([[{ entity: 'annotation', snapshotId: a.id, ids: [made.value.id] }]]);
    const undone = await s.undo(made);
    expect(announced()).toEqual([[{ entity: 'annotation', snapshotId: a.id, ids: [made.value.id] }]]);
    await s.undo(undone);
    expect(announced()).toEqual([[{ entity: 'annotation', snapshotId: a.id, ids: [made.value.id] }]]);
  });

  it('a codebook change that re-tags annotations names both, in one event; its undo too', async () => {
    const tag = (await s.call('createTag', { name: 'Delay' })).value.tag;
    expect(announced()).toEqual([[{ entity: 'codebook' }]]);
    const tagged = await claim('postponed the vote', [tag.id]);
    announced();
    const deleted = await s.call('deleteTag', { id: tag.id });
    const expected = [[{ entity: 'annotation', snapshotId: a.id, ids: [tagged.value.id] }, { entity: 'codebook' }]];
    expect(announced()).toEqual(expected);
    await s.undo(deleted);
    expect(announced()).toEqual(expected);
  });

  it('a speaker picked in a quote registers them: speakers and the quote in one event', async () => {
    const start = a.text.indexOf('council');
    const q = (await s.call('createAnnotation', { snapshotId: a.id, kind: 'quote', start, end: start + 7 })).value;
    announced();
    await s.call('setQuoteSpeaker', { snapshotId: a.id, id: q.id, name: 'Oleg Chernyavsky' });
    expect(announced()).toEqual([[{ entity: 'annotation', snapshotId: a.id, ids: [q.id] }, { entity: 'speakers' }]]);
  });

  it('reading says nothing; a refused change says nothing and changes nothing', async () => {
    await s.call('listCodebook', {});
    await s.call('openSnapshot', { id: a.id });
    await s.call('createTag', { name: 'Delay' });
    announced();
    await rejects(s.call('createTag', { name: 'Delay' }), 'INVALID_INPUT');
    await rejects(s.call('deleteTag', { id: 'no-such-tag' }), 'NOT_FOUND');
    expect(announced()).toEqual([]);
    expect((await s.call('listCodebook', {})).map((t) => t.name)).toEqual(['Delay']);
  });

  it('a registry change refused by its second edit writes and announces nothing', async () => {
    const start = a.text.indexOf('council');
    const q = (await s.call('createAnnotation', { snapshotId: a.id, kind: 'quote', start, end: start + 7 })).value;
    const c = await claim('the vote');
    announced();
    // The second edit names a claim: refused before any write, so nothing is announced.
    await rejects(
      s.call('applySpeakerChange', {
        quotes: [
          { snapshotId: a.id, id: q.id, speaker: 'X' },
          { snapshotId: a.id, id: c.value.id, speaker: 'Y' },
        ],
      }),
      'INVALID_INPUT',
    );
    expect(announced()).toEqual([]);
    expect((await s.library.getAnnotation(a.id, q.id)).fields.speaker ?? null).toBeNull();
  });
});
