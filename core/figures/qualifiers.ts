/**
 * Qualifiers ("almost", "more than", "about") and what each lets a stated number mean.
 * The same table drives parsing (which words are a qualifier) and checking (how far a
 * computed value may sit from the stated one and still agree).
 */

/**
 * How a qualifier bounds the true value v around the stated number s:
 * exact: v rounds to s; approx: within ±10 %; nearly: 0.9·s ≤ v ≤ s;
 * justOver: s ≤ v ≤ 1.1·s; atLeast: v ≥ s; atMost: v ≤ s.
 */
export type QualifierClass = 'exact' | 'approx' | 'nearly' | 'justOver' | 'atLeast' | 'atMost';

/** The ± band of "about" and the gap "almost"/"just over" allow. */
export const APPROX_TOLERANCE = 0.1;

const CLASSES: Record<string, QualifierClass> = {
  only: 'exact',
  just: 'exact',
  exactly: 'exact',
  precisely: 'exact',
  'a mere': 'exact',
  about: 'approx',
  around: 'approx',
  roughly: 'approx',
  approximately: 'approx',
  some: 'approx',
  'an estimated': 'approx',
  estimated: 'approx',
  circa: 'approx',
  'ca.': 'approx',
  'c.': 'approx',
  'approx.': 'approx',
  approx: 'approx',
  'or so': 'approx',
  'more or less': 'approx',
  'in the region of': 'approx',
  'of the order of': 'approx',
  'on the order of': 'approx',
  almost: 'nearly',
  nearly: 'nearly',
  'close to': 'nearly',
  'not quite': 'nearly',
  'just under': 'nearly',
  'just below': 'nearly',
  'just shy of': 'nearly',
  'a little under': 'nearly',
  'a little less than': 'nearly',
  'slightly less than': 'nearly',
  'slightly fewer than': 'nearly',
  'just short of': 'nearly',
  approaching: 'nearly',
  'just over': 'justOver',
  'just above': 'justOver',
  'a little over': 'justOver',
  'a little more than': 'justOver',
  'slightly more than': 'justOver',
  'slightly over': 'justOver',
  'just more than': 'justOver',
  'more than': 'atLeast',
  over: 'atLeast',
  above: 'atLeast',
  'at least': 'atLeast',
  'upwards of': 'atLeast',
  'upward of': 'atLeast',
  'in excess of': 'atLeast',
  'or more': 'atLeast',
  'well over': 'atLeast',
  'well above': 'atLeast',
  'greater than': 'atLeast',
  'no fewer than': 'atLeast',
  'no less than': 'atLeast',
  'not less than': 'atLeast',
  'a minimum of': 'atLeast',
  'far more than': 'atLeast',
  'much more than': 'atLeast',
  'well more than': 'atLeast',
  plus: 'atLeast',
  'or above': 'atLeast',
  'or higher': 'atLeast',
  'less than': 'atMost',
  'fewer than': 'atMost',
  under: 'atMost',
  below: 'atMost',
  'up to': 'atMost',
  'at most': 'atMost',
  'no more than': 'atMost',
  'not more than': 'atMost',
  'as many as': 'atMost',
  'as much as': 'atMost',
  'a maximum of': 'atMost',
  'as few as': 'atMost',
  'as little as': 'atMost',
  'or less': 'atMost',
  'or fewer': 'atMost',
  'well under': 'atMost',
  'well below': 'atMost',
  'or below': 'atMost',
};

/** Symbols stand for the word a reader would say. */
const SYMBOLS: Record<string, string> = {
  '~': 'about',
  '≈': 'about',
  '∼': 'about',
  '>': 'more than',
  '<': 'less than',
  '≥': 'at least',
  '≤': 'at most',
  '+': 'or more',
};

/** Qualifier phrases that stand before a number, longest first so "just over" beats "over". */
export const QUALIFIERS_BEFORE: readonly string[] = Object.keys(CLASSES)
  .filter((q) => !q.startsWith('or ') && q !== 'plus')
  .sort((a, b) => b.split(' ').length - a.split(' ').length || b.length - a.length);
/** Phrases that follow a number: "300 or more", "20 or so", "300-plus". */
export const QUALIFIERS_AFTER: readonly string[] = Object.keys(CLASSES).filter((q) => q.startsWith('or ') || q === 'plus');
export const QUALIFIER_SYMBOLS: Readonly<Record<string, string>> = SYMBOLS;

export const normaliseQualifier = (q: string): string => {
  const s = q.trim().toLowerCase().replace(/\s+/g, ' ');
  return SYMBOLS[s] ?? s;
};

/** The class of a qualifier; an unknown one is read as approximate, and says so. */
export function qualifierClass(q: string | null | undefined): { cls: QualifierClass; known: boolean } {
  if (q == null || q.trim() === '') return { cls: 'exact', known: true };
  const c = CLASSES[normaliseQualifier(q)];
  return c ? { cls: c, known: true } : { cls: 'approx', known: false };
}

/** Digits after the decimal point of a stated number as written (19.1 → 1; 20 → 0). */
export function decimalsOf(n: number): number {
  if (!Number.isFinite(n) || Number.isInteger(n)) return 0;
  const s = String(n);
  if (s.includes('e')) return 6;
  return Math.min(6, s.split('.')[1]?.length ?? 0);
}

const roundTo = (v: number, d: number) => Math.round(v * 10 ** d) / 10 ** d;

export interface Acceptance {
  agrees: boolean;
  /** The range of true values the stated number (with its qualifier) allows. */
  low: number;
  high: number;
  cls: QualifierClass;
}

/**
 * Does a computed value agree with a stated number and its qualifier? Comparisons round
 * the computed value to the stated number's precision first, so "19.1" agrees with
 * 19.075 and "almost 20" with 20.04.
 */
export function accepts(stated: number, qualifier: string | null | undefined, computed: number): Acceptance {
  const { cls } = qualifierClass(qualifier);
  const d = decimalsOf(stated);
  const half = 0.5 * 10 ** -d;
  const r = roundTo(computed, d);
  const s = Math.abs(stated);
  const t = APPROX_TOLERANCE * s;
  if (!Number.isFinite(computed) || !Number.isFinite(stated)) return { agrees: false, low: NaN, high: NaN, cls };
  switch (cls) {
    case 'exact':
      return { agrees: r === roundTo(stated, d), low: stated - half, high: stated + half, cls };
    // The ±10 % edges are compared unrounded; only the stated number's own edge allows rounding.
    case 'approx':
      return { agrees: computed >= stated - t && computed <= stated + t, low: stated - t, high: stated + t, cls };
    case 'nearly':
      return { agrees: computed >= stated - t && r <= stated, low: stated - t, high: stated, cls };
    case 'justOver':
      return { agrees: r >= stated && computed <= stated + t, low: stated, high: stated + t, cls };
    case 'atLeast':
      return { agrees: r >= stated, low: stated, high: Infinity, cls };
    case 'atMost':
      return { agrees: r <= stated, low: -Infinity, high: stated, cls };
  }
}
