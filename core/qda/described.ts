/**
 * REFI-QDA has no place for Glossa's structured data (quote speaker, figure value, a tag's
 * shortcut key...) and its schema allows no extension elements or attributes. So Glossa
 * writes it as a readable block at the end of the element's Description, which every QDA
 * tool shows and keeps:
 *
 *     The researcher's own comment.
 *
 *     [Glossa quote]
 *     Speaker: Oleg Chernyavsky
 *     Cue: said
 *
 * Values that a plain line would not carry exactly (line breaks, edge spaces, a leading
 * double quote) are written as JSON strings. A block someone edited into another shape is
 * left in the text as it is, never half-read.
 */

export type Entry = readonly [label: string, value: string];

const HEADER = /^\[Glossa ([a-z][a-z -]*)\]$/;
const LINE = /^([A-Z][A-Za-z -]*): (.*)$/;

const plain = (v: string) => v !== '' && !/[\r\n\u2028\u2029]/.test(v) && v.trim() === v && !v.startsWith('"');

/** The text with a `[Glossa <what>]` block appended; the text alone when there are no entries. */
export function withBlock(text: string, what: string, entries: readonly Entry[]): string {
  if (entries.length === 0) return text;
  const lines = [`[Glossa ${what}]`, ...entries.map(([label, value]) => `${label}: ${plain(value) ? value : JSON.stringify(value)}`)];
  return text === '' ? lines.join('\n') : `${text}\n\n${lines.join('\n')}`;
}

export interface Block {
  /** The text before the block. */
  rest: string;
  what: string;
  entries: Entry[];
}

/** Splits a trailing Glossa block off a description; null when there is none (or it was edited out of shape). */
export function takeBlock(text: string): Block | null {
  // Lines are matched without a trailing CR, in case a tool rewrote the line breaks.
  const lines = text.split('\n');
  const bare = (i: number) => lines[i]!.replace(/\r$/, '');
  for (let i = lines.length - 1; i >= 0; i--) {
    const header = HEADER.exec(bare(i));
    if (!header) continue;
    if (i > 0 && (i < 2 || bare(i - 1) !== '')) return null;
    const entries: Entry[] = [];
    for (let j = i + 1; j < lines.length; j++) {
      const m = LINE.exec(bare(j));
      if (!m) return null;
      entries.push([m[1]!, decode(m[2]!)]);
    }
    const rest = i === 0 ? '' : lines.slice(0, i - 1).join('\n');
    return { rest: i === 0 || bare(i - 1) === lines[i - 1] ? rest : rest.replace(/\r$/, ''), what: header[1]!, entries };
  }
  return null;
}

function decode(value: string): string {
  if (!value.startsWith('"')) return value;
  try {
    const parsed: unknown = JSON.parse(value);
    return typeof parsed === 'string' ? parsed : value;
  } catch {
    return value;
  }
}

/** The first value under a label, or undefined. */
export const entry = (entries: readonly Entry[], label: string): string | undefined => entries.find(([l]) => l === label)?.[1];
