/**
 * Quotes across the library, by speaker: "everything this person said" is one scan of the
 * snapshots' live annotations, matching the quote's speaker against the name and aliases.
 */
import { type Annotation, inTrash, type Speaker } from '../model/index.js';
import type { LibraryStore } from '../store/types.js';
import { findSpeaker, normaliseName, speaks } from './match.js';

/** One quote on a speaker's page: what the index holds for it, so a page never reads article files. */
export interface SaidQuote {
  snapshotId: string;
  snapshotTitle: string;
  capturedAt: string;
  id: string;
  exact: string;
  start: number;
  /** The speaker's name as written on the quote. */
  speaker: string;
  role: string;
  quoteType: string;
}

/** A page of a speaker's quotes, newest capture first, and how many there are in all. */
export interface SaidPage {
  total: number;
  articles: number;
  quotes: SaidQuote[];
}

/** Quotes of the library; those of articles in the trash only for changes (a rename reaches them too). */
async function eachQuote(
  library: LibraryStore,
  visit: (row: { id: string; title: string; capturedAt: string }, quote: Annotation) => void,
  opts: { includeTrash: boolean } = { includeTrash: false },
): Promise<void> {
  for (const row of library.listSnapshots()) {
    if (!opts.includeTrash && inTrash(row.article)) continue;
    for (const a of await library.listAnnotations(row.id)) if (a.kind === 'quote') visit(row, a);
  }
}

/** Newest capture first, then by article, in text order within it: the index's order too. */
export const newestFirst = (x: SaidQuote, y: SaidQuote): number =>
  y.capturedAt.localeCompare(x.capturedAt) || cmp(x.snapshotId, y.snapshotId) || x.start - y.start || cmp(x.id, y.id);

const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
const text = (v: unknown) => (typeof v === 'string' ? v.trim() : '');

/** The speaker's quotes by scanning every article (when there is no index), paged as the index pages them. */
export async function quotesBy(library: LibraryStore, speaker: Speaker, page: { limit: number; offset: number }): Promise<SaidPage> {
  const out: SaidQuote[] = [];
  await eachQuote(library, (row, a) => {
    if (!speaks(speaker, a.fields.speaker)) return;
    out.push({
      snapshotId: row.id,
      snapshotTitle: row.title,
      capturedAt: row.capturedAt,
      id: a.id,
      exact: a.target.quote.exact,
      start: a.target.position.start,
      speaker: text(a.fields.speaker),
      role: text(a.fields.speakerRole),
      quoteType: text(a.fields.quoteType),
    });
  });
  out.sort(newestFirst);
  return { total: out.length, articles: new Set(out.map((q) => q.snapshotId)).size, quotes: out.slice(page.offset, page.offset + page.limit) };
}

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
  const out: Annotation[] = [];
  await eachQuote(
    library,
    (_row, a) => {
      if (speaks(speaker, a.fields.speaker)) out.push(a);
    },
    { includeTrash: true },
  );
  return out;
}
