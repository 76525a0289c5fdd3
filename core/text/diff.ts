/**
 * Word-level diff of two versions of an article, for the reader. Tokens are words (as
 * words.ts counts them, so "1,526" and "It’s" change whole), runs of white space and single
 * other characters (in scripts written without spaces, each character); jsdiff's
 * Myers diff (diffArrays) lines them up. Offsets are UTF-16 code units into both texts, and
 * the ops rebuild each text exactly: old = equal + delete, new = equal + insert.
 */
import { diffArrays } from 'diff';
import { countWords } from './words.js';

export interface DiffOp {
  op: 'equal' | 'insert' | 'delete';
  text: string;
  oldStart: number;
  newStart: number;
}

export interface TextDiff {
  ops: DiffOp[];
  /** Characters (UTF-16 code units, like the offsets): zero inserted and deleted only when the texts are equal. */
  stats: { inserted: number; deleted: number; equal: number };
  /** The same in words, as countWords (words.ts) counts a snapshot's words: for the reader's summary. */
  words: { inserted: number; deleted: number; equal: number };
  /** 'paragraph' when some stretch changed so much that it is shown whole (a word diff would cost too long). */
  granularity: 'word' | 'paragraph';
}

/** Scripts written without spaces: a word there needs a dictionary, so each character is a token. */
const SOLO = '[\\p{sc=Han}\\p{sc=Hiragana}\\p{sc=Katakana}\\p{sc=Thai}\\p{sc=Lao}\\p{sc=Khmer}\\p{sc=Myanmar}]';
const LETTERS = `(?:(?!${SOLO})[\\p{L}\\p{N}\\p{M}\\p{Pc}])+`;
/** words.ts's WORD_RUN: joined by ’ . : between letters and by , ; between digits. */
const WORD = `${LETTERS}(?:(?:['’.:·]|(?<=\\p{N})[,;](?=\\p{N}))${LETTERS})*|${SOLO}`;
const WORD_TOKENS = new RegExp(`${WORD}|\\s+|[^]`, 'gu');
const PARAGRAPH_TOKENS = /[^\n]+\n*|\n+/g;
const HAS_WORD = new RegExp(WORD, 'u');
/**
 * Myers costs O(tokens × edits): past this many token edits (a rewrite rather than an edit) the
 * whole-text word diff gives up, and the texts are lined up by paragraph first, each changed
 * stretch then diffed word by word within a budget; a stretch past it is shown whole.
 */
const MAX_WORD_EDITS = 500;
/** Paragraphs are long tokens: jsdiff takes ~1 s on 2,400 all-changed ones, ~0.1 s to give up at this limit. */
const MAX_PARAGRAPH_EDITS = 600;
/** Tokens × edit limit for one changed stretch in the fallback (~40k × 500 takes ~50 ms here). */
const STRETCH_BUDGET = 20_000_000;

/** What changed from oldText to newText, word by word. */
export function diffTexts(oldText: string, newText: string): TextDiff {
  if (oldText === newText) {
    const ops: DiffOp[] = oldText ? [{ op: 'equal', text: oldText, oldStart: 0, newStart: 0 }] : [];
    return {
      ops,
      stats: { inserted: 0, deleted: 0, equal: oldText.length },
      words: { inserted: 0, deleted: 0, equal: countWords(oldText) },
      granularity: 'word',
    };
  }
  const segs = wordDiff(oldText, newText) ?? paragraphsThenWords(oldText, newText);
  const ops = emit(trimSpaces(absorbGaps(segs)));
  const granularity = segs.some((g) => 'coarse' in g) ? 'paragraph' : 'word';
  const stats = { inserted: 0, deleted: 0, equal: 0 };
  const words = { inserted: 0, deleted: 0, equal: 0 };
  for (const o of ops) {
    const key = o.op === 'equal' ? 'equal' : o.op === 'insert' ? 'inserted' : 'deleted';
    stats[key] += o.text.length;
    words[key] += countWords(o.text);
  }
  return { ops, stats, words, granularity };
}

/** `coarse`: a change left whole because a word diff of it would cost too much. */
type Segment = { equal: string } | { del: string; ins: string; coarse?: true };

function wordDiff(oldText: string, newText: string, budget = Infinity): Segment[] | null {
  const a = oldText.match(WORD_TOKENS) ?? [];
  const b = newText.match(WORD_TOKENS) ?? [];
  const maxEditLength = Math.max(1, Math.min(MAX_WORD_EDITS, Math.floor(budget / (a.length + b.length))));
  const changes = diffArrays(a, b, { maxEditLength });
  return changes ? segments(changes) : null;
}

function paragraphsThenWords(oldText: string, newText: string): Segment[] {
  const byParagraph = diffArrays(oldText.match(PARAGRAPH_TOKENS) ?? [], newText.match(PARAGRAPH_TOKENS) ?? [], { maxEditLength: MAX_PARAGRAPH_EDITS });
  // Hardly a paragraph in common: show it as one replacement.
  if (!byParagraph) return [{ del: oldText, ins: newText, coarse: true }];
  const out: Segment[] = [];
  for (const s of segments(byParagraph)) {
    if ('equal' in s || !s.del || !s.ins) out.push(s);
    else out.push(...(wordDiff(s.del, s.ins, STRETCH_BUDGET) ?? [{ ...s, coarse: true as const }]));
  }
  return out;
}

/** jsdiff's changes as runs: an equal stretch, or one change holding what went and what came. */
function segments(changes: { value: string[]; added: boolean; removed: boolean }[]): Segment[] {
  const out: Segment[] = [];
  for (const c of changes) {
    const text = c.value.join('');
    const last = out.at(-1);
    if (!c.added && !c.removed) out.push({ equal: text });
    else if (last && 'del' in last) {
      if (c.removed) last.del += text;
      else last.ins += text;
    } else out.push(c.removed ? { del: text, ins: '' } : { del: '', ins: text });
  }
  return out;
}

/**
 * A stretch of spaces or punctuation between two changes joins them ("a b" → "x y" reads as
 * one replacement, not two with a shared space). The stretch goes into both sides, so each
 * text still rebuilds exactly.
 */
function absorbGaps(segs: Segment[]): Segment[] {
  const out: Segment[] = [];
  for (let i = 0; i < segs.length; i++) {
    const s = segs[i]!;
    const prev = out.at(-1);
    const next = segs[i + 1];
    if ('equal' in s && prev && 'del' in prev && next && 'del' in next && !HAS_WORD.test(s.equal)) {
      prev.del += s.equal + next.del;
      prev.ins += s.equal + next.ins;
      i++;
    } else if ('del' in s && prev && 'del' in prev) {
      prev.del += s.del;
      prev.ins += s.ins;
    } else if ('equal' in s && prev && 'equal' in prev) {
      prev.equal += s.equal;
    } else out.push({ ...s });
  }
  return out;
}

/** White space that both sides of a change begin or end with is common text: shown as such, outside the change. */
function trimSpaces(segs: Segment[]): Segment[] {
  const out: Segment[] = [];
  for (const s of segs) {
    if ('equal' in s || !s.del || !s.ins) {
      out.push(s);
      continue;
    }
    const lead = commonSpace(/^\s*/.exec(s.del)![0], /^\s*/.exec(s.ins)![0], 'start');
    const trail = commonSpace(/\s*$/.exec(s.del)![0], /\s*$/.exec(s.ins)![0], 'end');
    // A change of white space only stays as it is.
    if (lead.length + trail.length >= Math.min(s.del.length, s.ins.length)) {
      out.push(s);
      continue;
    }
    if (lead) out.push({ equal: lead });
    out.push({ ...s, del: s.del.slice(lead.length, s.del.length - trail.length), ins: s.ins.slice(lead.length, s.ins.length - trail.length) });
    if (trail) out.push({ equal: trail });
  }
  return mergeEquals(out);
}

/** The longest common start (or end) of two runs of white space. */
function commonSpace(a: string, b: string, at: 'start' | 'end'): string {
  let n = 0;
  const max = Math.min(a.length, b.length);
  if (at === 'start') while (n < max && a[n] === b[n]) n++;
  else while (n < max && a[a.length - 1 - n] === b[b.length - 1 - n]) n++;
  return at === 'start' ? a.slice(0, n) : a.slice(a.length - n);
}

function mergeEquals(segs: Segment[]): Segment[] {
  const out: Segment[] = [];
  for (const s of segs) {
    const prev = out.at(-1);
    if ('equal' in s && prev && 'equal' in prev) prev.equal += s.equal;
    else out.push({ ...s });
  }
  return out;
}

/** Ops with their offsets: a change is its delete, then its insert, both at the same place. */
function emit(segs: Segment[]): DiffOp[] {
  const ops: DiffOp[] = [];
  let oldAt = 0;
  let newAt = 0;
  for (const s of segs) {
    if ('equal' in s) {
      if (s.equal) ops.push({ op: 'equal', text: s.equal, oldStart: oldAt, newStart: newAt });
      oldAt += s.equal.length;
      newAt += s.equal.length;
      continue;
    }
    if (s.del) ops.push({ op: 'delete', text: s.del, oldStart: oldAt, newStart: newAt });
    oldAt += s.del.length;
    if (s.ins) ops.push({ op: 'insert', text: s.ins, oldStart: oldAt, newStart: newAt });
    newAt += s.ins.length;
  }
  return ops;
}
