import { emptyArticleRecord, META_FIELDS, type Annotation, type ArticleRecord, type MetaChange, type VerdictChange } from '../model/index.js';
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

/** One version of a versioned record (an annotation, an article record): its revision and the revisions it was derived from. */
interface Versioned<T> {
  value: T;
  rev: string;
  history: Set<string>;
}
type Version = Versioned<Annotation>;

const instant = (iso: string) => {
  const t = Date.parse(iso);
  return Number.isFinite(t) ? t : Number.NEGATIVE_INFINITY;
};

/** Later updatedAt first; equal instants: the greater revision (any fixed rule would do, this one needs no state). */
const newerFirst = <T extends { updatedAt: string }>(a: Versioned<T>, b: Versioned<T>) =>
  instant(b.value.updatedAt) - instant(a.value.updatedAt) || (a.rev < b.rev ? 1 : a.rev > b.rev ? -1 : 0);

const versionsOf = (side: Side): Version[] => [
  { value: side.current, rev: revisionOf(side.current), history: new Set(side.history) },
  ...side.conflicts.map((c) => ({ value: c.annotation, rev: revisionOf(c.annotation), history: new Set(c.history) })),
];

/**
 * Equal revisions are one version (their histories united); superseded versions are dropped.
 * `alsoKnownAs` names further revisions a version stands for (an article record marked as a
 * deletion conflict stands for the deletion it marks): a version is superseded when its
 * revision, or one of those, is in another version's history.
 */
function heads<T extends Annotation | ArticleRecord>(all: Versioned<T>[], alsoKnownAs?: (v: T) => string | null): Versioned<T>[] {
  const byRev = new Map<string, Versioned<T>>();
  for (const v of all) {
    const seen = byRev.get(v.rev);
    if (seen) for (const h of v.history) seen.history.add(h);
    else byRev.set(v.rev, { value: v.value, rev: v.rev, history: new Set(v.history) });
  }
  // Which versions know each revision: in their history, or among the versions a combination stands for.
  const knownBy = new Map<string, Set<string>>();
  for (const v of byRev.values())
    for (const h of [...v.history, ...leavesOf(v.value)]) {
      if (h === v.rev) continue;
      const owners = knownBy.get(h);
      if (owners) owners.add(v.rev);
      else knownBy.set(h, new Set([v.rev]));
    }
  const knownElsewhere = (rev: string | null | undefined, self: string) => [...(rev ? (knownBy.get(rev) ?? []) : [])].some((o) => o !== self);
  // A combination is superseded by any other version that knows every version it combined.
  const combinedElsewhere = (v: Versioned<T>) => {
    const leaves = leavesOf(v.value);
    if (leaves.length === 0) return false;
    const others = [...byRev.keys()].filter((r) => r !== v.rev);
    return others.some((o) => leaves.every((l) => knownBy.get(l)?.has(o)));
  };
  const gone = (v: Versioned<T>) => knownElsewhere(v.rev, v.rev) || knownElsewhere(alsoKnownAs?.(v.value), v.rev) || combinedElsewhere(v);
  return [...byRev.values()].filter((v) => !gone(v)).sort(newerFirst);
}

const historyOf = <T>(v: Versioned<T>) => sortedSet(v.history).filter((r) => r !== v.rev);

/** The edited versions a merge's combination stands for (none for any other version). */
const leavesOf = (v: Annotation | ArticleRecord): string[] => ('mergedFrom' in v && v.mergedFrom) || [];
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
    current: winner!.value,
    history: historyOf(winner!),
    conflicts: others.map((v) => ({ annotation: v.value, history: historyOf(v) })),
  };
  const changed = fingerprint(merged) !== fingerprint(local);
  const before = new Set(versionsOf(local).map((v) => v.rev));
  const keptBefore = new Set(local.conflicts.map((c) => revisionOf(c.annotation)));
  let outcome: Outcome = 'skipped';
  if (others.some((v) => !keptBefore.has(v.rev))) outcome = 'conflict';
  else if (winner!.rev !== revisionOf(local.current)) {
    outcome = winner!.value.deletedAt !== null && local.current.deletedAt === null ? 'deleted' : 'updated';
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

/**
 * The annotation without what merging verdicts may change, for telling whether two heads differ
 * in anything else. Who changed it last goes too: two people setting a verdict is not a conflict.
 */
const apartFromVerdicts = (a: Annotation) =>
  canonicalJson({ ...a, updatedAt: null, modifiedBy: null, fields: { ...a.fields, verdict: null, verdictHistory: null } });

/**
 * Heads (newest first) whose verdict histories differ: the newest takes the union (derived
 * from its old self); others the same apart from verdicts become part of its history.
 */
function uniteVerdicts(all: Version[]): Version[] {
  if (all.length < 2 || !all.some((v) => v.value.fields.verdictHistory?.length)) return all;
  const united = uniteVerdictHistories(all.map((v) => v.value.fields.verdictHistory));
  const [winner, ...rest] = all as [Version, ...Version[]];
  const annotation = withVerdicts(winner.value, united);
  const rev = revisionOf(annotation);
  if (rev === winner.rev && rest.length === 0) return all;
  const history = new Set([...winner.history, winner.rev]);
  const kept: Version[] = [];
  const same = apartFromVerdicts(annotation);
  for (const v of rest) {
    if (apartFromVerdicts(v.value) === same) for (const h of [...v.history, v.rev]) history.add(h);
    else kept.push(v);
  }
  history.delete(rev);
  return [{ value: annotation, rev, history }, ...kept];
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

// ---- article records ---------------------------------------------------------------------------

/** One side's article record and the revisions it was derived from. */
export interface RecordSide {
  record: ArticleRecord;
  history: readonly string[];
}

export type ArticleOutcome = 'deleted' | 'restored' | 'updated' | 'deletionConflict' | 'skipped';

export interface MergedArticle extends RecordSide {
  outcome: ArticleOutcome;
  /** False when the library already holds exactly this. */
  changed: boolean;
}

/** A record marked as a deletion conflict stands for the deletion it marks (a restore of that deletion supersedes it). */
const unmarked = (r: ArticleRecord) => (r.deletionConflict ? revisionOf({ ...r, deletionConflict: false }) : null);

const recordVersion = (side: RecordSide): Versioned<ArticleRecord> => ({ value: side.record, rev: revisionOf(side.record), history: new Set(side.history) });

/** Greatest by a time, then by the value's canonical JSON (a fixed rule needing no state). */
function latest<T>(items: readonly T[], time: (x: T) => number, value: (x: T) => unknown): T {
  return items.reduce((best, x) => {
    const order = time(x) - time(best);
    return order > 0 || (order === 0 && canonicalJson(value(x)) > canonicalJson(value(best))) ? x : best;
  });
}

const metaChangeKey = (c: MetaChange) => canonicalJson([c.at, c.field, c.from, c.to]);

/**
 * Two or more live-or-deleted heads combined field by field: each metadata field from the head
 * that changed it last (its metaHistory), else from the later head; tags and collections from
 * the later head; histories of changes united. Deleted when any head is; a deletion meeting a
 * live head is a deletion conflict (so is one already marked).
 */
function combineRecords(hs: Versioned<ArticleRecord>[]): ArticleRecord {
  const records = hs.map((h) => h.value);
  const updated = (r: ArticleRecord) => instant(r.updatedAt);
  const meta: Record<string, unknown> = {};
  for (const field of META_FIELDS) {
    const changedAt = (r: ArticleRecord) => Math.max(Number.NEGATIVE_INFINITY, ...r.metaHistory.filter((c) => c.field === field).map((c) => instant(c.at)));
    const withChange = records.filter((r) => changedAt(r) > Number.NEGATIVE_INFINITY);
    const from = withChange.length ? latest(withChange, changedAt, (r) => r.meta[field] ?? null) : latest(records, updated, (r) => r.meta[field] ?? null);
    if (from.meta[field] !== undefined) meta[field] = from.meta[field];
  }
  const changes = new Map<string, MetaChange>();
  for (const r of records) for (const c of r.metaHistory) changes.set(metaChangeKey(c), c);
  const metaHistory = [...changes.entries()].sort(([ka, a], [kb, b]) => instant(a.at) - instant(b.at) || compareText(ka, kb)).map(([, c]) => c);
  const deleted = records.filter((r) => r.deletedAt !== null);
  const deletedAt = deleted.length ? latest(deleted, updated, (r) => r.deletedAt)!.deletedAt : null;
  const newest = latest(records, updated, (r) => r.updatedAt);
  return {
    updatedAt: newest.updatedAt,
    deletedAt,
    deletionConflict: deletedAt !== null && (deleted.length < records.length || records.some((r) => r.deletionConflict)),
    meta: meta as ArticleRecord['meta'],
    metaHistory,
    tags: sortedSet(latest(records, updated, (r) => r.tags).tags),
    collections: sortedSet(latest(records, updated, (r) => r.collections).collections),
  };
}

/**
 * The merged record of the heads. A combination names the edited versions it stands for
 * (`mergedFrom`: a head's own revision, or the versions a combined head stood for) and has
 * their histories as its history — never the revision of another combination, which depends
 * on the order versions met in. So the same versions give the same record and history in any
 * order; heads() drops a combination whose versions another version knows.
 */
function recordOfHeads(hs: Versioned<ArticleRecord>[]): RecordSide {
  if (hs.length === 1) return { record: hs[0]!.value, history: historyOf(hs[0]!) };
  const leaves = sortedSet(...hs.map((h) => (leavesOf(h.value).length ? leavesOf(h.value) : [h.rev])));
  const combined = new Set(hs.filter((h) => leavesOf(h.value).length).map((h) => h.rev));
  const record = { ...combineRecords(hs), mergedFrom: leaves };
  const rev = revisionOf(record);
  const history = sortedSet(...hs.map((h) => [...h.history, ...leavesOf(h.value)]), leaves).filter((r) => r !== rev && !combined.has(r));
  return { record, history };
}

const recordFingerprint = (side: RecordSide | null) => (side ? canonicalJson([revisionOf(side.record), sortedSet(side.history)]) : 'null');

/**
 * Merges an article's record as a bundle carries it into the library's (null: none yet). Same
 * rules as annotations (a version in another's history is superseded), except that heads left
 * on both sides are combined field by field (combineRecords) rather than kept side by side:
 * the result depends only on the versions seen, never on the order they arrived in.
 */
export function mergeArticle(local: RecordSide | null, incoming: RecordSide): MergedArticle {
  const merged = recordOfHeads(heads([...(local ? [recordVersion(local)] : []), recordVersion(incoming)], unmarked));
  return withOutcome(local, merged);
}

/** What a merged record means against the local one, for the report. */
export function withOutcome(local: RecordSide | null, merged: RecordSide): MergedArticle {
  const changed = recordFingerprint(merged) !== recordFingerprint(local);
  const was = local?.record;
  const now = merged.record;
  let outcome: ArticleOutcome = 'skipped';
  if (!changed) outcome = 'skipped';
  else if (now.deletionConflict && !was?.deletionConflict) outcome = 'deletionConflict';
  else if (now.deletedAt !== null && !was?.deletedAt) outcome = 'deleted';
  else if (now.deletedAt === null && was?.deletedAt) outcome = 'restored';
  else if (!was || revisionOf(now) !== revisionOf(was)) outcome = 'updated';
  return { ...merged, outcome, changed };
}

/**
 * A deleted record whose deletion met annotation edits its side did not know: marked as a
 * deletion conflict (a new version derived from it). Unchanged when not deleted or marked already.
 */
export function markDeletionConflict(side: RecordSide): RecordSide {
  if (side.record.deletedAt === null || side.record.deletionConflict) return side;
  // A version of its own, derived from the deletion: no longer the combination it may have been.
  const { mergedFrom: _from, ...deleted } = side.record;
  const record = { ...deleted, deletionConflict: true };
  const rev = revisionOf(record);
  return { record, history: sortedSet(side.history, [revisionOf(side.record)]).filter((r) => r !== rev) };
}

/**
 * An article removed for good elsewhere (a purged tombstone: its id and when, no record)
 * meeting the library's copy: the copy goes to the trash, dated as the purge. A copy changed
 * after the purge is an edit the purge did not know: a deletion conflict.
 */
export function deleteByPurge(local: RecordSide | null, purgedAt: string): RecordSide {
  if (local?.record.deletedAt) return local;
  const { mergedFrom: _from, ...base } = local?.record ?? emptyArticleRecord(purgedAt);
  const after = instant(base.updatedAt) > instant(purgedAt);
  const record: ArticleRecord = { ...base, deletedAt: purgedAt, deletionConflict: Boolean(local) && after, updatedAt: after ? base.updatedAt : purgedAt };
  const rev = revisionOf(record);
  return { record, history: local ? sortedSet(local.history, [revisionOf(local.record)]).filter((r) => r !== rev) : [] };
}
