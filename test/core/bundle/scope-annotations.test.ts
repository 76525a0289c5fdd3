/**
 * The 'annotations' export scope: chosen annotations with their snapshots (what a search in
 * core/api resolves to). Ids no longer in the library are absent; nothing left is an error.
 */
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { estimateExport, exportBundle, importBundle, verifyBundle } from '../../../core/bundle/index.js';
import type { Annotation, Snapshot } from '../../../core/model/index.js';
import { cleanTemp, seedLibrary, tempDir, withLibrary } from './library.js';
import { readMembers } from './zipcraft.js';

let dir: string;
let out: string;
let A: Snapshot;
let B: Snapshot;
let live: Annotation[];
let tombstone: Annotation;

beforeAll(async () => {
  dir = await tempDir();
  out = await tempDir();
  const seeded = await withLibrary(dir, (lib) => seedLibrary(lib));
  [A, B] = seeded.snapshots as [Snapshot, Snapshot];
  live = seeded.annotations.filter((a) => a.deletedAt === null);
  tombstone = seeded.annotations.find((a) => a.deletedAt !== null)!;
});
afterAll(cleanTemp);

let n = 0;
const path = () => join(out, `chosen-${++n}.glossa`);
const ref = (a: Annotation) => ({ snapshotId: a.snapshotId, id: a.id });

describe("the 'annotations' scope", () => {
  it('exports exactly the chosen annotations and the snapshots they are on', async () => {
    const chosen = live.filter((a) => a.snapshotId === B.id).slice(0, 1);
    expect(chosen).toHaveLength(1);
    const p = path();
    const report = await withLibrary(dir, (lib) =>
      exportBundle(lib, p, { scope: { kind: 'annotations', annotations: chosen.map(ref), description: 'annotations matching “budget”' } }),
    );
    expect(report).toMatchObject({ snapshots: 1, annotations: 1, tombstones: 0, scope: 'annotations matching “budget”' });
    expect((await verifyBundle(p)).ok).toBe(true);
    const names = (await readMembers(p)).map((m) => m.name);
    expect(names.some((m) => m.includes(A.id))).toBe(false);
    const target = await tempDir();
    const imported = await withLibrary(target, async (lib) => {
      await importBundle(lib, p);
      return { snapshots: lib.listSnapshots().map((s) => s.id), annotations: (await lib.listAnnotations(B.id)).map((a) => a.id) };
    });
    expect(imported).toEqual({ snapshots: [B.id], annotations: [chosen[0]!.id] });
  });

  it('leaves out ids that no longer exist, and says it counts chosen annotations when not told otherwise', async () => {
    const one = live.find((a) => a.snapshotId === A.id)!;
    const scope = {
      kind: 'annotations' as const,
      annotations: [
        ref(one),
        ref(one),
        { snapshotId: A.id, id: 'no-such-annotation' },
        { snapshotId: 'no-such-snapshot', id: one.id },
        { snapshotId: B.id, id: one.id },
      ],
    };
    const estimate = await withLibrary(dir, (lib) => estimateExport(lib, scope));
    expect(estimate).toMatchObject({ snapshots: 1, annotations: 1, tombstones: 0, scope: '5 chosen annotations' });
  });

  it('a chosen tombstone travels only beside a live chosen annotation of its snapshot', async () => {
    const sibling = live.find((a) => a.snapshotId === tombstone.snapshotId)!;
    const both = await withLibrary(dir, (lib) => estimateExport(lib, { kind: 'annotations', annotations: [ref(sibling), ref(tombstone)] }));
    expect(both).toMatchObject({ snapshots: 1, annotations: 1, tombstones: 1 });
    await expect(withLibrary(dir, (lib) => estimateExport(lib, { kind: 'annotations', annotations: [ref(tombstone)] }))).rejects.toMatchObject({
      code: 'INVALID_INPUT',
      message: 'Nothing to export: the chosen annotation is no longer in the library (deleted since it was chosen?).',
    });
  });

  it('refuses an empty, oversized or malformed choice before writing anything', async () => {
    const p = path();
    const bad: unknown[] = [
      { kind: 'annotations', annotations: [] },
      { kind: 'annotations', annotations: Array.from({ length: 200_001 }, (_, i) => ({ snapshotId: A.id, id: `x${i}` })) },
      { kind: 'annotations', annotations: [{ snapshotId: '', id: 'x' }] },
      { kind: 'annotations', annotations: [{ snapshotId: A.id }] },
      { kind: 'annotations', annotations: [ref(live[0]!)], description: 'x'.repeat(201) },
    ];
    for (const scope of bad) {
      await expect(withLibrary(dir, (lib) => exportBundle(lib, p, { scope: scope as never }))).rejects.toMatchObject({
        code: 'INVALID_INPUT',
        message: expect.stringMatching(/export scope is not valid/),
      });
    }
    await expect(readMembers(p)).rejects.toThrow();
  });
});
