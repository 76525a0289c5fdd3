/**
 * The article-extraction-benchmark metric (scrapinghub/article-extraction-benchmark, evaluate.py),
 * re-implemented so our numbers are comparable with the published ones:
 * tokens are `\w+` (Unicode, case kept), shingles are overlapping 4-token tuples compared as
 * multisets; per page TP/FP/FN are normalised to sum 1; precision and recall are averaged over
 * pages (a page with an empty prediction is left out of precision, as upstream does), and F1
 * comes from the two averages.
 */

/** Python's `\w` under re.UNICODE: letters, numbers and underscore (combining marks split words). */
const TOKEN_RE = /[\p{L}\p{N}_]+/gu;

export function tokenize(text: string): string[] {
  return text.match(TOKEN_RE) ?? [];
}

function shingles(text: string, n: number): Map<string, number> {
  const tokens = tokenize(text);
  const counts = new Map<string, number>();
  const last = Math.max(1, tokens.length - n + 1);
  for (let i = 0; i < last; i++) {
    const slice = tokens.slice(i, i + n);
    if (slice.length === 0) continue;
    // \u0001 cannot occur inside a \w token, so the join is unambiguous.
    const key = slice.join('\u0001');
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return counts;
}

export interface PageScore {
  tp: number;
  fp: number;
  fn: number;
}

/** Normalised TP/FP/FN of one page (they sum to 1 unless both texts are empty). */
export function scorePage(truth: string, predicted: string, n = 4): PageScore {
  const t = shingles(truth, n);
  const p = shingles(predicted, n);
  let tp = 0;
  let fp = 0;
  let fn = 0;
  for (const [key, tc] of t) {
    const pc = p.get(key) ?? 0;
    tp += Math.min(tc, pc);
    fn += Math.max(0, tc - pc);
  }
  for (const [key, pc] of p) {
    const tc = t.get(key) ?? 0;
    if (tc === 0) fp += pc;
    else fp += Math.max(0, pc - tc);
  }
  const s = tp + fp + fn;
  return s > 0 ? { tp: tp / s, fp: fp / s, fn: fn / s } : { tp, fp, fn };
}

function precisionOf({ tp, fp, fn }: PageScore): number {
  if (fp === 0 && fn === 0) return 1;
  if (tp === 0 && fp === 0) return 0;
  return tp / (tp + fp);
}

function recallOf({ tp, fp, fn }: PageScore): number {
  if (fp === 0 && fn === 0) return 1;
  if (tp === 0 && fn === 0) return 0;
  return tp / (tp + fn);
}

export interface Aggregate {
  precision: number;
  recall: number;
  f1: number;
  /** Share of pages whose token sequence matches the truth exactly. */
  pages: number;
}

const mean = (xs: number[]): number => (xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : 0);

export function aggregate(pages: PageScore[]): Aggregate {
  const precision = mean(pages.filter((s) => s.tp + s.fp > 0).map(precisionOf));
  const recall = mean(pages.filter((s) => s.tp + s.fn > 0).map(recallOf));
  const f1 = precision + recall > 0 ? (2 * precision * recall) / (precision + recall) : 0;
  return { precision, recall, f1, pages: pages.length };
}

/** Per-page F1, for listing the worst pages. */
export function pageF1(s: PageScore): number {
  const p = precisionOf(s);
  const r = recallOf(s);
  return p + r > 0 ? (2 * p * r) / (p + r) : 0;
}
