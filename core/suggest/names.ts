/**
 * People and organisations an article names, and resolving a quote's source ("he", "the
 * agency", "the director", "Chernyavsky") to the name a researcher records: the nearest
 * compatible named mention before it.
 */
import type { Analysis, Tok } from './analyse.js';
import { tokenAt } from './analyse.js';
import { GENERIC_SOURCES, HONORIFICS, ORG_REFERENCE_NOUNS, ORG_WORDS, PRONOUNS, ROLE_NOUNS } from './lexicon.js';

export interface Mention {
  start: number;
  end: number;
  name: string;
  role: string | null;
  kind: 'person' | 'org';
}

// Adverbs too: a capitalised "When", "Indeed" or "Primarily" opens a sentence, not a name.
const isCap = (t: Tok) => /^\p{Lu}/u.test(t.text) && !['DET', 'PRON', 'ADP', 'CCONJ', 'SCONJ', 'AUX', 'PART', 'INTJ', 'ADV', 'NUM'].includes(t.pos);
const isAcronym = (s: string) => /^\p{Lu}{2,}$/u.test(s);
const PARTICLES = new Set(['de', 'da', 'del', 'van', 'von', 'der', 'den', 'la', 'le', 'bin', 'al', 'el', 'di', 'du', 'dos', 'das', 'ibn']);
const DATE_WORDS =
  /^(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|january|february|march|april|may|june|july|august|september|october|november|december|jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec)$/;
const LAW_WORDS = new Set(['bill', 'act', 'law', 'treaty', 'accord', 'award', 'prize', 'cup']);
const clean = (s: string) => s.replace(/\s+/g, ' ').trim();

/** Drops honorifics and leading role words from a capitalised run: what is left is the name. */
function splitRun(toks: Tok[]): { name: Tok[]; roleToks: Tok[] } {
  // The name follows the last title or job word of the run ("SciSpacE Team Leader Jennifer Ngo-Anh").
  let i = 0;
  for (let k = 0; k < toks.length - 1; k++)
    if (HONORIFICS.has(toks[k]!.lower.replace(/\.$/, '')) || ROLE_NOUNS.has(toks[k]!.lower.replace(/\.$/, ''))) i = k + 1;
  return {
    name: toks.slice(i).filter((t) => !HONORIFICS.has(t.lower.replace(/\.$/, ''))),
    roleToks: toks.slice(0, i).filter((t) => !HONORIFICS.has(t.lower.replace(/\.$/, ''))),
  };
}

function kindOf(name: Tok[], before: Tok | undefined): 'person' | 'org' | null {
  // Words naming a document ("Bill", "Act") are also first names: they make an organisation or a law only as the head, last.
  if (name.some((t, k) => (ORG_WORDS.has(t.lower) && (k === name.length - 1 || !LAW_WORDS.has(t.lower))) || t.lower === 'of')) return 'org';
  if (name.length === 1) return isAcronym(name[0]!.text) ? 'org' : null;
  if (name.length > 4 || name.some((t) => isAcronym(t.text.replace(/\.$/, '')) && t.text.length > 2)) return 'org';
  // "in New York", "from Hong Kong": after such prepositions a capitalised pair is a place.
  if (before && ['in', 'at', 'from', 'to', 'near', 'across', 'into', 'of'].includes(before.lower)) return null;
  return 'person';
}

/** The role in an appositive after a name: "Bitta Mostofi, acting commissioner of …,". */
function roleAfter(text: string, end: number): string | null {
  const m = /^,\s+((?:the |a |an )?([^,;.“”"()]{3,90}?))(?=[,;.]|$)/.exec(text.slice(end, end + 120));
  if (!m) return null;
  const phrase = m[2]!;
  const words = phrase.toLowerCase().split(/\s+/);
  if (!words.slice(0, 4).some((w) => ROLE_NOUNS.has(w.replace(/[’']s$/, '')))) return null;
  if (/\b(?:said|says|told|was|is|has|had|who|which)\b/.test(phrase)) return null;
  return clean(phrase);
}

function preRole(tokens: Tok[], first: number): string | null {
  const j = first - 1;
  if (j < 0 || !ROLE_NOUNS.has(tokens[j]!.lower.replace(/\.$/, ''))) return null;
  let i = j;
  while (i - 1 >= 0 && i > j - 8) {
    const p = tokens[i - 1]!;
    if (!['NOUN', 'ADJ', 'PROPN', 'PART'].includes(p.pos) || /^[,.;:“”"]/.test(p.text)) break;
    i--;
  }
  return i <= j
    ? tokens
        .slice(i, j + 1)
        .map((t) => t.text)
        .join(' ')
        .replace(/ ([’']s)\b/g, '$1')
    : null;
}

/** Every named person and organisation outside quotation marks, in reading order. */
export function findMentions(a: Analysis): Mention[] {
  const { tokens, text } = a;
  const inQuote = (o: number) => a.quotes.some((q) => q.innerStart <= o && o < q.innerEnd);
  const out: Mention[] = [];
  const persons: Mention[] = [];
  for (let i = 0; i < tokens.length; i++) {
    if (!isCap(tokens[i]!) || inQuote(tokens[i]!.start)) continue;
    let j = i + 1;
    const run = [tokens[i]!];
    while (j < tokens.length) {
      const t = tokens[j]!;
      const gapOk = /^[ \u00a0]?$/.test(text.slice(tokens[j - 1]!.end, t.start));
      if (!gapOk) break;
      if (t.text === '-' && t.start === tokens[j - 1]!.end && tokens[j + 1]?.start === t.end && /^\p{L}/u.test(tokens[j + 1]!.text)) {
        // A hyphenated name ("Hau-yip", "Ngo-Anh") is one word of it.
        const last = run.pop()!;
        const next = tokens[j + 1]!;
        run.push({ ...last, end: next.end, text: text.slice(last.start, next.end), lower: text.slice(last.start, next.end).toLowerCase() });
        j += 2;
        continue;
      }
      if (isCap(t)) run.push(t);
      else if (PARTICLES.has(t.lower) && tokens[j + 1] && isCap(tokens[j + 1]!)) run.push(t);
      else break;
      j++;
    }
    i = j - 1;
    const { name, roleToks } = splitRun(run);
    if (name.length === 0) continue;
    // A dateline ("HANOI, Vietnam —", "BUFFALO, N.Y. —") opening a paragraph names a place.
    const paraStart = a.paragraphs.some(([ps]) => text.slice(ps, run[0]!.start).trim() === '' && ps <= run[0]!.start);
    if (paraStart && run.every((t) => /^\p{Lu}{3,}$/u.test(t.text)) && /^\s*[,(—–-]/.test(text.slice(run.at(-1)!.end, run.at(-1)!.end + 3))) continue;
    // Weekdays and months are times, not names of anyone.
    if (name.every((t) => DATE_WORDS.test(t.lower.replace(/\.$/, '')))) continue;
    const nameStr = name.map((t) => t.text).join(' ');
    // "in the Cabinet Room", "at the White House": look past a determiner for the preposition of a place.
    let b = tokenAt(tokens, run[0]!.start) - 1;
    if (tokens[b]?.pos === 'DET' && /^(?:the|a|an)$/.test(tokens[b]!.lower)) b--;
    // "according to Ana Lund": the "to" of the cue is no preposition of place.
    const before = tokens[b]?.lower === 'to' && tokens[b - 1]?.lower === 'according' ? undefined : tokens[b];
    let kind = kindOf(name, before);
    // A single name after an honorific or a title ("Mr. Trump", "Coach Reid") is a person.
    if (
      !kind &&
      name.length === 1 &&
      run.length > 1 &&
      !isAcronym(name[0]!.text) &&
      run.slice(0, -1).some((t) => HONORIFICS.has(t.lower.replace(/\.$/, '')) || ROLE_NOUNS.has(t.lower.replace(/\.$/, '')))
    )
      kind = 'person';
    let full = nameStr;
    // A surname alone names the person introduced earlier with it.
    // Or any one part of it, for names written family name first ("Liu" for "Liu Xiaming").
    const known =
      persons.findLast((p) => p.name.split(' ').at(-1) === nameStr || p.name === nameStr) ??
      persons.findLast((p) => p.name.split(' ').length > 1 && p.name.split(' ')[0] === nameStr);
    if (name.length === 1 && known) {
      kind = 'person';
      full = known.name;
    }
    if (!kind) continue;
    const first = tokenAt(tokens, run[0]!.start);
    const role =
      clean([preRole(tokens, first), roleToks.map((t) => t.text).join(' ')].filter(Boolean).join(' ')) ||
      roleAfter(text, name.at(-1)!.end) ||
      known?.role ||
      null;
    const m: Mention = { start: name[0]!.start, end: name.at(-1)!.end, name: full, role, kind };
    out.push(m);
    if (kind === 'person') persons.push(m);
  }
  return out;
}

export interface Resolved {
  speaker: string | null;
  role: string | null;
}

/**
 * Resolves a source phrase at [start, end) to a name. Pronouns and definite descriptions
 * take the nearest compatible mention before them; unnamed people and generic groups stay null.
 */
export function resolveSource(a: Analysis, mentions: Mention[], start: number, end: number): Resolved {
  const src = clean(a.text.slice(start, end));
  const lower = src.toLowerCase();
  const before = mentions.filter((m) => m.end <= start);
  const inside = mentions.filter((m) => m.start >= start && m.end <= end);
  const nearest = (k: Mention['kind'], pred: (m: Mention) => boolean = () => true) => before.findLast((m) => m.kind === k && pred(m));
  const asResolved = (m: Mention | undefined, role: string | null = null): Resolved =>
    m ? { speaker: m.name, role: role ?? m.role } : { speaker: null, role };

  // A weekday or month is when, never who.
  if (
    /^(?:on\s+)?(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|january|february|march|april|june|july|august|september|october|november|december|today|yesterday)$/.test(
      lower,
    )
  )
    return { speaker: null, role: null };
  // A possessive ("his view is that …", "in her words") is resolved as its subject form.
  const pron = PRONOUNS[lower] ?? PRONOUNS[({ his: 'he', her: 'she', its: 'it', their: 'they' } as Record<string, string>)[lower] ?? ''];
  if (pron) {
    if (pron === 'm' || pron === 'f') return asResolved(salient(a, before, start, 'person') ?? nearest('person'));
    if (pron === 'n') return asResolved(salient(a, before, start, 'org') ?? nearest('org'));
    return { speaker: null, role: null };
  }
  // "a spokesperson for X", "X's lawyer", "His office": the represented person or body.
  // "data from Ledgerline", "records from the Port Authority": whoever the records come from.
  const from = /^(?:the\s+|an?\s+)?(?:data|figures|statistics|records|documents|numbers|statement|release|letter|filing|report)\s+(?:from|by|of)\s+(.+)$/i.exec(
    src,
  );
  if (from) return resolveSource(a, mentions, end - from[1]!.length, end);
  // "a WeWork spokesperson", "an Acme lawyer": the body named before the representative noun.
  const repOf = /^(?:a|an|the)\s+((?:\p{Lu}[\p{L}\p{N}&.’'-]*\s+){1,4})(?:spokes\w+|representative|rep|lawyer|attorney)$/u.exec(src);
  if (
    repOf &&
    !repOf[1]!
      .trim()
      .split(/\s+/)
      .every((w) => ROLE_NOUNS.has(w.toLowerCase()))
  ) {
    const named = clean(repOf[1]!);
    const m = inside.find((x) => x.name === named || x.start >= start) ?? before.findLast((x) => x.name === named || x.name.split(' ').at(-1) === named);
    return { speaker: m?.name ?? named, role: null };
  }
  const rep = /\b(?:spokes\w+|representative|office|lawyer|attorney|statement|rep)\s+(?:for|of)\s+(.+)$/i.exec(src);
  if (rep) {
    const m = inside.find((x) => x.start >= start + rep.index);
    if (m) return asResolved(m);
  }
  // "the mayor's office", "the senator's spokeswoman": the person holding that role.
  const rolePoss = /^the\s+([\p{L}-]+)[’']s\s+(?:office|spokes\w+|campaign|lawyer|attorney|representative|team|rep|statement)$/iu.exec(src);
  if (rolePoss && ROLE_NOUNS.has(rolePoss[1]!.toLowerCase())) {
    const r = rolePoss[1]!.toLowerCase();
    return asResolved(before.findLast((m) => m.kind === 'person' && (m.role ?? '').toLowerCase().includes(r)) ?? salient(a, before, start, 'person'));
  }
  const poss = /^(his|her|its|their)\s+(office|spokes\w+|campaign|lawyer|attorney|representative|team|rep)$/i.exec(src);
  if (poss)
    return poss[1]!.toLowerCase() === 'its'
      ? asResolved(salient(a, before, start, 'org') ?? nearest('org'))
      : /his|her/i.test(poss[1]!)
        ? asResolved(salient(a, before, start, 'person') ?? nearest('person'))
        : { speaker: null, role: null };
  const words = lower.split(/\s+/);
  const head = words.at(-1)!.replace(/[’']s$/, '');
  const det = words[0]!;
  // "the 56-year-old", "the former senator": the person the passage is about.
  if (det === 'the' && /^\d+-year-old$/.test(head) && !inside.length) return asResolved(salient(a, before, start, 'person') ?? nearest('person'));
  // A weekday or month is when, never who.
  if (
    words.length === 1 &&
    /^(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|january|february|march|april|june|july|august|september|october|november|december|today|yesterday)$/.test(
      head,
    )
  )
    return { speaker: null, role: null };
  // "the NYPD legislative affairs director": a description whose names are only modifiers.
  if (det === 'the' && ROLE_NOUNS.has(head) && !inside.some((m) => m.kind === 'person')) {
    const byRole = before.findLast((m) => m.kind === 'person' && (m.role ?? '').toLowerCase().includes(head));
    return asResolved(byRole ?? salient(a, before, start, 'person'), src.replace(/^the\s+/i, ''));
  }
  // "Holcomb and GOP leaders", "Noel and Thomas": a joint source has no one speaker (guidelines: null), unless one name holds
  // the "and" or it joins two roles of one person ("JPL scientist and study co-author Michael Malaska").
  const and = /\s+and\s+/i.exec(src);
  const beforeAnd = and ? src.slice(0, and.index).split(/\s+/).at(-1)!.toLowerCase() : '';
  if (and && and.index > 0 && !ROLE_NOUNS.has(beforeAnd) && !inside.some((m) => a.text.slice(m.start, m.end).includes(and[0])))
    return { speaker: null, role: null };
  // "Prison union representatives", "Boeing engineers": unnamed members of a group, however it is named (guidelines: null).
  const headTok = a.tokens[tokenAt(a.tokens, end) - 1];
  if (
    inside.length > 0 &&
    words.length > 1 &&
    headTok &&
    headTok.pos === 'NOUN' &&
    /^\p{Ll}+s$/u.test(headTok.text) &&
    !inside.some((m) => m.kind === 'person' || m.end >= headTok.start)
  )
    return { speaker: null, role: null };
  if (inside.length > 0) {
    // The name itself; a possessor before a representative noun ("Morrison's lawyer") is the speaker too.
    const m = inside.find((x) => x.kind === 'person') ?? inside.at(-1)!;
    const tail = clean(a.text.slice(m.end, end));
    if (/^[’']s\s+\w+/.test(tail) && !/(spokes|lawyer|attorney|office|representative|campaign|statement|rep\b)/i.test(tail)) {
      // "Russia's foreign ministry": the ministry, named after its country.
      return { speaker: clean(src.replace(/^(the|a|an)\s+/i, '')), role: null };
    }
    const roleHere = clean(a.text.slice(start, m.start)).replace(/^(the|a|an)\s+/i, '');
    const role = roleHere && roleHere.split(/\s+/).some((w) => ROLE_NOUNS.has(w.toLowerCase())) ? roleHere : null;
    return asResolved(m, role ?? m.role);
  }
  if (GENERIC_SOURCES.has(head) || (words.length === 1 && !/^\p{Lu}/u.test(src))) return { speaker: null, role: null };
  if (det === 'the' || det === 'this' || det === 'that') {
    // "the Jordanian government", "the French Foreign Ministry": a body named by its capitalised modifiers is that body.
    const mods = src.split(/\s+/).slice(1, -1);
    if (ORG_REFERENCE_NOUNS.has(head) && det === 'the' && mods.length > 0 && mods.length <= 4 && mods.every((w) => /^\p{Lu}/u.test(w)))
      return { speaker: clean(src.replace(/^the\s+/i, '')), role: null };
    if (ORG_REFERENCE_NOUNS.has(head)) {
      // Prefer an organisation whose name holds the noun ("the ministry" → "… Ministry").
      return asResolved(nearest('org', (m) => m.name.toLowerCase().includes(head)) ?? salient(a, before, start, 'org') ?? nearest('org'));
    }
    if (ROLE_NOUNS.has(head))
      return asResolved(
        nearest('person', (m) => (m.role ?? '').toLowerCase().includes(head)),
        src.replace(/^the\s+/i, ''),
      );
  }
  // An unlisted name as written ("Pepsi", "Health Canada"): only words read as names, never a time or a bare title or office.
  const srcToks = a.tokens.slice(tokenAt(a.tokens, start), tokenAt(a.tokens, end));
  const nameLike = srcToks.length > 0 && srcToks.every((t) => isCap(t) || /^[’'-]|^s$/.test(t.text)) && srcToks.some((t) => t.pos === 'PROPN');
  const timeOrTitle = words.every((w) => ROLE_NOUNS.has(w) || ORG_WORDS.has(w) || ORG_REFERENCE_NOUNS.has(w));
  if (nameLike && !timeOrTitle && det !== 'the' && det !== 'a' && det !== 'an') return { speaker: src, role: null };
  // "the Herald", "the Kremlin": a body named with its article.
  const named = srcToks.slice(1);
  if (
    det === 'the' &&
    named.length > 0 &&
    named.length <= 4 &&
    named.every((t) => isCap(t) && ['PROPN', 'NOUN'].includes(t.pos)) &&
    !words.slice(1).every((w) => ROLE_NOUNS.has(w) || ORG_REFERENCE_NOUNS.has(w))
  )
    return { speaker: clean(src.replace(/^the\s+/i, '')), role: null };
  // A bare title ("CEO said"): the person holding it.
  if (words.length === 1 && ROLE_NOUNS.has(head))
    return asResolved(
      nearest('person', (m) => (m.role ?? '').toLowerCase().includes(head)),
      src,
    );
  return { speaker: null, role: null };
}

/** A pronoun ("he", "she", "it") at `at`, resolved as a quote's source would be. */
export function resolvePronoun(a: Analysis, mentions: Mention[], at: number, pronoun: 'he' | 'she' | 'it'): Resolved {
  const before = mentions.filter((m) => m.end <= at);
  const kind = pronoun === 'it' ? 'org' : 'person';
  const m = salient(a, before, at, kind) ?? before.findLast((x) => x.kind === kind);
  return m ? { speaker: m.name, role: m.role } : { speaker: null, role: null };
}

/** The person a passage is about at `at`: who speaks an unattributed quotation there. */
export function contextSpeaker(a: Analysis, mentions: Mention[], at: number): Resolved {
  const m = salient(
    a,
    mentions.filter((x) => x.end <= at),
    at,
    'person',
  );
  return m ? { speaker: m.name, role: m.role } : { speaker: null, role: null };
}

/**
 * The person (or body) a pronoun most likely means. Going back sentence by sentence over the
 * last two paragraphs (the pronoun's own sentence excluded: "…by the NYPD, the agency wrote"),
 * the nearest sentence that has a candidate gives it: its main subject (the mention it opens
 * with, after connectives and titles) first, else the last mention standing before a verb.
 * A name in an object or a subordinate clause ("visited the Gush Etzion bloc", "whether Thomas
 * slept") therefore does not outrank the sentence's subject.
 */
function salient(a: Analysis, before: Mention[], at: number, kind: Mention['kind']): Mention | undefined {
  const para = a.paragraphs.findIndex(([s, e]) => s <= at && at <= e);
  const from = a.paragraphs[Math.max(0, para - 2)]?.[0] ?? 0;
  const sentenceOf = (m: { start: number }) => sentenceAt(a, m.start);
  const own = sentenceOf({ start: at })?.start ?? at;
  const pool = before.filter((m) => m.kind === kind && m.start >= from && m.start < own);
  if (pool.length === 0) return undefined;
  let i = pool.length - 1;
  while (i >= 0) {
    const sentence = sentenceOf(pool[i]!);
    const group: Mention[] = [];
    while (i >= 0 && sentenceOf(pool[i]!) === sentence) group.unshift(pool[i--]!);
    const subject = group.find((m) => isSubjectStart(a, sentence?.start ?? m.start, m.start));
    if (subject) return subject;
    const beforeVerb = group.findLast((m) => {
      const next = a.tokens[tokenAt(a.tokens, m.end)];
      return !!next && (next.pos === 'VERB' || next.pos === 'AUX' || next.text === ',');
    });
    if (beforeVerb) return beforeVerb;
  }
  return undefined;
}

/** The sentence holding offset `at` (binary search: sentences are in reading order). */
function sentenceAt(a: Analysis, at: number): Analysis['sentences'][number] | undefined {
  let lo = 0;
  let hi = a.sentences.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const s = a.sentences[mid]!;
    if (at < s.start) hi = mid - 1;
    else if (at >= s.end) lo = mid + 1;
    else return s;
  }
  return undefined;
}

/** True when only connectives, an opening mark, titles and modifiers (no verb, preposition or punctuation) precede a mention in its sentence. */
function isSubjectStart(a: Analysis, sentenceStart: number, mentionStart: number): boolean {
  const lead = a.text.slice(sentenceStart, mentionStart);
  if (/[.,;:]/.test(lead)) return false;
  const toks = a.tokens.slice(tokenAt(a.tokens, sentenceStart), tokenAt(a.tokens, mentionStart)).filter((t) => !/^[“"‘]$/.test(t.text));
  if (toks.length > 5) return false;
  return toks.every(
    (t, k) =>
      (k === 0 && /^(?:but|and|so|then|meanwhile|however|still|now)$/.test(t.lower)) ||
      ['DET', 'ADJ', 'PROPN', 'NOUN', 'PART', 'NUM'].includes(t.pos) ||
      ROLE_NOUNS.has(t.lower.replace(/\.$/, '')) ||
      HONORIFICS.has(t.lower.replace(/\.$/, '')),
  );
}
