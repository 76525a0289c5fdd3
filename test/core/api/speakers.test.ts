/**
 * The speaker registry through the API on a real library: picking or adding a speaker from
 * a quote (one undo), everything a person said across articles, renames and merges that
 * carry quotes along, and names on quotes that are not registered yet.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { addText, openSession, rejects, type Session } from './helpers.js';

let s: Session;
let a: { id: string; text: string };
let b: { id: string; text: string };
beforeEach(async () => {
  s = await openSession();
  a = await addText(s, 'First\n\n“We will not comply,” the director said. Another line here.', 'First');
  b = await addText(s, 'Second\n\n“Nothing changed,” said the director. A third remark follows.', 'Second');
});
afterEach(() => s.close());

async function quote(snap: { id: string; text: string }, phrase: string) {
  const start = snap.text.indexOf(phrase);
  return (await s.call('createAnnotation', { snapshotId: snap.id, kind: 'quote', start, end: start + phrase.length })).value;
}

describe('speakers', () => {
  it('adds a new name to the registry when a quote names it, and undoes both at once', async () => {
    const q = await quote(a, '“We will not comply,”');
    const set = await s.call('setQuoteSpeaker', { snapshotId: a.id, id: q.id, name: '  Oleg   Chernyavsky ' });
    expect(set.value.created).toBe(true);
    expect(set.value.annotations[0]!.fields.speaker).toBe('Oleg Chernyavsky');
    expect(set.label).toBe('edit quote');
    expect((await s.call('listSpeakers', {})).map((p) => p.name)).toEqual(['Oleg Chernyavsky']);
    await s.undo(set);
    expect(await s.call('listSpeakers', {})).toEqual([]);
    expect((await s.library.getAnnotation(a.id, q.id)).fields.speaker ?? null).toBeNull();
  });

  it('picks a registered speaker by alias, storing the registered name', async () => {
    const oleg = (await s.call('createSpeaker', { name: 'Oleg Chernyavsky', aliases: ['the NYPD director'], role: 'legislative affairs director' })).value
      .speaker;
    const q = await quote(a, '“We will not comply,”');
    const set = await s.call('setQuoteSpeaker', { snapshotId: a.id, id: q.id, name: 'The NYPD Director' });
    expect(set.value).toMatchObject({ created: false, speaker: { id: oleg.id } });
    expect((await s.library.getAnnotation(a.id, q.id)).fields.speaker).toBe('Oleg Chernyavsky');
    expect((await s.call('suggestSpeakers', { query: 'nypd' })).map((x) => x.matched)).toEqual(['the NYPD director']);
  });

  it('lists everything a speaker said across the library, and names not in the registry', async () => {
    const q1 = await quote(a, '“We will not comply,”');
    const q2 = await quote(b, '“Nothing changed,”');
    const q3 = await quote(b, 'A third remark follows.');
    await s.call('setQuoteSpeaker', { snapshotId: a.id, id: q1.id, name: 'Oleg Chernyavsky' });
    await s.call('setQuoteSpeaker', { snapshotId: b.id, id: q2.id, name: 'oleg chernyavsky' });
    await s.call('updateAnnotation', { snapshotId: b.id, id: q3.id, patch: { fields: { speaker: 'Anonymous official' } } });
    const oleg = (await s.call('listSpeakers', {}))[0]!;
    const said = await s.call('speakerQuotes', { id: oleg.id });
    expect(said.quotes.map((q) => [q.snapshotTitle, q.exact])).toEqual([
      ['Second', '“Nothing changed,”'],
      ['First', '“We will not comply,”'],
    ]);
    const usage = await s.call('speakerUsage', {});
    expect(usage).toEqual({ counts: { [oleg.id]: 2 }, unregistered: [{ name: 'Anonymous official', quotes: 1 }] });
  });

  it('renames with or without rewriting quotes, merges duplicates with their quotes, deletes', async () => {
    const q1 = await quote(a, '“We will not comply,”');
    const q2 = await quote(b, '“Nothing changed,”');
    await s.call('setQuoteSpeaker', { snapshotId: a.id, id: q1.id, name: 'O. Chernyavsky' });
    await s.call('setQuoteSpeaker', { snapshotId: b.id, id: q2.id, name: 'Oleg Chernyavsky' });
    const [dup, oleg] = await s.call('listSpeakers', {});
    expect([dup!.name, oleg!.name]).toEqual(['O. Chernyavsky', 'Oleg Chernyavsky']);

    const renamed = await s.call('updateSpeaker', { id: oleg!.id, patch: { name: 'Oleg Chernyavskiy' }, renameQuotes: true });
    expect(renamed.value.annotations.map((x) => x.fields.speaker)).toEqual(['Oleg Chernyavskiy']);
    expect(renamed.value.speakers.find((x) => x.id === oleg!.id)!.aliases).toEqual(['Oleg Chernyavsky']);
    await s.undo(renamed);
    expect((await s.library.getAnnotation(b.id, q2.id)).fields.speaker).toBe('Oleg Chernyavsky');

    const merged = await s.call('mergeSpeakers', { sourceId: dup!.id, targetId: oleg!.id });
    expect((await s.library.getAnnotation(a.id, q1.id)).fields.speaker).toBe('Oleg Chernyavsky');
    expect((await s.call('speakerQuotes', { id: oleg!.id })).quotes).toHaveLength(2);
    await s.undo(merged);
    expect((await s.call('listSpeakers', {})).map((x) => x.name)).toEqual(['O. Chernyavsky', 'Oleg Chernyavsky']);
    expect((await s.library.getAnnotation(a.id, q1.id)).fields.speaker).toBe('O. Chernyavsky');

    const gone = await s.call('deleteSpeaker', { id: dup!.id });
    expect((await s.library.getAnnotation(a.id, q1.id)).fields.speaker).toBe('O. Chernyavsky');
    await s.undo(gone);
    expect(await s.call('listSpeakers', {})).toHaveLength(2);
    await rejects(s.call('createSpeaker', { name: 'oleg chernyavsky' }), 'INVALID_INPUT');
    await rejects(s.call('speakerQuotes', { id: 'nope' }), 'NOT_FOUND');
  });

  it('a role typed on a quote is recorded on its speaker when the speaker has none, in one undo step', async () => {
    const q1 = await quote(a, '“We will not comply,”');
    await s.call('setQuoteSpeaker', { snapshotId: a.id, id: q1.id, name: 'Oleg Chernyavsky' });
    const set = await s.call('setQuoteRole', { snapshotId: a.id, id: q1.id, role: '  legislative affairs director ' });
    expect(set.value.fields.speakerRole).toBe('legislative affairs director');
    expect((await s.call('listSpeakers', {}))[0]!.role).toBe('legislative affairs director');
    // A speaker who has a role keeps it: a quote's own role is the quote's.
    const q2 = await quote(b, '“Nothing changed,”');
    await s.call('setQuoteSpeaker', { snapshotId: b.id, id: q2.id, name: 'Oleg Chernyavsky' });
    await s.call('setQuoteRole', { snapshotId: b.id, id: q2.id, role: 'spokesman' });
    expect((await s.call('listSpeakers', {}))[0]!.role).toBe('legislative affairs director');
    expect((await s.library.getAnnotation(b.id, q2.id)).fields.speakerRole).toBe('spokesman');
    await s.undo(set);
    expect((await s.call('listSpeakers', {}))[0]!.role).toBeNull();
    expect((await s.library.getAnnotation(a.id, q1.id)).fields.speakerRole ?? null).toBeNull();
    const note = (await s.call('createAnnotation', { snapshotId: b.id, kind: 'note', start: 0, end: 6 })).value;
    await rejects(s.call('setQuoteRole', { snapshotId: b.id, id: note.id, role: 'x' }), 'INVALID_INPUT');
  });
});
