/**
 * suggest(): one pass over an article's canonical text → quote, figure and claim
 * suggestions with UTF-16 offsets. Pure and deterministic: the same text and registry give
 * the same list, in the same order.
 */
import { findSpeaker } from '../speakers/match.js';
import { GlossaError, type Speaker } from '../model/index.js';
import { analyse } from './analyse.js';
import { detectClaims } from './claims.js';
import { detectFigures } from './figures.js';
import { detectQuotes } from './quotes.js';
import { SUGGEST_KINDS, type DetectorId, type Suggestion, type SuggestOptions } from './types.js';

export const DETECTORS: Record<'quote' | 'figure' | 'claim', DetectorId> = {
  quote: { name: 'glossa-quotes', version: '1.0.0' },
  figure: { name: 'glossa-figures', version: '1.0.0' },
  claim: { name: 'glossa-claims', version: '1.0.0' },
};

/** Longest text read: far beyond any article, and bounded so a pasted book cannot stall the worker. */
export const MAX_SUGGEST_CHARS = 2_000_000;

/** The registry speaker a found name is: whole name or alias first, then a surname-only name to a registered full name. */
export function registeredSpeaker(speakers: readonly Speaker[], name: string | null): string | null {
  if (!name) return null;
  const hit = findSpeaker(speakers, name);
  if (hit) return hit.id;
  if (!name.includes(' ')) {
    const bySurname = speakers.filter((s) => [s.name, ...s.aliases].some((n) => n.trim().split(/\s+/).at(-1)?.toLowerCase() === name.toLowerCase()));
    if (bySurname.length === 1) return bySurname[0]!.id;
  }
  return null;
}

const round = (n: number) => Math.round(n * 100) / 100;

export function suggest(text: string, opts: SuggestOptions = {}): Suggestion[] {
  if (typeof text !== 'string') throw new GlossaError('INVALID_INPUT', 'Suggestions need the article text as a string.');
  if (text.length > MAX_SUGGEST_CHARS)
    throw new GlossaError('TOO_LARGE', `The text is ${text.length} characters long; suggestions read at most ${MAX_SUGGEST_CHARS}. Split it into articles.`);
  const kinds = new Set(opts.kinds ?? SUGGEST_KINDS);
  for (const k of kinds)
    if (!SUGGEST_KINDS.includes(k)) throw new GlossaError('INVALID_INPUT', `Unknown suggestion kind “${String(k)}”: use quote, figure or claim.`);
  const speakers = opts.speakers ?? [];
  const a = analyse(text);
  const out: Suggestion[] = [];
  const base = (kind: Suggestion['kind'], start: number, end: number) => ({
    ...(opts.snapshotId ? { snapshotId: opts.snapshotId } : {}),
    kind,
    start,
    end,
    exact: text.slice(start, end),
    detector: DETECTORS[kind],
  });
  if (kinds.has('quote')) {
    const noQuotes = (opts.blocks ?? []).filter((b) => b.type === 'heading' || b.type === 'caption' || b.type === 'preformatted');
    for (const q of detectQuotes(a)) {
      if (noQuotes.some((b) => b.start <= q.start && q.start < b.end)) continue;
      out.push({
        ...base('quote', q.start, q.end),
        fields: { speaker: q.speaker, speakerRole: q.speakerRole, quoteType: q.quoteType, cue: q.cue, registered: registeredSpeaker(speakers, q.speaker) },
        confidence: round(q.confidence),
      });
    }
  }
  const figures = kinds.has('figure') || kinds.has('claim') ? detectFigures(text) : [];
  if (kinds.has('figure')) {
    for (const f of figures) {
      out.push({
        ...base('figure', f.start, f.end),
        fields: { value: f.value, unit: f.unit, qualifier: f.qualifier, period: f.period },
        confidence: round(f.confidence),
      });
    }
  }
  if (kinds.has('claim')) {
    for (const c of detectClaims(
      a,
      figures.map((f) => f.start),
    )) {
      out.push({ ...base('claim', c.start, c.end), fields: { checkworthiness: c.checkworthiness }, confidence: c.checkworthiness });
    }
  }
  return out;
}
