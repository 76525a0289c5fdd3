/**
 * checkFigureRelations: where figures in one article depend on each other, do they agree?
 *
 * Three simple, documented heuristics (they suggest; a person decides):
 * - ratio: an "N times" figure R compares two counts. The base b is the first count after R
 *   in R's sentence ("almost 20 times higher than the 80 requests"); the other count a is
 *   the nearest compatible count before R — in R's sentence first, then anywhere earlier,
 *   preferring figures stated exactly (1,526 over "more than 1,500") — else one after b.
 *   "N times fewer/less/lower" inverts it. Stated N is checked against a ÷ b.
 * - total: a figure cued as a total ("a total of 12", "12 in all", "altogether") and two or
 *   more counts in its sentence (or the next one, same paragraph) of the same kind. The parts
 *   must sum to the total; after "including", "of whom", "of which" they may sum to less.
 * - difference: a percentage in a sentence that says "from A to B" is checked against the
 *   change (B − A) ÷ A; "percentage points" against B − A of two percentages. A change whose
 *   direction contradicts the verb ("fell" but B > A) does not agree.
 * Tolerance comes from the stated figure's qualifier (see qualifiers.ts): exact numbers must
 * match after rounding, "about" ±10 %, "almost"/"nearly" within 10 % below, "more than" above.
 */
import { GlossaError } from '../model/errors.js';
import { parseFigure } from './parse.js';
import { type Acceptance, accepts, qualifierClass } from './qualifiers.js';

export interface FigureInput {
  /** Annotation id. */
  id: string;
  value: number | null;
  unit: string | null;
  qualifier: string | null;
  exact: string;
  start: number;
}

export interface FigureRelation {
  kind: 'ratio' | 'total' | 'difference';
  /** Annotation ids: the stated figure first, then the figures it is computed from. */
  figures: string[];
  /** What the other figures give (a ÷ b, the sum of the parts, the change). */
  expected: number;
  /** What the article states. */
  stated: number;
  agrees: boolean;
  /** The range of values the stated figure (with its qualifier) allows; null where unbounded. */
  accepted: [number | null, number | null];
  explanation: string;
}

interface Fig {
  id: string;
  value: number;
  unit: string | null;
  qualifier: string | null;
  exact: string;
  start: number;
  end: number;
  sentence: number;
  paragraph: number;
  /** Derived once: what kind of figure this is and how to compare its unit. */
  ratio: boolean;
  percent: boolean;
  points: boolean;
  count: boolean;
  money: boolean;
  normUnit: string | null;
  exactlyStated: boolean;
}

const MAX_FIGURES = 5000;

/** Built once: constructing an Intl.NumberFormat costs far more than formatting. */
const FORMATS = [0, 1, 2].map((d) => new Intl.NumberFormat('en-US', { maximumFractionDigits: d }));
const fmtNum = (n: number): string => {
  if (!Number.isFinite(n)) return n > 0 ? '∞' : '−∞';
  const digits = Number.isInteger(n) ? 0 : Math.abs(n) < 10 ? 2 : 1;
  return FORMATS[digits]!.format(n);
};

/** Nouns for people count as one unit, so "5 men and 7 women" can add up to "12 people". */
const PERSON = new Set([
  'people',
  'persons',
  'person',
  'men',
  'man',
  'women',
  'woman',
  'children',
  'child',
  'adults',
  'adult',
  'boys',
  'girls',
  'residents',
  'victims',
  'civilians',
  'migrants',
  'immigrants',
  'refugees',
  'patients',
  'workers',
  'employees',
  'voters',
  'students',
  'prisoners',
  'inmates',
]);
const normUnit = (u: string | null): string | null => {
  if (!u) return null;
  const s = u.trim().toLowerCase();
  if (PERSON.has(s)) return 'person';
  return s.length > 3 && /[^s]s$/.test(s) ? s.slice(0, -1) : s;
};
const compatible = (a: Fig, b: Fig) => a.normUnit === null || b.normUnit === null || a.normUnit === b.normUnit;
/** Same currency for money, compatible units for counts. */
const sameKind = (a: Fig, b: Fig) => a.money === b.money && (a.money ? a.unit === b.unit : compatible(a, b));

function classify(f: Omit<Fig, 'ratio' | 'percent' | 'points' | 'count' | 'money' | 'normUnit' | 'exactlyStated'>): Fig {
  const u = (f.unit ?? '').toLowerCase();
  const points = u === 'percentage points';
  const percent = points || ['%', 'percent', 'per cent'].includes(u);
  const ratio = ['ratio', 'times', 'time', 'x', 'fold'].includes(u) || (f.unit === null && /\b(times|fold|twice|thrice)\b/i.test(f.exact));
  // A bare 4-digit number in year range with no unit is a date, not a count.
  const year = f.unit === null && Number.isInteger(f.value) && f.value >= 1000 && f.value <= 2199;
  return {
    ...f,
    ratio,
    percent,
    points,
    count: !ratio && !percent && !year && u !== 'fraction',
    money: !!f.unit && /^[A-Z]{3}$/.test(f.unit),
    normUnit: normUnit(f.unit),
    exactlyStated: qualifierClass(f.qualifier).cls === 'exact',
  };
}

/** Start offsets of sentences: after . ! ? followed by space and a capital, digit or quote; after ; or a line break. */
function boundaries(text: string): { sentences: number[]; paragraphs: number[] } {
  const sentences = [0];
  const paragraphs = [0];
  for (const m of text.matchAll(/[.!?]+["”’']?(?=\s+["“‘'(]?[\p{Lu}\p{N}])|;|\n+/gu)) {
    const end = m.index + m[0].length;
    sentences.push(end);
    if (m[0].includes('\n')) paragraphs.push(end);
  }
  return { sentences, paragraphs };
}
/** Index of the last start ≤ pos (binary search over ascending starts). */
const indexIn = (starts: number[], pos: number) => {
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (starts[mid]! <= pos) lo = mid;
    else hi = mid - 1;
  }
  return lo;
};

function describeAccepted(a: Acceptance): string {
  switch (a.cls) {
    case 'atLeast':
      return `at least ${fmtNum(a.low)}`;
    case 'atMost':
      return `at most ${fmtNum(a.high)}`;
    case 'exact':
      return `${fmtNum((a.low + a.high) / 2)} after rounding`;
    default:
      return `${fmtNum(a.low)} to ${fmtNum(a.high)}`;
  }
}

function relation(kind: FigureRelation['kind'], ids: string[], stated: Fig, expected: number, sum: string, acc: Acceptance, extra = ''): FigureRelation {
  const verdict = acc.agrees ? 'agrees' : 'does not agree';
  return {
    kind,
    figures: ids,
    expected,
    stated: stated.value,
    agrees: acc.agrees,
    accepted: [Number.isFinite(acc.low) ? acc.low : null, Number.isFinite(acc.high) ? acc.high : null],
    explanation: `${sum} = ${fmtNum(expected)}; “${stated.exact}” allows ${describeAccepted(acc)}${extra}: ${verdict}.`,
  };
}

/** Among figures met nearest first, the first stated exactly, else the nearest. */
function nearestPreferExact(seq: Iterable<Fig>): Fig | undefined {
  let first: Fig | undefined;
  for (const f of seq) {
    if (f.exactlyStated) return f;
    first ??= f;
  }
  return first;
}

function* walk(figs: Fig[], from: number, step: 1 | -1, keep: (f: Fig) => boolean, stop: (f: Fig) => boolean): Generator<Fig> {
  for (let j = from; j >= 0 && j < figs.length; j += step) {
    const f = figs[j]!;
    if (stop(f)) return;
    if (keep(f)) yield f;
  }
}

function ratioRelations(figs: Fig[], text: string | undefined): FigureRelation[] {
  const out: FigureRelation[] = [];
  figs.forEach((r, ri) => {
    if (!r.ratio || !(r.value > 0)) return;
    // Without the text, "the same sentence" is approximated by 200 characters.
    const far = (f: Fig) => (text ? f.sentence !== r.sentence : Math.max(f.start - r.end, r.start - f.end) >= 200);
    const usable = (f: Fig) => f.count && f.value !== 0;
    let bi = -1;
    for (let j = ri + 1; j < figs.length && !far(figs[j]!); j++)
      if (figs[j]!.start >= r.end && usable(figs[j]!)) {
        bi = j;
        break;
      }
    const b = figs[bi];
    if (!b) return;
    const fits = (f: Fig) => f !== b && usable(f) && sameKind(f, b) && f.end <= r.start;
    const a =
      nearestPreferExact(walk(figs, ri - 1, -1, fits, far)) ??
      nearestPreferExact(walk(figs, ri - 1, -1, fits, () => false)) ??
      nearestPreferExact(walk(figs, bi + 1, 1, (f) => usable(f) && sameKind(f, b), far));
    if (!a) return;
    const between = text ? text.slice(r.end, b.start) : '';
    const inverted = /\b(fewer|less|lower|smaller|cheaper|shorter|slower)\b/i.test(between);
    const expected = inverted ? b.value / a.value : a.value / b.value;
    if (!Number.isFinite(expected)) return;
    const acc = accepts(r.value, r.qualifier, expected);
    const sum = inverted ? `${fmtNum(b.value)} ÷ ${fmtNum(a.value)}` : `${fmtNum(a.value)} ÷ ${fmtNum(b.value)}`;
    out.push(relation('ratio', [r.id, a.id, b.id], r, expected, sum, acc));
  });
  return out;
}

const TOTAL_BEFORE = /\b(?:a\s+total\s+of|total\s+of|totall?ing|totall?ed|in\s+total|altogether|combined|overall|all\s+told|sum\s+of)\s+(?:the\s+|some\s+)?$/i;
const TOTAL_AFTER = /^\s*(?:\p{L}+\s+){0,2}?(?:in\s+total|in\s+all|altogether|combined|all\s+told|total)\b/iu;
const TOTAL_IN_EXACT = /\b(?:total|altogether|in all|combined|all told)\b/i;
const PARTIAL = /\b(?:including|includes|included|of whom|of which|among them|among whom|such as)\b/i;

function totalRelations(figs: Fig[], text: string, bySentence: Map<number, Fig[]>): FigureRelation[] {
  const out: FigureRelation[] = [];
  for (const t of figs) {
    if (!t.count) continue;
    const cued =
      TOTAL_BEFORE.test(text.slice(Math.max(0, t.start - 40), t.start)) || TOTAL_AFTER.test(text.slice(t.end, t.end + 40)) || TOTAL_IN_EXACT.test(t.exact);
    if (!cued) continue;
    const fits = (f: Fig) => f !== t && f.count && sameKind(f, t) && f.paragraph === t.paragraph;
    const own = bySentence.get(t.sentence) ?? [];
    let parts = own.filter(fits);
    if (parts.length < 2) parts = [...own, ...(bySentence.get(t.sentence + 1) ?? [])].filter(fits);
    if (parts.length < 2) continue;
    const sum = parts.reduce((s, f) => s + f.value, 0);
    const from = Math.min(t.start, ...parts.map((f) => f.start));
    const to = Math.max(t.end, ...parts.map((f) => f.start + f.exact.length));
    const partial = PARTIAL.test(text.slice(from, to));
    // Parts stated loosely ("about 5") make the sum loose too.
    const qualifier = t.qualifier ?? (parts.some((f) => !f.exactlyStated) ? 'about' : null);
    let acc = accepts(t.value, qualifier, sum);
    if (partial) acc = { ...acc, agrees: sum <= acc.high, low: -Infinity, cls: 'atMost' };
    const ids = [t.id, ...parts.map((f) => f.id)];
    out.push(relation('total', ids, t, sum, parts.map((f) => fmtNum(f.value)).join(' + '), acc, partial ? ' (the parts may be only some of it)' : ''));
  }
  return out;
}

const FALL =
  /\b(?:fell|fall|falls|falling|dropped|drop|drops|declined?|declines|decreased?|decreases|down|cut|shrank|shrunk|slumped|plunged|lost|reduced?|reduction)\b/i;
const RISE = /\b(?:rose|rise|rises|rising|increased?|increases|up|grew|grow|grows|jumped|jump|jumps|climbed|climbs?|gained?|soared|surged)\b/i;

function differenceRelations(figs: Fig[], text: string, sentenceStarts: number[], bySentence: Map<number, Fig[]>): FigureRelation[] {
  const out: FigureRelation[] = [];
  for (const p of figs) {
    if (!p.percent) continue;
    const points = p.points;
    const inSentence = (bySentence.get(p.sentence) ?? []).filter((f) => f !== p);
    const sStart = sentenceStarts[p.sentence] ?? 0;
    const pairs: { ids: string[]; a: number; b: number }[] = [];
    for (const f of inSentence) {
      // One figure holding the whole change: "from 80 to 100".
      const parsed = parseFigure(f.exact);
      if (parsed.range && /\bfrom\b/i.test(text.slice(Math.max(sStart, f.start - 6), f.start + f.exact.length)) && !points)
        pairs.push({ ids: [f.id], a: parsed.range[0], b: parsed.range[1] });
    }
    for (const a of inSentence)
      for (const b of inSentence) {
        if (a.start >= b.start || !sameKind(a, b)) continue;
        const kindOk = points ? a.percent && b.percent && !a.points && !b.points : a.count && b.count;
        if (!kindOk) continue;
        const from = /\bfrom\s+(?:the\s+|a\s+|an\s+)?$/i.test(text.slice(Math.max(sStart, a.start - 12), a.start)) || /^from\b/i.test(a.exact);
        const to = /^[^.!?;]{0,40}?\bto\s+(?:the\s+|a\s+|an\s+)?$/i.test(text.slice(a.start + a.exact.length, b.start));
        if (from && to) pairs.push({ ids: [a.id, b.id], a: a.value, b: b.value });
      }
    const sentence = text.slice(sStart, sentenceStarts[p.sentence + 1] ?? text.length);
    const saysFall = FALL.test(sentence) || p.value < 0;
    const saysRise = RISE.test(sentence);
    for (const pair of pairs) {
      if (!points && pair.a === 0) continue;
      const change = points ? pair.b - pair.a : ((pair.b - pair.a) / pair.a) * 100;
      const wrongWay = (saysFall && !saysRise && change > 0) || (saysRise && !saysFall && change < 0);
      const acc0 = accepts(Math.abs(p.value), p.qualifier, Math.abs(change));
      const acc = { ...acc0, agrees: acc0.agrees && !wrongWay };
      const sum = points ? `${fmtNum(pair.b)} − ${fmtNum(pair.a)}` : `(${fmtNum(pair.b)} − ${fmtNum(pair.a)}) ÷ ${fmtNum(pair.a)}`;
      const extra = wrongWay ? `, but the text says it ${saysFall ? 'fell' : 'rose'}` : '';
      out.push(relation('difference', [p.id, ...pair.ids], p, change, sum, acc, extra));
    }
  }
  return out;
}

/**
 * Finds figures in one article that depend on each other and says whether they agree.
 * `text` (the canonical text the offsets refer to) lets sentences and cue words count;
 * without it only ratios are checked, by position. Figures with no readable value, or
 * whose `exact` is not at `start` in `text`, are left out.
 */
export function checkFigureRelations(figures: readonly FigureInput[], text?: string): FigureRelation[] {
  if (!Array.isArray(figures))
    throw new GlossaError('INVALID_INPUT', 'checkFigureRelations needs a list of figures (id, value, unit, qualifier, exact, start).');
  if (figures.length > MAX_FIGURES)
    throw new GlossaError(
      'TOO_LARGE',
      `An article with ${figures.length} figures is more than the ${MAX_FIGURES} the relation check reads; check a smaller part.`,
    );
  const doc = typeof text === 'string' ? text : undefined;
  const { sentences, paragraphs } = doc ? boundaries(doc) : { sentences: [0], paragraphs: [0] };
  const figs: Fig[] = [];
  for (const f of figures) {
    if (!f || typeof f.exact !== 'string' || typeof f.id !== 'string' || !Number.isInteger(f.start) || f.start < 0) continue;
    if (doc !== undefined && doc.slice(f.start, f.start + f.exact.length) !== f.exact) continue;
    // A figure tagged without its fields filled in is read from its text.
    const parsed = f.value == null || f.unit === undefined || f.qualifier === undefined ? parseFigure(f.exact) : null;
    const value = typeof f.value === 'number' ? f.value : parsed?.value;
    if (typeof value !== 'number' || !Number.isFinite(value)) continue;
    const end = f.start + f.exact.length;
    figs.push(
      classify({
        id: f.id,
        value,
        unit: f.unit === undefined ? (parsed?.unit ?? null) : f.unit,
        qualifier: f.qualifier === undefined ? (parsed?.qualifier ?? null) : f.qualifier,
        exact: f.exact,
        start: f.start,
        end,
        sentence: indexIn(sentences, f.start),
        paragraph: indexIn(paragraphs, f.start),
      }),
    );
  }
  figs.sort((x, y) => x.start - y.start);
  const out = ratioRelations(figs, doc);
  if (doc === undefined) return out;
  const bySentence = new Map<number, Fig[]>();
  for (const f of figs) {
    const list = bySentence.get(f.sentence);
    if (list) list.push(f);
    else bySentence.set(f.sentence, [f]);
  }
  out.push(...totalRelations(figs, doc, bySentence), ...differenceRelations(figs, doc, sentences, bySentence));
  return out;
}
