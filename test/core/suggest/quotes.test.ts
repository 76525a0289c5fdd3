import { describe, expect, it } from 'vitest';
import { suggest } from '../../../core/suggest/index.js';
import type { Speaker } from '../../../core/model/index.js';
import { byExact, quotes } from './helpers.js';

describe('direct quotes', () => {
  it('splits a quote interrupted by its attribution into two with one speaker', () => {
    const text = 'Mayor Jane Holloway spoke on Monday.\n\n“We will rebuild the bridge,” she said, “and it will open next spring.”';
    const qs = quotes(text);
    const a = byExact(qs, '“We will rebuild the bridge,”');
    const b = byExact(qs, '“and it will open next spring.”');
    expect(a?.fields).toMatchObject({ speaker: 'Jane Holloway', quoteType: 'direct', cue: 'said' });
    expect(b?.fields).toMatchObject({ speaker: 'Jane Holloway', quoteType: 'direct', cue: 'said' });
    expect(qs).toHaveLength(2);
  });

  it('resolves he / she to the nearest person named before, and keeps the role beside a name', () => {
    const text =
      'The city’s transport director Marta Oyelaran unveiled the plan on Tuesday.\n\n“Buses will run every five minutes,” she said.\n\nBut Tomas Reyes, the head of the drivers’ union, was not convinced.\n\n“Nobody asked the drivers,” he said.';
    const qs = quotes(text);
    expect(byExact(qs, '“Buses will run every five minutes,”')?.fields).toMatchObject({ speaker: 'Marta Oyelaran' });
    expect(byExact(qs, '“Nobody asked the drivers,”')?.fields).toMatchObject({ speaker: 'Tomas Reyes' });
  });

  it('puts the role written before or after the name into speakerRole, not into the name', () => {
    const before = quotes('“Prices will fall,” said chief economist Aiko Tanabe.');
    expect(before[0]?.fields).toMatchObject({ speaker: 'Aiko Tanabe', speakerRole: 'chief economist', quoteType: 'direct' });
    const after = quotes('“Prices will fall,” Aiko Tanabe, the bank’s chief economist, said.');
    expect(after[0]?.fields.speaker).toBe('Aiko Tanabe');
    expect(after[0]?.fields.speakerRole).toMatch(/chief economist/);
  });

  it('resolves "the director" to the person whose role it is', () => {
    const text = 'Museum director Karl Weissmann opened the exhibition.\n\n“It took us six years,” the director said.';
    expect(quotes(text)[0]?.fields).toMatchObject({ speaker: 'Karl Weissmann', speakerRole: 'director' });
  });

  it('reads straight quotation marks as well as curly ones', () => {
    const qs = quotes('"The vote was rigged," Senator Paula Marsh told reporters.');
    expect(qs[0]).toMatchObject({ exact: '"The vote was rigged,"', fields: { speaker: 'Paula Marsh', cue: 'told', quoteType: 'direct' } });
  });

  it('keeps a following quote sentence with the speaker of the one before', () => {
    const text = '“We are ready,” coach Lena Berg said. “The players have worked all summer.”';
    const qs = quotes(text);
    expect(byExact(qs, '“The players have worked all summer.”')?.fields.speaker).toBe('Lena Berg');
  });

  it('does not take scare quotes, titles or nicknames for quotes', () => {
    const text =
      'The band will play “Listen to the Music” on the tour.\n\nThe so-called “de-confliction zone” runs along the border.\n\nJohn “The Hammer” Doyle won again on Sunday.';
    expect(quotes(text)).toEqual([]);
  });

  it('matches speakers against the registry, aliases included, and leaves new ones unregistered', () => {
    const speakers: Speaker[] = [
      {
        id: 'sp1',
        name: 'Paula Marsh',
        aliases: ['Sen. Marsh'],
        role: null,
        organisation: null,
        createdAt: '2025-01-01T00:00:00Z',
        updatedAt: '2025-01-01T00:00:00Z',
      } as Speaker,
    ];
    const qs = quotes('"The vote was rigged," Paula Marsh said. "We will appeal," Ken Obi said.', { speakers });
    expect(byExact(qs, '"The vote was rigged,"')?.fields.registered).toBe('sp1');
    expect(byExact(qs, '"We will appeal,"')?.fields.registered).toBeNull();
  });
});

describe('indirect and mixed quotes', () => {
  it('finds "X said that …" with the clause as content', () => {
    const text = 'Finance minister Olu Adeyemi said that the deficit would shrink by next year.';
    const q = quotes(text)[0];
    expect(q).toMatchObject({ exact: 'the deficit would shrink by next year', fields: { quoteType: 'indirect', speaker: 'Olu Adeyemi', cue: 'said' } });
  });

  it('finds "according to X" before and after the clause', () => {
    const a = quotes('According to Olu Adeyemi, the deficit will shrink next year.')[0];
    expect(a).toMatchObject({ exact: 'the deficit will shrink next year', fields: { cue: 'According to', speaker: 'Olu Adeyemi', quoteType: 'indirect' } });
    const b = quotes('The deficit will shrink next year, according to Olu Adeyemi.')[0];
    expect(b).toMatchObject({ exact: 'The deficit will shrink next year', fields: { cue: 'according to', speaker: 'Olu Adeyemi' } });
  });

  it('finds "X told reporters …" without the addressee in the content', () => {
    const q = quotes('Police chief Ana Soto told reporters the suspect had fled the city.')[0];
    expect(q).toMatchObject({ exact: 'the suspect had fled the city', fields: { cue: 'told', speaker: 'Ana Soto', quoteType: 'indirect' } });
  });

  it('marks reported speech with a quoted fragment as mixed', () => {
    const q = quotes('Olu Adeyemi said the deficit was “under control” for now.')[0];
    expect(q).toMatchObject({ exact: 'the deficit was “under control” for now', fields: { quoteType: 'mixed', speaker: 'Olu Adeyemi' } });
  });

  it('does not report speech verbs with a plain noun-phrase object', () => {
    expect(quotes('The governor announced the new budget on Monday.')).toEqual([]);
  });

  it('leaves unnamed and generic sources without a speaker', () => {
    const q = quotes('The plant will close in March, officials said.')[0];
    expect(q).toMatchObject({ exact: 'The plant will close in March', fields: { speaker: null, quoteType: 'indirect' } });
  });
});

describe('hostile input', () => {
  it('survives empty text, unbalanced marks and marks alone', () => {
    for (const text of ['', '“', '”', '"""', '“A', 'he said.', '“”', '\n\n\n', '“'.repeat(500)]) {
      const out = suggest(text);
      for (const s of out) expect(text.slice(s.start, s.end)).toBe(s.exact);
    }
  });

  it('refuses a non-string text and an unknown kind with a message a person can act on', () => {
    expect(() => suggest(42 as unknown as string)).toThrow(/article text as a string/);
    expect(() => suggest('x', { kinds: ['gossip' as 'quote'] })).toThrow(/Unknown suggestion kind “gossip”/);
  });
});
