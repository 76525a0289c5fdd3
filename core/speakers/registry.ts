/**
 * The speaker registry as a list: pure operations returning the next list. Names and
 * aliases identify a person, so no two speakers may share one. Renaming keeps the old name
 * as an alias, so quotes tagged under it still find the person.
 */
import { GlossaError, Speaker } from '../model/index.js';
import { normaliseName } from './match.js';

export interface NewSpeaker {
  name: string;
  aliases?: string[];
  role?: string | null;
  organisation?: string | null;
}
export type SpeakerPatch = Partial<Pick<Speaker, 'name' | 'aliases' | 'role' | 'organisation'>>;

export function speakerById(speakers: readonly Speaker[], id: string): Speaker {
  const found = speakers.find((s) => s.id === id);
  if (!found) throw new GlossaError('NOT_FOUND', `There is no speaker ${id} in the registry; it may have been deleted.`);
  return found;
}

const clean = (s: string | null | undefined) => (s ?? '').replace(/\s+/g, ' ').trim();
const blankToNull = (s: string | null | undefined) => clean(s) || null;

/** Aliases without blanks, without the name itself and without repeats (compared normalised). */
function tidyAliases(name: string, aliases: readonly string[]): string[] {
  const seen = new Set([normaliseName(name)]);
  const out: string[] = [];
  for (const a of aliases.map(clean)) {
    const key = normaliseName(a);
    if (!key || seen.has(key)) continue;
    seen.add(key);
    out.push(a);
  }
  return out;
}

/** No name or alias may belong to two speakers. */
export function assertDistinct(speakers: readonly Speaker[]): void {
  const owner = new Map<string, Speaker>();
  for (const s of speakers) {
    for (const n of [s.name, ...s.aliases]) {
      const key = normaliseName(n);
      const other = owner.get(key);
      if (other && other.id !== s.id) {
        throw new GlossaError(
          'INVALID_INPUT',
          `“${n}” already names ${other.name === n ? 'another speaker' : `“${other.name}”`} in the registry. Pick that speaker, or merge the two.`,
        );
      }
      owner.set(key, s);
    }
  }
}

export function addSpeaker(speakers: readonly Speaker[], input: NewSpeaker, id: string, now: string): { speakers: Speaker[]; speaker: Speaker } {
  const name = clean(input.name);
  const speaker = Speaker.parse({
    id,
    name,
    aliases: tidyAliases(name, input.aliases ?? []),
    role: blankToNull(input.role),
    organisation: blankToNull(input.organisation),
    createdAt: now,
    updatedAt: now,
  });
  const next = [...speakers, speaker];
  assertDistinct(next);
  return { speakers: next, speaker };
}

export function updateSpeaker(speakers: readonly Speaker[], id: string, patch: SpeakerPatch, now: string): { speakers: Speaker[]; speaker: Speaker } {
  const before = speakerById(speakers, id);
  const name = patch.name !== undefined ? clean(patch.name) : before.name;
  let aliases = patch.aliases ?? before.aliases;
  // The old name stays findable: quotes written under it keep pointing at this person.
  if (normaliseName(name) !== normaliseName(before.name)) aliases = [...aliases, before.name];
  const speaker = Speaker.parse({
    ...before,
    name,
    aliases: tidyAliases(name, aliases),
    role: patch.role !== undefined ? blankToNull(patch.role) : before.role,
    organisation: patch.organisation !== undefined ? blankToNull(patch.organisation) : before.organisation,
    updatedAt: now,
  });
  const next = speakers.map((s) => (s.id === id ? speaker : s));
  assertDistinct(next);
  return { speakers: next, speaker };
}

export function removeSpeaker(speakers: readonly Speaker[], id: string): Speaker[] {
  speakerById(speakers, id);
  return speakers.filter((s) => s.id !== id);
}

/** The source's name and aliases become aliases of the target; the source leaves the registry. */
export function mergeSpeakers(speakers: readonly Speaker[], sourceId: string, targetId: string, now: string): { speakers: Speaker[]; speaker: Speaker } {
  if (sourceId === targetId) throw new GlossaError('INVALID_INPUT', 'Choose two different speakers to merge.');
  const source = speakerById(speakers, sourceId);
  const target = speakerById(speakers, targetId);
  const speaker: Speaker = {
    ...target,
    aliases: tidyAliases(target.name, [...target.aliases, source.name, ...source.aliases]),
    role: target.role ?? source.role,
    organisation: target.organisation ?? source.organisation,
    updatedAt: now,
  };
  const next = speakers.filter((s) => s.id !== sourceId).map((s) => (s.id === targetId ? speaker : s));
  assertDistinct(next);
  return { speakers: next, speaker };
}
