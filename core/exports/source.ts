/** What the open-format exporters need of a snapshot: its record and canonical text. */
import type { Annotation, Snapshot, Speaker } from '../model/index.js';

export interface ExportSource {
  snapshot: Snapshot;
  text: string;
  annotations: Annotation[];
}

export interface ExportInput {
  sources: ExportSource[];
  speakers?: Speaker[];
}

/** The address a citation points at: where the article was, else the file it came from. */
export const addressOf = (s: Snapshot): string | null => s.canonicalUrl ?? s.sourceUrl ?? null;

/** Live annotations in text order. */
export const live = (list: readonly Annotation[]): Annotation[] =>
  list.filter((a) => !a.deletedAt).sort((a, b) => a.target.position.start - b.target.position.start || a.target.position.end - b.target.position.end);

/** A speaker id → name, or the text stored (older annotations keep a name). */
export function speakerName(id: string | null | undefined, speakers: readonly Speaker[] = []): string | null {
  if (!id) return null;
  return speakers.find((s) => s.id === id)?.name ?? id;
}
