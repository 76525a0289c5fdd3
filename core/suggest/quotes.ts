/**
 * Quotes: direct, mixed and indirect, found by their attribution frame (source + reporting
 * cue + content) in each sentence, PARC style. A quotation with no frame of its own is kept
 * only when it is a whole sentence following an attributed quote (a continuation); quoted
 * words inside the reporter's own sentence (scare quotes, titles, nicknames) are not quotes.
 */
import type { Analysis, QuoteSpan, Sentence, Tok } from './analyse.js';
import { tokenAt } from './analyse.js';
import { BARE_CLAUSE_VERBS, COMMISSIVE_VERBS, GENERIC_SOURCES, NOT_SPEECH, ORG_REFERENCE_NOUNS, QUESTION_VERBS, ROLE_NOUNS, SPEECH_VERBS } from './lexicon.js';
import { contextSpeaker, findMentions, resolvePronoun, resolveSource, type Mention, type Resolved } from './names.js';

export interface FoundQuote {
  start: number;
  end: number;
  quoteType: 'direct' | 'indirect' | 'mixed';
  speaker: string | null;
  speakerRole: string | null;
  cue: string | null;
  confidence: number;
}

interface Frame {
  cue: string;
  cueStart: number;
  srcStart: number;
  srcEnd: number;
  /** Content span (before trimming) and whether it comes before the cue. */
  cs: number;
  ce: number;
  /** "accused X of Y", "called X Z": the content is a small clause with no verb of its own. */
  smallClause?: boolean;
}

const TRAIL = /[\s.,;:!?—–-]+$/;
const LEAD = /^[\s,;:—–-]+/;
const OBJECT_VERBS = /^(?:tell|told|tells|telling|ask|asked|asks|urge|urged|urges|warn|warned|warns|inform|informed|remind|reminded|assure|assured)$/;

function trimSpan(text: string, s: number, e: number): [number, number] {
  const lead = text.slice(s, e).match(LEAD)?.[0].length ?? 0;
  s += lead;
  const body = text.slice(s, e);
  let trail = body.match(TRAIL)?.[0] ?? '';
  // A sentence set in brackets: its closing bracket goes with the trailing punctuation.
  if (/\)$/.test(body.slice(0, body.length - trail.length)) && !body.includes('('))
    trail =
      body
        .slice(0, body.length - trail.length - 1)
        .match(TRAIL)?.[0]
        .concat(body.slice(body.length - trail.length - 1)) ?? body.slice(body.length - trail.length - 1);
  // Keep punctuation that sits inside a closing quotation mark.
  return [s, e - trail.length];
}

const isQuoteMark = (t: Tok | undefined) => !!t && /^["“”„«»]$/.test(t.text);
const isNpTok = (t: Tok) =>
  ['PROPN', 'NOUN', 'DET', 'ADJ', 'PRON', 'NUM', 'PART'].includes(t.pos) || /^[’']s$/.test(t.text) || (t.pos === 'PUNCT' && /^[.-]$/.test(t.text));

export function detectQuotes(a: Analysis): FoundQuote[] {
  const mentions = findMentions(a);
  const { text, tokens } = a;
  const inQuote = (o: number) => a.quotes.some((q) => q.innerStart <= o && o < q.innerEnd);
  const out: FoundQuote[] = [];
  const usedQuotes = new Set<QuoteSpan>();
  let lastSpeaker: { speaker: string | null; role: string | null; paragraph: number; end: number } | null = null;
  let introduced: { speaker: string | null; role: string | null; cue: string; paragraph: number } | null = null;

  for (const s of a.sentences) {
    const first = tokenAt(tokens, s.start);
    let last = first;
    while (last < tokens.length && tokens[last]!.end <= s.end) last++;
    const toks = tokens.slice(first, last);
    const frames = findFrames(a, s, toks, inQuote);
    // Quotations opening in this sentence, and one running into it from earlier paragraphs.
    const sentenceQuotes = a.quotes.filter((q) => q.end > s.start && q.start < s.end);
    for (const f of frames) {
      const who = resolveSource(a, mentions, f.srcStart, f.srcEnd);
      const emitted = emitFrame(a, f, sentenceQuotes, s, who, usedQuotes);
      out.push(...emitted);
      if (emitted.length) lastSpeaker = { ...who, paragraph: Math.max(s.paragraph, paragraphAt(a, Math.max(...emitted.map((e) => e.end)) - 1)), end: s.end };
      // "X said:" closing its paragraph introduces the quotation that opens the next one.
      else if (/:\s*$/.test(text.slice(s.start, s.end)) && f.ce >= s.end - 1 && text.slice(f.cs, f.ce).replace(/[\s:]/g, '') === '')
        introduced = { ...who, cue: f.cue, paragraph: s.paragraph };
    }
    if (frames.length === 0) {
      const noun = nounCue(a, s, toks, mentions);
      const q =
        noun &&
        sentenceQuotes.find(
          (x) => !usedQuotes.has(x) && text.slice(noun.colonEnd, x.start).trim() === '' && text.slice(x.end, s.end).replace(/[\s.,;:!?]/g, '') === '',
        );
      if (noun && q) {
        usedQuotes.add(q);
        out.push({ start: q.start, end: q.end, quoteType: 'direct', speaker: noun.speaker, speakerRole: noun.role, cue: noun.cue, confidence: 0.75 });
        lastSpeaker = { speaker: noun.speaker, role: noun.role, paragraph: s.paragraph, end: s.end };
      } else if (noun && text.slice(noun.colonEnd, s.end).trim() === '') introduced = { ...noun, paragraph: s.paragraph };
    }
    // Continuation: a whole-sentence quotation after an attributed quote, or after "X said:".
    for (const q of sentenceQuotes) {
      if (usedQuotes.has(q)) continue;
      const before = text.slice(s.start, q.start).trim();
      const after = text.slice(q.end, s.end).replace(/[\s.,;:!?]+/g, '');
      const words = text.slice(q.innerStart, q.innerEnd).trim().split(/\s+/).length;
      if (before !== '' || after !== '' || q.start < s.start || attributedAfter(a, q)) continue;
      if (introduced && introduced.paragraph === s.paragraph - 1) {
        usedQuotes.add(q);
        out.push({
          start: q.start,
          end: q.end,
          quoteType: 'direct',
          speaker: introduced.speaker,
          speakerRole: introduced.role,
          cue: introduced.cue,
          confidence: 0.8,
        });
        lastSpeaker = { speaker: introduced.speaker, role: introduced.role, paragraph: s.paragraph, end: s.end };
        continue;
      }
      // A short whole sentence in marks ("“Step out.”") right after an attributed quote in its paragraph continues it.
      const shortFollow = !!lastSpeaker && lastSpeaker.paragraph === s.paragraph && /[.!?][’']?$/.test(text.slice(q.innerStart, q.innerEnd).trim());
      if (!lastSpeaker || (words < 3 && !shortFollow) || !adjoins(a, lastSpeaker.paragraph, s.paragraph)) {
        // A quotation standing as a whole sentence with no attribution near: the person the passage is about speaks.
        if (words >= 5 && isSpokenSentence(a, q)) {
          const who = contextSpeaker(a, mentions, q.start);
          if (who.speaker) {
            usedQuotes.add(q);
            out.push({ start: q.start, end: q.end, quoteType: 'direct', speaker: who.speaker, speakerRole: who.role, cue: null, confidence: 0.5 });
            lastSpeaker = { ...who, paragraph: paragraphAt(a, q.end - 1), end: s.end };
          }
        }
        continue;
      }
      usedQuotes.add(q);
      out.push({ start: q.start, end: q.end, quoteType: 'direct', speaker: lastSpeaker.speaker, speakerRole: lastSpeaker.role, cue: null, confidence: 0.7 });
      // A run of quote paragraphs keeps the speaker going (from the paragraph where this one ends).
      lastSpeaker = { ...lastSpeaker, paragraph: paragraphAt(a, q.end - 1), end: s.end };
    }
    if (introduced && introduced.paragraph < s.paragraph) introduced = null;
  }
  return dedupe(out);
}

/** Index of the paragraph holding offset `at`. */
function paragraphAt(a: Analysis, at: number): number {
  const i = a.paragraphs.findIndex(([ps, pe]) => ps <= at && at < pe);
  return i < 0 ? a.paragraphs.length - 1 : i;
}

/**
 * Paragraph `to` follows paragraph `from` with nothing between them but lines that are not
 * prose (no closing full stop): an embedded post's byline, a "Club statement" label, a credit.
 */
function adjoins(a: Analysis, from: number, to: number): boolean {
  if (to <= from) return to === from;
  const lines = a.paragraphs.slice(from + 1, to).map(([ps, pe]) => a.text.slice(ps, pe).trim());
  // An embedded post: its text, then a byline "— Name (@handle) date" or a link to it.
  const embed = (l: string) => /^[—–-]\s*.{1,80}\(@\w+\)|pic\.twitter\.com\/|https?:\/\/(?:www\.)?(?:twitter|x|instagram|facebook)\.com\//.test(l);
  const lastEmbed = lines.findLastIndex(embed);
  for (let k = 0; k < lines.length; k++) {
    const line = lines[k]!;
    if (k <= lastEmbed && line.split(/\s+/).length <= 60) continue;
    if (/[.!?]["”’']?$/.test(line) || /[“"]/.test(line) || line.split(/\s+/).length > 25) return false;
  }
  return to - from <= 5;
}

/** A quotation running over paragraphs whose own attribution follows its closing mark ("…,” Hale said.") waits for it. */
function attributedAfter(a: Analysis, q: QuoteSpan): boolean {
  if (!q.closed) return false;
  const para = a.paragraphs.find(([ps, pe]) => ps <= q.start && q.start < pe);
  if (!para || q.end <= para[1]) return false;
  const after = a.tokens.slice(tokenAt(a.tokens, q.end), tokenAt(a.tokens, q.end) + 8);
  for (const t of after) {
    if (/^[.;!?“"]$/.test(t.text)) return false;
    if (SPEECH_VERBS.has(t.lower) && !NOT_SPEECH.has(t.lower)) return true;
  }
  return false;
}

/** A quotation that reads as a spoken sentence: a verb inside, ending on sentence punctuation (or running to its paragraph's end). */
function isSpokenSentence(a: Analysis, q: QuoteSpan): boolean {
  const inner = a.text.slice(q.innerStart, q.innerEnd).trim();
  if (q.closed && !/[.!?…][’']?$/.test(inner)) return false;
  // A sentence opens on a capital (or a number); "… prevent the evacuation" or "and then" is a fragment cut from one.
  if (!/^[\p{Lu}\p{N}]/u.test(inner)) return false;
  return a.tokens.slice(tokenAt(a.tokens, q.innerStart), tokenAt(a.tokens, q.innerEnd)).some((t) => t.pos === 'VERB' || t.pos === 'AUX');
}

/** One suggestion per span: two frames over the same words keep the first found. */
function dedupe(qs: FoundQuote[]): FoundQuote[] {
  const seen = new Set<string>();
  return qs.filter((q) => {
    const k = `${q.start}:${q.end}`;
    if (seen.has(k) || q.end <= q.start) return false;
    seen.add(k);
    return true;
  });
}

function emitFrame(
  a: Analysis,
  f: Frame,
  quotes: QuoteSpan[],
  s: Sentence,
  who: { speaker: string | null; role: string | null },
  used: Set<QuoteSpan>,
): FoundQuote[] {
  const { text } = a;
  const [cs, ce0] = trimSpan(text, f.cs, f.ce);
  const inside = quotes.filter((q) => q.start < ce0 + 1 && q.end > cs);
  const base = { speaker: who.speaker, speakerRole: who.role, cue: f.cue };
  const conf = who.speaker ? 0 : -0.1;
  // The content is one quotation: a direct quote, marks and inner punctuation included.
  const whole = inside.find(
    (q) =>
      q.start <= cs + 1 &&
      q.end >= ce0 - 1 &&
      text.slice(cs, q.start).trim() === '' &&
      text.slice(q.end, Math.max(q.end, ce0)).replace(/[\s.,;:!?]/g, '') === '',
  );
  if (whole) {
    used.add(whole);
    const res: FoundQuote[] = [{ start: whole.start, end: whole.end, quoteType: 'direct', ...base, confidence: 0.9 + conf }];
    // "“A,” he said, “B.”": the quotation after the attribution belongs to the same speaker.
    if (f.cs < f.cueStart) {
      const next = quotes.find((q) => q.start > f.cueStart && !used.has(q));
      if (
        next &&
        /^[^.;!?“”"]{0,60},?\s*$/.test(text.slice(Math.max(f.srcEnd, f.cueStart), next.start)) &&
        text.slice(next.end, s.end).replace(/[\s.,;:!?]/g, '') === ''
      ) {
        used.add(next);
        res.push({ start: next.start, end: next.end, quoteType: 'direct', ...base, confidence: 0.9 + conf });
      }
    }
    return res;
  }
  // The content opens with a quotation closed on a comma ("chanted, “A,” and “B,” as …", "said “A,” in a
  // hallway, …"): the quotation is what was said, and so is each further one joined to it by "and"/"or".
  const lead = inside.find((q) => q.closed && !isTitle(text, q) && text.slice(cs, q.start).trim() === '' && /,\s*[”"]$/.test(text.slice(q.start, q.end)));
  if (lead) {
    const chain = [lead];
    for (let next = lead; ;) {
      const after = inside.find((q) => q.start > next.end && /^\s*(?:,\s*)?(?:and|or)?\s*$/.test(text.slice(next.end, q.start)));
      if (!after || isTitle(text, after)) break;
      chain.push(after);
      next = after;
    }
    for (const q of chain) used.add(q);
    return chain.map((q) => ({ start: q.start, end: q.end, quoteType: 'direct' as const, ...base, confidence: 0.8 + conf }));
  }
  // Content before its cue runs up to the cue ("A, but B, said X"); content after it stops where the reporter's own clause begins.
  const ce = f.ce <= f.cueStart ? ce0 : contentEnd(a, cs, ce0);
  const words = text.slice(cs, ce).trim().split(/\s+/).filter(Boolean);
  if (words.length < 2) return [];
  // "admitted 1.4 million refugees, according to X": an attribution of its own is never a cue's content.
  if (/^according\s+to\b/i.test(text.slice(cs, ce))) return [];
  // Quotations after the content's end ("…, warning: “…”") belong to the clause that follows.
  const within = inside.filter((q) => q.start < ce);
  const quoted = within.filter((q) => !isTitle(text, q));
  // Narration, then a colon and a quotation running to the end ("posted a photo, with the caption: “…”", "warned: “…”"): the quotation is what was said.
  const afterColon = quoted.find(
    (q) =>
      /:\s*$/.test(text.slice(cs, q.start)) &&
      !a.quotes.some((x) => x.end <= q.start && x.start >= cs) &&
      text.slice(q.end, ce0).replace(/[\s.,;:!?]/g, '') === '',
  );
  if (afterColon) {
    used.add(afterColon);
    return [{ start: afterColon.start, end: afterColon.end, quoteType: 'direct', ...base, confidence: 0.8 + conf }];
  }
  for (const q of within) used.add(q);
  if (quoted.length > 0) {
    // A fragment standing alone after the cue ("warned of “dangerous consequences”") is direct.
    const onlyQuote = quoted.length === 1 && /^(?:(?:of|as|that|about|it)\s+)?$/i.test(text.slice(cs, quoted[0]!.start).trim());
    if (onlyQuote && text.slice(quoted[0]!.end, ce).replace(/[\s.,;:!?]/g, '') === '') {
      const q = quoted[0]!;
      return [{ start: q.start, end: q.end, quoteType: 'direct', ...base, confidence: 0.8 + conf }];
    }
    return [{ start: cs, end: Math.min(ce, s.end), quoteType: 'mixed', ...base, confidence: 0.7 + conf }];
  }
  // Indirect: the content must be a clause (it has a verb), not a noun phrase object.
  const clauseToks = a.tokens.slice(tokenAt(a.tokens, cs), tokenAt(a.tokens, ce));
  if (words.length < (f.smallClause ? 2 : 4) || (!f.smallClause && !clauseToks.some((_, k) => actsAsVerb(clauseToks, k)))) return [];
  return [{ start: cs, end: ce, quoteType: 'indirect', ...base, confidence: 0.6 + conf }];
}

/** A verb, or a past form after a noun and before a determiner that the tagger read as an adjective ("the change paved the way"). */
function actsAsVerb(toks: Tok[], k: number): boolean {
  const t = toks[k]!;
  return t.pos === 'VERB' || t.pos === 'AUX' || (t.pos === 'ADJ' && /ed$/.test(t.lower) && toks[k - 1]?.pos === 'NOUN' && toks[k + 1]?.pos === 'DET');
}

/** Marks around a title or name ("“Listen to the Music”"): short and every word capitalised. */
function isTitle(text: string, q: QuoteSpan): boolean {
  const w = text
    .slice(q.innerStart, q.innerEnd)
    .replace(/[.,!?]+$/, '')
    .trim()
    .split(/\s+/);
  return w.length <= 6 && w.every((x) => /^[\p{Lu}\p{N}]/u.test(x) || /^(?:a|an|the|of|in|on|to|and|for|at|with|by|or)$/.test(x));
}

/** Attribution frames of one sentence: each cue with its source and content. */
function findFrames(a: Analysis, s: Sentence, toks: Tok[], inQuote: (o: number) => boolean): Frame[] {
  const { text } = a;
  const frames: Frame[] = [];
  for (let i = 0; i < toks.length; i++) {
    const t = toks[i]!;
    if (inQuote(t.start)) continue;
    if (t.lower === 'according' && toks[i + 1]?.lower === 'to') {
      const f = accordingTo(text, s, toks, i, 2);
      if (f) frames.push(f);
      continue;
    }
    // "…, per the WHO.", "Per a statement from X, …": "per" before a named source, set off by a comma or opening the sentence.
    if (t.lower === 'per' && perSource(toks, i)) {
      const f = accordingTo(text, s, toks, i, 1);
      if (f) frames.push(f);
      continue;
    }
    const opening = openingParticiple(a, s, toks, i);
    if (opening) {
      frames.push(opening);
      continue;
    }
    const nominal = nominalFrame(a, s, toks, i);
    if (nominal) {
      frames.push(nominal);
      continue;
    }
    // "so-called", "well-said": a cue fused to a word by a hyphen is an adjective.
    if (text[t.start - 1] === '-') continue;
    const objectCue = OBJECT_CUES.has(t.lower) || /^describ(?:e|es|ed|ing)$/.test(t.lower) || AS_VERBS.test(t.lower);
    const passive = /^(?:is|are|was|were|be|been|being|get|got)$/.test(toks[i - 1]?.lower ?? '');
    // A passive with its agent ("was described by X as …", "was told by X to …"): the agent speaks.
    if (passive && (objectCue || DIRECTIVE_VERBS.test(t.lower)) && toks[i + 1]?.lower === 'by') {
      const f = agentFrame(a, s, toks, i);
      if (f) frames.push(f);
      continue;
    }
    // Passive object cues ("was called to testify", "were accused of …") have no speaker.
    if (objectCue && passive) continue;
    // "X made (it) clear that …": a stated position, cued by the whole phrase.
    const madeClear =
      /^(?:make|makes|made|making)$/.test(t.lower) && (toks[i + 1]?.lower === 'clear' || (toks[i + 1]?.lower === 'it' && toks[i + 2]?.lower === 'clear'));
    if (madeClear) {
      const clear = toks[i + 1]!.lower === 'clear' ? i + 1 : i + 2;
      if (toks[clear + 1]?.lower !== 'that') continue;
      const f = verbFrame(a, s, toks, i, text.slice(t.start, toks[clear]!.end), toks[clear]!.end, frames);
      // Only someone can make a position clear: a name, a pronoun, or a noun of a person, body or group ("the storm made clear" reports nothing).
      if (f && speakerLike(a, f.srcStart, f.srcEnd)) frames.push(f);
      continue;
    }
    if ((!SPEECH_VERBS.has(t.lower) || NOT_SPEECH.has(t.lower)) && !objectCue) continue;
    if ((t.pos === 'NOUN' || t.pos === 'PROPN' || t.pos === 'ADJ') && !verbalS(toks, i) && !documentParticiple(toks, i)) continue;
    // "X was quoted as saying that …": the subject of the passive speaks.
    if (t.lower === 'saying' && toks[i - 1]?.lower === 'as' && toks[i - 2]?.lower === 'quoted') {
      const subj = sentenceSubject(a, s, toks);
      const f = subj && contentAfter(a, s, toks, i, t.text, t.end, subj[0], subj[1]);
      if (f) frames.push(f);
      continue;
    }
    // A cue in a relative clause ("the man who said he saw it", "Holt, who has said little, …") describes its noun: nothing is reported.
    let rel = i - 1;
    while (rel >= 0 && ['ADV', 'AUX', 'PART'].includes(toks[rel]!.pos)) rel--;
    if (/^(?:who|whom|which|whose)$/.test(toks[rel]?.lower ?? '')) continue;
    let cueEnd = t.end;
    let cue = t.text;
    if (/^point/.test(t.lower) && toks[i + 1]?.lower === 'out') {
      cueEnd = toks[i + 1]!.end;
      cue = `${t.text} out`;
    }
    // Hypothetical speech ("As Sherlock would say", "critics might argue") is not reported.
    let b = i - 1;
    while (b >= 0 && toks[b]!.pos === 'ADV') b--;
    if (/^(?:would|could|might|may|should|will|can|must)$/.test(toks[b]?.lower ?? '')) continue;
    const f = verbFrame(a, s, toks, i, cue, cueEnd, frames);
    // Findings are not speech: "the study suggested …", "data showed …" (PARC guidelines).
    if (f && FINDINGS.test(text.slice(f.srcStart, f.srcEnd).split(/\s+/).at(-1) ?? '')) continue;
    if (f) frames.push(f);
  }
  return dropRelays(a, frames);
}

/**
 * "…, the commission said, according to Reuters.": the outlet only relays what the speaker said.
 * An "according to" closing a sentence whose content already has a cue of its own is dropped,
 * and that cue's content stops before it.
 */
function dropRelays(a: Analysis, frames: Frame[]): Frame[] {
  const { text } = a;
  // "As X noted, A, …": an aside whose cue comments on the main clause A.
  const isAside = (r: Frame, f: Frame) =>
    /^\W*as\s+$/i.test(text.slice(r.cs, f.srcStart)) && f.cs > f.cueStart && f.cs < r.cueStart && hasVerb(a, f.cs, r.cueStart);
  const relays = frames.filter(
    (r) =>
      /^(?:according\s+to|per)$/i.test(r.cue) &&
      r.ce <= r.cueStart &&
      frames.some(
        (f) =>
          f !== r &&
          f.cueStart >= r.cs &&
          f.cueStart < r.cueStart &&
          !isAside(r, f) &&
          // The cue reports something of its own: content before it, or a clause between it and "according to".
          (f.ce <= f.cueStart || (f.cs < r.cueStart && hasVerb(a, f.cs, Math.min(f.ce, r.cueStart)))),
      ),
  );
  for (const r of relays)
    for (const f of frames) if (f !== r && f.cueStart < r.cueStart && f.ce > r.cueStart && text.slice(f.cs, r.cueStart).trim()) f.ce = r.cueStart;
  // Not a relay: "according to Z" attributes the main clause, which starts after the aside; the aside's
  // content keeps the inner attribution (nested attributions overlap, README).
  for (const r of frames) {
    if (relays.includes(r) || !/^(?:according\s+to|per)$/i.test(r.cue) || r.ce > r.cueStart) continue;
    const aside = frames.find((f) => f !== r && f.cueStart > r.cs && f.cs < r.cueStart && isAside(r, f));
    if (aside) r.cs = aside.cs;
  }
  return frames.filter((f) => !relays.includes(f));
}

/** "per" names a source when it opens the sentence or follows a comma, and a determiner or a capitalised name follows ("per the WHO", never "per cent" or "per se"). */
function perSource(toks: Tok[], i: number): boolean {
  const next = toks[i + 1];
  if (!next || !(i === 0 || toks[i - 1]!.text === ',')) return false;
  return /^(?:the|a|an)$/.test(next.lower) || (next.pos === 'PROPN' && /^\p{Lu}/u.test(next.text));
}

/**
 * A sentence opening on a participle cue: "Arguing that A, Patrick has said …", "Noting that A,
 * Varga asked …". The content is A, up to its comma; the main clause's subject speaks.
 */
function openingParticiple(a: Analysis, s: Sentence, toks: Tok[], i: number): Frame | null {
  const t = toks[i]!;
  if (!/ing$/.test(t.lower) || !SPEECH_VERBS.has(t.lower) || NOT_SPEECH.has(t.lower) || toks[i + 1]?.lower !== 'that') return null;
  if (a.text.slice(s.start, t.start).replace(/^[\s(]*(?:(?:but|and|while|also)\s+)?/i, '') !== '') return null;
  const commas = toks.map((x, k) => (x.text === ',' && k > i + 3 ? k : -1)).filter((k) => k > 0);
  if (!commas.length) return null;
  for (const c of commas) {
    let k = c + 1;
    while (k < toks.length && k - c <= 6 && ['PROPN', 'PRON', 'DET', 'NOUN', 'ADJ', 'PART'].includes(toks[k]!.pos)) k++;
    if (k === c + 1 || !['VERB', 'AUX'].includes(toks[k]?.pos ?? '')) continue;
    return { cue: t.text, cueStart: t.start, srcStart: toks[c + 1]!.start, srcEnd: toks[k - 1]!.end, cs: toks[i + 1]!.end, ce: toks[commas[0]!]!.start };
  }
  return null;
}

/** A source phrase that can name a speaker: a name or pronoun, or a head noun of a role, body or group. */
function speakerLike(a: Analysis, start: number, end: number): boolean {
  const src = a.tokens.slice(tokenAt(a.tokens, start), tokenAt(a.tokens, end));
  const head = src.at(-1)?.lower ?? '';
  return src.some((x) => x.pos === 'PROPN' || x.pos === 'PRON') || ROLE_NOUNS.has(head) || ORG_REFERENCE_NOUNS.has(head) || GENERIC_SOURCES.has(head);
}

/** Nouns of a stated position: "Holt's view is that …", "Their argument was that …". */
const POSITION_NOUNS = /^(?:view|position|argument|contention|message|claim|point|stance|assessment|answer|response|explanation|complaint|warning)$/;

/** Nouns of a speech act that take a "that" clause (README: nominal cues such as "announcement that …", "vow that …"). */
const SPEECH_NOUNS =
  /^(?:announcement|claim|claims|assertion|vow|pledge|promise|warning|admission|insistence|allegation|allegations|suggestion|remark|remarks|acknowledgment|acknowledgement|assurance|assurances|prediction|declaration)$/;

/**
 * Nominal frames: "<possessor>'s view is that <clause>", "<possessor>'s announcement that <clause>"
 * and "In <possessor>'s words, <content>" ("In the words of <source>, …"). The possessor speaks.
 */
function nominalFrame(a: Analysis, s: Sentence, toks: Tok[], i: number): Frame | null {
  const t = toks[i]!;
  const possessor = (k: number): [number, number] | null => {
    if (/^(?:his|her|their|its)$/.test(toks[k]?.lower ?? '')) return [toks[k]!.start, toks[k]!.end];
    if (!/^[’']s$/.test(toks[k]?.text ?? '') && !/^[’']$/.test(toks[k]?.text ?? '')) return null;
    let j = k - 1;
    while (j > 0 && toks[j - 1]!.pos === 'PROPN') j--;
    return toks[j] && ['PROPN', 'NOUN'].includes(toks[k - 1]!.pos) ? [toks[j]!.start, toks[k - 1]!.end] : null;
  };
  if (POSITION_NOUNS.test(t.lower) && /^(?:is|was|remains|remained)$/.test(toks[i + 1]?.lower ?? '') && toks[i + 2]?.lower === 'that') {
    const src = possessor(i - 1);
    if (!src) return null;
    return { cue: a.text.slice(t.start, toks[i + 1]!.end), cueStart: t.start, srcStart: src[0], srcEnd: src[1], cs: toks[i + 2]!.end, ce: s.end };
  }
  // "Van Holt's announcement that …", "the agency's warning that …": a speech noun with its possessor and a "that" clause.
  if (SPEECH_NOUNS.test(t.lower) && toks[i + 1]?.lower === 'that' && toks[i + 2] && !/^[.,;!?]$/.test(toks[i + 2]!.text)) {
    const src = possessor(i - 1);
    // In subject position ("The agency's warning that A went unheeded") the clause's end is the sentence's verb, which cannot be told apart: only after a verb.
    const afterVerb = !!src && toks.some((x, k) => x.end <= src[0] && actsAsVerb(toks, k));
    if (src && afterVerb) return { cue: t.text, cueStart: t.start, srcStart: src[0], srcEnd: src[1], cs: toks[i + 1]!.end, ce: s.end };
  }
  // "In Brandt's words, …", "In the words of the ministry, …": opening the sentence, closed by a comma.
  if (t.lower === 'words' && toks[0]?.lower === 'in' && i >= 2 && i <= 6) {
    const comma = toks.findIndex((x, k) => k > i && x.text === ',');
    if (comma < 0 || comma > i + 9) return null;
    const src =
      toks[i + 1]?.lower === 'of' && i === 2 && toks[1]!.lower === 'the' ? ([toks[i + 2]!.start, toks[comma - 1]!.end] as [number, number]) : possessor(i - 1);
    if (!src || (toks[i + 1]?.lower !== 'of' && comma !== i + 1)) return null;
    return { cue: a.text.slice(toks[0]!.start, t.end), cueStart: toks[0]!.start, srcStart: src[0], srcEnd: src[1], cs: toks[comma]!.end, ce: s.end };
  }
  return null;
}

/**
 * A passive cue with its agent: "The plan was described by Brandt as a waste", "he was told by
 * Bolton to go …", "is accused by critics of …". The agent speaks; a directive's content starts
 * at "to", any other's is the clause, the attribution inside it included (README rule 3).
 */
function agentFrame(a: Analysis, s: Sentence, toks: Tok[], i: number): Frame | null {
  let k = i + 2;
  // The agent's noun phrase; for "accused by X of Y" the "of" opens the charge, not the agent.
  while (k < toks.length && k - i < 11 && (isNpTok(toks[k]!) || (toks[k]!.lower === 'of' && !ACCUSE_VERBS.test(toks[i]!.lower))) && toks[k]!.text !== '.') k++;
  if (k === i + 2) return null;
  const src: [number, number] = [toks[i + 2]!.start, toks[k - 1]!.end];
  // A gloss set off by dashes after the agent ("by Bolton — Morrison's supervisor — to go …").
  if (/^[—–]$/.test(toks[k]?.text ?? '')) {
    const close = toks.findIndex((x, m) => m > k && /^[—–]$/.test(x.text));
    if (close > 0) k = close + 1;
  }
  const cue = toks[i]!;
  if (DIRECTIVE_VERBS.test(cue.lower) && !CALL_VERBS.test(cue.lower)) {
    if (toks[k]?.lower !== 'to' || toks[k + 1]?.pos !== 'VERB') return null;
    return { cue: cue.text, cueStart: cue.start, srcStart: src[0], srcEnd: src[1], cs: toks[k]!.start, ce: s.end };
  }
  const pred = toks[k]?.lower ?? '';
  if (!(ACCUSE_VERBS.test(cue.lower) ? /^(?:of|over)$/.test(pred) : pred === 'as')) return null;
  const subj = sentenceSubject(a, s, toks);
  if (!subj) return null;
  return { cue: cue.text, cueStart: cue.start, srcStart: src[0], srcEnd: src[1], cs: subj[0], ce: s.end, smallClause: true };
}

/**
 * A cue in -s or -ed that the tagger read as a noun or adjective ("comments", "reports", "alleged")
 * but that is a verb by its place: after the content and before its source ("…,” comments Name",
 * "…, reports the agency"), after "as" and a name ("As Ortiz reports for NPR, …"), or between a
 * subject and "that" ("The agency reports that …", "Prosecutors alleged that …").
 */
function verbalS(toks: Tok[], i: number): boolean {
  const t = toks[i]!;
  if (!/(?:s|ed)$/.test(t.lower) || !SPEECH_VERBS.has(t.lower)) return false;
  const prev = toks[i - 1];
  const next = toks[i + 1];
  if (!prev || !next) return false;
  if (/s$/.test(t.lower) && /^[,”"»]$/.test(prev.text) && (['PROPN', 'DET', 'PRON'].includes(next.pos) || /^\p{Lu}/u.test(next.text))) return true;
  // "As Jane Ortiz reports for NPR, …": after "as" and a name, the cue is the clause's verb.
  if (prev.pos === 'PROPN') {
    let j = i - 1;
    while (j > 0 && toks[j - 1]!.pos === 'PROPN') j--;
    if (toks[j - 1]?.lower === 'as') return true;
  }
  // Between a subject and "that" ("The agency reports that …", "Prosecutors alleged that …"); a possessive
  // before it makes it a noun: "Her reports that year …", "the agency’s reports that …".
  return next.lower === 'that' && ['NOUN', 'PROPN', 'PRON'].includes(prev.pos) && !/^(?:[’']s|his|her|its|their|our|my|your)$/.test(prev.lower);
}

/** "a statement warning that …", "a letter saying: …", "…, warning: “…”": an -ing cue after a document noun or a comma, before "that", a colon or a quotation, is a participle, whatever its tag. */
function documentParticiple(toks: Tok[], i: number): boolean {
  const next = toks[i + 1];
  const prev = toks[i - 1]?.lower ?? '';
  return /ing$/.test(toks[i]!.lower) && (DOCUMENT_NOUNS.test(prev) || prev === ',') && !!next && (next.lower === 'that' || /^[:,“"«]$/.test(next.text));
}

/** Heads of a source that is a finding rather than a speaker: what a study "suggests" is not a quote. */
const FINDINGS =
  /^(?:study|studies|research|survey|surveys|data|analysis|analyses|findings|results|paper|evidence|experiment|experiments|model|models|trial|trials|figures|statistics|numbers|test|tests|review|poll|polls)$/i;

/** "according to X" (a cue of two words) or "per X" (one). */
function accordingTo(text: string, s: Sentence, toks: Tok[], i: number, cueWords: 1 | 2): Frame | null {
  const srcStart = toks[i + cueWords]?.start;
  if (srcStart === undefined) return null;
  let j = i + cueWords;
  while (j < toks.length && !/^(?:[,;.:!?“”"—–()]|--)$/.test(toks[j]!.text)) j++;
  if (j === i + cueWords) return null;
  const srcEnd = toks[j - 1]!.end;
  const cueStart = toks[i]!.start;
  const atStart = text.slice(s.start, cueStart).trim() === '';
  const cue = text.slice(cueStart, toks[i + cueWords - 1]!.end);
  if (atStart) return { cue, cueStart, srcStart, srcEnd, cs: srcEnd, ce: s.end };
  const atEnd = text.slice(srcEnd, s.end).replace(/[\s.!?)\]]/g, '') === '';
  if (atEnd) return { cue, cueStart, srcStart, srcEnd, cs: s.start, ce: cueStart };
  // Closing an aside set off by dashes ("-- and the fact that A, according to X --"): the content is the aside, up to the cue.
  if (/^\s*(?:--|[—–])\s/.test(text.slice(srcEnd, s.end))) {
    const open = Math.max(text.lastIndexOf(' -- ', cueStart), text.lastIndexOf(' — ', cueStart), text.lastIndexOf(' – ', cueStart));
    if (open >= s.start) return { cue, cueStart, srcStart, srcEnd, cs: open + 3, ce: cueStart };
  }
  return { cue, cueStart, srcStart, srcEnd, cs: s.start, ce: s.end };
}

const DATELINE = /^\p{Lu}{3,}(?:[ .'-]+\p{Lu}{2,})*\.?(?:,[^—–,]{1,30})?\s*(?:\([^)]{1,20}\)\s*)?[—–]\s*/u;
const LEADERS =
  /^(?:(?:but|and|so|yet|still|meanwhile|however|now|later|also|then|instead|separately|earlier|previously)\b,?\s*)*(?:(?:on|in|at|during|after|before|last|this|earlier|later)\b[^,“”"]{0,40},\s*)?/i;
const hasVerb = (a: Analysis, s: number, e: number) =>
  a.tokens
    .slice(tokenAt(a.tokens, s), tokenAt(a.tokens, e))
    .some((x) => (x.pos === 'VERB' || x.pos === 'AUX') && !/^-/.test(a.text.slice(x.start - 1, x.start)));

/** A source phrase "Name" or "Name, role phrase," as [start, end] of the name; null when it is not a noun phrase. */
function sourceOf(a: Analysis, s: number, e: number): [number, number] | null {
  const seg = a.text.slice(s, e);
  const lead = seg.length - seg.trimStart().length;
  const comma = seg.indexOf(',', lead);
  let end = comma >= 0 ? s + comma : s + seg.trimEnd().length;
  // Adverbs and auxiliaries before the cue ("Davis later said", "Patrick has said") are not part of the name.
  // Adverbs, auxiliaries and a time ("Alden on Tuesday announced") before the cue are not part of the name.
  const tail =
    /(?:\s+(?:on\s+(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)|also|later|then|again|previously|earlier|once|recently|further|simply|just|quickly|angrily|bluntly|flatly|has|have|had|will|would|could|did|does|do|is|was|were|are|reportedly|publicly|repeatedly|since|now|long|already|still|even|often|consistently|privately|openly|initially|first|subsequently|separately|formally|officially|explicitly|specifically|strongly|frequently|(?:continues|continued|continue|went\s+on|goes\s+on|was\s+quick|were\s+quick)\s+to))+\s*$/i.exec(
      a.text.slice(s + lead, end),
    );
  if (tail) end -= tail[0].length;
  let start = s + lead;
  // An aside's opening bracket is not part of the name: "(Alden announced …".
  while (/[([]/.test(a.text[start] ?? '') && start < end) start++;
  // An opening adverbial word with its comma ("Inside, VW says", "Still, Reed said") is not the source.
  const intro = a.tokens[tokenAt(a.tokens, start)];
  const introNext = a.tokens[tokenAt(a.tokens, start) + 1];
  if (intro && introNext?.text === ',' && ['ADV', 'ADP', 'SCONJ', 'CCONJ'].includes(intro.pos) && comma >= 0 && s + comma === introNext.start) {
    const rest = sourceOf(a, introNext.end, e);
    return rest;
  }
  // Adverbs between the name and the cue ("He instead told") are not part of the name.
  for (let k = tokenAt(a.tokens, end) - 1; k >= 0 && a.tokens[k]!.start >= start && a.tokens[k]!.pos === 'ADV' && a.tokens[k]!.end <= end; k--)
    end = a.tokens[k - 1]?.end ?? end;
  if (end <= start) return null;
  // "The mayor, Jane Ortiz, said": a description with the name in apposition: the name.
  if (comma >= 0) {
    const appo = /^,\s*((?:\p{Lu}[\p{L}’'.-]*\s+){1,3}\p{Lu}[\p{L}’'-]+)\s*,?\s*$/u.exec(a.text.slice(end, e));
    if (appo && /^(?:the|a|an|our|their|his|her|its)\s/i.test(a.text.slice(start, end)) && a.text.slice(start, end).split(/\s+/).length <= 5) {
      const at = end + appo[0].indexOf(appo[1]!);
      return [at, at + appo[1]!.length];
    }
  }
  // "Analysts who have done the sums say …": the source is the noun phrase before its relative clause.
  const rel = /\s+(?:who|whom)\s+/i.exec(a.text.slice(start, end));
  if (rel && rel.index > 0 && !hasVerb(a, start, start + rel.index) && a.text.slice(start + rel.index, end).split(/\s+/).length <= 10) end = start + rel.index;
  const words = a.text.slice(start, end).split(/\s+/).length;
  if (words > 9 || hasVerb(a, start, end) || /[“”"]/.test(a.text.slice(start, end))) return null;
  // A source names someone: a noun, a name or a pronoun ("before" or "then" alone is not one).
  if (!a.tokens.slice(tokenAt(a.tokens, start), tokenAt(a.tokens, end)).some((x) => ['NOUN', 'PROPN', 'PRON', 'NUM'].includes(x.pos))) return null;
  return [start, end];
}

function verbFrame(a: Analysis, s: Sentence, toks: Tok[], i: number, cue: string, cueEnd: number, prior: Frame[]): Frame | null {
  const { text } = a;
  const t = toks[i]!;
  const prev = toks[i - 1];
  // A cue with no subject of its own (", adding that …", "and added, …"): the clause's subject speaks.
  // The comma may sit inside a closing mark ("…,” adding “…”"), and a dash may set the participle off ("— declaring, “…”").
  const commaBefore = !!prev && (prev.text === ',' || (/^[”"]$/.test(prev.text) && text[prev.start - 1] === ','));
  const dashBefore = !!prev && /^[—–]$/.test(prev.text);
  // A participle after a document noun ("issued a statement warning that …", "sent a letter saying …"): whoever issued it speaks.
  const documentBefore = !!prev && DOCUMENT_NOUNS.test(prev.lower) && /ing$/.test(t.lower);
  if (prev && (commaBefore || dashBefore || documentBefore || prev.lower === 'and') && (/ing$/.test(t.lower) || prev.lower === 'and')) {
    const p = prior.at(-1);
    const subj = p
      ? ([p.srcStart, p.srcEnd] as [number, number])
      : (clauseSubject(a, s, toks, i) ?? sentenceSubject(a, s, toks) ?? (documentBefore || dashBefore ? nameBeforeVerb(toks, i) : null));
    if (subj) return contentAfter(a, s, toks, i, cue, cueEnd, subj[0], subj[1]);
    // Nobody named before the participle ("— declaring, “…”"): the quotation still is speech, its speaker unknown.
    if (dashBefore || documentBefore) return contentAfter(a, s, toks, i, cue, cueEnd, t.start, t.start);
  }
  // A parenthetical attribution inside the content: "The key, says Varga, is …", "The plan, he said, will fail."
  const paren = parentheticalFrame(a, s, toks, i, cue);
  if (paren) return paren;
  // After a quotation: "“…,” Name[, role,] said" or inverted "“…,” said Name".
  const q = a.quotes.findLast((x) => x.end > s.start && x.end <= t.start);
  // A title in marks inside the reporter's clause ("After playing “Blue Road,” the singer told …") is not what was said.
  const titleInClause = !!q && q.start > s.start && isTitle(text, q) && !a.quotes.some((x) => x.start >= s.start && x.end <= q.start);
  if (
    q &&
    !titleInClause &&
    !/[.;!?“”"]/.test(
      text
        .slice(q.end, t.start)
        .replace(/^[,\s]+/, '')
        .replace(/\b(?:Mr|Mrs|Ms|Dr|St|Sen|Rep|Gov|Gen|Lt|Col|Sgt|Capt|Prof|Rev|Jr|[A-Z])\./g, ' '),
    )
  ) {
    const between = text.slice(q.end, t.start);
    if (/^[\s,]*$/.test(between)) {
      // Inverted: the source follows the cue, up to punctuation or a preposition.
      let k = i + 1;
      // The source ends at punctuation, a preposition or a clause of its own ("said a spokesperson when reached by phone").
      while (
        k < toks.length &&
        !/^[,;.:!?“”"—–()]$/.test(toks[k]!.text) &&
        !(toks[k]!.pos === 'ADP' && toks[k]!.lower !== 'of') &&
        !(k > i + 1 && (['VERB', 'AUX', 'SCONJ'].includes(toks[k]!.pos) || /^(?:when|while|who|after|before|as)$/.test(toks[k]!.lower))) &&
        k - i < 10
      )
        k++;
      if (k === i + 1) return null;
      return { cue, cueStart: t.start, srcStart: toks[i + 1]!.start, srcEnd: toks[k - 1]!.end, cs: s.start, ce: q.end };
    }
    const src = sourceOf(a, q.end + (between.length - between.replace(/^[\s,]+/, '').length), t.start);
    if (src) return { cue, cueStart: t.start, srcStart: src[0], srcEnd: src[1], cs: s.start, ce: q.end };
  }
  // Subject before the cue, from the start of the sentence (after connectives): "Name[, role,] said …".
  // A dateline ("HANOI, Vietnam (AP) — ") opens the story, not the subject.
  const dateline = DATELINE.exec(text.slice(s.start, t.start))?.[0] ?? '';
  const open0 = s.start + dateline.length;
  const lead = dateline + /^\(?/.exec(text.slice(open0))![0] + (LEADERS.exec(text.slice(open0, t.start).replace(/^\(/, ''))?.[0] ?? '');
  // A leading subordinate clause ("When X suggested that …, Y did …"): its subject speaks, and the content ends at the clause's comma.
  const sub =
    /^(?:when|while|whereas|after|before|although|though|as|if|because|since|once|until)\s+/i.exec(text.slice(s.start + lead.length, t.start))?.[0] ?? '';
  const subjStart = s.start + lead.length + sub.length;
  const src = sourceOf(a, subjStart, t.start);
  if (src && !/^(?:which|that|who|it is|there)\b/i.test(text.slice(src[0], src[1]))) {
    // "As Reuters reported at the time, the pier was unsafe": the main clause after the comma is the content.
    if (/^as\s/i.test(sub)) {
      const comma = commaOutsideQuotes(a, cueEnd, s.end);
      if (comma > 0 && !hasVerb(a, cueEnd, comma) && !/\bthat\b/.test(text.slice(cueEnd, comma)))
        return { cue, cueStart: t.start, srcStart: src[0], srcEnd: src[1], cs: comma + 1, ce: s.end };
    }
    const f = contentAfter(a, s, toks, i, cue, cueEnd, src[0], src[1]);
    if (f && sub) {
      const comma = commaOutsideQuotes(a, f.cs, f.ce);
      if (comma < 0) return null;
      f.ce = comma;
    }
    if (f) return f;
  }
  // The cue inside a clause that opens after a comma or a conjunction: "…, while X said …", "after Politico reported …".
  const left = text.slice(s.start, t.start);
  const open =
    /(?:[,;—–][”"]?\s*|\b(?:while|whereas|after|before|as|when|because|since|although|though|but|and|so|if|until|which|where|in which)\s+)(?:(?:while|after|but|and|as|when|with)\s+)?(?=[^,;—–]*$)/gi;
  let lastOpen = -1;
  for (const m of left.matchAll(open)) lastOpen = m.index + m[0].length;
  if (lastOpen > 0) {
    const src2 = sourceOf(a, s.start + lastOpen, t.start);
    if (src2 && !/^(?:which|that|who|it|there|this)\b/i.test(text.slice(src2[0], src2[1]))) {
      const f = contentAfter(a, s, toks, i, cue, cueEnd, src2[0], src2[1]);
      if (f) {
        // In a leading subordinate clause ("While X said …, he …") the content ends at the clause's comma.
        if (/^\s*(?:while|whereas|although|though|as|if|because|when|after|before|since)\b/i.test(text.slice(s.start, s.start + lastOpen))) {
          const comma = text.indexOf(',', f.cs);
          if (comma > 0 && comma < f.ce) f.ce = comma;
        }
        return f;
      }
    }
  }
  // Content before the cue: "The plan failed, officials said." Never for a participle or an object cue ("…, describing her as …").
  if (OBJECT_CUES.has(t.lower) || /^describ/.test(t.lower) || AS_VERBS.test(t.lower)) return null;
  let j = i - 1;
  while (j >= 0 && toks[j]!.pos === 'ADV') j--;
  const npEnd = j;
  // The source may carry a prepositional phrase: "…, people familiar with the talks said", "…, a lawyer for the family said".
  const inSource = (k: number) =>
    (isNpTok(toks[k]!) && !isQuoteMark(toks[k])) ||
    (toks[k]!.pos === 'ADP' && /^(?:with|of|for|from|at|to)$/.test(toks[k]!.lower) && k < npEnd && k > 0 && toks[k - 1]!.text !== ',');
  while (j >= 0 && inSource(j) && npEnd - j < 9) j--;
  if (npEnd < j + 1 || toks[j]?.text !== ',') return null;
  // The cue must end the sentence's clause: nothing but its addressee ("…, Holt told the Herald") and an adverbial may follow.
  let tail = cueEnd;
  if (OBJECT_VERBS.test(t.lower)) {
    let k = i + 1;
    if (toks[k]?.pos === 'DET') k++;
    while (k < toks.length && k - i <= 6 && (['PROPN', 'NOUN', 'ADJ'].includes(toks[k]!.pos) || /^[’']s$/.test(toks[k]!.text))) k++;
    if (k > i + 1 && toks[k - 1]!.pos !== 'DET') tail = toks[k - 1]!.end;
  }
  if (
    /\p{L}/u.test(text.slice(tail, s.end)) &&
    !/^\s*(?:on|in|at|during|late|earlier|last|this|via|through|after|when|while|before|,)\b/i.test(text.slice(tail, s.end))
  )
    return null;
  const before = text.slice(s.start, toks[j]!.start);
  if (before.trim().split(/\s+/).length < 3) return null;
  return { cue, cueStart: t.start, srcStart: toks[j + 1]!.start, srcEnd: toks[npEnd]!.end, cs: s.start, ce: toks[j]!.start };
}

/** Nouns of a written or posted text: a quotation after "the caption:", "in a statement:" or "its statement read:" is that text's words. */
const DOCUMENT_NOUNS =
  /^(?:statement|caption|letter|post|tweet|message|note|email|e-mail|memo|release|filing|complaint|ruling|order|transcript|announcement|notice|comment|comments|remarks|speech|video|response|reply|answer|words|verdict|advice|warning|plea|explanation|reaction|message)$/;

/**
 * A nominal cue: "…, with the caption: “…”", "In a statement: “…”", "The club's statement read: “…”".
 * The speaker is the noun's possessor, else the sentence's subject.
 */
function nounCue(a: Analysis, s: Sentence, toks: Tok[], mentions: Mention[]): (Resolved & { cue: string; colonEnd: number }) | null {
  const colonAt = toks.findIndex((t) => t.text === ':');
  if (colonAt < 1) return null;
  let k = colonAt - 1;
  // "Hale's response was blunt:", "Her message was simple:".
  if (/^(?:was|is|were|are)$/.test(toks[k - 1]?.lower ?? '') && ['ADJ', 'VERB', 'ADV'].includes(toks[k]!.pos)) k -= 2;
  if (/^(?:read|reads|said|says|stated|states|was|is)$/.test(toks[k]!.lower)) k--;
  if (toks[k]?.lower === 'that') k--;
  const noun = toks[k];
  if (!noun || !DOCUMENT_NOUNS.test(noun.lower)) return null;
  const colonEnd = toks[colonAt]!.end;
  // "Tottenham's statement", "the club's caption": the possessor.
  const owner = toks[k - 1] && /^[’']s$/.test(toks[k - 1]!.text) ? toks[k - 2] : toks[k - 2] && /^[’']s$/.test(toks[k - 2]!.text) ? toks[k - 3] : undefined;
  if (owner) {
    const m = mentions.find((x) => x.start <= owner.start && owner.end <= x.end);
    if (m) return { speaker: m.name, role: m.role, cue: noun.text, colonEnd };
  }
  // "Her message was simple:": the person (or body, for "its") the pronoun means.
  const pron = toks[k - 1] && /^(?:his|her|its)$/.test(toks[k - 1]!.lower) ? toks[k - 1]! : undefined;
  if (pron) {
    const mapped = pron.lower === 'his' ? 'he' : pron.lower === 'her' ? 'she' : 'it';
    return { ...resolvePronoun(a, mentions, pron.start, mapped), cue: noun.text, colonEnd };
  }
  // "Varga, in a statement: …": a name opening the sentence, else the subject before its verb.
  const opening = mentions.find((m) => m.start >= s.start && a.text.slice(s.start, m.start).trim() === '' && /^\s*,/.test(a.text.slice(m.end)));
  if (opening) return { speaker: opening.name, role: opening.role, cue: noun.text, colonEnd };
  const subj = sentenceSubject(a, s, toks);
  const who = subj ? resolveSource(a, mentions, subj[0], subj[1]) : { speaker: null, role: null };
  return { ...who, cue: noun.text, colonEnd };
}

/**
 * The subject of the clause a participle cue hangs from ("BUFFALO — Hours before …, coach Bruce
 * Boudreau expressed confidence, saying …"): the last name run before the clause's verb.
 */
function clauseSubject(a: Analysis, s: Sentence, toks: Tok[], cueAt: number): [number, number] | null {
  for (let k = cueAt - 2; k > 0; k--) {
    const t = toks[k]!;
    if (t.pos !== 'VERB' || toks[k - 1]!.pos !== 'PROPN') continue;
    let j = k - 1;
    while (j > 0 && toks[j - 1]!.pos === 'PROPN' && /^\p{Lu}/u.test(toks[j - 1]!.text)) j--;
    return [toks[j]!.start, toks[k - 1]!.end];
  }
  return null;
}

/**
 * The last name before token `i` that stands as a subject: followed by its verb or by the comma
 * of an appositive or relative clause ("the Electoral Commission, which regulates …, issued").
 */
function nameBeforeVerb(toks: Tok[], i: number): [number, number] | null {
  for (let k = i - 2; k >= 0; k--) {
    const t = toks[k]!;
    const next = toks[k + 1]!;
    if (t.pos !== 'PROPN' || !(next.text === ',' || next.pos === 'VERB' || next.pos === 'AUX')) continue;
    let j = k;
    while (j > 0 && toks[j - 1]!.pos === 'PROPN') j--;
    return [toks[j]!.start, t.end];
  }
  return null;
}

/**
 * ", says Name," / ", he said," between commas with words on both sides and no quotation around
 * it: the whole sentence is the content, the parenthetical included (README rule 3).
 */
function parentheticalFrame(a: Analysis, s: Sentence, toks: Tok[], i: number, cue: string): Frame | null {
  const t = toks[i]!;
  if (
    !/^(?:say|says|said|told|tells|added|adds|noted|notes|argued|argues|explained|explains|insisted|insists|wrote|writes|reports|reported|comments|commented)$/.test(
      t.lower,
    )
  )
    return null;
  if (a.quotes.some((q) => q.end > s.start && q.start < s.end)) return null;
  // "Trade has hurt farmers, said Tom Hale[, a fellow at …]." The source follows the cue, the content comes before it.
  if (toks[i - 1]?.text === ',' && i >= 4) {
    let k = i + 1;
    const nameDot = (x: number) => toks[x]!.text === '.' && /^\p{Lu}/u.test(toks[x + 1]?.text ?? '');
    while (
      k < toks.length &&
      (toks[k]!.pos === 'PROPN' ||
        /^\p{Lu}/u.test(toks[k]!.text) ||
        /^[’'-]/.test(toks[k]!.text) ||
        nameDot(k) ||
        (k === i + 1 && /^(?:the|a|an)$/.test(toks[k]!.lower)) ||
        // A role before the name: "said co-author Ines Varga", "said study co-author Tom Hale".
        (k === i + 1 && toks[k]!.pos === 'NOUN' && toks.slice(k + 1, k + 4).some((x) => x.pos === 'PROPN')) ||
        (toks[k]!.pos === 'NOUN' && k > i + 1))
    )
      k++;
    const endsHere = k >= toks.length || toks[k]!.text === ',' || /^[.!?]$/.test(toks[k]!.text);
    if (k > i + 1 && endsHere && toks.slice(0, i - 1).some((x) => x.pos === 'VERB' || x.pos === 'AUX')) {
      return { cue, cueStart: t.start, srcStart: toks[i + 1]!.start, srcEnd: toks[k - 1]!.end, cs: s.start, ce: toks[i - 1]!.start };
    }
  }
  // Source and cue in either order between two commas.
  let l = i - 1;
  while (l >= 0 && toks[l]!.text !== ',' && i - l <= 6) l--;
  let r = i + 1;
  while (r < toks.length && toks[r]!.text !== ',' && r - i <= 6) r++;
  if (toks[l]?.text !== ',' || toks[r]?.text !== ',' || l < 2 || r >= toks.length - 3) return null;
  // The words before the parenthetical are a fragment of the content's clause (no verb yet), or the words after it continue with a verb.
  // "…, the commission said, according to Reuters.": only a relayed attribution follows, so the content ends before the cue.
  if (/^\s*(?:according\s+to|per)\s[^,;“”"]*$/i.test(a.text.slice(toks[r]!.end, s.end)) && srcBetween(toks, l, i))
    return { cue, cueStart: t.start, srcStart: toks[l + 1]!.start, srcEnd: toks[i - 1]!.end, cs: s.start, ce: toks[l]!.start };
  const leftHasVerb = toks.slice(0, l).some((x) => x.pos === 'VERB' || x.pos === 'AUX');
  if (leftHasVerb && !['VERB', 'AUX'].includes(toks[r + 1]?.pos ?? '')) return null;
  const srcToks = l + 1 < i ? toks.slice(l + 1, i) : toks.slice(i + 1, r);
  if (
    srcToks.length === 0 ||
    (l + 1 < i && i + 1 < r) ||
    !srcToks.every((x) => ['PROPN', 'PRON', 'NOUN', 'DET', 'ADJ', 'PART'].includes(x.pos) || /^[’'.-]/.test(x.text))
  )
    return null;
  return { cue, cueStart: t.start, srcStart: srcToks[0]!.start, srcEnd: srcToks.at(-1)!.end, cs: s.start, ce: s.end };
}

/** Tokens between a comma at `l` and the cue at `i` form a source noun phrase ("the commission", "a spokesman"). */
function srcBetween(toks: Tok[], l: number, i: number): boolean {
  const src = toks.slice(l + 1, i);
  return src.length > 0 && src.some((x) => ['PROPN', 'NOUN', 'PRON'].includes(x.pos)) && src.every((x) => isNpTok(x) || x.pos === 'ADV' || x.pos === 'AUX');
}

/** The first comma in [s, e) outside quotation marks, or -1. */
function commaOutsideQuotes(a: Analysis, s: number, e: number): number {
  for (let i = s; i < e; i++) if (a.text[i] === ',' && !a.quotes.some((q) => q.start < i && i < q.end - 1)) return i;
  return -1;
}

/**
 * Where reported content stops before its sentence ends: at a new clause the reporter adds
 * ("…, while the League called it …", "…, but that may be hard", "… — her top priority",
 * "…; …", "…, warning: …", "…, noting that …", "…, telling lawmakers …"), at a second cue
 * joined by "and" ("… and added, …"), or at an appositive gloss on the claim ("…, a claim the
 * firm denies"), outside quotation marks.
 */
const CLAUSE_BREAK =
  /(?:,[”"]?\s+(?:while|whereas|although|though|even as|as well as)\s|,[”"]?\s+but\s(?!(?:he|she|they|we|i|it)\s)|,[”"]?\s+(?:\w+ing)\s+(?:that\b|:|[“"])|,[”"]?\s+(?:warning|adding|saying|noting|calling|describing|arguing|insisting|claiming|stressing|explaining|telling|asking|urging|accusing|vowing|pledging|promising|acknowledging|admitting|conceding|citing|complaining|declaring|announcing|confirming|stating|predicting|cautioning)\b|[”"]?\s+(?:and|but)\s+(?:then\s+|also\s+|later\s+)?(?:added|adds|said|says|noted|warned|argued|insisted|told|wrote|explained|stressed|asked|acknowledged|conceded|urged|vowed)(?=\s*(?:[,:“"]|that\b))|,\s+(?:a|an)\s+(?:claim|charge|allegation|accusation|assertion|prospect|suggestion|view|position|characterization|description)\s|\s[—–]\s|\s--\s|;\s)/g;
function contentEnd(a: Analysis, cs: number, ce: number): number {
  const seg = a.text.slice(cs, ce);
  for (const m of seg.matchAll(CLAUSE_BREAK)) {
    // A closing mark, or a comma inside one (",” adding …"), before the break: the content ends after the mark.
    const at = cs + m.index + (/^,[”"]/.test(m[0]) ? 2 : /^[”"]/.test(m[0]) ? 1 : 0);
    if (a.quotes.some((q) => q.start < at && at < q.end)) continue;
    // A gloss between two dashes ("told by Bolton — his supervisor — to go …") is a parenthesis: the content goes on after it.
    if (/[—–]|--/.test(m[0]) && dashPairs(seg).some(([o, c]) => o === m.index || c === m.index)) continue;
    if (seg.slice(0, m.index).trim().split(/\s+/).length >= 3) return at;
  }
  return ce;
}

/** Pairs of dashes (start offsets in `seg`) enclosing a short gloss of at most 12 words with more words after the closing one. */
function dashPairs(seg: string): [number, number][] {
  const dashes = [...seg.matchAll(/\s(?:[—–]|--)\s/g)].map((m) => m.index);
  const pairs: [number, number][] = [];
  for (let k = 0; k + 1 < dashes.length; k += 2) {
    const [o, c] = [dashes[k]!, dashes[k + 1]!];
    if (seg.slice(o, c).split(/\s+/).length <= 14 && /\p{L}/u.test(seg.slice(c + 3))) pairs.push([o, c]);
  }
  return pairs;
}

/** The noun phrase a sentence opens with, when a verb follows it: "He urged …", "Hawk Sawyer issued …". */
function sentenceSubject(a: Analysis, s: Sentence, toks: Tok[]): [number, number] | null {
  let k = 0;
  while (k < toks.length && k < 7 && ['PROPN', 'PRON', 'DET', 'NOUN', 'ADJ', 'PART'].includes(toks[k]!.pos)) k++;
  if (k === 0 || !['VERB', 'AUX'].includes(toks[k]?.pos ?? '')) return null;
  return [toks[0]!.start, toks[k - 1]!.end];
}

/** Verbs whose content follows an object (PARC): directives "urged lawmakers to act", "accused X of Y", "called/described Y (as) Z". */
const DIRECTIVE_VERBS =
  /^(?:tell|told|tells|urge|urged|urges|urging|ask|asked|asks|advise|advised|advises|encourage|encouraged|encourages|warn|warned|warns|instruct|instructed|order|ordered|orders|implore|implored|beg|begged|press|pressed|call|called|calls)$/;
const ACCUSE_VERBS = /^(?:accuse|accused|accuses|accusing)$/;
/** Verbs that report a judgement only in the frame "<verb> Y as Z" ("rejected the plan as too costly", "cited cost as the reason"); with a plain object they report nothing. */
const AS_VERBS =
  /^(?:cite[sd]?|citing|reject(?:s|ed|ing)?|dismiss(?:es|ed|ing)?|hail(?:s|ed|ing)?|denounce[sd]?|denouncing|condemn(?:s|ed|ing)?|critici[sz](?:e[sd]?|ing)|slam(?:s|med|ming)?|blast(?:s|ed|ing)?|praise[sd]?|praising|tout(?:s|ed|ing)?|characteri[sz](?:e[sd]?|ing))$/;
const CALL_VERBS = /^(?:call|called|calls|describe|described|describes|brand|branded|brands|label|labelled|labeled|labels|deem|deemed|deems)$/;
export const OBJECT_CUES: ReadonlySet<string> = new Set([
  'accuse',
  'accused',
  'accuses',
  'accusing',
  'call',
  'called',
  'calls',
  'brand',
  'branded',
  'brands',
  'label',
  'labelled',
  'labeled',
  'labels',
  'deem',
  'deemed',
  'deems',
  'advise',
  'advised',
  'advises',
  'encourage',
  'encouraged',
  'encourages',
  'instruct',
  'instructed',
  'implore',
  'implored',
]);

/** objectContent's answer for a name given in quotation marks: nothing was said. */
const LABEL = -2;

/**
 * Content that starts after the cue's object: returns its start offset, -1 when the verb needs
 * this frame and it is absent, null when the verb is not of this kind.
 */
function objectContent(a: Analysis, s: Sentence, rest: Tok[], lower: string): number | null {
  const isDirective = DIRECTIVE_VERBS.test(lower);
  const isAccuse = ACCUSE_VERBS.test(lower);
  const isAs = AS_VERBS.test(lower);
  const isCall = CALL_VERBS.test(lower) || isAs;
  if (!isDirective && !isAccuse && !isCall) return null;
  // The object: a pronoun, or a noun phrase of a few words ("on" joins "called on Israel to …").
  let c = rest[0]?.lower === 'on' && /^call/.test(lower) ? 1 : 0;
  const objStart = c;
  if (rest[c] && ['PRON', 'DET'].includes(rest[c]!.pos)) c++;
  const endsClause = (t: Tok | undefined) => !t || /^[.,;!?]$/.test(t.text);
  while (c < rest.length && c - objStart < 7) {
    const t = rest[c]!;
    // An adjective closing the clause is the predicate ("called the ban unconstitutional"), not part of the object.
    if (t.pos === 'ADJ' && c > objStart && endsClause(rest[c + 1])) break;
    if (
      ['PROPN', 'NOUN', 'ADJ', 'NUM'].includes(t.pos) ||
      /^(?:and|[’']s)$/.test(t.lower) ||
      (t.lower === 'of' && !isAccuse) ||
      (t.pos === 'DET' && /^(?:of|and)$/.test(rest[c - 1]?.lower ?? ''))
    )
      c++;
    else break;
  }
  if (c === objStart || !rest[objStart]) return DIRECTIVE_VERBS.test(lower) && !CALL_VERBS.test(lower) && !isAccuse ? null : -1;
  if (isDirective && rest[c]?.lower === 'to' && rest[c + 1]?.pos === 'VERB') return rest[c]!.start;
  if (isAccuse) return /^(?:of|over)$/.test(rest[c]?.lower ?? '') ? rest[objStart]!.start : -1;
  if (isCall && rest[objStart]!.lower !== 'on') {
    // "called the ban unconstitutional", "described the move as …", "called it “a disaster”".
    const pred = rest[c];
    if (!pred) return -1;
    // A name given in marks ("called the range the “Master Builder Series”") is a label, not something said.
    const mark = isQuoteMark(rest[c]) ? c : rest[c]?.pos === 'DET' && isQuoteMark(rest[c + 1]) ? c + 1 : -1;
    if (mark >= 0) {
      let m = mark + 1;
      while (m < rest.length && !isQuoteMark(rest[m]) && m - mark < 8) m++;
      const inner = rest.slice(mark + 1, m).filter((x) => /\p{L}/u.test(x.text));
      if (isQuoteMark(rest[m]) && inner.length > 0 && inner.every((x) => /^\p{Lu}/u.test(x.text) || /^(?:of|the|and|a|in|on|for)$/.test(x.lower))) return LABEL;
    }
    if (pred.lower === 'as') return rest[objStart]!.start;
    if (isAs) return -1;
    if (isQuoteMark(pred) || (pred.pos === 'ADJ' && /^[.,;]?$/.test(rest[c + 1]?.text ?? '.'))) return rest[objStart]!.start;
    if (!/^describ/.test(lower) && ['DET', 'ADJ'].includes(pred.pos) && rest.slice(c, c + 6).some((t) => isQuoteMark(t))) return rest[objStart]!.start;
    return -1;
  }
  return DIRECTIVE_VERBS.test(lower) && !CALL_VERBS.test(lower) ? null : -1;
}

function contentAfter(a: Analysis, s: Sentence, toks: Tok[], i: number, cue: string, cueEnd: number, srcStart: number, srcEnd: number): Frame | null {
  let k = i + 1;
  while (k < toks.length && toks[k]!.end <= cueEnd) k++;
  const lower = toks[i]!.lower;
  const rest = toks.slice(k);
  const framed = objectContent(a, s, rest, lower);
  if (framed === LABEL) return null;
  // "called for a ban that …", "called off the talks": phrasal verbs that report nothing.
  if (/^call/.test(lower) && /^(?:for|off|up|out|back|in)$/.test(rest[0]?.lower ?? '')) return null;
  if (framed !== null && framed >= 0)
    return { cue, cueStart: toks[i]!.start, srcStart, srcEnd, cs: framed, ce: s.end, smallClause: !DIRECTIVE_VERBS.test(lower) || CALL_VERBS.test(lower) };
  // "vowed to appeal", "pledged to rebuild the bridge": the promise, from "to".
  if (COMMISSIVE_VERBS.has(lower) && rest[0]?.lower === 'to' && rest[1]?.pos === 'VERB')
    return { cue, cueStart: toks[i]!.start, srcStart, srcEnd, cs: rest[0].start, ce: s.end };
  // Look ahead a few tokens for "that", a colon or an opening quotation mark.
  for (let n = 0; n < Math.min(rest.length, 12); n++) {
    const r = rest[n]!;
    // A reported question ("asked whether …", "wondered if …") keeps its question word.
    if (QUESTION_VERBS.has(lower) && /^(?:whether|if)$/.test(r.lower)) return { cue, cueStart: toks[i]!.start, srcStart, srcEnd, cs: r.start, ce: s.end };
    // "told a crowd who had gathered outside that …": past the addressee's relative clause to its "that".
    if (/^(?:who|whom|which)$/.test(r.lower) && n > 0 && OBJECT_VERBS.test(lower)) {
      for (let m = n + 2; m < Math.min(rest.length, n + 25); m++) {
        const x = rest[m]!;
        if (/^[.;!?:“"]$/.test(x.text)) break;
        if (x.lower === 'that' && rest[m + 1] && ['DET', 'PRON', 'PROPN', 'NOUN', 'ADJ', 'NUM'].includes(rest[m + 1]!.pos))
          return { cue, cueStart: toks[i]!.start, srcStart, srcEnd, cs: x.end, ce: s.end };
      }
      break;
    }
    // A capitalised word mid-sentence is a name whatever its tag ("told the Herald that …").
    if (actsAsVerb(rest, n) && !(n > 0 && /^\p{Lu}/u.test(r.text))) break;
    if (r.lower === 'that') return { cue, cueStart: toks[i]!.start, srcStart, srcEnd, cs: r.end, ce: s.end };
    if (r.text === ':' || (isQuoteMark(r) && /^["“„«]$/.test(r.text)))
      return { cue, cueStart: toks[i]!.start, srcStart, srcEnd, cs: r.text === ':' ? r.end : r.start, ce: s.end };
    if (r.text === ',' && /^["“„«]$/.test(rest[n + 1]?.text ?? ''))
      return { cue, cueStart: toks[i]!.start, srcStart, srcEnd, cs: rest[n + 1]!.start, ce: s.end };
    if (/^[.;!?]$/.test(r.text)) return null;
  }
  if (framed !== null) return null;
  // "pointed out it is difficult …": the phrasal cue takes a bare clause like "noted".
  if (!BARE_CLAUSE_VERBS.has(lower) && !/^point\w*\s+out$/i.test(cue)) return null;
  let c = 0;
  // "told reporters …", "told The Associated Press …": the addressee is not content.
  if (OBJECT_VERBS.test(lower)) {
    // One noun phrase: a determiner only first, so "told reporters the suspect …" stops at "the".
    if (rest[c] && ['DET', 'PRON'].includes(rest[c]!.pos)) c++;
    while (c < rest.length && c < 5 && ['PROPN', 'NOUN', 'ADJ'].includes(rest[c]!.pos)) c++;
    if (c === 0) return null;
  }
  // Skip a short adverbial right after the cue ("on Tuesday", "in a statement").
  if (rest[c] && /^(?:on|in|at|during|late|earlier|last|this|via|through|after)$/.test(rest[c]!.lower) && !/^(?:least|most)$/.test(rest[c + 1]?.lower ?? '')) {
    let e = c + 1;
    while (e < rest.length && e - c < 6 && rest[e]!.text !== ',' && rest[e]!.pos !== 'VERB' && rest[e]!.pos !== 'AUX' && rest[e]!.pos !== 'PRON') e++;
    if (rest[e]?.text === ',') e++;
    c = e;
  }
  if (rest[c]?.text === ',') c++;
  const startTok = rest[c];
  if (!startTok || startTok.lower === 'to' || /^[.;!?]$/.test(startTok.text)) return null;
  // A clause opens on its subject: "Varga, writing in The Lancet, said …" gives "writing" no content of its own.
  if (startTok.pos === 'VERB' || startTok.pos === 'AUX') return null;
  return { cue, cueStart: toks[i]!.start, srcStart, srcEnd, cs: startTok.start, ce: s.end };
}
