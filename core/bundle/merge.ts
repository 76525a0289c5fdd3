import type { Annotation, VerdictChange } from '../model/index.js';
import { canonicalJson, revisionOf, sortedSet } from '../store/revisions.js';
import type { AnnotationVersion } from '../store/types.js';

/**
 * How two sides' versions of one annotation combine (docs/bundle-format.md, "Merge"). The
 * result depends only on the set of versions seen, never on the order they arrived in:
 *
 * - every version is named by its revision (hash of its content) and carries the revisions
 *   it was derived from (its history);
 * - a version whose revision is in another's history is superseded and dropped;
 * - of the versions left (the heads), the one with the latest `updatedAt` is current, equal
 *   times going to the greater revision; every other head is kept beside it as a conflict
 *   (both sides changed it since their common version), never dropped;
 * - a claim's verdict history is a record of events, so the heads' histories are united
 *   (ordered by date, no repeats) into the current version; a head that differed only in its
 *   verdict history is then absorbed rather than kept as a conflict.
 */

export interface Side {
  current: Annotation;
  history: readonly string[];
  conflicts: readonly AnnotationVersion[];
}

export type Outcome = 'added' | 'addedDeleted' | 'updated' | 'deleted' | 'skipped' | 'conflict';

export interface Merged extends Side {
  outcome: Outcome;
  /** False when the library already holds exactly this (nothing to write). */
  changed: boolean;
}

interface Version {
  annotation: Annotation;
  rev: string;
  history: Set<string>;
}

const instant = (iso: string) => {
  const t = Date.parse(iso);
  return Number.isFinite(t) ? t : Number.NEGATIVE_INFINITY;
};

/** Later updatedAt first; equal instants: the greater revision (any fixed rule would do, this one needs no state). */
const newerFirst = (a: Version, b: Version) =>
  instant(b.annotation.updatedAt) - instant(a.annotation.updatedAt) || (a.rev < b.rev ? 1 : a.rev > b.rev ? -1 : 0);

const versionsOf = (side: Side): Version[] => [
  { annotation: side.current, rev: revisionOf(side.current), history: new Set(side.history) },
  ...side.conflicts.map((c) => ({ annotation: c.annotation, rev: revisionOf(c.annotation), history: new Set(c.history) })),
];

/** Equal revisions are one version (their histories united); superseded versions are dropped. */
function heads(all: Version[]): Version[] {
  const byRev = new Map<string, Version>();
  for (const v of all) {
    const seen = byRev.get(v.rev);
    if (seen) for (const h of v.history) seen.history.add(h);
    else byRev.set(v.rev, { annotation: v.annotation, rev: v.rev, history: new Set(v.history) });
  }
  const superseded = new Set<string>();
  for (const v of byRev.values()) for (const h of v.history) if (h !== v.rev) superseded.add(h);
  return [...byRev.values()].filter((v) => !superseded.has(v.rev)).sort(newerFirst);
}

const historyOf = (v: Version) => sortedSet(v.history).filter((r) => r !== v.rev);
const fingerprint = (side: Side) =>
  canonicalJson({
    current: revisionOf(side.current),
    history: sortedSet(side.history),
    conflicts: side.conflicts.map((c) => [revisionOf(c.annotation), sortedSet(c.history)]).sort(),
  });

/**
 * Merges what a bundle carries for one annotation into what the library holds (null: new).
 * `historyKnown` is false for version 1 bundles, which carry no histories: there a later
 * `updatedAt` wins outright and only equal times with different content are kept as conflicts.
 */
export function mergeAnnotation(local: Side | null, incoming: Side, historyKnown: boolean): Merged {
  if (!local) {
    return { ...incoming, outcome: incoming.current.deletedAt === null ? 'added' : 'addedDeleted', changed: true };
  }
  // The common case of importing a bundle again: the very same version, nothing new about it.
  if (local.conflicts.length === 0 && incoming.conflicts.length === 0 && revisionOf(local.current) === revisionOf(incoming.current)) {
    const known = new Set(local.history);
    if (incoming.history.every((h) => known.has(h))) return { ...local, outcome: 'skipped', changed: false };
  }
  let bundle = incoming;
  if (!historyKnown) {
    const rev = revisionOf(incoming.current);
    const localRev = revisionOf(local.current);
    const order = instant(incoming.current.updatedAt) - instant(local.current.updatedAt);
    if (rev === localRev || order < 0) return { ...local, outcome: 'skipped', changed: false };
    // Newer: taken as derived from the local version, so it supersedes it rather than conflicting.
    if (order > 0) bundle = { ...incoming, history: sortedSet(incoming.history, local.history, [localRev]) };
  }
  const [winner, ...others] = uniteVerdicts(heads([...versionsOf(local), ...versionsOf(bundle)]));
  const merged: Side = {
    current: winner!.annotation,
    history: historyOf(winner!),
    conflicts: others.map((v) => ({ annotation: v.annotation, history: historyOf(v) })),
  };
  const changed = fingerprint(merged) !== fingerprint(local);
  const before = new Set(versionsOf(local).map((v) => v.rev));
  const keptBefore = new Set(local.conflicts.map((c) => revisionOf(c.annotation)));
  let outcome: Outcome = 'skipped';
  if (others.some((v) => !keptBefore.has(v.rev))) outcome = 'conflict';
  else if (winner!.rev !== revisionOf(local.current)) {
    outcome = winner!.annotation.deletedAt !== null && local.current.deletedAt === null ? 'deleted' : 'updated';
  } else if (others.length < keptBefore.size || !before.has(winner!.rev)) outcome = 'updated';
  return { ...merged, outcome, changed };
}

const changeKey = (c: VerdictChange) => canonicalJson([c.at, c.verdict, c.note]);

/** Every change of the given histories once, oldest first (equal dates in a fixed order). */
export function uniteVerdictHistories(histories: readonly (readonly VerdictChange[] | undefined)[]): VerdictChange[] {
  const byKey = new Map<string, VerdictChange>();
  for (const h of histories) for (const c of h ?? []) byKey.set(changeKey(c), c);
  return [...byKey.entries()].sort(([ka, a], [kb, b]) => instant(a.at) - instant(b.at) || compareText(ka, kb)).map(([, c]) => c);
}

/** The annotation with `history` as its verdict history and the last change's verdict as its verdict. */
function withVerdicts(a: Annotation, history: VerdictChange[]): Annotation {
  const last = history.at(-1);
  return { ...a, fields: { ...a.fields, ...(last ? { verdict: last.verdict } : {}), verdictHistory: history } };
}

/** The annotation without what merging verdicts may change, for telling whether two heads differ in anything else. */
const apartFromVerdicts = (a: Annotation) => canonicalJson({ ...a, updatedAt: null, fields: { ...a.fields, verdict: null, verdictHistory: null } });

/**
 * Heads (newest first) whose verdict histories differ: the newest takes the union (derived
 * from its old self); others the same apart from verdicts become part of its history.
 */
function uniteVerdicts(all: Version[]): Version[] {
  if (all.length < 2 || !all.some((v) => v.annotation.fields.verdictHistory?.length)) return all;
  const united = uniteVerdictHistories(all.map((v) => v.annotation.fields.verdictHistory));
  const [winner, ...rest] = all as [Version, ...Version[]];
  const annotation = withVerdicts(winner.annotation, united);
  const rev = revisionOf(annotation);
  if (rev === winner.rev && rest.length === 0) return all;
  const history = new Set([...winner.history, winner.rev]);
  const kept: Version[] = [];
  const same = apartFromVerdicts(annotation);
  for (const v of rest) {
    if (apartFromVerdicts(v.annotation) === same) for (const h of [...v.history, v.rev]) history.add(h);
    else kept.push(v);
  }
  history.delete(rev);
  return [{ annotation, rev, history }, ...kept];
}

/** Records merged by id: codebook tags and speakers. */
export interface RecordMerge<T> {
  next: T[];
  added: string[];
  updated: string[];
  changed: boolean;
}

type Dated = { id: string; createdAt: string; updatedAt: string };

/**
 * Per id, the later `updatedAt` wins; equal times with different content go to the smaller
 * canonical JSON (so a version a merge repaired — a cleared field — loses to its original).
 * A changed list is written in creation order (then id): the same records give the same list
 * whatever order the bundles came in.
 */
export function mergeRecords<T extends Dated>(local: readonly T[], incoming: readonly T[]): RecordMerge<T> {
  const byId = new Map(local.map((r) => [r.id, r]));
  const added: string[] = [];
  const updated: string[] = [];
  for (const r of incoming) {
    const mine = byId.get(r.id);
    if (!mine) {
      byId.set(r.id, r);
      added.push(r.id);
      continue;
    }
    const a = canonicalJson(mine);
    const b = canonicalJson(r);
    if (a === b) continue;
    const order = instant(r.updatedAt) - instant(mine.updatedAt);
    if (order > 0 || (order === 0 && b < a)) {
      byId.set(r.id, r);
      updated.push(r.id);
    }
  }
  const changed = added.length + updated.length > 0;
  const next = changed ? [...byId.values()].sort((x, y) => compareText(x.createdAt, y.createdAt) || compareText(x.id, y.id)) : [...local];
  return { next, added, updated, changed };
}

const compareText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/**
 * Tags moved under each other on two sides can form a cycle once merged; each cycle is
 * broken by moving its tag with the greatest id to the top level. Returns the ids moved.
 */
export function breakCycles<T extends { id: string; parentId: string | null }>(tags: T[]): string[] {
  const byId = new Map(tags.map((t) => [t.id, t]));
  const moved: string[] = [];
  for (const start of [...tags].sort((a, b) => compareText(a.id, b.id))) {
    const path: string[] = [];
    const onPath = new Set<string>();
    for (let t: T | undefined = byId.get(start.id); t && t.parentId !== null; t = byId.get(t.parentId)) {
      if (onPath.has(t.id)) {
        const cycle = path.slice(path.indexOf(t.id));
        const last = cycle.sort(compareText).at(-1)!;
        byId.set(last, { ...byId.get(last)!, parentId: null });
        moved.push(last);
        break;
      }
      onPath.add(t.id);
      path.push(t.id);
    }
  }
  tags.splice(0, tags.length, ...tags.map((t) => byId.get(t.id)!));
  return moved;
}
