/**
 * Figures: every number in the text read by the figure parser (core/figures) with the
 * words around it as context; the span covers qualifier, currency, number and unit.
 * Years, dates, times, ordinals and numbers inside names ("COVID-19") are left out.
 */
import { parseFigure, tokenize } from '../figures/index.js';
import { startsWordNumber, RATIO_WORDS, type Token } from '../figures/numbers.js';
import { QUALIFIERS_BEFORE } from '../figures/qualifiers.js';

export interface FoundFigure {
  start: number;
  end: number;
  value: number;
  unit: string | null;
  qualifier: string | null;
  period: string | null;
  confidence: number;
}

const MONTH = /^(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)$/i;
const CONTEXT = 120;
/** Number words that are pronouns or determiners far more often than counts. */
const WEAK_WORDS = new Set(['one', 'half']);

function isDateOrTime(text: string, toks: Token[], k: number): boolean {
  const t = toks[k]!;
  const prev = toks[k - 1];
  const next = toks[k + 1];
  if (prev && MONTH.test(prev.text) && /^\d{1,2}$/.test(t.text)) return true;
  if (next && MONTH.test(next.text) && /^\d{1,2}$/.test(t.text)) return true;
  if (next && /^(?:a\.?m|p\.?m)\.?$/i.test(text.slice(next.start, next.start + 4).replace(/\s.*/, ''))) return true;
  if (next?.text === ':' && toks[k + 2]?.type === 'num' && next.start === t.end) return true;
  if (/^\d{1,2}[/.]\d{1,2}[/.]\d{2,4}/.test(text.slice(t.start, t.start + 10))) return true;
  return false;
}

export function detectFigures(text: string): FoundFigure[] {
  const toks = tokenize(text);
  const out: FoundFigure[] = [];
  let coveredTo = -1;
  for (let k = 0; k < toks.length; k++) {
    const t = toks[k]!;
    if (t.start < coveredTo) continue;
    const isNum = t.type === 'num' || startsWordNumber(toks, k) || (t.type === 'word' && t.lower in RATIO_WORDS);
    if (!isNum) continue;
    // Numbers glued to letters or a hyphenated name ("COVID-19", "G20", "F-35") are names.
    const before = text[t.start - 1] ?? ' ';
    if (
      t.type === 'num' &&
      (/\p{L}/u.test(before) ||
        (before === '-' && /\p{L}/u.test(text[t.start - 2] ?? '')) ||
        (/^\p{L}/u.test(text.slice(t.end, t.end + 1)) && !/^(?:m|bn|b|k|tn|s)\b/i.test(text.slice(t.end, t.end + 3))))
    )
      continue;
    if (t.type === 'num' && isDateOrTime(text, toks, k)) continue;
    if (t.type === 'word' && /^\p{Lu}/u.test(t.text) && k > 0 && /^\p{Lu}/u.test(toks[k - 1]!.text) && text[toks[k - 1]!.end] === ' ') continue; // "Ocean's Eleven"
    // Read from here to the sentence's next few words.
    const selEnd = Math.min(text.length, toks[Math.min(toks.length - 1, k + 3)]!.end);
    const sel = text.slice(t.start, selEnd);
    const p = parseFigure(sel, { before: text.slice(Math.max(0, t.start - CONTEXT), t.start), after: text.slice(selEnd, selEnd + CONTEXT) });
    if (p.value === null || !p.span || p.kind === 'year') continue;
    if (p.kind === 'other' && !p.unit) continue;
    let start = t.start + p.span[0];
    let end = t.start + p.span[1];
    // Currency sign before the number, unit words after it.
    const pre = /(?:[A-Z]{1,2})?[$€£¥₹₽₩₺₴₪]\s?$/.exec(text.slice(Math.max(0, start - 4), start));
    if (pre) start -= pre[0].length;
    if (p.unit) {
      const tail = text.slice(end, end + 60);
      const unitRe =
        p.unit === '%'
          ? /^\s?(?:%|percent|per cent|pct)/i
          : p.unit === 'ratio'
            ? /^(?:\s?times|-?fold|x)\b/i
            : p.unit === 'percentage points'
              ? /^\s+percentage points/i
              : new RegExp(`^(?:[\\s-]+[\\p{L}'’-]+){0,3}?[\\s-]+${p.unit.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\b`, 'iu');
      const m = unitRe.exec(tail) ?? (/^[A-Z]{3}$/.test(p.unit) ? /^\s?(?:[A-Za-z]+\s)?(?:dollars?|euros?|pounds?|yen|yuan|[A-Z]{3})\b/.exec(tail) : null);
      if (m) end += m[0].length;
    }
    if (p.qualifier) {
      const q = text.slice(Math.max(0, start - 40), start).toLowerCase();
      const idx = q.lastIndexOf(p.qualifier);
      if (idx >= 0 && q.slice(idx + p.qualifier.length).trim() === '' && QUALIFIERS_BEFORE.includes(p.qualifier)) start -= q.length - idx;
    }
    if (WEAK_WORDS.has(t.lower) && !p.unit) continue;
    if (t.type === 'word' && !p.unit) continue;
    out.push({ start, end, value: p.value, unit: p.unit, qualifier: p.qualifier, period: p.period, confidence: p.confidence });
    coveredTo = end;
  }
  return out;
}
