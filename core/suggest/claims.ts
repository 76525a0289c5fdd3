/**
 * Claims: sentences worth checking, scored 0–1. A figure, a comparison, a cause or a plain
 * statement of fact about the world raise the score; questions, opinions in the first person,
 * hedges and fragments lower it (the features ClaimBuster and Full Fact's tools rely on).
 */
import type { Analysis, Tok } from './analyse.js';
import { tokenAt } from './analyse.js';

export interface FoundClaim {
  start: number;
  end: number;
  checkworthiness: number;
}

const COMPARISON =
  /\b(?:more|less|fewer|higher|lower|larger|smaller|bigger|greater|most|least|largest|biggest|highest|lowest|record|doubled|tripled|halved|increased?|decreased?|rose|risen|fell|fallen|dropped|grew|grown|declined?|surged?|soared|plunged|times|than|compared|outnumber\w*|exceed\w*)\b/i;
const CAUSAL =
  /\b(?:because|due to|caused?|causes|led to|leads to|result(?:ed|s)? in|as a result|owing to|thanks to|responsible for|linked to|contribut\w+ to|blamed)\b/i;
const HEDGE_OPINION = /\b(?:I think|I believe|we think|we believe|in my opinion|I feel|I hope|we hope|should|would like|might|maybe|perhaps)\b/i;
const FACT_VERBS = new Set([
  'is',
  'are',
  'was',
  'were',
  'has',
  'have',
  'had',
  'found',
  'shows',
  'showed',
  'reported',
  'killed',
  'died',
  'arrested',
  'convicted',
  'voted',
  'passed',
  'signed',
  'cost',
  'costs',
  'received',
  'got',
  'spent',
  'lost',
  'won',
  'ignored',
]);

export function detectClaims(a: Analysis, figureStarts: number[]): FoundClaim[] {
  const out: FoundClaim[] = [];
  const figs = [...figureStarts].sort((x, y) => x - y);
  for (const s of a.sentences) {
    const text = a.text.slice(s.start, s.end);
    const toks: Tok[] = a.tokens.slice(tokenAt(a.tokens, s.start), tokenAt(a.tokens, s.end));
    const words = toks.filter((t) => t.pos !== 'PUNCT' && t.pos !== 'SYM');
    if (words.length < 6 || words.length > 80) continue;
    const hasVerb = toks.some((t) => t.pos === 'VERB' || t.pos === 'AUX');
    if (!hasVerb) continue;
    let score = 0.15;
    const figureCount = figs.filter((f) => f >= s.start && f < s.end).length;
    if (figureCount > 0) score += 0.3 + Math.min(0.1, 0.05 * (figureCount - 1));
    if (COMPARISON.test(text)) score += 0.15;
    if (CAUSAL.test(text)) score += 0.15;
    if (toks.some((t) => FACT_VERBS.has(t.lower))) score += 0.1;
    if (toks.some((t) => t.pos === 'PROPN')) score += 0.05;
    if (toks.some((t) => t.pos === 'NUM')) score += 0.05;
    if (/\?\s*["”]?$/.test(text.trim())) score -= 0.3;
    if (HEDGE_OPINION.test(text)) score -= 0.15;
    if (/^["“]/.test(text.trim()) && figureCount === 0) score -= 0.1;
    score = Math.round(Math.max(0, Math.min(1, score)) * 100) / 100;
    if (score < 0.45) continue;
    const trimmed = a.text.slice(s.start, s.end);
    const lead = trimmed.length - trimmed.trimStart().length;
    out.push({ start: s.start + lead, end: s.start + trimmed.trimEnd().length, checkworthiness: score });
  }
  return out.sort((x, y) => y.checkworthiness - x.checkworthiness || x.start - y.start);
}
