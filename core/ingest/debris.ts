/**
 * Comment-form debris at the end of saved articles ("Be the first to comment", "Leave a
 * Reply", "Your email address will not be published.", "*"). It is found and offered for
 * trimming, never dropped silently: the snapshot keeps the text as captured.
 */
import type { Block, Debris } from '../model/index.js';
import { countWords } from '../text/words.js';

/** Phrases that open the debris. Anchored at a block's start, matched case-insensitively. */
const MARKERS = [
  /^be the first to comment\b/i,
  /^leave a (reply|comment)\b/i,
  /^(post|add|write) a comment\b/i,
  /^\d+\s+(comments?|responses?|replies)\b/i,
  /^(comments?|responses)( \(\d+\))?:?$/i,
  /^your email address will not be published\b/i,
  /^you must be logged in to post a comment\b/i,
  /^join the (conversation|discussion)\b/i,
  /^(show|view|load) (all )?comments\b/i,
  /^comments are closed\b/i,
];

/** Debris blocks are short (form labels, counts); a long paragraph ends the search. */
const MAX_DEBRIS_BLOCK_WORDS = 40;
/** Only the tail is searched: debris is never most of an article. */
const MAX_DEBRIS_SHARE = 0.3;

export function findDebris(text: string, blocks: readonly Block[]): Debris | null {
  let start: { at: number; marker: string } | null = null;
  // Walk back from the end over short blocks; remember the earliest marker block seen.
  for (let i = blocks.length - 1; i > 0; i--) {
    const b = blocks[i]!;
    const piece = text.slice(b.start, b.end).trim();
    if (countWords(piece) > MAX_DEBRIS_BLOCK_WORDS || text.length - b.start > text.length * MAX_DEBRIS_SHARE) break;
    if (MARKERS.some((re) => re.test(piece))) start = { at: b.start, marker: piece.split('\n')[0]!.slice(0, 80) };
  }
  if (!start) return null;
  return { start: start.at, end: text.length, marker: start.marker };
}
