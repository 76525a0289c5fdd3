/**
 * Forms of news attribution the first rules missed: other quotation-mark styles, cues the
 * tagger reads as nouns, participles after a closing mark, a dash or a document noun, and
 * sources written as "a <Body> spokesperson". Every sentence is invented for these tests.
 */
import { describe, expect, it } from 'vitest';
import { analyse, normaliseMarks } from '../../../core/suggest/analyse.js';
import { byExact, quotes } from './helpers.js';

describe('quotation-mark styles', () => {
  it("reads doubled single marks (’’, ‘‘, '', ``) as one double mark, keeping offsets and both marks in the span", () => {
    const text = '“The bridge will reopen in May,’’ Ines Varga, chief engineer of the city, told the Herald. ‘‘We are confident.’’';
    expect(normaliseMarks(text)).toHaveLength(text.length);
    const qs = quotes(text);
    expect(qs.map((q) => q.exact)).toEqual(['“The bridge will reopen in May,’’', '‘‘We are confident.’’']);
    for (const q of qs) {
      expect(text.slice(q.start, q.end)).toBe(q.exact);
      expect(q.fields).toMatchObject({ quoteType: 'direct', speaker: 'Ines Varga' });
    }
    const tex = quotes("``Nobody sails today,'' harbour master Ines Varga said.");
    expect(tex.map((q) => [q.exact, q.fields.speaker])).toEqual([["``Nobody sails today,''", 'Ines Varga']]);
  });

  it('reads single marks as quotation marks in an article that has no double ones, never an apostrophe', () => {
    const text = '‘The river is rising fast,’ said Tomas Brandt, the town’s flood warden. The players’ union said it would not train.';
    const qs = quotes(text);
    expect(byExact(qs, '‘The river is rising fast,’')?.fields).toMatchObject({ quoteType: 'direct', speaker: 'Tomas Brandt' });
    expect(analyse(text).quotes).toHaveLength(1);
    // With double marks present, single marks stay apostrophes or nested quotes.
    expect(analyse('“He said ‘never’ twice,” Brandt said. It’s late.').quotes).toHaveLength(1);
  });
});

describe('cues the tagger reads as other words', () => {
  it('inflects reporting verbs with a doubled consonant: "quipped", "admitted"', () => {
    expect(byExact(quotes('“The river is rising fast,” one resident quipped.'), '“The river is rising fast,”')?.fields).toMatchObject({
      cue: 'quipped',
      speaker: null,
    });
    expect(quotes('Mayor Ina Holt admitted that the pumps had failed twice.')[0]).toMatchObject({
      exact: 'the pumps had failed twice',
      fields: { quoteType: 'indirect', speaker: 'Ina Holt' },
    });
  });

  it('takes an order shouted in marks as a quote, and a short sentence after it in the paragraph as its continuation', () => {
    const qs = quotes('"Hands up! Show me your hands!" a deputy ordered. "Turn around."');
    expect(qs.map((q) => [q.exact, q.fields.quoteType])).toEqual([
      ['"Hands up! Show me your hands!"', 'direct'],
      ['"Turn around."', 'direct'],
    ]);
    // A short quoted term after an attributed quote is no continuation.
    expect(quotes('“We will win,” Brandt said. The “Blue Wave” plan follows.').map((q) => q.exact)).toEqual(['“We will win,”']);
  });

  it('reads an -s cue tagged as a noun as a verb before its source ("comments Name") or between a subject and "that"', () => {
    const text =
      '"We checked every cable twice," comments Tomas Brandt of the design team.\n\n"We looked at how the load is spread over both towers and what happens in a storm';
    const qs = quotes(text);
    expect(qs.map((q) => [q.fields.speaker, q.fields.quoteType])).toEqual([
      ['Tomas Brandt', 'direct'],
      ['Tomas Brandt', 'direct'],
    ]);
    const inverted = quotes('All bridges in the valley were also closed, reports Kemp. The agency reports that the river is rising.');
    expect(inverted.map((q) => [q.exact, q.fields.speaker])).toEqual([
      ['All bridges in the valley were also closed', 'Kemp'],
      ['the river is rising', null],
    ]);
    // A plural noun is not a cue: "Her reports that year were long."
    expect(quotes('Her reports that year were long and careful.')).toEqual([]);
  });
});

describe('participles and clauses around quotations', () => {
  it('splits "that … “A,” adding “B.”" at the closing mark: a mixed quote, then a direct one, one speaker', () => {
    const qs = quotes('Mayor Ina Holt tweeted that the flood “is a test for all of us,” adding “we will get through it.”');
    expect(qs.map((q) => [q.exact, q.fields.quoteType, q.fields.speaker])).toEqual([
      ['the flood “is a test for all of us,”', 'mixed', 'Ina Holt'],
      ['“we will get through it.”', 'direct', 'Ina Holt'],
    ]);
  });

  it('takes a quotation after a participle set off by a dash as speech with an unknown speaker', () => {
    const q = quotes('The new advert shows children and parents — all of them farmers — declaring, “We grow the food you eat.”');
    expect(q.map((x) => [x.exact, x.fields.cue, x.fields.speaker])).toEqual([['“We grow the food you eat.”', 'declaring', null]]);
  });

  it('gives "issued a statement warning that “…”" to the body that issued it', () => {
    const q = quotes(
      'In a sign of the strain, the Harbour Authority, which runs the docks, issued a statement warning that “ships must wait outside the bay.”',
    );
    expect(q.map((x) => [x.exact, x.fields.quoteType, x.fields.speaker])).toEqual([['“ships must wait outside the bay.”', 'direct', 'Harbour Authority']]);
  });

  it('does not take a title in marks inside the reporter’s clause for what the speaker said', () => {
    const qs = quotes(
      'Guitarist Mo Reyes joined the band in 1990. After playing “Blue River Road,” the guitarist told the crowd, “that was our first song ever.”',
    );
    expect(qs.map((q) => [q.exact, q.fields.speaker])).toEqual([['“that was our first song ever.”', 'Mo Reyes']]);
  });

  it('does not give a fragment opening on an ellipsis or a small letter to the person the passage is about', () => {
    const text =
      'Aid worker Lena Okafor described the camp.\n\n“The water ran out in June and nobody came to help us,” Okafor said.\n\nThe report was sent.\n\n“… stop the convoys from reaching the camp”';
    expect(quotes(text).map((q) => q.exact)).toEqual(['“The water ran out in June and nobody came to help us,”']);
  });
});

describe('sources', () => {
  it('gives "said a <Body> spokesperson when reached …" to the body', () => {
    const q = quotes('“We received the complaint and are looking into it,” said a Brightline spokesperson when reached by phone.')[0];
    expect(q?.fields).toMatchObject({ quoteType: 'direct', speaker: 'Brightline', cue: 'said' });
    // A role word is no body: "a senior spokesperson" stays unnamed.
    expect(quotes('“No comment,” said a Senior spokesperson.')[0]?.fields.speaker ?? null).toBeNull();
  });

  it('resolves "according to" sources: a person named after the cue, "the <Adjective> government", "data from X"', () => {
    const person = quotes('The tunnel had flooded twice, according to Ana Lund of the Harbour Gazette.');
    expect(person.map((q) => [q.exact, q.fields.speaker])).toEqual([['The tunnel had flooded twice', 'Ana Lund']]);
    const body = quotes('As of 2016, the country had admitted 1.4 million refugees, according to the Jordanian government.');
    // One quote: "admitted …, according to …" does not make the attribution itself a quote's content.
    expect(body.map((q) => [q.exact, q.fields.speaker])).toEqual([['As of 2016, the country had admitted 1.4 million refugees', 'Jordanian government']]);
    const data = quotes('Bonds of the firm fell 9% this week, according to data from Ledgerline.');
    expect(data[0]?.fields.speaker).toBe('Ledgerline');
    // A lower-case description stays unnamed: "the local government" is no body's name.
    expect(quotes('Roads were closed for a week, according to the local government.')[0]?.fields.speaker ?? null).toBeNull();
  });
});
