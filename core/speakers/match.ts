/**
 * Finding speakers by name or alias. A quote stores the speaker's name as written in the
 * registry; matching forgives case, accents, curly apostrophes and spacing, so "Bitta
 * Mostofi", "bitta  mostofi" and an alias all find the same person.
 */
import type { Speaker } from '../model/index.js';

/** The form names are compared in: no accents, lower case, straight apostrophes, single spaces. */
export function normaliseName(name: string): string {
  return name
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .replace(/[‘’‛′`]/g, "'")
    .replace(/[‐‑‒–—]/g, '-')
    .replace(/[.,]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim()
    .toLocaleLowerCase();
}

const namesOf = (s: Speaker) => [s.name, ...s.aliases];

/** The speaker whose name or an alias is this name, if any (names win over aliases). */
export function findSpeaker(speakers: readonly Speaker[], name: string | null | undefined): Speaker | undefined {
  if (!name) return undefined;
  const key = normaliseName(name);
  if (!key) return undefined;
  return speakers.find((s) => normaliseName(s.name) === key) ?? speakers.find((s) => s.aliases.some((a) => normaliseName(a) === key));
}

/** Does a quote's speaker text name this speaker? */
export function speaks(speaker: Speaker, quoteSpeaker: string | null | undefined): boolean {
  if (!quoteSpeaker) return false;
  const key = normaliseName(quoteSpeaker);
  return key !== '' && namesOf(speaker).some((n) => normaliseName(n) === key);
}

export interface Suggestion {
  speaker: Speaker;
  /** The name or alias that matched. */
  matched: string;
  score: number;
}

/**
 * Speakers for a picker, best first: whole name, whole alias, name or alias starting with
 * the query, a word of them starting with it, then containing it. An empty query lists
 * everyone by name.
 */
export function suggestSpeakers(speakers: readonly Speaker[], query: string, limit = 8): Suggestion[] {
  const q = normaliseName(query);
  const out: Suggestion[] = [];
  for (const speaker of speakers) {
    let best: Suggestion | null = null;
    for (const [i, name] of namesOf(speaker).entries()) {
      const n = normaliseName(name);
      const alias = i > 0 ? 5 : 0;
      let score = 0;
      if (!q) score = 1;
      else if (n === q) score = 100 - alias;
      else if (n.startsWith(q)) score = 80 - alias;
      else if (n.split(/[\s'-]/).some((w) => w.startsWith(q))) score = 60 - alias;
      else if (n.includes(q)) score = 40 - alias;
      if (score > (best?.score ?? 0)) best = { speaker, matched: name, score };
    }
    if (best) out.push(best);
  }
  return out.sort((a, b) => b.score - a.score || a.speaker.name.localeCompare(b.speaker.name)).slice(0, limit);
}
