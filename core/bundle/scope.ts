import { z } from 'zod';
import { collectionAndBelow } from '../articles/collections.js';
import { AnnotationKind, GlossaError, inTrash, Verdict, type Annotation, type CodeTag, type Collection, type Snapshot, type Speaker } from '../model/index.js';
import { mapInOrder } from '../store/parallel.js';
import { revisionOf, sortedSet } from '../store/revisions.js';
import type { AnnotationVersion, LibraryStore, PurgedArticle } from '../store/types.js';
import type { ArticleVersion, DeletedArticle } from './content.js';
import { SNAPSHOT_ID } from './format.js';

/** The most annotations an 'annotations' scope names. */
export const MAX_CHOSEN_ANNOTATIONS = 200_000;

/** What an export takes from the library (docs/bundle-format.md, "Export scopes"). */
export const ExportScope = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('library') }),
  z.object({ kind: z.literal('snapshots'), snapshotIds: z.array(z.string().min(1)).min(1, 'choose at least one snapshot') }),
  /** Every annotation carrying the tag (and, unless `subtags` is false, a tag under it), with their snapshots. */
  z.object({ kind: z.literal('tag'), tagId: z.string().min(1), subtags: z.boolean().optional() }),
  /** Every article in the collection or a collection under it, whole (annotations and all). */
  z.object({ kind: z.literal('collection'), id: z.string().min(1) }),
  /** Every quote whose speaker is this registry entry, with their snapshots. */
  z.object({ kind: z.literal('speaker'), speakerId: z.string().min(1) }),
  /** Annotations matching every criterion given: kinds, claim verdicts, text in the quoted span or comment; optionally within some snapshots. */
  z.object({
    kind: z.literal('filter'),
    kinds: z.array(AnnotationKind).optional(),
    verdicts: z.array(Verdict).optional(),
    query: z.string().max(1000).optional(),
    snapshotIds: z.array(z.string().min(1)).optional(),
  }),
  /** Chosen annotations (a search's results, core/api resolves it), with their snapshots; ids no longer in the library are left out. */
  z.object({
    kind: z.literal('annotations'),
    annotations: z
      .array(z.object({ snapshotId: z.string().min(1), id: z.string().min(1) }))
      .min(1, 'choose at least one annotation')
      .max(
        MAX_CHOSEN_ANNOTATIONS,
        `at most ${MAX_CHOSEN_ANNOTATIONS.toLocaleString('en')} annotations at a time; export a tag, a speaker or whole snapshots instead`,
      ),
    /** For people, e.g. "annotations matching “kind:quote”". */
    description: z.string().max(200).optional(),
  }),
]);
export type ExportScope = z.infer<typeof ExportScope>;

/** Everything an export writes, chosen and read once. */
export interface Selection {
  /**
   * As the manifest records it: chosen annotations are a kind of filter, written as 'filter'
   * so every version 2 reader (whose manifest knows five kinds) still reads the bundle.
   */
  kind: Exclude<ExportScope['kind'], 'annotations'>;
  /** For people: "the whole library", "tag “Immigration”", … */
  description: string;
  snapshots: Snapshot[];
  /** Tombstones included, so deletions travel. */
  annotations: Annotation[];
  history: Record<string, string[]>;
  conflicts: AnnotationVersion[];
  codebook: CodeTag[];
  speakers: Speaker[];
  /** Records of the exported articles that have one, by snapshot id. */
  articles: Map<string, ArticleVersion>;
  /** Whole library only: articles in the trash, as their record (no bodies), with the annotation revisions their side knew. */
  deletedArticles: DeletedArticle[];
  /** Whole library only: articles removed for good. */
  purged: PurgedArticle[];
  collections: Collection[];
}

/** Case, accents and spacing do not matter to a search. */
export const foldText = (s: string) =>
  s
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLocaleLowerCase('en')
    .replace(/\s+/g, ' ');

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

interface Choice {
  description: string;
  snapshotIds: string[];
  /** Which annotations go; null: all of a chosen snapshot (and the snapshot goes even without any). */
  pick: ((a: Annotation) => boolean) | null;
  /** Tags the bundle carries even if no exported annotation uses them. */
  tags: string[];
  /** Why nothing goes, when nothing does (default: nothing matches the description). */
  empty?: string;
}

/** Articles in the trash travel as tombstones (whole library) or not at all: their content never goes with a scope that did not name them. */
const live = (library: LibraryStore) => library.listSnapshots().filter((s) => !inTrash(s.article));

function choose(library: LibraryStore, scope: ExportScope): Choice {
  const all = () => live(library).map((s) => s.id);
  switch (scope.kind) {
    case 'library':
      return { description: 'the whole library', snapshotIds: all(), pick: null, tags: [] };
    case 'snapshots': {
      const ids = [...new Set(scope.snapshotIds)];
      return { description: plural(ids.length, 'chosen snapshot'), snapshotIds: ids, pick: null, tags: [] };
    }
    case 'tag': {
      const codebook = library.listCodebook();
      const tag = codebook.find((t) => t.id === scope.tagId);
      if (!tag) throw new GlossaError('NOT_FOUND', `There is no tag ${scope.tagId} in the codebook; it may have been deleted.`);
      const ids = new Set([tag.id]);
      if (scope.subtags !== false) {
        for (let size = 0; size !== ids.size;) {
          size = ids.size;
          for (const t of codebook) if (t.parentId && ids.has(t.parentId)) ids.add(t.id);
        }
      }
      return { description: `tag “${tag.name}”`, snapshotIds: all(), pick: (a) => a.tags.some((t) => ids.has(t)), tags: [...ids] };
    }
    case 'collection': {
      const collections = library.listCollections();
      const collection = collections.find((c) => c.id === scope.id);
      if (!collection) throw new GlossaError('NOT_FOUND', `There is no collection ${scope.id}; it may have been deleted.`);
      const ids = new Set(collectionAndBelow(collections, collection.id));
      return {
        description: `collection “${collection.name}”`,
        snapshotIds: live(library)
          .filter((s) => s.article?.collections.some((c) => ids.has(c)))
          .map((s) => s.id),
        pick: null,
        tags: [],
        empty: `Nothing to export: collection “${collection.name}” holds no article.`,
      };
    }
    case 'speaker': {
      const speaker = library.listSpeakers().find((s) => s.id === scope.speakerId);
      if (!speaker) throw new GlossaError('NOT_FOUND', `There is no speaker ${scope.speakerId} in the registry; it may have been deleted.`);
      return { description: `speaker “${speaker.name}”`, snapshotIds: all(), pick: (a) => a.kind === 'quote' && a.fields.speaker === speaker.id, tags: [] };
    }
    case 'filter': {
      const kinds = scope.kinds?.length ? new Set(scope.kinds) : null;
      const verdicts = scope.verdicts?.length ? new Set<string>(scope.verdicts) : null;
      const query = scope.query?.trim() ? foldText(scope.query.trim()) : null;
      const parts = [
        kinds ? [...kinds].join(' or ') : null,
        verdicts ? `verdict ${[...verdicts].join(' or ')}` : null,
        query ? `“${scope.query!.trim()}”` : null,
        scope.snapshotIds ? `in ${plural(scope.snapshotIds.length, 'snapshot')}` : null,
      ].filter(Boolean);
      return {
        description: `filter: ${parts.join(', ') || 'everything'}`,
        snapshotIds: scope.snapshotIds ? [...new Set(scope.snapshotIds)].filter((id) => !inTrash(library.hasSnapshot(id) ? rowOf(library, id) : null)) : all(),
        pick: (a) =>
          (!kinds || kinds.has(a.kind)) &&
          (!verdicts || (a.kind === 'claim' && verdicts.has(a.fields.verdict ?? ''))) &&
          (!query || foldText(a.target.quote.exact).includes(query) || foldText(a.comment).includes(query)),
        tags: [],
      };
    }
    case 'annotations': {
      const bySnapshot = new Map<string, Set<string>>();
      for (const { snapshotId, id } of scope.annotations) {
        let ids = bySnapshot.get(snapshotId);
        if (!ids) bySnapshot.set(snapshotId, (ids = new Set()));
        ids.add(id);
      }
      // A snapshot deleted since the choice is absent, like its annotations.
      const snapshotIds = [...bySnapshot.keys()].filter((id) => library.hasSnapshot(id) && !inTrash(rowOf(library, id)));
      return {
        description: scope.description?.trim() || plural(scope.annotations.length, 'chosen annotation'),
        snapshotIds,
        pick: (a) => bySnapshot.get(a.snapshotId)?.has(a.id) === true,
        tags: [],
        empty:
          scope.annotations.length === 1
            ? 'Nothing to export: the chosen annotation is no longer in the library (deleted since it was chosen?).'
            : `Nothing to export: none of the ${scope.annotations.length.toLocaleString('en')} chosen annotations is in the library any more (deleted since they were chosen?).`,
      };
    }
  }
}

const rowOf = (library: LibraryStore, id: string) => library.listSnapshots().find((s) => s.id === id)?.article;

/** Revisions of every annotation version a file holds or descends from: what that side knew of the article's annotations. */
export function knownRevisions(versions: {
  annotations: readonly Annotation[];
  history: Record<string, readonly string[]>;
  conflicts: readonly AnnotationVersion[];
}): string[] {
  return sortedSet(
    versions.annotations.map((a) => revisionOf(a)),
    versions.conflicts.flatMap((c) => [revisionOf(c.annotation), ...c.history]),
    Object.values(versions.history).flat(),
  );
}

/**
 * Reads what `scope` exports. A snapshot goes when it was chosen, or (tag, speaker, filter)
 * when at least one live annotation of it matches; the matching tombstones of those
 * snapshots go too. Codebook and speakers: all of them for the whole library, otherwise the
 * tags the exported annotations use (with their parents) and the speakers they quote.
 */
export async function selectForExport(library: LibraryStore, scope: ExportScope, signal?: AbortSignal): Promise<Selection> {
  const parsed = ExportScope.safeParse(scope);
  if (!parsed.success) throw new GlossaError('INVALID_INPUT', `The export scope is not valid (${parsed.error.issues[0]?.message}).`);
  const choice = choose(library, parsed.data);
  const out: Selection = {
    kind: scope.kind === 'annotations' ? 'filter' : scope.kind,
    description: choice.description,
    snapshots: [],
    annotations: [],
    history: {},
    conflicts: [],
    codebook: [],
    speakers: [],
    articles: new Map(),
    deletedArticles: [],
    purged: [],
    collections: [],
  };
  // Read a few at once (each is two small files), kept in the chosen order.
  const read = await mapInOrder(choice.snapshotIds, 8, async (id) => {
    if (signal?.aborted) throw new GlossaError('CANCELLED', 'The export was cancelled; no file was written.');
    const snapshot = await library.getSnapshot(id);
    if (!SNAPSHOT_ID.test(snapshot.id)) {
      throw new GlossaError('LIBRARY_CORRUPT', `Snapshot id "${snapshot.id}" cannot be written to a bundle (only letters, digits, "-" and "_" travel).`);
    }
    return { snapshot, versions: await library.readVersions(id) };
  });
  for (const { snapshot, versions } of read) {
    const picked = choice.pick ? versions.annotations.filter(choice.pick) : versions.annotations;
    if (choice.pick && !picked.some((a) => a.deletedAt === null)) continue;
    out.snapshots.push(snapshot);
    if (versions.article) out.articles.set(snapshot.id, { record: versions.article, history: versions.articleHistory ?? [] });
    const ids = new Set<string>();
    for (const a of picked) {
      out.annotations.push(a);
      ids.add(a.id);
      if (versions.history[a.id]?.length) out.history[a.id] = versions.history[a.id]!;
    }
    for (const c of versions.conflicts) if (ids.has(c.annotation.id)) out.conflicts.push(c);
  }
  if (scope.kind !== 'library' && out.snapshots.length === 0) {
    throw new GlossaError('INVALID_INPUT', choice.empty ?? `Nothing to export: no annotation matches ${choice.description}.`);
  }
  const codebook = library.listCodebook();
  const speakers = library.listSpeakers();
  const collections = library.listCollections();
  if (scope.kind === 'library') {
    out.codebook = codebook;
    out.speakers = speakers;
    out.collections = collections;
    // The trash as tombstones: each record, and what its side knew of the article's annotations.
    const trashed = library.listSnapshots().filter((s) => inTrash(s.article));
    const records = await mapInOrder(trashed, 8, async (row) => ({ row, versions: await library.readVersions(row.id) }));
    for (const { row, versions } of records) {
      if (!versions.article || !SNAPSHOT_ID.test(row.id)) continue;
      out.deletedArticles.push({
        id: row.id,
        textHash: row.textHash,
        title: row.title,
        record: versions.article,
        history: versions.articleHistory ?? [],
        knows: knownRevisions(versions),
      });
    }
    out.purged = library.listPurged().filter((p) => SNAPSHOT_ID.test(p.id));
  } else {
    const used = new Set<string>(choice.tags);
    for (const a of [...out.annotations, ...out.conflicts.map((c) => c.annotation)]) for (const t of a.tags) used.add(t);
    for (const { record } of out.articles.values()) for (const t of record.tags) used.add(t);
    // The collections the exported articles are in, with their parents (the tree arrives whole).
    const inUse = new Set<string>();
    for (const { record } of out.articles.values()) for (const c of record.collections) inUse.add(c);
    const collectionById = new Map(collections.map((c) => [c.id, c]));
    for (const id of [...inUse])
      for (let p = collectionById.get(id)?.parentId ?? null; p !== null && !inUse.has(p); p = collectionById.get(p)?.parentId ?? null) inUse.add(p);
    out.collections = collections.filter((c) => inUse.has(c.id));
    const byId = new Map(codebook.map((t) => [t.id, t]));
    // Parents travel with their children, so the tree arrives whole.
    for (const id of [...used]) for (let p = byId.get(id)?.parentId ?? null; p !== null && !used.has(p); p = byId.get(p)?.parentId ?? null) used.add(p);
    out.codebook = codebook.filter((t) => used.has(t.id));
    const quoted = new Set(out.annotations.map((a) => a.fields.speaker).filter((s): s is string => typeof s === 'string'));
    out.speakers = speakers.filter((s) => quoted.has(s.id));
  }
  return out;
}
