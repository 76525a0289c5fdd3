/**
 * Indirect and mixed quotes in the forms news writing uses beyond "X said that …": relayed and
 * nested attributions, "per", auxiliaries and adverbs before the cue, cues that need "that", a
 * question word or "to", passives with an agent, nominal frames, opening participles, and the
 * sentences that must give nothing. Every sentence is invented for these tests.
 */
import { describe, expect, it } from 'vitest';
import { byExact, quotes } from './helpers.js';

/** The quotes of a text as [exact, quoteType, speaker, cue], for whole-list assertions. */
const rows = (text: string) => quotes(text).map((q) => [q.exact, q.fields.quoteType, q.fields.speaker, q.fields.cue]);

describe('relayed and nested attributions', () => {
  it('gives "X, the commission said, according to Reuters" one quote: the commission speaks, the outlet only relays', () => {
    expect(rows('The bridge will close for repairs next month, the Harbour Commission said, according to Reuters.')).toEqual([
      ['The bridge will close for repairs next month', 'indirect', 'Harbour Commission', 'said'],
    ]);
    expect(rows('Ines Varga said the ferry would resume service on Monday, according to the Herald.')).toEqual([
      ['the ferry would resume service on Monday', 'indirect', 'Ines Varga', 'said'],
    ]);
  });

  it('keeps "according to" as the source of a clause commented on by an "As X noted" aside: the aside’s content holds it (nested)', () => {
    const text = 'As Ines Varga noted at the time, the pier had a serious risk of collapse within five years, according to guidance from the Harbour Board.';
    expect(rows(text)).toEqual([
      ['the pier had a serious risk of collapse within five years, according to guidance from the Harbour Board', 'indirect', 'Ines Varga', 'noted'],
      ['the pier had a serious risk of collapse within five years', 'indirect', 'Harbour Board', 'according to'],
    ]);
  });

  it('reads an "according to" closing an aside between dashes as the source of the aside', () => {
    const text =
      'Given that record -- and the fact that the council has missed every deadline since 2015, according to the Ledger Review -- nobody expects the bridge soon.';
    const q = quotes(text)[0];
    expect(q?.fields).toMatchObject({ quoteType: 'indirect', speaker: 'Ledger Review', cue: 'according to' });
    expect(q?.exact).toBe('and the fact that the council has missed every deadline since 2015');
  });
});

describe('"per" as a cue', () => {
  it('reads "…, per the WHO", "…, per a statement from X" and "Per the ministry, …"', () => {
    expect(rows('The outbreak has spread to four provinces, per the WHO.')).toEqual([['The outbreak has spread to four provinces', 'indirect', 'WHO', 'per']]);
    expect(rows('The plant will close in June, per a statement from Halvorsen Steel.')).toEqual([
      ['The plant will close in June', 'indirect', 'Halvorsen Steel', 'per'],
    ]);
    expect(quotes('Per the ministry, the new rules take effect in January.')[0]).toMatchObject({
      exact: 'the new rules take effect in January',
      fields: { quoteType: 'indirect', cue: 'Per' },
    });
  });

  it('never reads "per cent", "per se", "per day" or a price "per share" as a source', () => {
    expect(quotes('Prices rose 4 per cent in May, and the plant made 300 cars per day.')).toEqual([]);
    expect(quotes('The ruling was not, per se, a defeat for the council.')).toEqual([]);
    expect(quotes('Dividends of $2 per share were paid to every holder in March.')).toEqual([]);
  });
});

describe('what stands between the source and the cue', () => {
  it('skips auxiliaries and adverbs: "has also acknowledged", "have repeatedly said", "has since conceded", "continues to insist"', () => {
    expect(rows('The Harbour Board has since conceded that its forecast was far too optimistic.')).toEqual([
      ['its forecast was far too optimistic', 'indirect', 'Harbour Board', 'conceded'],
    ]);
    expect(rows('Mayor Ina Holt continues to insist her plan will pay for itself.')).toEqual([
      ['her plan will pay for itself', 'indirect', 'Ina Holt', 'insist'],
    ]);
    expect(quotes('Officials have repeatedly said that the dam is safe.')[0]?.exact).toBe('the dam is safe');
  });

  it('takes the noun phrase before a relative clause or with a prepositional phrase as the source', () => {
    expect(rows('Analysts who have done the sums say they cannot see how exports could double.')).toEqual([
      ['they cannot see how exports could double', 'indirect', null, 'say'],
    ]);
    expect(rows('The deal will close next week, people familiar with the talks said.')).toEqual([['The deal will close next week', 'indirect', null, 'said']]);
  });

  it('reads a capitalised addressee tagged as a verb as a name: "confirmed to the Herald that …"', () => {
    expect(rows('Kym Lino, a spokesperson for the agency, confirmed to the Herald that the company notifies people every week.')).toEqual([
      ['the company notifies people every week', 'indirect', 'Kym Lino', 'confirmed'],
    ]);
  });

  it('reads "As X reports for NPR, …" as an attribution of the main clause', () => {
    expect(rows('As Jane Ortiz reports for NPR, the city has not paid its contractors since March.')).toEqual([
      ['the city has not paid its contractors since March', 'indirect', 'Jane Ortiz', 'reports'],
    ]);
  });
});

describe('cues with their own frames', () => {
  it('reads a participle tagged as an adjective as the verb between a subject and "that" ("Prosecutors alleged that …")', () => {
    expect(rows('Prosecutors alleged that Brandt had taken bribes from contractors.')).toEqual([
      ['Brandt had taken bribes from contractors', 'indirect', null, 'alleged'],
    ]);
    // A participle after a determiner stays an adjective.
    expect(quotes('The alleged bribes were paid in cash.')).toEqual([]);
  });

  it('takes "estimated that", "assured X that" and a question after "wondered whether" / "asked if"', () => {
    expect(quotes('The Energy Ministry estimated that 40,000 homes lost power during the storm.')[0]).toMatchObject({
      exact: '40,000 homes lost power during the storm',
      fields: { speaker: 'Energy Ministry', cue: 'estimated' },
    });
    expect(quotes('Mayor Ina Holt assured residents that the water was safe to drink.')[0]?.exact).toBe('the water was safe to drink');
    expect(rows('Tomas Brandt wondered whether the council would ever pay for the bridge.')).toEqual([
      ['whether the council would ever pay for the bridge', 'indirect', 'Tomas Brandt', 'wondered'],
    ]);
    expect(quotes('Ina Holt asked if the council would publish the audit.')[0]?.exact).toBe('if the council would publish the audit');
    // Without "that", "estimated" has a plain object: nothing was said.
    expect(quotes('The ministry estimated the damage at $4 million last week.')).toEqual([]);
  });

  it('takes the promise from "to" after "vowed", "pledged" and "promised", never after "refused" or "threatened"', () => {
    expect(rows('Tomas Brandt pledged to rebuild the bridge before the winter.')).toEqual([
      ['to rebuild the bridge before the winter', 'indirect', 'Tomas Brandt', 'pledged'],
    ]);
    expect(quotes('Mayor Ina Holt vowed to fight the ruling in the supreme court.')[0]?.exact).toBe('to fight the ruling in the supreme court');
    expect(quotes('Mayor Ina Holt refused to fight the ruling in the supreme court.')).toEqual([]);
    expect(quotes('The police threatened to use tear gas on the crowd outside the hall.')).toEqual([]);
  });

  it('reads "cited/rejected/touted Y as Z" as "Y as Z", and the same verbs with a plain object as nothing', () => {
    expect(rows('Ina Holt cited the cost of the repairs as the main reason for the delay.')).toEqual([
      ['the cost of the repairs as the main reason for the delay', 'indirect', 'Ina Holt', 'cited'],
    ]);
    expect(quotes('The Harbour Board rejected the plan as too expensive for a small town.')[0]?.exact).toBe('the plan as too expensive for a small town');
    expect(quotes('The Harbour Board rejected the plan on Monday after a long debate.')).toEqual([]);
    expect(quotes('Ina Holt cited three studies in her report to the board.')).toEqual([]);
    // An object joined by "and the": "accused the UK and the US of …".
    expect(quotes('The ambassador accused the UK and the US of meddling in the vote.')[0]?.exact).toBe('the UK and the US of meddling in the vote');
  });

  it('reads a passive with its agent: the agent speaks ("was described by X as", "was told by X to", "is accused by X of")', () => {
    expect(rows('The plan was described by Tomas Brandt as a waste of public money.')).toEqual([
      ['The plan was described by Tomas Brandt as a waste of public money', 'indirect', 'Tomas Brandt', 'described'],
    ]);
    expect(
      byExact(quotes('Varga said she was told by Tomas Brandt — her supervisor — to go straight to the board.'), 'to go straight to the board')?.fields,
    ).toMatchObject({
      speaker: 'Tomas Brandt',
      cue: 'told',
    });
    expect(quotes('The mayor is accused by critics of ignoring the flood warnings for years.')[0]?.fields.cue).toBe('accused');
    // Agentless passives report no speaker's words.
    expect(quotes('The mayor was accused of ignoring the flood warnings for years.')).toEqual([]);
  });
});

describe('more frames of news attribution', () => {
  it('reads "was quoted as saying that …" with the subject as speaker', () => {
    expect(rows('Ina Holt was quoted as saying that the pier would stay closed until June.')).toEqual([
      ['the pier would stay closed until June', 'indirect', 'Ina Holt', 'saying'],
    ]);
  });

  it('reads "made (it) clear that …" for a person or body, never for a thing', () => {
    expect(rows('Ina Holt made clear that the pier would stay closed until June.')).toEqual([
      ['the pier would stay closed until June', 'indirect', 'Ina Holt', 'made clear'],
    ]);
    expect(quotes('The council has made it clear that the pier would stay closed until June.')[0]?.fields.cue).toBe('made it clear');
    expect(quotes('The storm made clear that the pier was far too weak.')).toEqual([]);
  });

  it('takes content before "X told <addressee>" at the end of the sentence, but not when a clause of its own follows', () => {
    expect(rows('The pier will stay closed until June, Ina Holt told the Herald on Monday.')).toEqual([
      ['The pier will stay closed until June', 'indirect', 'Ina Holt', 'told'],
    ]);
    expect(quotes('The pier will stay closed until June, Ina Holt told the Herald that she was sure.').map((q) => q.exact)).not.toContain(
      'The pier will stay closed until June',
    );
  });
});

describe('nominal frames and opening participles', () => {
  it('reads "X’s view is that …" and "In X’s words, …" with the possessor as speaker', () => {
    expect(rows('Ina Holt’s view is that the bridge should never have been built.')).toEqual([
      ['the bridge should never have been built', 'indirect', 'Ina Holt', 'view is'],
    ]);
    expect(rows('In Tomas Brandt’s words, the plan was doomed from the start.')).toEqual([
      ['the plan was doomed from the start', 'indirect', 'Tomas Brandt', 'In Tomas Brandt’s words'],
    ]);
    const pron = quotes('Ina Holt spoke last. Her view is that the bridge should never have been built.');
    expect(pron[0]?.fields.speaker).toBe('Ina Holt');
  });

  it('reads "<possessor>’s announcement that …" after a verb, but not a speech noun in subject position', () => {
    expect(rows('The vote came days after Ina Holt’s announcement that the pier would stay closed until June.')).toEqual([
      ['the pier would stay closed until June', 'indirect', 'Ina Holt', 'announcement'],
    ]);
    expect(quotes('The agency’s warning that the river could flood again went unheeded.')).toEqual([]);
    expect(quotes('The claim that the pier was safe turned out to be false.')).toEqual([]);
  });

  it('reads "Arguing that A, X has said …": A up to its comma, the main clause’s subject speaking', () => {
    expect(rows('Arguing that voters are only now paying attention, with the vote months away, Ina Holt has said she will win the seat.')).toEqual([
      ['voters are only now paying attention', 'indirect', 'Ina Holt', 'Arguing'],
      ['she will win the seat', 'indirect', 'Ina Holt', 'said'],
    ]);
  });

  it('gives "Varga, writing in The Lancet, said …" one quote, not a second from the participle', () => {
    expect(rows('Ines Varga, writing in The Lancet, said the trial had been stopped too early.')).toEqual([
      ['the trial had been stopped too early', 'indirect', 'Ines Varga', 'said'],
    ]);
  });
});

describe('where the content ends', () => {
  it('keeps "but" inside content that comes before its cue, and stops content after a cue at ",” but"', () => {
    expect(rows('Rain falls everywhere on the moon, but the poles are wetter, said co-author Ines Varga, a researcher.')).toEqual([
      ['Rain falls everywhere on the moon, but the poles are wetter', 'indirect', 'Ines Varga', 'said'],
    ]);
    expect(quotes('Ina Holt has said that the vote would take place in “farm country,” but the council has been reluctant to agree.')[0]?.exact).toBe(
      'the vote would take place in “farm country,”',
    );
  });

  it('ends the indirect content at ", warning:" and gives the quotation after the colon to the same speaker', () => {
    expect(rows('Mayor Ina Holt said that the army could be deployed in the city, warning: “They are ready.”')).toEqual([
      ['the army could be deployed in the city', 'indirect', 'Ina Holt', 'said'],
      ['“They are ready.”', 'direct', 'Ina Holt', 'warning'],
    ]);
  });

  it('ends content at a second cue joined by "and" ("… and added, “…”"), but not at "and asked for" inside the content', () => {
    expect(rows('Tomas Brandt said he never used the term "harbour gang" and added, "I cringe when I hear it."')).toEqual([
      ['he never used the term "harbour gang"', 'mixed', 'Tomas Brandt', 'said'],
      ['"I cringe when I hear it."', 'direct', 'Tomas Brandt', 'added'],
    ]);
    expect(quotes('Ina Holt said the mayor cut the budget twice and asked for a new audit of the port.')[0]?.exact).toBe(
      'the mayor cut the budget twice and asked for a new audit of the port',
    );
  });

  it('ends content at ", telling X …" and at an appositive gloss (", a claim the firm denies")', () => {
    expect(rows('Tomas Brandt acknowledged severe staff shortages on Tuesday, telling lawmakers that the prison would hire more guards.')).toEqual([
      ['the prison would hire more guards', 'indirect', 'Tomas Brandt', 'telling'],
    ]);
    expect(quotes('Ina Holt said the contractor had billed the city twice, a claim the firm denies.')[0]?.exact).toBe(
      'the contractor had billed the city twice',
    );
  });

  it('reads a role of several words before the name after an inverted cue ("…, said study co-author Ines Varga")', () => {
    expect(rows('The poles are wetter than the equator, said study co-author Ines Varga.')).toEqual([
      ['The poles are wetter than the equator', 'indirect', 'Ines Varga', 'said'],
    ]);
  });

  it('reads a past form after a noun as the clause’s verb even when tagged an adjective', () => {
    expect(quotes('Settlers, who mostly vote for the party, said the policy change paved the way for annexation.').map((q) => q.exact)).toEqual([
      'the policy change paved the way for annexation',
    ]);
  });
});

describe('two sentences of reported speech', () => {
  it('gives "He added that …" and "She also said …" the speaker of the sentence before', () => {
    expect(rows('Mayor Ina Holt said the pumps had failed twice. She added that the council would pay for new ones.')).toEqual([
      ['the pumps had failed twice', 'indirect', 'Ina Holt', 'said'],
      ['the council would pay for new ones', 'indirect', 'Ina Holt', 'added'],
    ]);
    expect(rows('Tomas Brandt said the bridge would reopen in May. He also said the tolls would not rise.')).toEqual([
      ['the bridge would reopen in May', 'indirect', 'Tomas Brandt', 'said'],
      ['the tolls would not rise', 'indirect', 'Tomas Brandt', 'said'],
    ]);
  });
});

describe('speakers', () => {
  it('leaves a joint source null ("Holt and council leaders touted …"), but not two roles of one person', () => {
    expect(quotes('Ina Holt and council leaders touted the plan as a step toward cheaper ferries.')[0]?.fields.speaker).toBeNull();
    expect(quotes('Harbour engineer and union delegate Tomas Brandt said the pier was unsafe for ferries.')[0]?.fields.speaker).toBe('Tomas Brandt');
  });

  it('leaves unnamed members of a named group null ("Prison union representatives have long warned …")', () => {
    expect(rows('Prison union representatives have long warned that staff shortages put officers at risk.')).toEqual([
      ['staff shortages put officers at risk', 'indirect', null, 'warned'],
    ]);
  });
});

describe('no quote where nothing is reported', () => {
  it('gives nothing for a cue in a relative clause, a title, or "that" after a verb of belief or finding', () => {
    expect(quotes('The man who said he saw the crash was never called to testify.')).toEqual([]);
    expect(quotes('Ina Holt, who has said little in public, left the meeting early.')).toEqual([]);
    expect(quotes('The board, which said nothing at the hearing, will meet again in May.')).toEqual([]);
    expect(quotes('The novel “He Said, She Said” was published in 2009.')).toEqual([]);
    expect(quotes('Ina Holt believes that the bridge should never have been built.')).toEqual([]);
    expect(quotes('Residents feared that the river would flood again.')).toEqual([]);
    expect(quotes('The study found that crime had fallen in every district.')).toEqual([]);
    expect(quotes('Tomas Brandt realized that the bridge was closed.')).toEqual([]);
  });

  it('gives nothing for hostile input: empty text, stray marks, a lone cue word', () => {
    expect(quotes('')).toEqual([]);
    expect(quotes('per')).toEqual([]);
    expect(quotes(', according to')).toEqual([]);
    expect(quotes('In words, .')).toEqual([]);
    expect(quotes('“ ” — — -- said by as.')).toEqual([]);
  });
});
