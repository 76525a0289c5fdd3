/**
 * Settings kept with the library (glossa.json), so they travel with it: for now, whether
 * each import is read for suggestions as it arrives. The operations are in settings.ts.
 */
import { z } from 'zod';
import type { ImportOutcome } from '../ingest/commit.js';
import type { LibraryStore } from '../store/types.js';
import type { Context } from './context.js';

export const LibrarySettings = z.object({
  /** Read each new article for suggestions as it is imported (core/api/suggest.ts suggestAfterImport). */
  suggestOnImport: z.boolean(),
});
export type LibrarySettings = z.infer<typeof LibrarySettings>;

const DEFAULTS: LibrarySettings = { suggestOnImport: false };

/** The library's settings; a value this version does not understand reads as its default. */
export function settingsOf(library: LibraryStore): LibrarySettings {
  const stored = library.getSettings();
  const out = { ...DEFAULTS };
  for (const key of Object.keys(DEFAULTS) as (keyof LibrarySettings)[]) {
    const parsed = LibrarySettings.shape[key].safeParse(stored[key]);
    if (parsed.success) out[key] = parsed.data;
  }
  return out;
}

/**
 * What every import path runs on a new article: the suggestions the setting asks for (loaded
 * only then). A duplicate is not new; a failure to suggest is a notice, never a failed import.
 */
export async function afterImport<T extends ImportOutcome>(ctx: Context, outcome: T): Promise<T & { suggested?: number }> {
  if (outcome.duplicate || !settingsOf(ctx.library).suggestOnImport) return outcome;
  try {
    const { suggestAnnotations } = await import('./suggest.js');
    const done = await suggestAnnotations.run(ctx, suggestAnnotations.input.parse({ snapshotId: outcome.snapshotId }));
    return { ...outcome, suggested: done.value.added.length };
  } catch (e) {
    const notice = `Imported, but no suggestions were made: ${e instanceof Error ? e.message : String(e)}`;
    return { ...outcome, notices: [...(outcome.notices ?? []), notice] };
  }
}
