import { describe, expect, it } from 'vitest';
import { GlossaError, type Speaker } from '../../../core/model/index.js';
import { addSpeaker, findSpeaker, mergeSpeakers, normaliseName, removeSpeaker, speaks, suggestSpeakers, updateSpeaker } from '../../../core/speakers/index.js';

const T0 = '2026-01-01T00:00:00.000Z';
const T1 = '2026-01-02T00:00:00.000Z';

function registry(): Speaker[] {
  let list: Speaker[] = [];
  list = addSpeaker(list, { name: 'Oleg Chernyavsky', role: 'NYPD legislative affairs director', organisation: 'NYPD' }, 'oleg', T0).speakers;
  list = addSpeaker(list, { name: 'Bitta Mostofi', aliases: ['Commissioner Mostofi'] }, 'bitta', T0).speakers;
  list = addSpeaker(list, { name: 'ICE', aliases: ['Immigration and Customs Enforcement', ' ICE '] }, 'ice', T0).speakers;
  return list;
}

describe('speaker matching', () => {
  it('forgives case, accents, apostrophes and spacing', () => {
    expect(normaliseName('  Bitta   MOSTOFI ')).toBe('bitta mostofi');
    expect(normaliseName('José O’Neil')).toBe(normaliseName("jose o'neil"));
    const list = registry();
    expect(findSpeaker(list, 'oleg chernyavsky')?.id).toBe('oleg');
    expect(findSpeaker(list, 'commissioner  mostofi')?.id).toBe('bitta');
    expect(findSpeaker(list, 'Mostofi')).toBeUndefined();
    expect(speaks(list[2]!, 'Immigration and Customs Enforcement')).toBe(true);
    expect(speaks(list[2]!, null)).toBe(false);
  });

  it('suggests whole names first, then beginnings, then words, then anything containing the query', () => {
    const list = registry();
    expect(suggestSpeakers(list, 'ice').map((s) => s.speaker.id)[0]).toBe('ice');
    expect(suggestSpeakers(list, 'most').map((s) => [s.speaker.id, s.matched])).toEqual([['bitta', 'Bitta Mostofi']]);
    expect(suggestSpeakers(list, 'che').map((s) => s.speaker.id)).toEqual(['oleg']);
    expect(suggestSpeakers(list, 'customs').map((s) => s.matched)).toEqual(['Immigration and Customs Enforcement']);
    expect(suggestSpeakers(list, '', 2)).toHaveLength(2);
  });
});

describe('speaker registry', () => {
  it('tidies aliases and refuses a name that already belongs to someone', () => {
    const list = registry();
    expect(list[2]!.aliases).toEqual(['Immigration and Customs Enforcement']);
    expect(() => addSpeaker(list, { name: 'commissioner mostofi' }, 'x', T1)).toThrow(GlossaError);
    expect(() => addSpeaker(list, { name: 'New person', aliases: ['Oleg Chernyavsky'] }, 'x', T1)).toThrow(/already names/);
    expect(() => addSpeaker(list, { name: '   ' }, 'x', T1)).toThrow();
  });

  it('keeps the old name as an alias on a rename', () => {
    const { speaker } = updateSpeaker(registry(), 'bitta', { name: 'Bitta Mostofi-Khan', role: 'acting commissioner' }, T1);
    expect(speaker).toMatchObject({
      name: 'Bitta Mostofi-Khan',
      aliases: ['Commissioner Mostofi', 'Bitta Mostofi'],
      role: 'acting commissioner',
      updatedAt: T1,
    });
    expect(speaks(speaker, 'Bitta Mostofi')).toBe(true);
  });

  it('merges a duplicate into one person and removes speakers', () => {
    let list = registry();
    list = addSpeaker(list, { name: 'O. Chernyavsky' }, 'dup', T1).speakers;
    const merged = mergeSpeakers(list, 'dup', 'oleg', T1);
    expect(merged.speakers.map((s) => s.id)).toEqual(['oleg', 'bitta', 'ice']);
    expect(merged.speaker.aliases).toEqual(['O. Chernyavsky']);
    expect(removeSpeaker(merged.speakers, 'ice').map((s) => s.id)).toEqual(['oleg', 'bitta']);
    expect(() => removeSpeaker(merged.speakers, 'dup')).toThrow(/no speaker/);
    expect(() => mergeSpeakers(list, 'oleg', 'oleg', T1)).toThrow(/two different/);
  });
});
