import { describe, expect, it } from 'vitest';
import { takeBlock, withBlock } from '../../../core/qda/described.js';
import { derivedGuid, guidFor, normaliseGuid } from '../../../core/qda/guid.js';
import { OffsetMap } from '../../../core/qda/offsets.js';
import { codePointSlice } from './support.js';

describe('UTF-16 offsets ↔ REFI code point positions', () => {
  const text = 'Ab 😀 cd 👩🏽‍⚕️ é\u0301 𝔘 end';

  it('agrees with the code points JavaScript iterates, at every offset', () => {
    const map = new OffsetMap(text);
    expect(map.codePoints).toBe([...text].length);
    let cp = 0;
    for (let u = 0; u <= text.length;) {
      expect(map.toCodePoint(u)).toBe(cp);
      expect(map.toUtf16(cp)).toBe(u);
      u += u < text.length ? String.fromCodePoint(text.codePointAt(u)!).length : 1;
      cp++;
    }
  });

  it('maps a selection after an emoji to the same characters', () => {
    const map = new OffsetMap(text);
    const start = text.indexOf('cd');
    const end = text.indexOf('end') + 3;
    const from = map.toCodePoint(start)!;
    const to = map.toCodePoint(end)!;
    expect(from).toBe(start - 1); // one emoji before: one code point fewer
    expect(to).toBe(end - 4); // four surrogate pairs before "end": 😀, 👩, 🏽, 𝔘 (⚕ is in the BMP)
    expect(codePointSlice(text, from, to)).toBe(text.slice(start, end));
  });

  it('refuses offsets inside a surrogate pair or outside the text', () => {
    const map = new OffsetMap(text);
    const inside = text.indexOf('😀') + 1;
    expect(map.toCodePoint(inside)).toBeNull();
    expect(map.toCodePoint(-1)).toBeNull();
    expect(map.toCodePoint(text.length + 1)).toBeNull();
    expect(map.toCodePoint(1.5)).toBeNull();
    expect(map.toUtf16(map.codePoints + 1)).toBeNull();
    expect(map.toUtf16(-3)).toBeNull();
  });

  it('counts a lone surrogate as one character, as UTF-8 writes it (U+FFFD)', () => {
    const lone = 'a\ud800b';
    const map = new OffsetMap(lone);
    expect(map.codePoints).toBe(3);
    expect(Buffer.from(lone, 'utf8').toString('utf8')).toBe('a\ufffdb');
    expect(map.toCodePoint(2)).toBe(2);
  });
});

describe('GUIDs', () => {
  it('keeps lowercase UUIDs and derives stable GUIDs for other ids', () => {
    const uuid = '0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b';
    expect(guidFor('annotation', uuid)).toBe(uuid);
    const derived = guidFor('tag', 'immigration');
    expect(derived).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(guidFor('tag', 'immigration')).toBe(derived);
    expect(guidFor('speaker', 'immigration')).not.toBe(derived);
    expect(guidFor('tag', uuid.toUpperCase())).not.toBe(uuid); // an uppercase id would not come back equal
    expect(derivedGuid('x')).toBe(derivedGuid('x'));
  });

  it('reads REFI GUIDs in any case, with or without braces', () => {
    expect(normaliseGuid('{5215CC69-B628-4E02-AFB9-9BEEAEE55808}')).toBe('5215cc69-b628-4e02-afb9-9beeaee55808');
    expect(normaliseGuid(' 9fa9bcb7-5b59-47a9-8c3e-f65cffdc7520 ')).toBe('9fa9bcb7-5b59-47a9-8c3e-f65cffdc7520');
    expect(normaliseGuid('{5215cc69-b628-4e02-afb9-9beeaee55808')).toBeNull();
    expect(normaliseGuid('not-a-guid')).toBeNull();
    expect(normaliseGuid(undefined)).toBeNull();
  });
});

describe('Glossa blocks in descriptions', () => {
  it.each([
    ['', [['Speaker', 'Oleg']]],
    [
      'A comment.',
      [
        ['Speaker', 'Oleg'],
        ['Cue', 'said'],
      ],
    ],
    [
      'Two\nlines\r\n',
      [
        ['Evidence note', 'multi\nline'],
        ['Unit', ' padded '],
        ['Claimant', '"quoted"'],
      ],
    ],
    ['Ends with a fake header\n[Glossa quote]', [['Value', '12.5']]],
  ] as const)('round-trips %j', (text, entries) => {
    const written = withBlock(text, 'quote', entries);
    const block = takeBlock(written);
    expect(block).toEqual({ rest: text, what: 'quote', entries });
  });

  it('writes nothing extra without entries, and leaves text that was edited out of shape alone', () => {
    expect(withBlock('plain', 'tag', [])).toBe('plain');
    expect(takeBlock('plain')).toBeNull();
    expect(takeBlock('x\n\n[Glossa quote]\nSpeaker: Oleg\nsomething a person typed')).toBeNull();
    expect(takeBlock('x\n[Glossa quote]\nSpeaker: Oleg')).toBeNull();
  });

  it('still reads a block whose line breaks another tool turned into CRLF', () => {
    const written = withBlock('Note', 'figure', [['Value', '3']]).replace(/\n/g, '\r\n');
    expect(takeBlock(written)).toEqual({ rest: 'Note', what: 'figure', entries: [['Value', '3']] });
  });
});
