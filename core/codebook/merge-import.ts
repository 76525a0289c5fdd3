/**
 * Bringing an imported codebook (a .qdc) into the library's: a tag with the same id is
 * updated, a tag with the same name under the same parent is the same tag (merged, not
 * doubled), anything else is added. A shortcut key already taken is dropped, and said so.
 */
import type { CodeTag } from '../model/index.js';
import { assertValid } from './tree.js';

export interface ImportMerge {
  tags: CodeTag[];
  added: CodeTag[];
  updated: CodeTag[];
  problems: string[];
}

const same = (a: string, b: string) => a.trim().toLocaleLowerCase() === b.trim().toLocaleLowerCase();

/** `imported` must list parents before children (as core/qda reads them). */
export function mergeImported(existing: readonly CodeTag[], imported: readonly CodeTag[], now: string): ImportMerge {
  const tags = existing.map((t) => ({ ...t }));
  const added: CodeTag[] = [];
  const updated: CodeTag[] = [];
  const problems: string[] = [];
  /** Imported id → id in the library. */
  const idMap = new Map<string, string>();
  const importedIds = new Set(imported.map((t) => t.id));

  // Parents first, whatever order the file used.
  const pending = [...imported];
  const ordered: CodeTag[] = [];
  while (pending.length) {
    const i = pending.findIndex((t) => t.parentId === null || !importedIds.has(t.parentId) || ordered.some((o) => o.id === t.parentId));
    ordered.push(...pending.splice(i < 0 ? 0 : i, 1));
  }

  for (const t of ordered) {
    const parentId = t.parentId === null ? null : (idMap.get(t.parentId) ?? (tags.some((x) => x.id === t.parentId) ? t.parentId : null));
    const byId = tags.find((x) => x.id === t.id);
    const byName = byId ?? tags.find((x) => x.parentId === parentId && same(x.name, t.name));
    const keyOwner = t.key ? tags.find((x) => x.key === t.key && x.id !== byName?.id) : undefined;
    const key = keyOwner ? null : t.key;
    if (keyOwner) problems.push(`The key “${t.key}” of “${t.name}” already applies “${keyOwner.name}”; it was left off.`);
    if (byName) {
      idMap.set(t.id, byName.id);
      const next: CodeTag = {
        ...byName,
        name: byId ? t.name : byName.name,
        parentId: byId ? parentId : byName.parentId,
        color: t.color,
        key: key ?? byName.key,
        description: t.description || byName.description,
        updatedAt: now,
      };
      const changed =
        next.name !== byName.name ||
        next.parentId !== byName.parentId ||
        next.color !== byName.color ||
        next.key !== byName.key ||
        next.description !== byName.description;
      if (changed) {
        tags[tags.indexOf(byName)] = next;
        updated.push(next);
      }
      continue;
    }
    const tag: CodeTag = { ...t, parentId, key, createdAt: now, updatedAt: now };
    idMap.set(t.id, t.id);
    tags.push(tag);
    added.push(tag);
  }
  assertValid(tags);
  return { tags, added, updated, problems };
}
