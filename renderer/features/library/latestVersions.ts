/** The library lists each article once: its newest capture, with how many versions it has. */
import type { SnapshotSummary } from '../../../core/model';

export type Row = SnapshotSummary & { versions: number };

export function latestVersions(snapshots: SnapshotSummary[]): Row[] {
  const superseded = new Set(snapshots.map((s) => s.previousVersionId).filter(Boolean));
  const byId = new Map(snapshots.map((s) => [s.id, s]));
  return snapshots
    .filter((s) => !superseded.has(s.id))
    .map((s) => {
      let versions = 1;
      const seen = new Set([s.id]);
      for (let p = s.previousVersionId; p && byId.has(p) && !seen.has(p); p = byId.get(p)!.previousVersionId) {
        seen.add(p);
        versions++;
      }
      return { ...s, versions };
    });
}
