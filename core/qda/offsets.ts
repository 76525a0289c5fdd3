/**
 * REFI-QDA counts text selections in Unicode code points (spec 1.5, §10.2: "the first
 * codepoint in the file has the number 0"); Glossa counts UTF-16 code units. The two
 * differ by one for every character outside the Basic Multilingual Plane (emoji, some CJK).
 * The end position is exclusive in both: the ATLAS.ti sample in the spec's annex names
 * each selection by its text, and endPosition − startPosition is that text's length.
 */

const isHigh = (c: number) => c >= 0xd800 && c <= 0xdbff;
const isLow = (c: number) => c >= 0xdc00 && c <= 0xdfff;

export class OffsetMap {
  /** UTF-16 index of the first unit of every surrogate pair, ascending. */
  private readonly pairs: number[] = [];
  /** Length of the text in code points (a lone surrogate counts as one, as it does in UTF-16). */
  readonly codePoints: number;

  constructor(private readonly text: string) {
    for (let i = 0; i < text.length - 1; i++) {
      if (isHigh(text.charCodeAt(i)) && isLow(text.charCodeAt(i + 1))) {
        this.pairs.push(i);
        i++;
      }
    }
    this.codePoints = text.length - this.pairs.length;
  }

  /** Code point offset of a UTF-16 offset; null when outside the text or inside a pair. */
  toCodePoint(utf16: number): number | null {
    if (!Number.isInteger(utf16) || utf16 < 0 || utf16 > this.text.length) return null;
    if (utf16 > 0 && utf16 < this.text.length && isHigh(this.text.charCodeAt(utf16 - 1)) && isLow(this.text.charCodeAt(utf16))) return null;
    // Pairs that start before this offset; each one counts two units but one code point.
    return utf16 - countBelow(this.pairs, (p) => p < utf16);
  }

  /** UTF-16 offset of a code point offset; null when outside the text. */
  toUtf16(codePoint: number): number | null {
    if (!Number.isInteger(codePoint) || codePoint < 0 || codePoint > this.codePoints) return null;
    // The k-th pair (0-based) sits at code point pairs[k] − k; count those before codePoint.
    let k = 0;
    let hi = this.pairs.length;
    while (k < hi) {
      const mid = (k + hi) >>> 1;
      if (this.pairs[mid]! - mid < codePoint) k = mid + 1;
      else hi = mid;
    }
    return codePoint + k;
  }
}

/** How many leading items of an ascending array satisfy `below` (binary search). */
function countBelow(sorted: readonly number[], below: (n: number) => boolean): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (below(sorted[mid]!)) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
