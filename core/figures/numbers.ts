/**
 * Numbers as news text writes them: digits with separators ("1,526", "3.4", German
 * "1.526"), and number words ("two", "twenty-five", "a dozen", "half a million").
 *
 * Hand-written on purpose: the vocabulary is small and closed, and a general NLP library
 * (compromise 14, evaluated) read "one of 170" as 0.006, missed "a dozen", and left "€5m"
 * at 5. Everything here is pure and never throws; what it cannot read comes back as null.
 */

export interface Token {
  text: string;
  lower: string;
  start: number;
  end: number;
  type: 'num' | 'word' | 'sym';
}

/** Digit runs keep "," and "." only between digits, so a full stop after "1,526." is its own token. */
const TOKEN_RE = /\d(?:\d|[.,](?=\d))*(?:[eE][+-]?\d+)?|\p{L}+(?:['’]\p{L}+)*|\S/gu;

export function tokenize(s: string): Token[] {
  const out: Token[] = [];
  for (const m of s.matchAll(TOKEN_RE)) {
    const text = m[0];
    const start = m.index;
    const type = /^\d/.test(text) ? 'num' : /^\p{L}/u.test(text) ? 'word' : 'sym';
    out.push({ text, lower: text.toLowerCase(), start, end: start + text.length, type });
  }
  return out;
}

/** Languages that write a decimal comma and group thousands with "." ("1.526,5"). */
const DECIMAL_COMMA_LANGS = new Set(['de', 'fr', 'es', 'it', 'nl', 'pt', 'pl', 'ru', 'uk', 'sv', 'da', 'nb', 'no', 'fi', 'tr', 'cs', 'ro', 'hu', 'id']);

export const usesDecimalComma = (locale: string | undefined): boolean => !!locale && DECIMAL_COMMA_LANGS.has(locale.toLowerCase().split(/[-_]/)[0] ?? '');

/** Integer digits beyond this lose precision in a double: such a figure is refused, not rounded. */
const MAX_INTEGER_DIGITS = 15;

export interface DigitReading {
  value: number;
  /** Digits after the decimal separator: how precisely the number is stated. */
  decimals: number;
  /** The reading is a guess (e.g. "1,5" in English text read as 1.5). */
  ambiguous: boolean;
}

/** Reads one digit token. null when it is not a well-formed number or not a finite one. */
export function readDigits(raw: string, locale?: string): DigitReading | null {
  if (/[eE]/.test(raw)) {
    // Scientific notation is rare in news; accept it only when it is finite ("1e309" is not).
    const v = Number(raw.replace(/,/g, ''));
    return Number.isFinite(v) ? { value: v, decimals: 0, ambiguous: true } : null;
  }
  let intPart: string;
  let frac = '';
  let ambiguous = false;
  const comma = usesDecimalComma(locale);
  if (!comma && /^\d{1,3}(?:,\d{3})+(?:\.\d+)?$/.test(raw)) [intPart = '', frac = ''] = raw.replace(/,/g, '').split('.');
  else if (!comma && /^\d+(?:\.\d+)?$/.test(raw)) [intPart = '', frac = ''] = raw.split('.');
  else if (comma && /^\d{1,3}(?:\.\d{3})+(?:,\d+)?$/.test(raw)) [intPart = '', frac = ''] = raw.replace(/\./g, '').split(',');
  else if (comma && /^\d+(?:,\d+)?$/.test(raw)) [intPart = '', frac = ''] = raw.split(',');
  else if (/^\d{1,3}(?:\.\d{3}){2,}$/.test(raw))
    intPart = raw.replace(/\./g, ''); // "1.526.000": only grouping fits
  else if (!comma && /^\d+,\d{1,2}$/.test(raw)) {
    // Not a valid thousands group in English: most likely a decimal comma.
    [intPart = '', frac = ''] = raw.split(',');
    ambiguous = true;
  } else return null;
  const digits = intPart.replace(/^0+(?=\d)/, '');
  if (digits.length > MAX_INTEGER_DIGITS) return null;
  const value = Number(frac ? `${intPart}.${frac}` : intPart);
  return Number.isFinite(value) ? { value, decimals: frac.length, ambiguous } : null;
}

const SMALL: Record<string, number> = {
  zero: 0,
  one: 1,
  two: 2,
  three: 3,
  four: 4,
  five: 5,
  six: 6,
  seven: 7,
  eight: 8,
  nine: 9,
  ten: 10,
  eleven: 11,
  twelve: 12,
  thirteen: 13,
  fourteen: 14,
  fifteen: 15,
  sixteen: 16,
  seventeen: 17,
  eighteen: 18,
  nineteen: 19,
  twenty: 20,
  thirty: 30,
  forty: 40,
  fifty: 50,
  sixty: 60,
  seventy: 70,
  eighty: 80,
  ninety: 90,
};
export const SCALES: Record<string, number> = { thousand: 1e3, million: 1e6, billion: 1e9, trillion: 1e12 };
/** Denominators, read only after a numerator ("a third", "two-thirds"): alone they are ordinals. */
const DENOMINATORS: Record<string, number> = {
  half: 2,
  halves: 2,
  third: 3,
  thirds: 3,
  quarter: 4,
  quarters: 4,
  fourth: 4,
  fourths: 4,
  fifth: 5,
  fifths: 5,
  sixth: 6,
  sixths: 6,
  eighth: 8,
  eighths: 8,
  tenth: 10,
  tenths: 10,
};
/** Words that state a ratio by themselves. */
export const RATIO_WORDS: Record<string, number> = {
  twice: 2,
  thrice: 3,
  double: 2,
  doubled: 2,
  triple: 3,
  tripled: 3,
  treble: 3,
  trebled: 3,
  quadruple: 4,
  quadrupled: 4,
};

export interface WordReading {
  value: number;
  /** Index of the token after the number. */
  next: number;
  fraction: boolean;
}

const isWord = (t: Token | undefined, ...words: string[]) => !!t && t.type === 'word' && words.includes(t.lower);
const adjacent = (a: Token | undefined, b: Token | undefined) => !!a && !!b && a.end === b.start;

/** Does a number word (or "a"/"an" leading into one) start at token i? */
export function startsWordNumber(tokens: Token[], i: number): boolean {
  const t = tokens[i];
  if (!t || t.type !== 'word') return false;
  if (t.lower in SMALL || t.lower in SCALES || t.lower === 'hundred' || t.lower === 'dozen' || t.lower === 'half') return true;
  if (t.lower === 'a' || t.lower === 'an') {
    const n = tokens[i + 1];
    return !!n && (n.lower in SCALES || ['hundred', 'dozen', 'half', 'third', 'quarter', 'fifth', 'tenth'].includes(n.lower));
  }
  return false;
}

/**
 * Reads number words starting at token i: "twenty-five", "three hundred and twelve
 * thousand", "a dozen", "two dozen", "one and a half million", "half a million",
 * "a third", "two-thirds". null when no number word starts there.
 */
export function readWordNumber(tokens: Token[], i: number): WordReading | null {
  if (!startsWordNumber(tokens, i)) return null;
  let j = i;
  let total = 0;
  let current = 0;
  let seen = false;
  const first = tokens[j];
  if (isWord(first, 'a', 'an')) {
    current = 1;
    seen = true;
    j++;
  }
  // "half" on its own, or "half a million" / "half a dozen".
  if (isWord(tokens[j], 'half')) {
    const scale = tokens[j + 2];
    if (isWord(tokens[j + 1], 'a', 'an') && scale && (scale.lower in SCALES || scale.lower === 'dozen')) {
      const mult = scale.lower === 'dozen' ? 12 : (SCALES[scale.lower] ?? 1);
      return { value: 0.5 * mult, next: j + 3, fraction: false };
    }
    return { value: 0.5, next: j + 1, fraction: true };
  }
  for (; j < tokens.length; j++) {
    const t = tokens[j];
    if (!t) break;
    if (t.type === 'word' && t.lower in SMALL) {
      current += SMALL[t.lower] ?? 0;
      seen = true;
    } else if (isWord(t, 'hundred') && seen) current = (current || 1) * 100;
    else if (isWord(t, 'dozen') && seen) current = (current || 1) * 12;
    else if (t.type === 'word' && t.lower in SCALES && seen) {
      total += (current || 1) * (SCALES[t.lower] ?? 1);
      current = 0;
    } else if (t.lower === '-' && seen && adjacent(tokens[j - 1], t) && adjacent(t, tokens[j + 1]) && tokens[j + 1]?.type === 'word') {
      const n = tokens[j + 1];
      if (!n || !(n.lower in SMALL || n.lower in DENOMINATORS)) break;
    } else if (isWord(t, 'and') && seen) {
      // "one and a half", "three hundred and twelve"; a trailing "and" is not ours.
      if (isWord(tokens[j + 1], 'a') && isWord(tokens[j + 2], 'half')) {
        current += 0.5;
        j += 2;
      } else if (!(tokens[j + 1] && tokens[j + 1]!.lower in SMALL)) break;
    } else if (t.type === 'word' && t.lower in DENOMINATORS && seen && current > 0 && total === 0) {
      return { value: current / (DENOMINATORS[t.lower] ?? 1), next: j + 1, fraction: true };
    } else break;
  }
  if (!seen) return null;
  // A lone "a"/"an" read as 1 is not a number.
  if (j === i + 1 && isWord(first, 'a', 'an')) return null;
  return { value: total + current, next: j, fraction: false };
}
