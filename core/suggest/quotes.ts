/**
 * Quotes: direct, mixed and indirect, found by their attribution frame (source + reporting
 * cue + content) in each sentence, PARC style. A quotation with no frame of its own is kept
 * only when it is a whole sentence following an attributed quote (a continuation); quoted
 * words inside the reporter's own sentence (scare quotes, titles, nicknames) are not quotes.
 */
import type { Analysis, QuoteSpan, Sentence, Tok } from './analyse.js';
import { tokenAt } from './analyse.js';
import { BARE_CLAUSE_VERBS, NOT_SPEECH, SPEECH_VERBS } from './lexicon.js';
import { findMentions, resolveSource } from './names.js';

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
}

const TRAIL = /[\s.,;:!?—–-]+$/;
const LEAD = /^[\s,;:—–-]+/;
const OBJECT_VERBS = /^(?:tell|told|tells|telling|ask|asked|asks|urge|urged|urges|warn|warned|warns|inform|informed|remind|reminded|assure|assured)$/;

function trimSpan(text: string, s: number, e: number): [number, number] {
  const lead = text.slice(s, e).match(LEAD)?.[0].length ?? 0;
  s += lead;
  const body = text.slice(s, e);
  const trail = body.match(TRAIL)?.[0] ?? '';
  // Keep punctuation that sits inside a closing quotation mark.
  return [s, e - trail.length];
}

const isQuoteMark = (t: Tok | undefined) => !!t && /^["“”„«»]$/.test(t.text);
const isNpTok = (t: Tok) => ['PROPN', 'NOUN', 'DET', 'ADJ', 'PRON', 'NUM', 'PART'].includes(t.pos) || /^[’']s$/.test(t.text) || (t.pos === 'PUNCT' && /^[.-]$/.test(t.text));

export function detectQuotes(a: Analysis): FoundQuote[] {
  const mentions = findMentions(a);
  const { text, tokens } = a;
  const inQuote = (o: number) => a.quotes.some((q) => q.innerStart <= o && o < q.innerEnd);
  const out: FoundQuote[] = [];
  const usedQuotes = new Set<QuoteSpan>();
  let lastSpeaker: { speaker: string | null; role: string | null; paragraph: number; end: number } | null = null;

  for (const s of a.sentences) {
    const first = tokenAt(tokens, s.start);
    let last = first;
    while (last < tokens.length && tokens[last]!.end <= s.end) last++;
    const toks = tokens.slice(first, last);
    const frames = findFrames(a, s, toks, inQuote);
    const sentenceQuotes = a.quotes.filter((q) => q.start >= s.start && q.start < s.end);
    for (const f of frames) {
      const who = resolveSource(a, mentions, f.srcStart, f.srcEnd);
      const emitted = emitFrame(a, f, sentenceQuotes, s, who, usedQuotes);
      out.push(...emitted);
      if (emitted.length) lastSpeaker = { ...who, paragraph: s.paragraph, end: s.end };
    }
    // Continuation: a whole-sentence quotation right after an attributed quote.
    for (const q of sentenceQuotes) {
      if (usedQuotes.has(q) || !lastSpeaker) continue;
      const before = text.slice(s.start, q.start).trim();
      const after = text.slice(q.end, s.end).replace(/[\s.,;:!?]+/g, '');
      const words = text.slice(q.innerStart, q.innerEnd).trim().split(/\s+/).length;
      if (before !== '' || after !== '' || words < 3 || s.paragraph - lastSpeaker.paragraph > 1) continue;
      usedQuotes.add(q);
      out.push({ start: q.start, end: q.end, quoteType: 'direct', speaker: lastSpeaker.speaker, speakerRole: lastSpeaker.role, cue: null, confidence: 0.7 });
    }
  }
  return dedupe(out);
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
  const whole = inside.find((q) => q.start <= cs + 1 && q.end >= ce0 - 1 && text.slice(cs, q.start).trim() === '' && text.slice(q.end, Math.max(q.end, ce0)).replace(/[\s.,;:!?]/g, '') === '');
  if (whole) {
    used.add(whole);
    const res: FoundQuote[] = [{ start: whole.start, end: whole.end, quoteType: 'direct', ...base, confidence: 0.9 + conf }];
    // "“A,” he said, “B.”": the quotation after the attribution belongs to the same speaker.
    if (f.cs < f.cueStart) {
      const next = quotes.find((q) => q.start > f.cueStart && !used.has(q));
      if (next && /^[^.;!?“”"]{0,60},?\s*$/.test(text.slice(Math.max(f.srcEnd, f.cueStart), next.start)) && text.slice(next.end, s.end).replace(/[\s.,;:!?]/g, '') === '') {
        used.add(next);
        res.push({ start: next.start, end: next.end, quoteType: 'direct', ...base, confidence: 0.9 + conf });
      }
    }
    return res;
  }
  const ce = ce0;
  const words = text.slice(cs, ce).trim().split(/\s+/).filter(Boolean);
  if (words.length < 2) return [];
  const quoted = inside.filter((q) => !isTitle(text, q));
  for (const q of inside) used.add(q);
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
  if (words.length < 4 || !clauseToks.some((t) => t.pos === 'VERB' || t.pos === 'AUX')) return [];
  return [{ start: cs, end: ce, quoteType: 'indirect', ...base, confidence: 0.6 + conf }];
}

/** Marks around a title or name ("“Listen to the Music”"): short and every word capitalised. */
function isTitle(text: string, q: QuoteSpan): boolean {
  const w = text.slice(q.innerStart, q.innerEnd).replace(/[.,!?]+$/, '').trim().split(/\s+/);
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
      const f = accordingTo(text, s, toks, i);
      if (f) frames.push(f);
      continue;
    }
    if (!SPEECH_VERBS.has(t.lower) || NOT_SPEECH.has(t.lower) || t.pos === 'NOUN' || t.pos === 'PROPN' || t.pos === 'ADJ') continue;
    let cueEnd = t.end;
    let cue = t.text;
    if (/^point/.test(t.lower) && toks[i + 1]?.lower === 'out') {
      cueEnd = toks[i + 1]!.end;
      cue = `${t.text} out`;
    }
    const f = verbFrame(a, s, toks, i, cue, cueEnd, frames);
    if (f) frames.push(f);
  }
  return frames;
}

function accordingTo(text: string, s: Sentence, toks: Tok[], i: number): Frame | null {
  const srcStart = toks[i + 2]?.start;
  if (srcStart === undefined) return null;
  let j = i + 2;
  while (j < toks.length && !/^[,;.:!?“”"—–]$/.test(toks[j]!.text)) j++;
  const srcEnd = toks[j - 1]!.end;
  const cueStart = toks[i]!.start;
  const atStart = text.slice(s.start, cueStart).trim() === '';
  const cue = text.slice(cueStart, toks[i + 1]!.end);
  if (atStart) return { cue, cueStart, srcStart, srcEnd, cs: srcEnd, ce: s.end };
  const atEnd = text.slice(srcEnd, s.end).replace(/[\s.!?]/g, '') === '';
  if (atEnd) return { cue, cueStart, srcStart, srcEnd, cs: s.start, ce: cueStart };
  return { cue, cueStart, srcStart, srcEnd, cs: s.start, ce: s.end };
}

const LEADERS = /^(?:(?:but|and|so|yet|still|meanwhile|however|now|later|also|then|instead|separately|earlier|previously)\b,?\s*)*(?:(?:on|in|at|during|after|before|last|this|earlier|later)\b[^,“”"]{0,40},\s*)?/i;
const hasVerb = (a: Analysis, s: number, e: number) => a.tokens.slice(tokenAt(a.tokens, s), tokenAt(a.tokens, e)).some((x) => (x.pos === 'VERB' || x.pos === 'AUX') && !/^-/.test(a.text.slice(x.start - 1, x.start)));

/** A source phrase "Name" or "Name, role phrase," as [start, end] of the name; null when it is not a noun phrase. */
function sourceOf(a: Analysis, s: number, e: number): [number, number] | null {
  const seg = a.text.slice(s, e);
  const lead = seg.length - seg.trimStart().length;
  const comma = seg.indexOf(',', lead);
  let end = comma >= 0 ? s + comma : s + seg.trimEnd().length;
  // Adverbs and auxiliaries before the cue ("Davis later said", "Patrick has said") are not part of the name.
  const tail = /(?:\s+(?:also|later|then|again|previously|earlier|once|recently|further|simply|just|quickly|angrily|bluntly|flatly|has|have|had|will|would|could|did|does|do|is|was|were|are|reportedly|publicly|repeatedly))+\s*$/i.exec(a.text.slice(s + lead, end));
  if (tail) end -= tail[0].length;
  const start = s + lead;
  if (end <= start) return null;
  const words = a.text.slice(start, end).split(/\s+/).length;
  if (words > 9 || hasVerb(a, start, end) || /[“”"]/.test(a.text.slice(start, end))) return null;
  return [start, end];
}

function verbFrame(a: Analysis, s: Sentence, toks: Tok[], i: number, cue: string, cueEnd: number, prior: Frame[]): Frame | null {
  const { text } = a;
  const t = toks[i]!;
  const prev = toks[i - 1];
  // A cue with no subject of its own (", adding that …", "and added, …"): the clause's subject speaks.
  if (prev && (prev.text === ',' || prev.lower === 'and') && (/ing$/.test(t.lower) || prev.lower === 'and')) {
    const p = prior.at(-1);
    const subj = p ? ([p.srcStart, p.srcEnd] as [number, number]) : sentenceSubject(a, s, toks);
    if (subj) return contentAfter(a, s, toks, i, cue, cueEnd, subj[0], subj[1]);
  }
  // After a quotation: "“…,” Name[, role,] said" or inverted "“…,” said Name".
  const q = a.quotes.findLast((x) => x.start >= s.start && x.end <= t.start);
  if (q && !/[.;!?“”"]/.test(text.slice(q.end, t.start).replace(/^[,\s]+/, '').replace(/\b(?:Mr|Mrs|Ms|Dr|St|Sen|Rep|Gov|Gen|Lt|Col|Sgt|Capt|Prof|Rev|Jr|[A-Z])\./g, ' '))) {
    const between = text.slice(q.end, t.start);
    if (/^[\s,]*$/.test(between)) {
      // Inverted: the source follows the cue, up to punctuation or a preposition.
      let k = i + 1;
      while (k < toks.length && !/^[,;.:!?“”"—–()]$/.test(toks[k]!.text) && !(toks[k]!.pos === 'ADP' && toks[k]!.lower !== 'of') && k - i < 10) k++;
      if (k === i + 1) return null;
      return { cue, cueStart: t.start, srcStart: toks[i + 1]!.start, srcEnd: toks[k - 1]!.end, cs: s.start, ce: q.end };
    }
    const src = sourceOf(a, q.end + (between.length - between.replace(/^[\s,]+/, '').length), t.start);
    if (src) return { cue, cueStart: t.start, srcStart: src[0], srcEnd: src[1], cs: s.start, ce: q.end };
  }
  // Subject before the cue, from the start of the sentence (after connectives): "Name[, role,] said …".
  const lead = LEADERS.exec(text.slice(s.start, t.start))?.[0] ?? '';
  const subjStart = s.start + lead.length;
  const src = sourceOf(a, subjStart, t.start);
  if (src && !/^(?:which|that|who|it is|there)\b/i.test(text.slice(src[0], src[1]))) {
    const f = contentAfter(a, s, toks, i, cue, cueEnd, src[0], src[1]);
    if (f) return f;
  }
  // The cue inside a clause that opens after a comma or a conjunction: "…, while X said …", "after Politico reported …".
  const left = text.slice(s.start, t.start);
  const open = /(?:[,;—–]\s*|\b(?:while|whereas|after|before|as|when|because|since|although|though|but|and|so|if|until|which|where|in which)\s+)(?:(?:while|after|but|and|as|when)\s+)?(?=[^,;—–]*$)/gi;
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
  // Content before the cue: "The plan failed, officials said."
  let j = i - 1;
  while (j >= 0 && toks[j]!.pos === 'ADV') j--;
  const npEnd = j;
  while (j >= 0 && isNpTok(toks[j]!) && !isQuoteMark(toks[j]) && npEnd - j < 9) j--;
  if (npEnd < j + 1 || toks[j]?.text !== ',') return null;
  // The cue must end the sentence's clause: nothing but an adverbial may follow.
  if (/\p{L}/u.test(text.slice(cueEnd, s.end)) && !/^\s*(?:on|in|at|during|late|earlier|last|this|via|through|after|when|while|before|,)\b/i.test(text.slice(cueEnd, s.end))) return null;
  const before = text.slice(s.start, toks[j]!.start);
  if (before.trim().split(/\s+/).length < 3) return null;
  return { cue, cueStart: t.start, srcStart: toks[j + 1]!.start, srcEnd: toks[npEnd]!.end, cs: s.start, ce: toks[j]!.start };
}

/** The noun phrase a sentence opens with, when a verb follows it: "He urged …", "Hawk Sawyer issued …". */
function sentenceSubject(a: Analysis, s: Sentence, toks: Tok[]): [number, number] | null {
  let k = 0;
  while (k < toks.length && k < 7 && ['PROPN', 'PRON', 'DET', 'NOUN', 'ADJ', 'PART'].includes(toks[k]!.pos)) k++;
  if (k === 0 || !['VERB', 'AUX'].includes(toks[k]?.pos ?? '')) return null;
  return [toks[0]!.start, toks[k - 1]!.end];
}

function contentAfter(a: Analysis, s: Sentence, toks: Tok[], i: number, cue: string, cueEnd: number, srcStart: number, srcEnd: number): Frame | null {
  let k = i + 1;
  while (k < toks.length && toks[k]!.end <= cueEnd) k++;
  const lower = toks[i]!.lower;
  const rest = toks.slice(k);
  // Look ahead a few tokens for "that", a colon or an opening quotation mark.
  for (let n = 0; n < Math.min(rest.length, 12); n++) {
    const r = rest[n]!;
    if (r.pos === 'VERB' || r.pos === 'AUX') break;
    if (r.lower === 'that') return { cue, cueStart: toks[i]!.start, srcStart, srcEnd, cs: r.end, ce: s.end };
    if (r.text === ':' || (isQuoteMark(r) && /^["“„«]$/.test(r.text))) return { cue, cueStart: toks[i]!.start, srcStart, srcEnd, cs: r.text === ':' ? r.end : r.start, ce: s.end };
    if (r.text === ',' && /^["“„«]$/.test(rest[n + 1]?.text ?? '')) return { cue, cueStart: toks[i]!.start, srcStart, srcEnd, cs: rest[n + 1]!.start, ce: s.end };
    if (/^[.;!?]$/.test(r.text)) return null;
  }
  if (!BARE_CLAUSE_VERBS.has(lower)) return null;
  let c = 0;
  // "told reporters …", "told The Associated Press …": the addressee is not content.
  if (OBJECT_VERBS.test(lower)) {
    // One noun phrase: a determiner only first, so "told reporters the suspect …" stops at "the".
    if (rest[c] && ['DET', 'PRON'].includes(rest[c]!.pos)) c++;
    while (c < rest.length && c < 5 && ['PROPN', 'NOUN', 'ADJ'].includes(rest[c]!.pos)) c++;
    if (c === 0) return null;
  }
  // Skip a short adverbial right after the cue ("on Tuesday", "in a statement").
  if (rest[c] && /^(?:on|in|at|during|late|earlier|last|this|via|through|after)$/.test(rest[c]!.lower)) {
    let e = c + 1;
    while (e < rest.length && e - c < 6 && rest[e]!.text !== ',' && rest[e]!.pos !== 'VERB' && rest[e]!.pos !== 'AUX' && rest[e]!.pos !== 'PRON') e++;
    if (rest[e]?.text === ',') e++;
    c = e;
  }
  if (rest[c]?.text === ',') c++;
  const startTok = rest[c];
  if (!startTok || startTok.lower === 'to' || /^[.;!?]$/.test(startTok.text)) return null;
  return { cue, cueStart: toks[i]!.start, srcStart, srcEnd, cs: startTok.start, ce: s.end };
}

