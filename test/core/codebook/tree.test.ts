import { describe, expect, it } from 'vitest';
import {
  addTag,
  assertValid,
  descendants,
  diffRecords,
  mergeImported,
  pathName,
  planDelete,
  planMerge,
  retagList,
  treeOrder,
  updateTag,
} from '../../../core/codebook/index.js';
import { GlossaError, type CodeTag } from '../../../core/model/index.js';

const T0 = '2026-01-01T00:00:00.000Z';
const T1 = '2026-01-02T00:00:00.000Z';

/** policing ▸ (detainers ▸ warrants, statistics), immigration */
function sample(): CodeTag[] {
  let tags: CodeTag[] = [];
  tags = addTag(tags, { name: 'Policing', key: 'p' }, 'pol', T0);
  tags = addTag(tags, { name: 'Detainers', parentId: 'pol' }, 'det', T0);
  tags = addTag(tags, { name: 'Warrants', parentId: 'det', key: 'w' }, 'war', T0);
  tags = addTag(tags, { name: 'Statistics', parentId: 'pol' }, 'sta', T0);
  tags = addTag(tags, { name: 'Immigration', key: 'i' }, 'imm', T0);
  return tags;
}

const codeOf = (fn: () => unknown) => {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(GlossaError);
    return { code: (e as GlossaError).code, message: (e as GlossaError).message };
  }
  throw new Error('expected a GlossaError');
};

describe('codebook tree', () => {
  it('adds tags with distinct colours and lists them parents first, siblings by name', () => {
    const tags = sample();
    expect(new Set(tags.map((t) => t.color)).size).toBe(tags.length);
    expect(treeOrder(tags).map(({ tag, depth }) => `${'-'.repeat(depth)}${tag.name}`)).toEqual([
      'Immigration',
      'Policing',
      '-Detainers',
      '--Warrants',
      '-Statistics',
    ]);
    expect(pathName(tags, 'war')).toBe('Policing ▸ Detainers ▸ Warrants');
    expect(descendants(tags, 'pol').sort()).toEqual(['det', 'sta', 'war']);
  });

  it('refuses a twin name among siblings, a key taken twice, a missing parent and a cycle', () => {
    const tags = sample();
    expect(codeOf(() => addTag(tags, { name: ' detainers ', parentId: 'pol' }, 'x', T1)).message).toContain('already a tag named “Detainers” under “Policing”');
    // The same name elsewhere in the tree is fine.
    expect(() => addTag(tags, { name: 'Detainers', parentId: 'imm' }, 'x', T1)).not.toThrow();
    expect(codeOf(() => addTag(tags, { name: 'Other', key: 'w' }, 'x', T1)).message).toContain('already applies “Warrants”');
    expect(codeOf(() => addTag(tags, { name: 'Other', parentId: 'nope' }, 'x', T1)).message).toContain('not in the codebook');
    expect(codeOf(() => updateTag(tags, 'pol', { parentId: 'war' }, T1)).message).toContain('its own sub-tags');
  });

  it('renames without touching ids', () => {
    const tags = updateTag(sample(), 'det', { name: 'ICE detainers', color: '#123456' }, T1);
    const det = tags.find((t) => t.id === 'det')!;
    expect(det).toMatchObject({ name: 'ICE detainers', color: '#123456', updatedAt: T1, createdAt: T0 });
  });

  it('delete: sub-tags move up and tagged spans lose the tag, or get the parent', () => {
    const tags = sample();
    const untag = planDelete(tags, 'det', { annotations: 'untag', children: 'lift' }, T1);
    expect(untag.tags.map((t) => t.id)).not.toContain('det');
    expect(untag.tags.find((t) => t.id === 'war')!.parentId).toBe('pol');
    expect(untag.moved.map((t) => t.id)).toEqual(['war']);
    expect(retagList(['det', 'imm'], untag.retag)).toEqual(['imm']);
    expect(retagList(['imm'], untag.retag)).toBeNull();

    const up = planDelete(tags, 'det', { annotations: 'to-parent', children: 'delete' }, T1);
    expect(up.removed.map((t) => t.id).sort()).toEqual(['det', 'war']);
    expect(retagList(['war', 'pol', 'det'], up.retag)).toEqual(['pol']);
  });

  it('merge: spans carry the target, sub-tags move under it, the target inherits a free key', () => {
    const tags = sample();
    const plan = planMerge(tags, ['det'], 'sta', T1);
    expect(plan.tags.find((t) => t.id === 'war')!.parentId).toBe('sta');
    expect(retagList(['det', 'sta'], plan.retag)).toEqual(['sta']);
    expect(retagList(['war', 'det'], plan.retag)).toEqual(['war', 'sta']);
    const keyed = planMerge(tags, ['war'], 'sta', T1);
    expect(keyed.tags.find((t) => t.id === 'sta')!.key).toBe('w');
    expect(codeOf(() => planMerge(tags, ['pol'], 'war', T1)).message).toContain('merge it the other way round');
    expect(codeOf(() => planMerge(tags, ['sta'], 'sta', T1)).code).toBe('INVALID_INPUT');
  });

  it('diffRecords names exactly what changed', () => {
    const before = sample();
    const after = planDelete(before, 'det', { annotations: 'untag', children: 'lift' }, T1).tags;
    const { put, remove } = diffRecords(before, after);
    expect(remove).toEqual(['det']);
    expect(put.map((t) => t.id)).toEqual(['war']);
  });

  it('an imported codebook merges by id, then by name under the same parent, and drops taken keys', () => {
    const mine = sample();
    const theirs: CodeTag[] = [
      { ...mine.find((t) => t.id === 'imm')!, name: 'Immigration policy', color: '#000000' },
      { id: 'x-pol', name: 'policing', parentId: null, color: '#111111', key: null, description: 'from elsewhere', createdAt: T1, updatedAt: T1 },
      { id: 'x-new', name: 'Sanctuary cities', parentId: 'x-pol', color: '#222222', key: 'i', description: '', createdAt: T1, updatedAt: T1 },
    ];
    const merged = mergeImported(mine, theirs, T1);
    expect(merged.tags.find((t) => t.id === 'imm')!.name).toBe('Immigration policy');
    expect(merged.tags.filter((t) => t.name.toLowerCase() === 'policing')).toHaveLength(1);
    const added = merged.added.map((t) => [t.name, t.parentId, t.key]);
    expect(added).toEqual([['Sanctuary cities', 'pol', null]]);
    expect(merged.problems.join(' ')).toContain('The key “i” of “Sanctuary cities” already applies “Immigration policy”');
    expect(() => assertValid(merged.tags)).not.toThrow();
  });
});
