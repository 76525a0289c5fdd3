/**
 * The codebook as a tree of tags: pure operations that return the next list and, for
 * delete and merge, how the tags of already tagged annotations change. The API layer
 * (core/api/codebook.ts) applies both in one undoable step, so a researcher always sees
 * beforehand what happens to tagged spans.
 */
import { CodeTag, GlossaError } from '../model/index.js';

/** Colours offered to new tags in turn (readable as text on white, distinct from each other). */
export const PALETTE = ['#1f77b4', '#d62728', '#2ca02c', '#9467bd', '#8c564b', '#e377c2', '#b8860b', '#17becf', '#7f7f7f', '#bcbd22'] as const;

export interface NewTag {
  name: string;
  parentId?: string | null;
  color?: string | null;
  key?: string | null;
  description?: string;
}
export type TagPatch = Partial<Pick<CodeTag, 'name' | 'parentId' | 'color' | 'key' | 'description'>>;

/** What happens to an annotation's tag ids: a tag id maps to its replacement, or null to drop it. */
export type Retag = ReadonlyMap<string, string | null>;

export interface Plan {
  tags: CodeTag[];
  retag: Retag;
  /** Tags that leave the codebook. */
  removed: CodeTag[];
  /** Tags that get a new parent. */
  moved: CodeTag[];
}

const same = (a: string, b: string) => a.trim().toLocaleLowerCase() === b.trim().toLocaleLowerCase();

/** What the tree functions need of a record: tags and collections are both such trees. */
export interface TreeNode {
  id: string;
  name: string;
  parentId: string | null;
}

export function byId(tags: readonly CodeTag[], id: string): CodeTag {
  const tag = tags.find((t) => t.id === id);
  if (!tag) throw new GlossaError('NOT_FOUND', `There is no tag ${id} in the codebook; it may have been deleted.`);
  return tag;
}

/** "Parent ▸ Child" path of a tag (or collection), for messages and lists. */
export function pathName(tags: readonly TreeNode[], id: string): string {
  const names: string[] = [];
  const seen = new Set<string>();
  for (let t = tags.find((x) => x.id === id); t && !seen.has(t.id); t = t.parentId ? tags.find((x) => x.id === t!.parentId) : undefined) {
    seen.add(t.id);
    names.unshift(t.name);
  }
  return names.join(' ▸ ');
}

/** Ids of every node under `id` (children, their children, …), not `id` itself. */
export function descendants(tags: readonly TreeNode[], id: string): string[] {
  const out: string[] = [];
  const queue = [id];
  while (queue.length) {
    const parent = queue.shift()!;
    for (const t of tags) {
      if (t.parentId === parent && !out.includes(t.id) && t.id !== id) {
        out.push(t.id);
        queue.push(t.id);
      }
    }
  }
  return out;
}

/** Nodes in tree order (parents before children, siblings by name), each with its depth. */
export function treeOrder<T extends TreeNode>(tags: readonly T[]): { tag: T; depth: number }[] {
  const out: { tag: T; depth: number }[] = [];
  const ids = new Set(tags.map((t) => t.id));
  const walk = (parentId: string | null, depth: number) => {
    const children = tags
      .filter((t) => (parentId === null ? t.parentId === null || !ids.has(t.parentId) : t.parentId === parentId))
      .sort((a, b) => a.name.localeCompare(b.name));
    for (const tag of children) {
      out.push({ tag, depth });
      walk(tag.id, depth + 1);
    }
  };
  walk(null, 0);
  return out;
}

/** How a tree's messages name it: "tag", "the codebook", "sub-tags"; "collection", … */
export interface TreeWords {
  node: string;
  tree: string;
  children: string;
}

const TAG_WORDS: TreeWords = { node: 'tag', tree: 'the codebook', children: 'sub-tags' };

/** Checks a whole tree: ids once, parents exist, no cycles, sibling names unique. */
export function assertTree(nodes: readonly TreeNode[], words: TreeWords): void {
  const ids = new Set<string>();
  for (const t of nodes) {
    if (ids.has(t.id)) throw new GlossaError('INVALID_INPUT', `${cap(words.tree)} lists ${words.node} ${t.id} twice.`);
    ids.add(t.id);
  }
  for (const t of nodes) {
    if (t.parentId !== null && !ids.has(t.parentId)) {
      throw new GlossaError('INVALID_INPUT', `“${t.name}” is placed under a ${words.node} that is not in ${words.tree}.`);
    }
    const seen = new Set<string>([t.id]);
    for (let p = t.parentId; p !== null; p = nodes.find((x) => x.id === p)?.parentId ?? null) {
      if (seen.has(p)) throw new GlossaError('INVALID_INPUT', `“${t.name}” cannot be placed under one of its own ${words.children}.`);
      seen.add(p);
    }
  }
  // Each node is checked against those before it, so the message names the one already there.
  for (const [i, t] of nodes.entries()) {
    const twin = nodes.slice(0, i).find((o) => o.parentId === t.parentId && same(o.name, t.name));
    if (twin) {
      const where = t.parentId ? `under “${pathName(nodes, t.parentId)}”` : 'at the top level';
      throw new GlossaError('INVALID_INPUT', `There is already a ${words.node} named “${twin.name}” ${where}. Choose another name, or merge the two.`);
    }
  }
}

const cap = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

/** Checks the whole codebook: a valid tree (assertTree), and keys unique. */
export function assertValid(tags: readonly CodeTag[]): void {
  assertTree(tags, TAG_WORDS);
  for (const [i, t] of tags.entries()) {
    const earlier = tags.slice(0, i);
    const keyTwin = t.key ? earlier.find((o) => o.key === t.key) : undefined;
    if (keyTwin) throw new GlossaError('INVALID_INPUT', `The key “${t.key}” already applies “${keyTwin.name}”. Choose another key or clear that one first.`);
  }
}

function nextColour(tags: readonly CodeTag[]): string {
  const used = new Set(tags.map((t) => t.color.toLowerCase()));
  return PALETTE.find((c) => !used.has(c)) ?? PALETTE[tags.length % PALETTE.length]!;
}

export function addTag(tags: readonly CodeTag[], input: NewTag, id: string, now: string): CodeTag[] {
  const tag = CodeTag.parse({
    id,
    name: input.name,
    parentId: input.parentId ?? null,
    color: input.color ?? nextColour(tags),
    key: input.key ?? null,
    description: input.description ?? '',
    createdAt: now,
    updatedAt: now,
  });
  const next = [...tags, tag];
  assertValid(next);
  return next;
}

export function updateTag(tags: readonly CodeTag[], id: string, patch: TagPatch, now: string): CodeTag[] {
  const before = byId(tags, id);
  const after = CodeTag.parse({ ...before, ...patch, id, updatedAt: now });
  const next = tags.map((t) => (t.id === id ? after : t));
  assertValid(next);
  return next;
}

export interface DeleteOptions {
  /** What tagged annotations get instead: nothing (the tag is removed from them), or the parent tag. */
  annotations: 'untag' | 'to-parent';
  /** Sub-tags move up to the deleted tag's parent, or are deleted with it (and handled like it). */
  children: 'lift' | 'delete';
}

export function planDelete(tags: readonly CodeTag[], id: string, opts: DeleteOptions, now: string): Plan {
  const tag = byId(tags, id);
  const sub = descendants(tags, id);
  const gone = new Set([id, ...(opts.children === 'delete' ? sub : [])]);
  const replacement = opts.annotations === 'to-parent' ? tag.parentId : null;
  const moved: CodeTag[] = [];
  const next: CodeTag[] = [];
  for (const t of tags) {
    if (gone.has(t.id)) continue;
    if (t.parentId === id) {
      const lifted = { ...t, parentId: tag.parentId, updatedAt: now };
      moved.push(lifted);
      next.push(lifted);
    } else next.push(t);
  }
  assertValid(next);
  return {
    tags: next,
    retag: new Map([...gone].map((g) => [g, replacement])),
    removed: tags.filter((t) => gone.has(t.id)),
    moved,
  };
}

/**
 * Merges tags into one: annotations tagged with a source carry the target instead, sub-tags
 * of the sources move under the target, and the sources leave the codebook.
 */
export function planMerge(tags: readonly CodeTag[], sourceIds: readonly string[], targetId: string, now: string): Plan {
  const target = byId(tags, targetId);
  const sources = [...new Set(sourceIds)].filter((s) => s !== targetId).map((s) => byId(tags, s));
  if (sources.length === 0) throw new GlossaError('INVALID_INPUT', `Choose at least one tag to merge into “${target.name}”, other than itself.`);
  for (const s of sources) {
    if (descendants(tags, s.id).includes(targetId)) {
      throw new GlossaError('INVALID_INPUT', `“${target.name}” is a sub-tag of “${s.name}”; merge it the other way round, or move it out first.`);
    }
  }
  const gone = new Set(sources.map((s) => s.id));
  const moved: CodeTag[] = [];
  const next: CodeTag[] = [];
  for (const t of tags) {
    if (gone.has(t.id)) continue;
    if (t.parentId !== null && gone.has(t.parentId)) {
      const lifted = { ...t, parentId: targetId, updatedAt: now };
      moved.push(lifted);
      next.push(lifted);
    } else next.push(t);
  }
  // Keep the target's own key if it has one; otherwise inherit the first source's key.
  const inherited = target.key ?? sources.find((s) => s.key)?.key ?? null;
  const withKey = next.map((t) => (t.id === targetId && t.key !== inherited ? { ...t, key: inherited, updatedAt: now } : t));
  assertValid(withKey);
  return { tags: withKey, retag: new Map(sources.map((s) => [s.id, targetId])), removed: sources, moved };
}

/** An annotation's tags after a plan; null when they do not change. Order kept, duplicates dropped. */
export function retagList(tagIds: readonly string[], retag: Retag): string[] | null {
  if (!tagIds.some((id) => retag.has(id))) return null;
  const out: string[] = [];
  for (const id of tagIds) {
    const mapped = retag.has(id) ? retag.get(id)! : id;
    if (mapped !== null && !out.includes(mapped)) out.push(mapped);
  }
  return out;
}

/** Records to write and ids to remove to turn `before` into `after` (lists of records with ids). */
export function diffRecords<T extends { id: string }>(before: readonly T[], after: readonly T[]): { put: T[]; remove: string[] } {
  const old = new Map(before.map((r) => [r.id, JSON.stringify(r)]));
  const kept = new Set(after.map((r) => r.id));
  return {
    put: after.filter((r) => old.get(r.id) !== JSON.stringify(r)),
    remove: before.filter((r) => !kept.has(r.id)).map((r) => r.id),
  };
}

/** `before` with `remove` taken out and `put` written in place (new records at the end). */
export function applyRecords<T extends { id: string }>(before: readonly T[], put: readonly T[], remove: readonly string[]): T[] {
  const gone = new Set(remove);
  const byId = new Map(put.map((r) => [r.id, r]));
  const next = before.filter((r) => !gone.has(r.id)).map((r) => byId.get(r.id) ?? r);
  const known = new Set(before.map((r) => r.id));
  return [...next, ...put.filter((r) => !known.has(r.id) && !gone.has(r.id))];
}
