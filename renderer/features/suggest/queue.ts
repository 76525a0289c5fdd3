/**
 * The review queue of suggestions, as pure functions of the reader's annotation list (text
 * order): which are waiting for a person, which one comes next, and how each is described.
 * The list is the one the reader draws, so the queue never disagrees with the article.
 */
import type { Annotation } from '../../../core/model';
import { messagesNow } from '../../i18n';
import { commonMessages } from '../../i18n/common';
import { suggestMessages } from './messages';

/** The kinds the detectors suggest, in the order the reader offers them. */
export const SUGGESTED_KINDS = ['quote', 'figure', 'claim'] as const;
export type SuggestedKind = (typeof SUGGESTED_KINDS)[number];

/** Suggested by a detector and not yet accepted or rejected (a rejected one is deleted). */
export const isPending = (a: Annotation): boolean => a.origin.type === 'suggested' && a.origin.accepted === null && !a.deletedAt;

/** A suggestion a person accepted: an ordinary annotation, still marked where it came from. */
export const isAccepted = (a: Annotation): boolean => a.origin.type === 'suggested' && a.origin.accepted === true;

export const pendingOf = (annotations: readonly Annotation[]): Annotation[] => annotations.filter(isPending);

/** Pending suggestions per kind (every suggested kind present, zero included). */
export function countByKind(pending: readonly Annotation[]): Record<SuggestedKind, number> {
  const counts: Record<SuggestedKind, number> = { quote: 0, figure: 0, claim: 0 };
  for (const a of pending) if (a.kind in counts) counts[a.kind as SuggestedKind]++;
  return counts;
}

const startOf = (a: Annotation) => a.target.position.start;

/**
 * The pending suggestion after (direction 1) or before (-1) the annotation `fromId` in text
 * order, wrapping around; from the top (or the bottom) when nothing is selected. `fromId` may
 * be an annotation that is no longer pending (just accepted) or no longer listed (just
 * rejected): `fromStart` then says where it stood.
 */
export function stepPending(annotations: readonly Annotation[], from: { id: string | null; start?: number }, direction: 1 | -1): Annotation | null {
  const pending = pendingOf(annotations);
  if (pending.length === 0) return null;
  const here = from.id ? annotations.find((a) => a.id === from.id) : undefined;
  const start = here ? startOf(here) : from.start;
  if (start === undefined) return direction === 1 ? pending[0]! : pending.at(-1)!;
  const at = here ? pending.findIndex((a) => a.id === here.id) : -1;
  if (at >= 0) return pending[(at + direction + pending.length) % pending.length]!;
  // Not itself pending: the first one after its place (or the last one before it).
  if (direction === 1) return pending.find((a) => startOf(a) >= start && a.id !== from.id) ?? pending[0]!;
  return pending.findLast((a) => startOf(a) < start) ?? pending.at(-1)!;
}

/** What a just-decided suggestion hands on to: the next one waiting, else the one before. */
export function nextAfterDecision(annotations: readonly Annotation[], decided: Annotation): Annotation | null {
  const rest = pendingOf(annotations).filter((a) => a.id !== decided.id);
  const start = startOf(decided);
  return rest.find((a) => startOf(a) >= start) ?? rest.at(-1) ?? null;
}

/** "87%": the detector's confidence, or null when it gave none. */
export function confidenceText(a: Annotation): string | null {
  const c = a.origin.confidence;
  return typeof c === 'number' && Number.isFinite(c) ? `${Math.round(c * 100)}%` : null;
}

/** The fields a reviewer checks for each kind, in the order they are read (messages.ts labels them). */
const REVIEW_FIELDS: Record<SuggestedKind, readonly (keyof Annotation['fields'])[]> = {
  quote: ['speaker', 'speakerRole', 'quoteType', 'cue'],
  figure: ['qualifier', 'value', 'unit'],
  claim: ['checkworthiness'],
};

/** The fields shown for a suggestion under review, labelled in the window's language; an empty one reads "—". */
export function reviewFields(a: Annotation): { label: string; value: string }[] {
  const m = messagesNow(suggestMessages);
  const names = REVIEW_FIELDS[a.kind as SuggestedKind] ?? [];
  return names.map((name) => {
    const v = a.fields[name];
    let value = '—';
    if (typeof v === 'number') value = name === 'checkworthiness' ? `${Math.round(v * 100)}%` : v.toLocaleString();
    else if (typeof v === 'string' && v.trim()) value = name === 'quoteType' ? (messagesNow(commonMessages).quoteTypeName[v] ?? v) : v;
    return { label: m.field[name] ?? name, value };
  });
}

/** "12 suggestions to review" (and what was left out), after Suggest. */
export function addedMessage(added: number, skipped: number): string {
  return messagesNow(suggestMessages).added(added, skipped);
}
