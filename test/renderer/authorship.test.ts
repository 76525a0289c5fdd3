/**
 * Issue 16 in words: the side panel's line on who added and who changed an annotation
 * (renderer/features/annotate/authorship.ts) and the conflicts dialog's rows for each
 * version's authors (renderer/features/bundles/conflictDiff.ts).
 */
import { describe, expect, it } from 'vitest';
import type { Annotation } from '../../core/model/index.js';
import { makeTarget } from '../../core/text/selectors.js';
import { authorOf, authorshipLine } from '../../renderer/features/annotate/authorship';
import { differingRows } from '../../renderer/features/bundles/conflictDiff';
import { formatDate } from '../../renderer/ui/format';

const ANA = { name: 'Ana Ruiz', email: 'ana@example.org' };
const BEN = { name: 'Ben Okafor' };
const T0 = '2026-03-01T09:00:00.000Z';
const T1 = '2026-03-02T10:30:00.000Z';
const TEXT = 'The mayor said the budget protects every school.';

const base: Annotation = {
  id: 'a1',
  snapshotId: 's1',
  kind: 'quote',
  target: makeTarget(TEXT, 26, 48),
  fields: {},
  tags: [],
  comment: '',
  links: [],
  origin: { type: 'human', detector: null, accepted: null },
  createdAt: T0,
  updatedAt: T0,
  deletedAt: null,
};

describe('authorshipLine', () => {
  it('names who added it, and who changed it when that is someone else', () => {
    expect(authorshipLine({ ...base, createdBy: ANA, modifiedBy: ANA })).toBe(`Added by Ana Ruiz, ${formatDate(T0, true)}`);
    expect(authorshipLine({ ...base, createdBy: ANA, modifiedBy: BEN, updatedAt: T1 })).toBe(
      `Added by Ana Ruiz · changed by Ben Okafor, ${formatDate(T1, true)}`,
    );
    expect(authorshipLine({ ...base, createdBy: ANA, modifiedBy: ANA, updatedAt: T1 })).toBe(`Added by Ana Ruiz · changed ${formatDate(T1, true)}`);
    // Changed with no name set: the change is dated, its author unknown.
    expect(authorshipLine({ ...base, createdBy: ANA, updatedAt: T1 })).toBe(`Added by Ana Ruiz · changed ${formatDate(T1, true)}`);
    // An accepted suggestion: no one added it, a person changed it.
    expect(authorshipLine({ ...base, modifiedBy: BEN, updatedAt: T1 })).toBe(`Changed by Ben Okafor, ${formatDate(T1, true)}`);
  });

  it('says nothing for an annotation that names no one', () => {
    expect(authorshipLine(base)).toBeNull();
    expect(authorOf(base)).toBeNull();
    expect(authorOf({ ...base, createdBy: ANA, modifiedBy: BEN })).toEqual(BEN);
    expect(authorOf({ ...base, createdBy: ANA })).toEqual(ANA);
  });
});

describe('conflict rows', () => {
  const names = { tag: (id: string) => id, speaker: (id: string) => id };
  const when = (iso: string) => iso;

  it('shows each version’s author beside when it was edited, and who added each when they differ', () => {
    const mine = { ...base, createdBy: ANA, modifiedBy: ANA, comment: 'mine', updatedAt: T1 };
    const theirs = { ...base, createdBy: ANA, modifiedBy: BEN, comment: 'theirs' };
    const rows = differingRows([mine, theirs], names, when);
    expect(rows.slice(0, 2)).toEqual([
      { label: 'Edited', values: [T1, T0] },
      { label: 'Changed by', values: ['Ana Ruiz <ana@example.org>', 'Ben Okafor'] },
    ]);
    expect(rows.find((r) => r.label === 'Added by')).toBeUndefined();
    const unnamed = differingRows([mine, { ...base, comment: 'old' }], names, when);
    expect(unnamed.find((r) => r.label === 'Changed by')!.values).toEqual(['Ana Ruiz <ana@example.org>', 'someone unnamed']);
    expect(unnamed.find((r) => r.label === 'Added by')!.values).toEqual(['Ana Ruiz <ana@example.org>', '—']);
  });

  it('adds no author rows when no version names anyone', () => {
    const rows = differingRows(
      [
        { ...base, comment: 'a' },
        { ...base, comment: 'b' },
      ],
      names,
      when,
    );
    expect(rows.map((r) => r.label)).toEqual(['Edited', 'Comment']);
  });
});
