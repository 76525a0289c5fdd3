/**
 * One test per attribution rule of the quote detector, on hand-written sentences (none is
 * taken from the quotes-dev articles). Each asserts the span, the form and the speaker.
 */
import { describe, expect, it } from 'vitest';
import { byExact, quotes } from './helpers.js';

describe('quotations introduced by a colon or a noun cue', () => {
  it('gives the quotation opening the next paragraph to "X said:"', () => {
    const text = 'Harbour master Ines Varga said:\n\n“The pier will stay closed until the storm passes.”';
    expect(byExact(quotes(text), '“The pier will stay closed until the storm passes.”')?.fields).toMatchObject({
      speaker: 'Ines Varga',
      quoteType: 'direct',
      cue: 'said',
    });
  });

  it('reads "with the caption:", "X’s caption read:" and "The … statement read:" as cues of the quotation after the colon', () => {
    const caption = quotes('Lakeside Rowing Club posted a photo of the new boat on Sunday, with the caption: “Ready for the season”.');
    expect(byExact(caption, '“Ready for the season”')?.fields).toMatchObject({ quoteType: 'direct', speaker: 'Lakeside Rowing Club' });
    expect(caption).toHaveLength(1);
    const owned = quotes('Below the picture, Lakeside Rowing Club’s caption read: “Ready for the season.”');
    expect(owned[0]).toMatchObject({ exact: '“Ready for the season.”', fields: { quoteType: 'direct', cue: 'caption', speaker: 'Lakeside Rowing Club' } });
    const statement = quotes('The Hillcrest Hospital statement read:\n\n“Our staff did everything they could for the patient.”');
    expect(byExact(statement, '“Our staff did everything they could for the patient.”')?.fields).toMatchObject({
      quoteType: 'direct',
      cue: 'statement',
      speaker: 'Hillcrest Hospital',
    });
  });

  it('takes the name in apposition, not the description, as the speaker', () => {
    const q = quotes('The harbour master, Ines Varga, said: “Nobody sails today.”')[0];
    expect(q).toMatchObject({ exact: '“Nobody sails today.”', fields: { speaker: 'Ines Varga', quoteType: 'direct' } });
  });
});

describe('one cue over several quotations', () => {
  it('splits "chanted, “A,” and “B,”" into two direct quotes', () => {
    const qs = quotes('Nurses chanted, “Safe staffing saves lives,” and “We will not back down,” as the board met.');
    expect(qs.map((q) => q.exact)).toEqual(['“Safe staffing saves lives,”', '“We will not back down,”']);
    for (const q of qs) expect(q.fields).toMatchObject({ quoteType: 'direct', cue: 'chanted' });
  });

  it('ends a quotation closed on a comma before the clause that follows it', () => {
    const qs = quotes('While fans shouted, “Sell the club,” outside the gates, the owner stayed home.');
    expect(qs.map((q) => q.exact)).toEqual(['“Sell the club,”']);
  });
});

describe('quotations over paragraphs', () => {
  it('keeps the speaker over a run of quote paragraphs and across an embedded post’s byline', () => {
    const text = [
      'Coach Mirela Dunn spoke after the final whistle.',
      '“We played with courage tonight,” Dunn said.',
      '“Nobody expected us to get this far in the cup.',
      '“The players deserve every bit of credit for it.”',
      '— Riverside FC (@RiversideFC) March 3, 2025',
      '“Next season we want to go one step further.”',
    ].join('\n\n');
    const qs = quotes(text);
    expect(byExact(qs, '“Nobody expected us to get this far in the cup.\n\n“The players deserve every bit of credit for it.”')?.fields.speaker).toBe(
      'Mirela Dunn',
    );
    expect(byExact(qs, '“Next season we want to go one step further.”')?.fields.speaker).toBe('Mirela Dunn');
  });

  it('waits for the attribution after a quotation that runs over two paragraphs', () => {
    const text =
      'Olga Brandt was not impressed.\n\nPeter Haas defended the plan.\n\n“It is a fair deal. Everyone gains.\n\n“The critics will come round within a year,” Haas said.';
    const q = quotes(text).find((x) => x.exact.startsWith('“It is a fair deal.'));
    expect(q).toMatchObject({
      exact: '“It is a fair deal. Everyone gains.\n\n“The critics will come round within a year,”',
      fields: { speaker: 'Peter Haas', cue: 'said' },
    });
  });

  it('attributes a lone quote sentence to the person the passage is about, with low confidence', () => {
    const text = 'Farmer Bill Oduya lost half his crop in the flood.\n\n“I have never seen the river this high in forty years.”';
    const q = quotes(text)[0];
    expect(q).toMatchObject({ fields: { speaker: 'Bill Oduya', cue: null, quoteType: 'direct' } });
    expect(q!.confidence).toBeLessThan(0.7);
  });
});

describe('speaker resolution', () => {
  it('resolves "he" to the sentence subject, not to a place named nearer', () => {
    const text = 'Minister Karl Ostrander visited the Lindholm Valley dam on Friday.\n\n“This dam will power the whole region,” he said.';
    expect(quotes(text)[0]?.fields.speaker).toBe('Karl Ostrander');
  });

  it('does not take a place after "in the" or a weekday for a person', () => {
    const text = 'Mr. Abara spoke in the Grand Hall on Monday.\n\n“We are ready for the vote,” he said.';
    expect(quotes(text)[0]?.fields.speaker).toBe('Abara');
  });

  it('resolves "the 45-year-old" to the person the passage is about', () => {
    const text = 'Singer Ada Bloom signed with a new label in May.\n\n“I could not be happier,” the 45-year-old said.';
    expect(quotes(text)[0]?.fields.speaker).toBe('Ada Bloom');
  });

  it('skips a dateline before the subject', () => {
    const q = quotes('PORTVALE, Norway (AP) — Mayor Ines Varga said the harbour plan was rushed and badly costed.')[0];
    expect(q).toMatchObject({ exact: 'the harbour plan was rushed and badly costed', fields: { speaker: 'Ines Varga' } });
    const country = quotes('PORTVALE, Norway — Norway accused its neighbour of hiding the true cost of the bridge.')[0];
    expect(country?.fields.speaker).toBe('Norway');
  });

  it('gives a participle cue the subject of its own clause, not a dateline', () => {
    const q = quotes('DONVILLE, Ohio — Hours before the vote, council member Tom Baker voiced doubts, saying the plan was rushed.')[0];
    expect(q).toMatchObject({ exact: 'the plan was rushed', fields: { speaker: 'Tom Baker', cue: 'saying' } });
  });

  it('keeps an opening adverbial and trailing adverbs out of the source', () => {
    const q = quotes('Inside, Velora Motors says it could add a rear bench for a fifth person.')[0];
    expect(q?.fields.speaker).toBe('Velora Motors');
    expect(quotes('Indeed, nobody knows.')).toEqual([]);
  });
});

describe('indirect content frames', () => {
  it('finds "that" after an addressee with a relative clause', () => {
    const q = quotes('Union leader Maria Costa told a crowd of nurses who had gathered outside the hospital that the strike would continue.')[0];
    expect(q).toMatchObject({ exact: 'the strike would continue', fields: { speaker: 'Maria Costa', cue: 'told', quoteType: 'indirect' } });
  });

  it('reads directives, accusations and "called X Y" with their content after the object', () => {
    expect(quotes('Senator Ruth Lang urged lawmakers to pass the bill before the recess.')[0]).toMatchObject({
      exact: 'to pass the bill before the recess',
      fields: { cue: 'urged' },
    });
    expect(quotes('Senator Ruth Lang accused the governor of hiding the cost.')[0]).toMatchObject({
      exact: 'the governor of hiding the cost',
      fields: { cue: 'accused' },
    });
    expect(quotes('Senator Ruth Lang called the ban unconstitutional.')[0]).toMatchObject({ exact: 'the ban unconstitutional', fields: { cue: 'called' } });
    expect(quotes('Senator Ruth Lang described the decision as a betrayal of voters.')[0]).toMatchObject({ exact: 'the decision as a betrayal of voters' });
    expect(quotes('Senator Ruth Lang called for a meeting. Lang called the police on Monday. Lang was called to testify.')).toEqual([]);
  });

  it('ends the content where the reporter adds a clause of their own', () => {
    expect(quotes('Mayor Ada Ruiz said the budget would grow, while critics called it a gimmick.')[0]?.exact).toBe('the budget would grow');
    expect(quotes('Mayor Ada Ruiz said the budget would grow — her top priority since 2018.')[0]?.exact).toBe('the budget would grow');
    const two = quotes('Mayor Ada Ruiz said the city had no choice, adding that repairs would start soon.');
    expect(two.map((q) => q.exact)).toEqual(['the city had no choice', 'repairs would start soon']);
  });

  it('ends the content of a leading subordinate clause at its comma', () => {
    expect(quotes('When the engineers suggested that the bridge be closed, the city refused.')[0]?.exact).toBe('the bridge be closed');
  });
});

describe('more frames', () => {
  it('reads a parenthetical attribution inside the content, and "As X noted, …"', () => {
    const q = quotes('The key to the rescue, says harbour chief Ines Varga, is a fast boat.')[0];
    expect(q).toMatchObject({
      exact: 'The key to the rescue, says harbour chief Ines Varga, is a fast boat',
      fields: { speaker: 'Ines Varga', quoteType: 'indirect' },
    });
    const as = quotes('(As the Herald reported at the time, the pier had been unsafe for years.)')[0];
    expect(as).toMatchObject({ exact: 'the pier had been unsafe for years', fields: { speaker: 'Herald', cue: 'reported' } });
  });

  it('reads an attribution inverted after its content, "…, said Name[, role]."', () => {
    expect(quotes('Trade has hurt farmers in recent years, said Tom Hale, a fellow at the institute.')[0]).toMatchObject({
      exact: 'Trade has hurt farmers in recent years',
      fields: { speaker: 'Tom Hale', cue: 'said' },
    });
    expect(quotes('The plan failed in every district, said Hale.')[0]).toMatchObject({
      exact: 'The plan failed in every district',
      fields: { speaker: 'Hale' },
    });
  });

  it('keeps "at least" in the content and a same-subject "but he …" clause', () => {
    expect(quotes('Police reported at least 5,000 people entered the park.')[0]?.exact).toBe('at least 5,000 people entered the park');
    expect(quotes('Ines Varga said she was not worried, but she did fear a long winter.')[0]?.exact).toBe(
      'she was not worried, but she did fear a long winter',
    );
  });

  it('takes manner verbs ("laughed") as cues after a quotation, and "X’s response was blunt:"', () => {
    const text =
      'Club president Tom Hale faced the members.\n\n“No way,” Hale laughed.\n\nHale’s response was blunt: “Get out of my office.”\n\nHer message was simple: “Vote early and vote often.”';
    const qs = quotes(text);
    expect(byExact(qs, '“No way,”')?.fields).toMatchObject({ speaker: 'Tom Hale', cue: 'laughed' });
    expect(byExact(qs, '“Get out of my office.”')?.fields).toMatchObject({ speaker: 'Tom Hale', cue: 'response' });
    expect(byExact(qs, '“Vote early and vote often.”')?.fields.speaker).toBe('Tom Hale');
    expect(quotes('The crowd laughed at the joke. Hale snapped the pencil in half.')).toEqual([]);
  });

  it('reads straight marks by their direction, so an inch mark does not flip the pairing', () => {
    const qs = quotes('The 6\'2" guard was traded. "We will miss him," coach Ann Fry said.');
    expect(qs.map((q) => q.exact)).toEqual(['"We will miss him,"']);
    expect(qs[0]?.fields.speaker).toBe('Ann Fry');
  });

  it('reads a family name "He" and a family name alone ("Liu") as the person', () => {
    const he = quotes('“Without a deal, the port has no future,” He Ming, a former adviser, said at an event.')[0];
    expect(he?.fields.speaker).toBe('He Ming');
    const liu = quotes('The deal was signed by trade envoy Liu Jian on Monday. Liu said the talks had gone well for both sides.')[0];
    expect(liu?.fields.speaker).toBe('Liu Jian');
  });

  it('never takes a weekday or month for a speaker, and resolves "the mayor’s office" to the mayor', () => {
    const text = 'Mayor Ines Varga opened the pier in May.\n\nIn a statement to the Herald, the mayor’s office said: “No decision has been made yet.”';
    expect(quotes(text)[0]?.fields.speaker).toBe('Ines Varga');
    expect(quotes('(Varga on Tuesday announced that the pier had been sold.)')[0]).toMatchObject({
      exact: 'the pier had been sold',
      fields: { speaker: 'Varga' },
    });
  });
});

describe('not quotes', () => {
  it('does not report "called for", labels in marks or passive object cues', () => {
    expect(quotes('The script called for a soaring anthem that the hero sings in the last scene.')).toEqual([]);
    expect(quotes('The firm called the range the “Master Builder Series” in its catalogue.')).toEqual([]);
  });

  it('leaves out findings and hypothetical speech', () => {
    expect(quotes('The study suggested that coffee drinkers live longer than others.')).toEqual([]);
    expect(quotes('A survey of nurses showed that most of them planned to quit.')).toEqual([]);
    expect(quotes('As the old coach would say, “Defence wins titles and nothing else does.”')).toEqual([]);
  });

  it('does not take a song title after a cue for a quotation', () => {
    const qs = quotes('The two have written “Northern Lights,” a ballad about home, for the film.');
    expect(qs).toEqual([]);
  });
});
