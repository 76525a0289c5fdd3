/**
 * parseFigure: the text a person tagged as a figure ("More than 1,500", "almost 20 times",
 * "$3.4 billion") → value, unit, qualifier, period. The words around the selection
 * (context) supply what the selection left out: "More than 1,500" + " Federal Requests to…"
 * → unit "requests". Pure, never throws; what it cannot read is null.
 *
 * Conventions (those of the shared gold tagging): units of counts are the counted noun as
 * written, lower-cased ("requests", "people"); "N times" has unit "ratio"; money has an
 * ISO code ("USD"); percentages "%"; qualifiers are lower-case words ("more than").
 */
import { RATIO_WORDS, SCALES, type Token, readDigits, readWordNumber, startsWordNumber, tokenize } from './numbers.js';
import { QUALIFIERS_AFTER, QUALIFIERS_BEFORE, QUALIFIER_SYMBOLS, normaliseQualifier } from './qualifiers.js';

export type FigureKind = 'count' | 'money' | 'percent' | 'ratio' | 'year' | 'other';

export interface FigureContext {
  /** Text just before the selection (its tail is used). */
  before?: string;
  /** Text just after the selection (its head is used). */
  after?: string;
  /** Language of the article: "de", "fr", … read "1.526" as 1526 and "3,4" as 3.4. */
  locale?: string;
}

export interface ParsedFigure {
  /** The number, with its multiplier applied ("$3.4 billion" → 3.4e9); null when none could be read. */
  value: number | null;
  /** Counted noun ("requests"), "%", "percentage points", "ratio", "fraction", an ISO currency code, or null. */
  unit: string | null;
  qualifier: string | null;
  /** The word multiplier that was applied (1e9 for "billion", 1e6 for "m"); 1 when none. */
  multiplier: number;
  kind: FigureKind;
  /** Both ends of a range or change ("from 80 to 1,526", "300-400"); `value` is the first. */
  range: [number, number] | null;
  /** A year or rate near the number in the same sentence ("2016", "per year", "last year"). */
  period: string | null;
  /** Rough 0–1 score for ranking suggestions: lower for guesses (number words, "5m", years). */
  confidence: number;
  /** Where in `text` the number (with its multiplier) was read, as string offsets. */
  span: [number, number] | null;
}

/** Longest selection read; a figure is a phrase, not an article. */
export const MAX_FIGURE_TEXT = 2000;
const CONTEXT_CHARS = 160;

const EMPTY: ParsedFigure = { value: null, unit: null, qualifier: null, multiplier: 1, kind: 'other', range: null, period: null, confidence: 0, span: null };

const CURRENCY_SYMBOLS: Record<string, string> = {
  $: 'USD',
  '€': 'EUR',
  '£': 'GBP',
  '¥': 'JPY',
  '₹': 'INR',
  '₽': 'RUB',
  '₩': 'KRW',
  '₺': 'TRY',
  '₴': 'UAH',
  '₪': 'ILS',
};
/** Prefixes written before "$": US$, C$, A$, HK$, NZ$, S$. */
const DOLLAR_PREFIXES: Record<string, string> = { us: 'USD', c: 'CAD', ca: 'CAD', a: 'AUD', au: 'AUD', hk: 'HKD', nz: 'NZD', s: 'SGD' };
const CURRENCY_CODES = new Set([
  'USD',
  'EUR',
  'GBP',
  'JPY',
  'CNY',
  'RMB',
  'CHF',
  'CAD',
  'AUD',
  'INR',
  'RUB',
  'UAH',
  'SEK',
  'NOK',
  'DKK',
  'PLN',
  'TRY',
  'BRL',
  'MXN',
  'ZAR',
  'HKD',
  'NZD',
  'SGD',
  'KRW',
  'ILS',
]);
const CURRENCY_WORDS: Record<string, string> = {
  dollar: 'USD',
  dollars: 'USD',
  euro: 'EUR',
  euros: 'EUR',
  pound: 'GBP',
  pounds: 'GBP',
  sterling: 'GBP',
  yen: 'JPY',
  yuan: 'CNY',
  renminbi: 'CNY',
  rouble: 'RUB',
  roubles: 'RUB',
  ruble: 'RUB',
  rubles: 'RUB',
  rupee: 'INR',
  rupees: 'INR',
  franc: 'CHF',
  francs: 'CHF',
  hryvnia: 'UAH',
  hryvnias: 'UAH',
};
/** Short multipliers written after digits ("5m", "3.4bn", "Mio."). "m"/"b" alone mean million/billion only with money. */
const SHORT_SCALES: Record<string, number> = {
  k: 1e3,
  m: 1e6,
  mn: 1e6,
  mln: 1e6,
  mio: 1e6,
  millionen: 1e6,
  b: 1e9,
  bn: 1e9,
  mrd: 1e9,
  milliarden: 1e9,
  tn: 1e12,
  trn: 1e12,
  hundred: 100,
  tausend: 1e3,
};
const PERCENT_WORDS = new Set(['percent', 'pct', 'pc', 'prozent', 'pourcent']);
/** The months' full names (English), also read by the suggester (core/suggest/lexicon.ts). */
export const MONTH_NAMES = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'] as const;
const MONTHS = new Set<string>([...MONTH_NAMES, 'jan', 'feb', 'mar', 'apr', 'jun', 'jul', 'aug', 'sep', 'sept', 'oct', 'nov', 'dec']);
/** Words before a 4-digit number that make it a year ("in 2016", "since 1990", "March 2017"). */
const YEAR_CUES = new Set([
  'in',
  'since',
  'by',
  'until',
  'till',
  'from',
  'during',
  'of',
  'before',
  'after',
  'through',
  'throughout',
  'fiscal',
  'year',
  'early',
  'late',
  'mid',
  'spring',
  'summer',
  'autumn',
  'fall',
  'winter',
  'circa',
  'around',
  ...MONTHS,
]);
/** Words that end a unit phrase: function words and common verbs ("80 requests received in 2016"). */
const STOP_WORDS = new Set([
  'a',
  'an',
  'the',
  'this',
  'that',
  'these',
  'those',
  'his',
  'her',
  'their',
  'its',
  'our',
  'my',
  'your',
  'of',
  'in',
  'on',
  'at',
  'to',
  'from',
  'for',
  'by',
  'with',
  'without',
  'about',
  'into',
  'over',
  'under',
  'since',
  'during',
  'than',
  'as',
  'per',
  'between',
  'among',
  'across',
  'after',
  'before',
  'against',
  'through',
  'up',
  'down',
  'and',
  'or',
  'but',
  'nor',
  'so',
  'yet',
  'because',
  'while',
  'if',
  'when',
  'who',
  'whom',
  'whose',
  'which',
  'where',
  'is',
  'are',
  'was',
  'were',
  'be',
  'been',
  'being',
  'have',
  'has',
  'had',
  'do',
  'does',
  'did',
  'will',
  'would',
  'can',
  'could',
  'may',
  'might',
  'must',
  'shall',
  'should',
  'said',
  'say',
  'says',
  'it',
  'they',
  'he',
  'she',
  'we',
  'i',
  'you',
  'also',
  'only',
  'just',
  'not',
  'ago',
  'later',
  'earlier',
  'each',
  'every',
  'apiece',
  'respectively',
  'times',
  'percent',
  'higher',
  'lower',
  'last',
  'next',
  'this',
  'year',
  'years',
  ...MONTHS,
]);
/** Words inside a unit phrase that are never its head ("300 more people"). */
const NOT_HEAD = new Set(['more', 'fewer', 'less', 'additional', 'extra', 'other', 'new', 'further', 'such', 'same', 'different', 'separate', 'total']);
const IRREGULAR_PLURALS = new Set([
  'people',
  'children',
  'men',
  'women',
  'police',
  'staff',
  'personnel',
  'cattle',
  'data',
  'media',
  'feet',
  'teeth',
  'mice',
  'geese',
  'sheep',
  'deer',
  'fish',
  'aircraft',
  'crew',
  'livestock',
  'clergy',
  'infantry',
  'youth',
]);
const RATE_PERIODS: [string[], string][] = [
  [['per', 'year'], 'per year'],
  [['a', 'year'], 'per year'],
  [['each', 'year'], 'per year'],
  [['every', 'year'], 'per year'],
  [['annually'], 'per year'],
  [['a', 'month'], 'per month'],
  [['per', 'month'], 'per month'],
  [['monthly'], 'per month'],
  [['a', 'week'], 'per week'],
  [['per', 'week'], 'per week'],
  [['weekly'], 'per week'],
  [['a', 'day'], 'per day'],
  [['per', 'day'], 'per day'],
  [['daily'], 'per day'],
  [['an', 'hour'], 'per hour'],
  [['per', 'hour'], 'per hour'],
];
const RELATIVE_PERIODS = new Set(['last', 'this', 'next', 'previous', 'past']);
const PERIOD_NOUNS = new Set(['year', 'month', 'week', 'decade', 'quarter']);

/** Characters replaced one for one (offsets stay valid): odd spaces, minus and dashes. */
const clean = (s: string) => s.replace(/[\u00a0\u2007\u2009\u202f]/g, ' ').replace(/[\u2212\u2010\u2011\u2013\u2014]/g, '-');

const isPlural = (w: string) => IRREGULAR_PLURALS.has(w) || (/[^s']s$/.test(w) && w.length > 3 && !/(ss|us|is)$/.test(w));
const isYearToken = (t: Token | undefined) => !!t && t.type === 'num' && /^\d{4}$/.test(t.text) && +t.text >= 1000 && +t.text <= 2199;

/** Only white space lies between two tokens (no punctuation, no sentence break). */
const touching = (full: string, a: Token | undefined, b: Token | undefined) => !!a && !!b && /^[ \t]*$/.test(full.slice(a.end, b.start));
const adjacent = (a: Token | undefined, b: Token | undefined) => !!a && !!b && a.end === b.start;

interface NumberRead {
  first: number;
  /** Index of the first token after the number (and its multiplier). */
  next: number;
  value: number | null;
  multiplier: number;
  fraction: boolean;
  ratioWord: boolean;
  word: boolean;
  ambiguous: boolean;
  /** A trailing "m" read as million though no currency was seen (could be metres). */
  guessedScale: boolean;
}

/** Reads the number starting at token k (digits or words), with its multiplier. */
function readNumberAt(tokens: Token[], k: number, full: string, locale: string | undefined, money: boolean): NumberRead | null {
  const t = tokens[k];
  if (!t) return null;
  if (t.type === 'word' && t.lower in RATIO_WORDS)
    return {
      first: k,
      next: k + 1,
      value: RATIO_WORDS[t.lower] ?? null,
      multiplier: 1,
      fraction: false,
      ratioWord: true,
      word: true,
      ambiguous: false,
      guessedScale: false,
    };
  if (t.type === 'word') {
    const w = readWordNumber(tokens, k);
    if (!w) return null;
    return { first: k, next: w.next, value: w.value, multiplier: 1, fraction: w.fraction, ratioWord: false, word: true, ambiguous: false, guessedScale: false };
  }
  if (t.type !== 'num') return null;
  const d = readDigits(t.text, locale);
  let value = d ? d.value : null;
  let next = k + 1;
  let multiplier = 1;
  let guessedScale = false;
  const n = tokens[next];
  if (n && n.type === 'word' && (n.lower in SCALES || n.lower === 'hundred') && touching(full, t, n)) {
    multiplier = n.lower === 'hundred' ? 100 : (SCALES[n.lower] ?? 1);
    next++;
  } else if (n && n.type === 'word' && n.lower in SHORT_SCALES && (adjacent(t, n) || (n.lower.length > 1 && touching(full, t, n)))) {
    const after = tokens[next + 1];
    const single = n.lower === 'm' || n.lower === 'b';
    if (!single || money || (n.lower === 'm' && after?.type === 'word' && touching(full, n, after) && !STOP_WORDS.has(after.lower))) {
      multiplier = SHORT_SCALES[n.lower] ?? 1;
      guessedScale = single && !money;
      next++;
      if (tokens[next]?.text === '.' && adjacent(n, tokens[next]) && ['mio', 'mrd', 'mn', 'bn'].includes(n.lower)) next++;
    }
  }
  if (value !== null) {
    value *= multiplier;
    if (!Number.isFinite(value)) value = null;
  }
  return { first: k, next, value, multiplier, fraction: false, ratioWord: false, word: false, ambiguous: d?.ambiguous ?? false, guessedScale };
}

/** Does the sequence of lower-cased words `phrase` end just before token index `end` (exclusive)? */
function phraseEndsAt(tokens: Token[], end: number, phrase: Token[], full: string): number | null {
  const start = end - phrase.length;
  if (start < 0) return null;
  for (let i = 0; i < phrase.length; i++) {
    const t = tokens[start + i];
    if (!t || t.lower !== phrase[i]!.lower) return null;
    if (i > 0 && !touching(full, tokens[start + i - 1], t)) return null;
  }
  return start;
}

const BEFORE_PHRASES = QUALIFIERS_BEFORE.map((q) => ({ q, toks: tokenize(q) }));
const AFTER_PHRASES = QUALIFIERS_AFTER.map((q) => ({ q, toks: tokenize(q) }));

/** The qualifier standing right before token `first`, or null. */
function qualifierBefore(tokens: Token[], first: number, full: string): string | null {
  const prev = tokens[first - 1];
  if (!prev || !touching(full, prev, tokens[first])) return null;
  if (prev.type === 'sym' && QUALIFIER_SYMBOLS[prev.text]) return prev.text === '+' ? null : normaliseQualifier(prev.text);
  for (const { q, toks } of BEFORE_PHRASES) if (phraseEndsAt(tokens, first, toks, full) !== null) return q;
  return null;
}

/** A qualifier written after the number ("300 or more", "300-plus", "300+"): [qualifier, next index]. */
function qualifierAfter(tokens: Token[], next: number, full: string): [string, number] | null {
  const t = tokens[next];
  if (t?.text === '+' && adjacent(tokens[next - 1], t)) return ['or more', next + 1];
  if (t?.text === '-' && tokens[next + 1]?.lower === 'plus') return ['or more', next + 2];
  for (const { q, toks } of AFTER_PHRASES) {
    const end = next + toks.length;
    if (phraseEndsAt(tokens, end, toks, full) === next && touching(full, tokens[next - 1], t)) return [q === 'plus' ? 'or more' : q, end];
  }
  return null;
}

/** Currency written before the number: "$", "US$", "€", "EUR ". Returns [code, index of its first token]. */
function currencyBefore(tokens: Token[], first: number, full: string): [string, number] | null {
  const p = tokens[first - 1];
  if (!p || !touching(full, p, tokens[first])) return null;
  if (p.type === 'sym' && CURRENCY_SYMBOLS[p.text]) {
    const pp = tokens[first - 2];
    if (p.text === '$' && pp && adjacent(pp, p) && pp.type === 'word' && DOLLAR_PREFIXES[pp.lower]) return [DOLLAR_PREFIXES[pp.lower]!, first - 2];
    return [CURRENCY_SYMBOLS[p.text]!, first - 1];
  }
  if (p.type === 'word' && CURRENCY_CODES.has(p.text)) return [p.text === 'RMB' ? 'CNY' : p.text, first - 1];
  return null;
}

/** The counted noun after the number: up to three words, ended by a function word or punctuation. */
function unitNoun(tokens: Token[], from: number, limit: number, full: string): { unit: string; next: number } | null {
  const t = tokens[from];
  if (!t || from >= limit) return null;
  // "12-month", "25-year-old": a hyphenated compound is the unit as written.
  if (t.text === '-' && adjacent(tokens[from - 1], t) && tokens[from + 1]?.type === 'word' && adjacent(t, tokens[from + 1])) {
    const parts: string[] = [];
    let j = from;
    while (tokens[j]?.text === '-' && tokens[j + 1]?.type === 'word' && adjacent(tokens[j], tokens[j + 1]) && j + 1 < limit) {
      parts.push(tokens[j + 1]!.lower);
      j += 2;
    }
    return { unit: parts.join('-'), next: j };
  }
  const words: Token[] = [];
  let j = from;
  while (words.length < 3 && j < limit) {
    const w = tokens[j];
    if (!w || w.type !== 'word' || STOP_WORDS.has(w.lower) || !touching(full, tokens[j - 1], w)) break;
    words.push(w);
    j++;
  }
  const heads = words.filter((w) => !NOT_HEAD.has(w.lower));
  const head = heads.find((w) => isPlural(w.lower)) ?? heads[0];
  if (!head) return null;
  return { unit: head.lower, next: tokens.indexOf(head) + 1 };
}

/** Token index range of the sentence holding token k (a rough split: . ! ? ; or a line break). */
function sentenceOf(tokens: Token[], k: number, full: string): [number, number] {
  const ends = (i: number) => {
    const t = tokens[i];
    const n = tokens[i + 1];
    if (!t) return true;
    if (t.text === ';' || (n && /\n/.test(full.slice(t.end, n.start)))) return true;
    return ['.', '!', '?'].includes(t.text) && (!n || (n.start > t.end && /^[\p{Lu}\p{N}“"‘'(]/u.test(n.text)));
  };
  let s = k;
  while (s > 0 && !ends(s - 1)) s--;
  let e = k;
  while (e < tokens.length - 1 && !ends(e)) e++;
  return [s, e + 1];
}

/** A year or relative period at token i ("2016", "2016-17", "last year"), as written. */
function periodAt(tokens: Token[], i: number, full: string): string | null {
  const t = tokens[i];
  if (!t) return null;
  if (isYearToken(t) && !/^[.,]\d/.test(full.slice(t.end, t.end + 2))) {
    const dash = tokens[i + 1];
    const end = tokens[i + 2];
    if (dash && (dash.text === '-' || dash.text === '/') && adjacent(t, dash) && end?.type === 'num' && adjacent(dash, end) && /^\d{2}(\d{2})?$/.test(end.text))
      return full.slice(t.start, end.end);
    return t.text;
  }
  const n = tokens[i + 1];
  if (t.type === 'word' && RELATIVE_PERIODS.has(t.lower) && n && PERIOD_NOUNS.has(n.lower) && touching(full, t, n)) return `${t.lower} ${n.lower}`;
  return null;
}

function findPeriod(tokens: Token[], first: number, next: number, unitEnd: number, full: string): string | null {
  // A rate right after the number or its unit: "300 a year", "$5m per month".
  for (const [words, label] of RATE_PERIODS) {
    const toks = words.map((w) => ({ lower: w }) as Token);
    if (phraseEndsAt(tokens, unitEnd + toks.length, toks, full) === unitEnd && touching(full, tokens[unitEnd - 1], tokens[unitEnd])) return label;
  }
  const [s, e] = sentenceOf(tokens, first, full);
  // Nearest year after, then before, in the sentence; another number in between belongs to that one.
  for (let i = next; i < e; i++) {
    const p = periodAt(tokens, i, full);
    if (p) return p;
    if (tokens[i]?.type === 'num' || startsWordNumber(tokens, i)) break;
  }
  for (let i = first - 1; i >= s; i--) {
    const p = periodAt(tokens, i, full);
    if (p) return p;
    if (tokens[i]?.type === 'num' && !isYearToken(tokens[i])) break;
  }
  return null;
}

interface Candidate {
  num: NumberRead;
  currency: [string, number] | null;
}

/** Token index of every number that starts inside the selection [b, e). */
function candidates(tokens: Token[], b: number, e: number, full: string, locale: string | undefined): Candidate[] {
  const out: Candidate[] = [];
  for (let k = 0; k < tokens.length; k++) {
    const t = tokens[k]!;
    if (t.start < b || t.end > e) continue;
    const isNum = t.type === 'num' || startsWordNumber(tokens, k) || (t.type === 'word' && t.lower in RATIO_WORDS);
    if (!isNum) continue;
    // Ordinals ("1st", "2nd") are not figures.
    const suf = tokens[k + 1];
    if (t.type === 'num' && suf && adjacent(t, suf) && ['st', 'nd', 'rd', 'th'].includes(suf.lower)) continue;
    const currency = currencyBefore(tokens, k, full);
    const num = readNumberAt(tokens, k, full, locale, !!currency || isCurrencyAfter(tokens, k + 1, full));
    if (!num || num.next > tokens.length) continue;
    out.push({ num, currency });
    k = num.next - 1;
  }
  return out;
}

function isCurrencyAfter(tokens: Token[], i: number, full: string): boolean {
  // "5m euros", "5m EUR": look one token past a possible multiplier.
  for (const j of [i, i + 1]) {
    const t = tokens[j];
    if (t && touching(full, tokens[j - 1], t) && (CURRENCY_WORDS[t.lower] || CURRENCY_CODES.has(t.text))) return true;
  }
  return false;
}

/** "one of 170 crimes": the figure is the 170. */
function isOneOf(tokens: Token[], c: Candidate, nextCand: Candidate | undefined): boolean {
  if (!nextCand || c.num.value !== 1) return false;
  const of = tokens[c.num.next];
  const gap = nextCand.num.first - c.num.next;
  return of?.lower === 'of' && (gap === 1 || (gap === 2 && tokens[c.num.next + 1]?.lower === 'the'));
}

/**
 * Reads a figure. `text` is the selection; `context.before` / `context.after` are the words
 * around it in the article (used for a unit, qualifier or period the selection left out).
 */
export function parseFigure(text: string, context: FigureContext = {}): ParsedFigure {
  if (typeof text !== 'string' || text.trim() === '' || text.length > MAX_FIGURE_TEXT) return { ...EMPTY };
  const before = typeof context.before === 'string' ? clean(context.before.slice(-CONTEXT_CHARS)) : '';
  const after = typeof context.after === 'string' ? clean(context.after.slice(0, CONTEXT_CHARS)) : '';
  const full = before + clean(text) + after;
  const b = before.length;
  const e = b + text.length;
  const tokens = tokenize(full);
  const locale = context.locale;

  const cands = candidates(tokens, b, e, full, locale);
  if (cands.length === 0) return { ...EMPTY };
  let pick = 0;
  if (isOneOf(tokens, cands[0]!, cands[1])) pick = 1;
  const yearLike = (c: Candidate) =>
    !c.currency && c.num.multiplier === 1 && isYearToken(tokens[c.num.first]) && YEAR_CUES.has(tokens[c.num.first - 1]?.lower ?? '');
  // "In 2017, 1,526 requests": a year before the figure is its period, not the figure.
  while (pick < cands.length - 1 && yearLike(cands[pick]!) && !isOneOf(tokens, cands[pick]!, cands[pick + 1])) pick++;
  const c = cands[pick]!;
  const num = c.num;
  if (num.value === null) return { ...EMPTY, span: [tokens[num.first]!.start - b, tokens[num.next - 1]!.end - b] };

  let value = num.value;
  let multiplier = num.multiplier;
  let next = num.next;
  let confidence = 0.95;
  if (num.word) confidence -= 0.1;
  if (num.ambiguous) confidence -= 0.3;
  if (num.guessedScale) confidence -= 0.2;

  // Sign: "-5" or "minus 5" (not the dash of a range "2016-17").
  const firstTok = c.currency ? c.currency[1] : num.first;
  const sign = tokens[firstTok - 1];
  if (
    sign &&
    ((sign.text === '-' && adjacent(sign, tokens[firstTok]) && !adjacent(tokens[firstTok - 2], sign)) ||
      (sign.lower === 'minus' && touching(full, sign, tokens[firstTok])))
  )
    value = -value;

  // A range or change: "from 80 to 1,526", "between 300 and 400", "300-400", "$3-4 billion".
  let range: [number, number] | null = null;
  const joiner = tokens[next];
  const fromTok = tokens[firstTok - 1];
  const isJoin = joiner && (joiner.text === '-' || joiner.lower === 'to' || (joiner.lower === 'and' && fromTok?.lower === 'between'));
  const second = isJoin ? cands[pick + 1] : undefined;
  let rangeStart = firstTok;
  if (
    second &&
    second.num.value !== null &&
    (second.currency ? second.currency[1] : second.num.first) === next + 1 &&
    touching(full, tokens[next - 1], joiner)
  ) {
    let hi = second.num.value;
    if (multiplier === 1 && second.num.multiplier !== 1) {
      multiplier = second.num.multiplier;
      value *= multiplier;
    }
    if (!Number.isFinite(value)) return { ...EMPTY };
    hi = Number.isFinite(hi) ? hi : value;
    range = [value, hi];
    next = second.num.next;
    confidence -= 0.2;
    if (fromTok && (fromTok.lower === 'from' || fromTok.lower === 'between')) rangeStart = firstTok - 1;
  }

  // Qualifier: before the number (or its currency sign), else after it.
  let qualifier = qualifierBefore(tokens, rangeStart, full);
  const qa = qualifierAfter(tokens, next, full);
  if (qa) {
    qualifier ??= qa[0];
    next = qa[1];
  }

  // Suffix: %, percent, times, -fold, x, currency word or code, or a counted noun.
  let unit: string | null = null;
  let kind: FigureKind = 'other';
  let currency = c.currency?.[0] ?? null;
  const s0 = tokens[next];
  const s1 = tokens[next + 1];
  const near = (t: Token | undefined) => touching(full, tokens[next - 1], t);
  let unitEnd = next;
  if (s0?.text === '%' && near(s0)) {
    unit = '%';
    unitEnd = next + 1;
  } else if (s0 && near(s0) && (PERCENT_WORDS.has(s0.lower) || (s0.lower === 'per' && s1?.lower === 'cent'))) {
    unit = '%';
    unitEnd = next + (s0.lower === 'per' ? 2 : 1);
  } else if (s0 && near(s0) && s0.lower === 'percentage' && s1?.lower === 'points') {
    unit = 'percentage points';
    unitEnd = next + 2;
  }
  if (unit) kind = 'percent';
  else if (
    num.ratioWord ||
    (s0?.lower === 'times' && near(s0)) ||
    (s0?.lower === 'x' && adjacent(tokens[next - 1], s0)) ||
    (s0?.lower === 'fold' && adjacent(tokens[next - 1], s0)) ||
    (s0?.text === '-' && s1?.lower === 'fold' && adjacent(s0, s1))
  ) {
    unit = 'ratio';
    kind = 'ratio';
    if (!num.ratioWord) unitEnd = next + (s0?.text === '-' ? 2 : 1);
  } else if (num.fraction) {
    unit = 'fraction';
    kind = 'ratio';
  } else if (!currency && s0 && near(s0) && (CURRENCY_WORDS[s0.lower] || CURRENCY_CODES.has(s0.text))) {
    currency = CURRENCY_WORDS[s0.lower] ?? (s0.text === 'RMB' ? 'CNY' : s0.text);
    unitEnd = next + 1;
  } else if (!currency && s0?.lower === 'us' && s1 && CURRENCY_WORDS[s1.lower] === 'USD' && near(s0)) {
    currency = 'USD';
    unitEnd = next + 2;
  }
  if (currency) {
    unit = currency;
    kind = 'money';
  }

  const yearCandidate = !range && !currency && kind === 'other' && multiplier === 1 && num.first === next - 1 && isYearToken(tokens[num.first]) && value > 0;
  if (yearCandidate && tokens[next]?.lower === 's' && adjacent(tokens[next - 1], tokens[next])) {
    // A decade: "1990s".
    kind = 'year';
    unitEnd = next + 1;
  } else if (kind === 'other') {
    // The counted noun, from the selection if it goes on, else from the words after it.
    const goesOn = (tokens[next]?.end ?? Infinity) <= e;
    const firstOutside = tokens.findIndex((t) => t.end > e);
    const limit = goesOn && firstOutside >= 0 ? firstOutside : tokens.length;
    const noun = unitNoun(tokens, next, limit, full);
    const yearCue = YEAR_CUES.has(tokens[num.first - 1]?.lower ?? '');
    if (yearCandidate && (yearCue || !noun)) kind = 'year';
    else if (noun) {
      unit = noun.unit;
      unitEnd = noun.next;
      kind = 'count';
    } else if (Number.isInteger(value)) kind = 'count';
  }
  if (kind === 'year') {
    confidence = 0.5;
    unit = null;
  } else if (!unit) confidence -= 0.1;

  const period = kind === 'year' ? null : findPeriod(tokens, num.first, next, unitEnd, full);
  const spanStart = tokens[num.first]!.start - b;
  const spanEnd = tokens[Math.max(num.first, num.next - 1)]!.end - b;
  return {
    value,
    unit,
    qualifier,
    multiplier,
    kind,
    range,
    period,
    confidence: Math.max(0.05, Math.min(1, Math.round(confidence * 100) / 100)),
    span: [Math.max(0, spanStart), Math.min(text.length, spanEnd)],
  };
}
