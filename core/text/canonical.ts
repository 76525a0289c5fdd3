/**
 * Canonical text of a plain-text capture: the string every annotation offset of that
 * snapshot refers to. Pure (no Node), so the reader can use it too.
 *
 * It changes as little as possible, because researchers' own offsets (and gold files made
 * on the file as saved) must stay valid: only what no reader can see, or what differs
 * between operating systems, is normalised. Every other character — NBSP, curly quotes,
 * emoji, tabs, repeated blank lines, the white space at the start of the first line — is
 * kept verbatim.
 */

const LINE_BREAKS = /\r\n?/g;
/** Whole blank lines (empty or only white space) before the first line with text. */
const LEADING_BLANK_LINES = /^(?:[^\S\n]*\n)+/;
/**
 * Lone surrogates cannot be stored as UTF-8; they would come back as U+FFFD and move no
 * offset, so they become U+FFFD here and the text in memory equals the text on disk.
 * NUL is not text (HTML parsers turn it into U+FFFD too).
 */
const UNSTORABLE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]|\u0000/g;

export function canonicalFromPlainText(raw: string): string {
  let text = raw.charCodeAt(0) === 0xfeff ? raw.slice(1) : raw;
  text = text.replace(LINE_BREAKS, '\n');
  text = text.replace(LEADING_BLANK_LINES, '');
  text = text.trimEnd();
  return text.replace(UNSTORABLE, '\uFFFD');
}
