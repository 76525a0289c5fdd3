/**
 * One reading of an article shared by every detector: tokens with part-of-speech tags and
 * UTF-16 offsets (wink-nlp, whose model ships inside its npm package), paragraphs,
 * quotation-mark spans and sentences that never break inside a quotation.
 */
import winkNLP from 'wink-nlp';
import model from 'wink-eng-lite-web-model';

export interface Tok {
  start: number;
  end: number;
  text: string;
  lower: string;
  /** Universal POS tag from wink ("PROPN", "VERB", "AUX", …). */
  pos: string;
}

/** A quotation: from its opening mark to its closing mark, both included (or to the paragraph's end when unclosed). */
export interface QuoteSpan {
  start: number;
  end: number;
  /** Offsets of the words inside the marks. */
  innerStart: number;
  innerEnd: number;
  closed: boolean;
}

export interface Sentence {
  start: number;
  end: number;
  paragraph: number;
}

export interface Analysis {
  text: string;
  tokens: Tok[];
  paragraphs: [number, number][];
  quotes: QuoteSpan[];
  sentences: Sentence[];
}

type Nlp = ReturnType<typeof winkNLP>;
let nlp: Nlp | null = null;
/** Loading the model takes ~100 ms: once per process (or worker), on first use. */
const getNlp = (): Nlp => (nlp ??= winkNLP(model, ['pos']));

function tokensOf(text: string): Tok[] {
  const n = getNlp();
  const its = n.its;
  const out: Tok[] = [];
  let at = 0;
  n.readDoc(text)
    .tokens()
    .each((t: { out: (f?: unknown) => unknown }) => {
      at += (t.out(its.precedingSpaces) as string).length;
      const value = t.out(its.value) as string;
      // wink keeps the text verbatim; guard anyway so an offset can never drift.
      const start = text.startsWith(value, at) ? at : text.indexOf(value, at);
      if (start < 0) return;
      out.push({ start, end: start + value.length, text: value, lower: value.toLowerCase(), pos: t.out(its.pos) as string });
      at = start + value.length;
    });
  return out;
}

function paragraphsOf(text: string): [number, number][] {
  const out: [number, number][] = [];
  for (const m of text.matchAll(/[^\n]+/g)) {
    const s = m.index;
    const e = s + m[0].length;
    if (m[0].trim()) out.push([s, e]);
  }
  return out;
}

const OPEN_ONLY = new Set(['“', '„', '«']);
const CLOSE_ONLY = new Set(['”', '»']);
const isMark = (c: string) => c === '"' || OPEN_ONLY.has(c) || CLOSE_ONLY.has(c);

/**
 * Pairs double quotation marks, curly or straight, in reading order. A straight mark opens
 * when nothing is open and closes otherwise. A quotation running over paragraphs (an opening
 * mark on each, a closing mark only at the end) is one span; one left open at a paragraph's
 * end with no continuation ends there.
 */
function quotesOf(text: string, paragraphs: [number, number][]): QuoteSpan[] {
  const out: QuoteSpan[] = [];
  let open = -1;
  let carriedEnd = -1;
  for (const [ps, pe] of paragraphs) {
    let i = ps;
    if (open >= 0) {
      const f = ps + text.slice(ps, pe).search(/\S/);
      if (isMark(text[f]!) && !CLOSE_ONLY.has(text[f]!)) i = f + 1;
      else {
        out.push({ start: open, end: carriedEnd, innerStart: open + 1, innerEnd: carriedEnd, closed: false });
        open = -1;
      }
    }
    for (; i < pe; i++) {
      const c = text[i]!;
      if (!isMark(c)) continue;
      // A straight mark shows its direction by its neighbours: space before and a word after opens; a word before and space after closes.
      const opener = c === '"' && (i === ps || /[\s([—–-]/.test(text[i - 1]!)) && /[^\s.,;:!?]/.test(text[i + 1] ?? ' ');
      const closer = c === '"' && i > ps && /[^\s([]/.test(text[i - 1]!) && (i + 1 >= pe || /[\s.,;:!?)\]—–]/.test(text[i + 1]!));
      if (open < 0) {
        if (!CLOSE_ONLY.has(c) && !closer) open = i; // a stray closing mark (or an inch mark, 6'2") is skipped
      } else if (OPEN_ONLY.has(c) || (opener && !closer && /[.,!?]\s*$/.test(text.slice(open, i))))
        open = i; // the earlier mark was never closed: start again here
      else {
        if (i > open + 1) out.push({ start: open, end: i + 1, innerStart: open + 1, innerEnd: i, closed: true });
        open = -1;
      }
    }
    if (open >= 0) carriedEnd = ps + text.slice(ps, pe).trimEnd().length;
  }
  if (open >= 0 && carriedEnd > open + 1) out.push({ start: open, end: carriedEnd, innerStart: open + 1, innerEnd: carriedEnd, closed: false });
  return out;
}

/** Abbreviations whose full stop does not end a sentence. */
const ABBREV =
  /(?:^|[\s(])(?:Mr|Mrs|Ms|Dr|St|Sen|Rep|Gov|Gen|Lt|Col|Sgt|Capt|Cmdr|Adm|Prof|Rev|Jr|Sr|Inc|Corp|Co|Ltd|No|vs|etc|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec|Mt|Ft|Ave|approx|[A-Z]|(?:[A-Za-z]\.)+[A-Za-z])\.$/;

function sentencesOf(text: string, paragraphs: [number, number][], quotes: QuoteSpan[]): Sentence[] {
  const out: Sentence[] = [];
  let q = 0;
  paragraphs.forEach(([ps, pe], p) => {
    let s = ps;
    for (let i = ps; i < pe; i++) {
      while (q < quotes.length && quotes[q]!.end <= i) q++;
      const cur = quotes[q];
      // Inside a quotation only its last punctuation (".”", "?’”") can end the sentence.
      const inQuote = !!cur && cur.start < i && i < cur.end - 1 && !/^[.!?]?[’'”"]+$/.test(text.slice(i + 1, cur.end));
      if (inQuote || !/[.!?]/.test(text[i]!)) continue;
      let j = i + 1;
      while (j < pe && /[”"’')\]]/.test(text[j]!)) j++;
      if (j < pe && !/\s/.test(text[j]!)) continue;
      let k = j;
      while (k < pe && /\s/.test(text[k]!)) k++;
      if (k < pe && !/[\p{Lu}\p{N}“"‘'(«]/u.test(text[k]!)) continue;
      if (text[i] === '.' && ABBREV.test(text.slice(Math.max(ps, i - 12), i + 1))) continue;
      out.push({ start: s, end: j, paragraph: p });
      s = k;
      i = k - 1;
    }
    if (s < pe && text.slice(s, pe).trim()) out.push({ start: s, end: pe - (text.slice(s, pe).length - text.slice(s, pe).trimEnd().length), paragraph: p });
  });
  return out;
}

/**
 * Quotation marks written another way, rewritten to the marks the detectors read (same
 * length, so every offset still points into the original text):
 * - doubled single marks for a double one (“’’”, "‘‘", "''", "``"), as some wires and
 *   typesetters write them: one of the pair becomes a double mark, the other stays inside
 *   the span (a closing one) or becomes a space (an opening one);
 * - single marks as the only quotation marks of an article (British style, ‘…’): an opening ‘
 *   and the ’ closing it become double marks. An apostrophe inside a word is never one.
 */
export function normaliseMarks(text: string): string {
  const out = text
    // A doubled closing mark after a word or punctuation: "voters,’’" → "voters,’”" (the span keeps both marks).
    .replace(/(?<=\S)(?:’’|''|‘‘(?=[\s.,;:!?)]|$))/g, (m) => `${m[0]}”`)
    // A doubled opening mark before a word: "‘‘We", "``We" → "“ We".
    .replace(/(?<=^|[\s([—–-])(?:‘‘|``|'')(?=\S)/g, '“ ');
  if (/[“”"«»„]/.test(out) || !/(?:^|[\s(—–])‘\p{L}/mu.test(out)) return out;
  // Only single UTF-16 code units change, so offsets stay put.
  const units = out.split('');
  let open = -1;
  for (let i = 0; i < units.length; i++) {
    const c = units[i]!;
    if (c === '\n') open = -1;
    else if (c === '‘' && open < 0 && (i === 0 || /[\s(—–]/.test(units[i - 1]!)) && /\p{L}|\p{N}/u.test(units[i + 1] ?? '')) open = i;
    else if (c === '’' && open >= 0 && /\S/.test(units[i - 1]!) && !/\p{L}/u.test(units[i + 1] ?? '')) {
      units[open] = '“';
      units[i] = '”';
      open = -1;
    }
  }
  return units.join('');
}

export function analyse(source: string): Analysis {
  const text = normaliseMarks(source);
  const tokens = tokensOf(text);
  const paragraphs = paragraphsOf(text);
  const quotes = quotesOf(text, paragraphs);
  const sentences = sentencesOf(text, paragraphs, quotes);
  retagNames(tokens, sentences);
  return { text, tokens, paragraphs, quotes, sentences };
}

/**
 * The lite model tags unknown capitalised words by their shape ("Cooper" → VERB, "Mostofi" → NOUN).
 * A capitalised word inside a sentence, next to another capitalised word or right before a
 * reporting verb, is part of a name: PROPN.
 */
function retagNames(tokens: Tok[], sentences: Sentence[]): void {
  const starts = new Set(sentences.map((s) => s.start));
  const cap = (t: Tok | undefined) => !!t && /^\p{Lu}[\p{Ll}’'-]/u.test(t.text);
  for (let i = 1; i < tokens.length; i++) {
    const t = tokens[i]!;
    const prev = tokens[i - 1]!;
    // "He Jianxiong", "Ma Ying-jeou": a capitalised "He" inside a sentence, right before a name, is a family name.
    if (t.text === 'He' && !starts.has(t.start) && !/^[“"‘(:.!?]$/.test(prev.text) && cap(tokens[i + 1]) && tokens[i + 1]!.start === t.end + 1) {
      t.pos = 'PROPN';
      tokens[i + 1]!.pos = 'PROPN';
      continue;
    }
    if (!cap(t) || starts.has(t.start) || !['VERB', 'NOUN', 'ADJ', 'AUX'].includes(t.pos)) continue;
    if (/^[“"‘(:]$/.test(prev.text)) continue;
    if (
      cap(prev) ||
      prev.pos === 'PROPN' ||
      (cap(tokens[i + 1]) && tokens[i + 1]!.pos === 'PROPN') ||
      /^(?:said|says|told|tells|wrote|added)$/.test(tokens[i + 1]?.lower ?? '')
    )
      t.pos = 'PROPN';
  }
}

/** Index of the first token starting at or after `offset` (binary search). */
export function tokenAt(tokens: Tok[], offset: number): number {
  let lo = 0;
  let hi = tokens.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (tokens[mid]!.start < offset) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
