/**
 * Quotes across the library, by speaker: "everything this person said" is one scan of the
 * snapshots' live annotations, matching the quote's speaker against the name and aliases.
 */
import type { Annotation, Speaker } from '../model/index.js';
import type { LibraryStore } from '../store/types.js';
import { findSpeaker, normaliseName, speaks } from './match.js';

export interface SpokenQuote {
  snapshotId: string;
  snapshotTitle: string;
  capturedAt: string;
  annotation: Annotation;
}

async function eachQuote(library: LibraryStore, visit: (row: { id: string; title: string; capturedAt: string }, quote: Annotation) => void): Promise<void> {
  for (const row of library.listSnapshots()) {
    for (const a of await library.listAnnotations(row.id)) if (a.kind === 'quote') visit(row, a);
  }
}

/** The speaker's quotes, newest capture first, in text order within an article. */
export async function quotesBy(library: LibraryStore, speaker: Speaker): Promise<SpokenQuote[]> {
  const out: SpokenQuote[] = [];
  await eachQuote(library, (row, a) => {
    if (speaks(speaker, a.fields.speaker)) out.push({ snapshotId: row.id, snapshotTitle: row.title, capturedAt: row.capturedAt, annotation: a });
  });
  return out.sort(newestFirst);
}

/** Newest capture first, in text order within an article. */
export const newestFirst = (x: SpokenQuote, y: SpokenQuote): number =>
  y.capturedAt.localeCompare(x.capturedAt) || x.annotation.target.position.start - y.annotation.target.position.start;

export interface SpeakerUsage {
  /** Quotes per registered speaker id. */
  counts: Record<string, number>;
  /** Speaker names written on quotes that no registered speaker answers to. */
  unregistered: { name: string; quotes: number }[];
}

export async function speakerUsage(library: LibraryStore, speakers: readonly Speaker[]): Promise<SpeakerUsage> {
  const counts: Record<string, number> = Object.fromEntries(speakers.map((s) => [s.id, 0]));
  const loose = new Map<string, { name: string; quotes: number }>();
  await eachQuote(library, (_row, a) => {
    const name = a.fields.speaker;
    if (!name) return;
    const s = findSpeaker(speakers, name);
    if (s) counts[s.id] = (counts[s.id] ?? 0) + 1;
    else {
      const key = normaliseName(name);
      const entry = loose.get(key) ?? { name, quotes: 0 };
      entry.quotes++;
      loose.set(key, entry);
    }
  });
  return { counts, unregistered: [...loose.values()].sort((a, b) => b.quotes - a.quotes || a.name.localeCompare(b.name)) };
}

/** Live quotes whose speaker text names this speaker (for renames and merges). */
export async function quotesNaming(library: LibraryStore, speaker: Speaker): Promise<Annotation[]> {
  return (await quotesBy(library, speaker)).map((q) => q.annotation);
}
