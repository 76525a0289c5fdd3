import type { Annotation, CodeTag, Collection, Speaker } from '../model/index.js';
import { mapInOrder } from '../store/parallel.js';
import { revisionOf, sortedSet } from '../store/revisions.js';
import type { AnnotationVersion, ImportBatch, LibraryStore, SnapshotVersions } from '../store/types.js';
import type { VerifiedBundle } from './content.js';
import {
  breakCycles,
  deleteByPurge,
  markDeletionConflict,
  mergeAnnotation,
  mergeArticle,
  mergeRecords,
  withOutcome,
  type Outcome,
  type RecordSide,
  type Side,
} from './merge.js';
import { problem, type BundleProblem } from './problems.js';
import { foldText, knownRevisions } from './scope.js';

/** What an import would do (previewBundle) or did (importBundle). Every count is of the bundle's contents. */
export interface BundlePreview {
  path: string;
  formatVersion: number | null;
  /** When and by which Glossa the bundle was made. */
  created: string | null;
  appVersion: string | null;
  /** What the bundle says was exported ("tag “Immigration”"); null for version 1. */
  scope: string | null;
  /** True when the bundle passed every check and can be imported. */
  ok: boolean;
  /** Why it cannot be imported (each names its member; null: the archive as a whole). */
  problems: BundleProblem[];
  /** False when the library already holds everything (importing the same bundle twice). */
  changed: boolean;
  snapshots: {
    /** New to this library. */
    added: string[];
    /** Already here under the same id with the same canonical text. */
    skipped: string[];
    /** The same canonical text is here under another id: the bundle's annotations go onto it. */
    matched: { bundleId: string; localId: string }[];
  };
  /** Originals and images: stored by this import, and left out of the bundle. */
  bodies: { added: number; omitted: number };
  annotations: {
    /** New, live. */
    added: number;
    /** New but already deleted in the bundle: kept as tombstones so the deletion keeps travelling. */
    addedDeleted: number;
    /** A newer version replaced the local one (including restoring a deleted one, or a conflict resolved elsewhere). */
    updated: number;
    /** A newer tombstone deleted a live local annotation. */
    deleted: number;
    /** The local version is the same or newer. */
    skipped: number;
    /** Ids changed on both sides: the newer version shows, the other is kept beside it (listConflicts). */
    conflicts: string[];
  };
  codebook: RegistryChanges;
  speakers: RegistryChanges;
  /** Version 3: what happens to articles here (ids of local articles). */
  articles: {
    /** Moved to the trash: a colleague's deletion (or removal for good) that nothing here contradicts. */
    deleted: string[];
    /** Out of the trash: restored on the other side after the deletion. */
    restored: string[];
    /** Metadata, tags or collections changed. */
    updated: string[];
    /** A deletion met an edit it did not know of: the article stays, marked, for a person to settle (settleArticleDeletion). */
    deletionConflicts: string[];
    /** Articles of the bundle removed for good here: not added back. */
    skippedPurged: string[];
  };
  collections: RegistryChanges;
}

export interface RegistryChanges {
  added: string[];
  updated: string[];
  /** Things a person should sort out after the merge (two tags with one name, a tag moved to the top to break a cycle, …). */
  notes: string[];
}

export interface ImportPlan {
  preview: BundlePreview;
  /** What to commit; null when there are problems or nothing to change. */
  batch: ImportBatch | null;
}

type SnapshotAction = 'add' | 'skip' | 'match' | 'purged';

/** Library files read at once while planning. */
const READERS = 16;

function groupBy<T>(items: readonly T[], key: (item: T) => string): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    const list = out.get(k);
    if (list) list.push(item);
    else out.set(k, [item]);
  }
  return out;
}

const emptyPreview = (path: string, bundle: VerifiedBundle | null): BundlePreview => ({
  path,
  formatVersion: bundle?.manifest.version ?? null,
  created: bundle?.manifest.created ?? null,
  appVersion: bundle?.manifest.appVersion ?? null,
  scope: bundle && bundle.manifest.version >= 2 && 'scope' in bundle.manifest ? bundle.manifest.scope.description : null,
  ok: false,
  problems: [],
  changed: false,
  snapshots: { added: [], skipped: [], matched: [] },
  bodies: { added: 0, omitted: 0 },
  annotations: { added: 0, addedDeleted: 0, updated: 0, deleted: 0, skipped: 0, conflicts: [] },
  codebook: { added: [], updated: [], notes: [] },
  speakers: { added: [], updated: [], notes: [] },
  articles: { deleted: [], restored: [], updated: [], deletionConflicts: [], skippedPurged: [] },
  collections: { added: [], updated: [], notes: [] },
});

export const previewOfProblems = (path: string, problems: BundleProblem[], header?: Partial<BundlePreview>): BundlePreview => ({
  ...emptyPreview(path, null),
  ...header,
  problems,
});

/** The annotation as it lands here: on the target snapshot, with evidence pointing at snapshots by their ids here. */
function onto(a: Annotation, target: string, targetOf: Map<string, string>): Annotation {
  let moved = false;
  const evidence = a.fields.evidence?.map((e) => {
    const here = e.snapshotId ? targetOf.get(e.snapshotId) : undefined;
    if (!here || here === e.snapshotId) return e;
    moved = true;
    return { ...e, snapshotId: here };
  });
  if (target === a.snapshotId && !moved) return a;
  return { ...a, snapshotId: target, fields: moved ? { ...a.fields, evidence } : a.fields };
}

/** A version landed under another snapshot id keeps the bundle's revision in its history, so the two are known to be one. */
function land(version: AnnotationVersion, target: string, targetOf: Map<string, string>): AnnotationVersion {
  const landed = onto(version.annotation, target, targetOf);
  if (landed === version.annotation) return version;
  return { annotation: landed, history: sortedSet(version.history, [revisionOf(version.annotation)]).filter((r) => r !== revisionOf(landed)) };
}

/**
 * Decides everything an import does, reading the library but writing nothing: which
 * snapshots are new, skipped or matched by text; how every annotation merges (merge.ts);
 * which bodies to store; the merged codebook and speakers. Problems found against the
 * library (an id that means something else here) refuse the whole bundle.
 */
export interface PlanOptions {
  /**
   * A snapshot new here whose text is already here under another id lands its annotations on
   * that one (default). Sync turns this off: both copies are kept, so every machine ends with
   * the same articles whichever copy it captured (matching would swap ids back and forth).
   */
  matchByText?: boolean;
}

export async function planImport(
  library: LibraryStore,
  bundle: VerifiedBundle,
  path: string,
  readBlob: (member: string) => Promise<Uint8Array>,
  opts: PlanOptions = {},
): Promise<ImportPlan> {
  const matchByText = opts.matchByText ?? true;
  const preview = emptyPreview(path, bundle);
  const problems = preview.problems;

  // ---- snapshots ----
  const plans: { bundleId: string; target: string; action: SnapshotAction }[] = [];
  const plannedByText = new Map<string, string>();
  // Removed for good here: never brought back by a bundle that still has them.
  const purgedHere = new Set(library.listPurged().map((p) => p.id));
  // Files read a few at a time (thousands of snapshots), decisions made in bundle order.
  const here = await mapInOrder(bundle.snapshots, READERS, async ({ snapshot }) =>
    library.hasSnapshot(snapshot.id) ? library.getSnapshot(snapshot.id) : null,
  );
  for (const [i, { snapshot }] of bundle.snapshots.entries()) {
    const local = here[i];
    if (!local && purgedHere.has(snapshot.id)) {
      plans.push({ bundleId: snapshot.id, target: snapshot.id, action: 'purged' });
      continue;
    }
    if (local) {
      if (local.textHash !== snapshot.textHash) {
        problems.push(
          problem(
            `snapshots/${snapshot.id}/snapshot.json`,
            `Snapshot ${snapshot.id} in the bundle ("${snapshot.title}") has different content from the snapshot with the same id in this library ("${local.title}"). Two different articles cannot share an id, so the bundle was refused.`,
          ),
        );
        continue;
      }
      plans.push({ bundleId: snapshot.id, target: snapshot.id, action: 'skip' });
    } else {
      const sameText = matchByText ? (library.findByTextHash(snapshot.textHash)?.id ?? plannedByText.get(snapshot.textHash)) : undefined;
      if (sameText) plans.push({ bundleId: snapshot.id, target: sameText, action: 'match' });
      else {
        plans.push({ bundleId: snapshot.id, target: snapshot.id, action: 'add' });
        plannedByText.set(snapshot.textHash, snapshot.id);
      }
    }
  }
  if (problems.length > 0) return { preview, batch: null };
  const skippedIds = new Set(plans.filter((p) => p.action === 'purged').map((p) => p.bundleId));
  const targetOf = new Map(plans.filter((p) => p.action !== 'purged').map((p) => [p.bundleId, p.target]));
  const bundleAnnotations = bundle.annotations.filter((a) => !skippedIds.has(a.snapshotId));
  // Targets already here: an id in one of them is a version of that annotation, merged below.
  const local = new Set(plans.map((p) => p.target).filter((t) => library.hasSnapshot(t)));

  // ---- annotation ids must not belong to another snapshot here ----
  const ids = new Set(bundleAnnotations.map((a) => a.id));
  const elsewhere = await library.locateAnnotations(ids, local);
  for (const a of bundleAnnotations) {
    const there = elsewhere.get(a.id);
    if (there && there !== targetOf.get(a.snapshotId)) {
      problems.push(
        problem(
          'annotations.jsonld',
          `Annotation ${a.id} in the bundle (on snapshot ${a.snapshotId}) has the id of a different annotation in this library (on snapshot ${there}). Two annotations cannot share an id, so the bundle was refused.`,
        ),
      );
    }
  }
  if (problems.length > 0) return { preview, batch: null };

  // ---- annotations: merged per target snapshot ----
  const keptById = groupBy(bundle.conflicts, (c) => c.annotation.id);
  const incoming = new Map<string, Side[]>();
  for (const a of bundleAnnotations) {
    const target = targetOf.get(a.snapshotId)!;
    const current = land({ annotation: a, history: bundle.history[a.id] ?? [] }, target, targetOf);
    const side: Side = { current: current.annotation, history: current.history, conflicts: (keptById.get(a.id) ?? []).map((c) => land(c, target, targetOf)) };
    const list = incoming.get(target);
    if (list) list.push(side);
    else incoming.set(target, [side]);
  }
  const results = new Map<string, { versions: Omit<SnapshotVersions, 'basis'>; basis: number | null; changed: boolean }>();
  const count = (o: Outcome, id: string) => {
    if (o === 'conflict') preview.annotations.conflicts.push(id);
    else preview.annotations[o]++;
  };
  // Every local article the bundle says something about: its annotations, its record, a tombstone.
  const tombstones = bundle.deletedArticles.filter((d) => library.hasSnapshot(d.id));
  const purgedThere = bundle.purged.filter((p) => library.hasSnapshot(p.id));
  const targets = [...incoming.keys()];
  const read = [
    ...new Set([
      ...targets,
      ...plans.filter((p) => p.action === 'skip' || p.action === 'match').map((p) => p.target),
      ...tombstones.map((d) => d.id),
      ...purgedThere.map((p) => p.id),
    ]),
  ];
  const readVersions = await mapInOrder(read, READERS, async (t) => (library.hasSnapshot(t) ? library.readVersions(t) : null));
  const versionsHere = new Map(read.map((t, i) => [t, readVersions[i]!]));
  for (const target of targets) {
    const sides = incoming.get(target)!;
    const mine = versionsHere.get(target)!;
    const current = new Map((mine?.annotations ?? []).map((a) => [a.id, a]));
    const history: Record<string, string[]> = { ...(mine?.history ?? {}) };
    const conflicts = groupBy(mine?.conflicts ?? [], (c) => c.annotation.id);
    let changed = false;
    for (const side of sides) {
      const id = side.current.id;
      const existing = current.get(id);
      const merged = mergeAnnotation(
        existing ? { current: existing, history: history[id] ?? [], conflicts: conflicts.get(id) ?? [] } : null,
        side,
        bundle.historyKnown,
      );
      count(merged.outcome, id);
      if (!merged.changed) continue;
      changed = true;
      current.set(id, merged.current);
      history[id] = [...merged.history];
      conflicts.set(id, [...merged.conflicts]);
    }
    results.set(target, {
      versions: { annotations: [...current.values()], history, conflicts: [...conflicts.values()].flat(), ...articleOf(mine) },
      basis: mine ? mine.basis : null,
      changed,
    });
  }
  preview.annotations.conflicts.sort();

  // ---- article records: merged like annotations; tombstones and purges move articles to the trash ----
  // What a side knew is worked out only for a deletion (hashing every annotation of a library costs a second).
  type Knows = () => Set<string>;
  const recordsFor = new Map<string, { record: RecordSide; knows: Knows }[]>();
  const addRecord = (target: string, record: RecordSide, knows: Knows) => {
    const list = recordsFor.get(target);
    if (list) list.push({ record, knows });
    else recordsFor.set(target, [{ record, knows }]);
  };
  // Which bundle snapshot each annotation came from (a target can gather several matched copies).
  const cameFrom = new Set(bundleAnnotations.map((a) => `${a.snapshotId}\u0000${a.id}`));
  for (const p of plans) {
    if (p.action === 'purged') continue;
    const version = bundle.articles.get(p.bundleId);
    // What the bundle's side knew of this article's annotations (landed, so matched copies compare alike).
    const sides = (incoming.get(p.target) ?? []).filter((side) => cameFrom.has(`${p.bundleId}\u0000${side.current.id}`));
    const knows = () =>
      new Set(
        knownRevisions({
          annotations: sides.map((x) => x.current),
          history: Object.fromEntries(sides.map((x) => [x.current.id, x.history])),
          conflicts: sides.flatMap((x) => x.conflicts),
        }),
      );
    if (version) addRecord(p.target, { record: version.record, history: version.history }, knows);
  }
  for (const d of tombstones) addRecord(d.id, { record: d.record, history: d.history }, () => new Set(d.knows));
  const purgedAt = new Map(purgedThere.map((p) => [p.id, p.purgedAt]));
  const articleTargets = [...new Set([...recordsFor.keys(), ...purgedAt.keys()])].sort();
  for (const target of articleTargets) {
    const mine = versionsHere.get(target) ?? null;
    const before: RecordSide | null = mine?.article ? { record: mine.article, history: mine.articleHistory ?? [] } : null;
    const r = results.get(target);
    // The annotations as they will be after this import (merged above), and as they were here.
    const after =
      r?.versions ??
      (mine ? { annotations: mine.annotations, history: mine.history, conflicts: mine.conflicts } : { annotations: [], history: {}, conflicts: [] });
    const versionsAfter = () => [...after.annotations.map((a) => revisionOf(a)), ...after.conflicts.map((c) => revisionOf(c.annotation))];
    const lacks = (knows: Set<string>) => versionsAfter().some((rev) => !knows.has(rev));
    let merged: RecordSide | null = before;
    let unknownEdits = false;
    for (const { record, knows } of recordsFor.get(target) ?? []) {
      merged = mergeArticle(merged, record);
      // A deletion on the bundle's side, new here, that did not know annotations the result holds.
      const rev = revisionOf(record.record);
      const news = !before || (revisionOf(before.record) !== rev && !before.history.includes(rev));
      if (record.record.deletedAt !== null && news && lacks(knows())) unknownEdits = true;
    }
    const when = purgedAt.get(target);
    if (when !== undefined) merged = deleteByPurge(merged, when);
    // A deletion here that did not know annotations the bundle brought.
    if (before?.record.deletedAt && lacks(mine ? new Set(knownRevisions(mine)) : new Set<string>())) unknownEdits = true;
    if (!merged) continue;
    if (unknownEdits) merged = markDeletionConflict(merged);
    const result = withOutcome(before, merged);
    if (!result.changed) continue;
    if (library.hasSnapshot(target)) {
      const list = { deleted: 'deleted', restored: 'restored', updated: 'updated', deletionConflict: 'deletionConflicts', skipped: null } as const;
      const key = list[result.outcome];
      if (key) preview.articles[key].push(target);
    }
    results.set(target, {
      versions: { ...after, article: result.record, articleHistory: [...result.history] },
      basis: mine ? mine.basis : (r?.basis ?? null),
      changed: true,
    });
  }
  for (const list of Object.values(preview.articles)) list.sort();

  // ---- bodies: new snapshots' bodies, and what a skipped snapshot here lacks ----
  const items = new Map(bundle.snapshots.map((s) => [s.snapshot.id, s]));
  const wanted = new Map<string, { member: string; body: boolean }>();
  for (const [i, p] of plans.entries()) {
    const item = items.get(p.bundleId)!;
    preview.bodies.omitted += item.omitted.length;
    const local = here[i];
    const hashes =
      p.action === 'add'
        ? [...item.blobMembers.keys()]
        : p.action === 'skip' && local
          ? [...(local.originalHash ? [local.originalHash] : []), ...local.assetHashes]
          : [];
    for (const hash of hashes) {
      const member = item.blobMembers.get(hash);
      if (member && !wanted.has(hash)) wanted.set(hash, { member, body: hash !== item.snapshot.textHash && hash !== item.snapshot.htmlHash });
    }
  }
  const present = await mapInOrder([...wanted.keys()], READERS, (hash) => library.blobs.has(hash));
  const blobs = new Map<string, string>();
  for (const [i, [hash, { member, body }]] of [...wanted].entries()) {
    if (present[i]) continue;
    blobs.set(hash, member);
    if (body) preview.bodies.added++;
  }

  // ---- codebook and speakers ----
  const codebookBefore = library.listCodebook();
  const speakersBefore = library.listSpeakers();
  const codebook = mergeRecords(codebookBefore, bundle.codebook);
  const moved = codebook.changed ? breakCycles(codebook.next) : [];
  const speakers = mergeRecords(speakersBefore, bundle.speakers);
  const collectionsBefore = library.listCollections();
  const collections = mergeRecords(collectionsBefore, bundle.collections);
  const lifted = collections.changed ? breakCycles(collections.next) : [];
  preview.collections = {
    added: collections.added,
    updated: collections.updated,
    notes: lifted.map((id) => collectionCycleNote(collections.next, id)),
  };
  preview.codebook = {
    added: codebook.added,
    updated: codebook.updated,
    notes: [...moved.map((id) => cycleNote(codebook.next, id)), ...tagClashes(codebook.next, [...codebook.added, ...codebook.updated])],
  };
  preview.speakers = { added: speakers.added, updated: speakers.updated, notes: speakerClashes(speakers.next, [...speakers.added, ...speakers.updated]) };

  // ---- the batch ----
  for (const p of plans) {
    if (p.action === 'add') preview.snapshots.added.push(p.bundleId);
    else if (p.action === 'skip') preview.snapshots.skipped.push(p.bundleId);
    else if (p.action === 'purged') preview.articles.skippedPurged.push(p.bundleId);
    else preview.snapshots.matched.push({ bundleId: p.bundleId, localId: p.target });
  }
  const batch: ImportBatch = { blobs: [], add: [], replace: [] };
  for (const [hash, member] of blobs) batch.blobs.push({ hash, read: () => readBlob(member) });
  for (const p of plans) {
    if (p.action !== 'add') continue;
    const item = items.get(p.bundleId)!;
    const versions = results.get(p.target)?.versions ?? { annotations: [], history: {}, conflicts: [] };
    batch.add.push({ snapshot: item.snapshot, versions, optionalBlobs: item.omitted });
  }
  for (const [target, r] of results) if (r.basis !== null && r.changed) batch.replace.push({ snapshotId: target, versions: r.versions, basis: r.basis });
  if (codebook.changed) batch.codebook = { next: codebook.next, basis: codebookBefore };
  if (speakers.changed) batch.speakers = { next: speakers.next, basis: speakersBefore };
  if (collections.changed) batch.collections = { next: collections.next, basis: collectionsBefore };
  preview.changed = batch.blobs.length + batch.add.length + batch.replace.length > 0 || codebook.changed || speakers.changed || collections.changed;
  preview.ok = true;
  return { preview, batch: preview.changed ? batch : null };
}

/** The article record a file holds, as merge results carry it (none: nothing). */
const articleOf = (mine: SnapshotVersions | null) => (mine?.article ? { article: mine.article, articleHistory: mine.articleHistory ?? [] } : {});

function collectionCycleNote(list: Collection[], id: string): string {
  const c = list.find((x) => x.id === id)!;
  return `Collection “${c.name}” was moved under one of its own sub-collections on another side; it is now at the top level. Move it where it belongs.`;
}

function cycleNote(tags: CodeTag[], id: string): string {
  const tag = tags.find((t) => t.id === id)!;
  return `Tag “${tag.name}” was moved under one of its own sub-tags on another side; it is now at the top level. Move it where it belongs.`;
}

/** Two tags with one name under one parent, or one key for two tags: left as they are for a person to merge or rename. */
function tagClashes(tags: CodeTag[], changed: string[]): string[] {
  const touched = new Set(changed);
  const notes: string[] = [];
  const byName = new Map<string, CodeTag>();
  const byKey = new Map<string, CodeTag>();
  for (const t of [...tags].sort((a, b) => (a.id < b.id ? -1 : 1))) {
    const name = `${t.parentId ?? ''}\u0000${foldText(t.name.trim())}`;
    const twin = byName.get(name);
    if (twin && (touched.has(t.id) || touched.has(twin.id)))
      notes.push(`Two tags are named “${t.name}” in the same place (${twin.id}, ${t.id}). Merge them, or rename one.`);
    byName.set(name, twin ?? t);
    if (t.key) {
      const other = byKey.get(t.key);
      if (other && (touched.has(t.id) || touched.has(other.id)))
        notes.push(`The key “${t.key}” applies both “${other.name}” and “${t.name}”. Give one of them another key.`);
      byKey.set(t.key, other ?? t);
    }
  }
  return notes;
}

function speakerClashes(speakers: Speaker[], changed: string[]): string[] {
  const touched = new Set(changed);
  const notes: string[] = [];
  const owner = new Map<string, Speaker>();
  for (const s of [...speakers].sort((a, b) => (a.id < b.id ? -1 : 1))) {
    for (const n of new Set([s.name, ...s.aliases].map((x) => foldText(x.trim())))) {
      const other = owner.get(n);
      if (other && other.id !== s.id && (touched.has(s.id) || touched.has(other.id))) {
        notes.push(`“${s.name}” and “${other.name}” share the name “${n}” (${other.id}, ${s.id}): probably one person. Merge the two speakers.`);
      } else owner.set(n, s);
    }
  }
  return notes;
}
