/**
 * Import preview (what would change, writing nothing) and the bundle operations of the API
 * table as the window and the CLI call them: scopes, estimate, preview-then-import by token,
 * conflicts listed and resolved, cancel.
 */
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exportBundle, importBundle, previewBundle } from '../../../core/bundle/index.js';
import type { AppEvent } from '../../../core/api.js';
import type { Annotation } from '../../../core/model/index.js';
import { openSession, type Session } from '../api/helpers.js';
import { cleanTemp, hashTree, seedLibrary, tempDir, withLibrary, type Seeded } from './library.js';
import { readMembers, writeZip } from './zipcraft.js';

let source: string;
let bundle: string;
let seeded: Seeded;

beforeAll(async () => {
  source = await tempDir();
  bundle = join(await tempDir(), 'source.glossa');
  seeded = await withLibrary(source, seedLibrary);
  await withLibrary(source, (lib) => exportBundle(lib, bundle));
});
afterAll(cleanTemp);

describe('previewBundle', () => {
  it('says what the import will do, writes nothing, and the import then does exactly that', async () => {
    const dir = await tempDir();
    await withLibrary(dir, async () => undefined);
    const before = await hashTree(dir);
    const preview = await withLibrary(dir, (lib) => previewBundle(lib, bundle));
    expect(await hashTree(dir)).toEqual(before);
    expect(preview).toMatchObject({ ok: true, problems: [], changed: true, formatVersion: 3, scope: 'the whole library' });
    expect(preview.snapshots.added).toHaveLength(2);
    const report = await withLibrary(dir, (lib) => importBundle(lib, bundle));
    expect(report).toEqual(preview);
    // And previewing it again says nothing would change.
    const again = await withLibrary(dir, (lib) => previewBundle(lib, bundle));
    expect(again).toMatchObject({ ok: true, changed: false, annotations: { added: 0, skipped: seeded.annotations.length } });
  });

  it('predicts conflicts and tombstones against what the library holds', async () => {
    const dir = await tempDir();
    await withLibrary(dir, (lib) => importBundle(lib, bundle));
    const [quote, figure] = seeded.annotations as [Annotation, Annotation];
    await withLibrary(dir, (lib) => lib.putAnnotation({ ...quote, comment: 'mine', updatedAt: '2030-01-01T00:00:00.000Z' }));
    const later = join(await tempDir(), 'later.glossa');
    await withLibrary(source, async (lib) => {
      await lib.putAnnotation({ ...quote, comment: 'theirs', updatedAt: '2030-02-01T00:00:00.000Z' });
      await lib.putAnnotation({ ...figure, deletedAt: '2030-02-01T00:00:00.000Z', updatedAt: '2030-02-01T00:00:00.000Z' });
      await exportBundle(lib, later);
    });
    const before = await hashTree(dir);
    const preview = await withLibrary(dir, (lib) => previewBundle(lib, later));
    expect(await hashTree(dir)).toEqual(before);
    expect(preview.annotations).toMatchObject({ deleted: 1, conflicts: [quote.id] });
  });

  it('reports a bad bundle’s problems instead of throwing', async () => {
    const dir = await tempDir();
    const members = await readMembers(bundle);
    const broken = join(await tempDir(), 'broken.glossa');
    await writeZip(
      broken,
      members.filter((m) => m.name !== 'history.json'),
    );
    const preview = await withLibrary(dir, (lib) => previewBundle(lib, broken));
    expect(preview.ok).toBe(false);
    expect(preview.changed).toBe(false);
    expect(preview.problems.map((p) => p.member)).toContain('history.json');
  });
});

describe('the bundle operations of the API', () => {
  let s: Session;
  beforeAll(async () => {
    s = await openSession();
  });
  afterAll(async () => s.close());

  it('previews a picked bundle, then imports that very file by token', async () => {
    s.dialogs.open = [bundle];
    const picked = await s.call('previewBundleDialog', {});
    expect(picked).toMatchObject({ cancelled: false, preview: { ok: true, changed: true } });
    if (picked.cancelled) throw new Error('unreachable');
    const report = await s.call('importPreviewed', { token: picked.token });
    expect(report.changed).toBe(true);
    expect(s.events).toContainEqual(expect.objectContaining({ type: 'library-changed' }));
    await expect(s.call('importPreviewed', { token: picked.token })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect(s.library.listSnapshots()).toHaveLength(2);
  });

  it('estimates and exports a scope through the save dialog, with progress events that carry a task id', async () => {
    const estimate = await s.call('estimateExport', { scope: { kind: 'filter', kinds: ['figure'] }, includeImages: false });
    expect(estimate).toMatchObject({ snapshots: 2, annotations: 3, images: { count: 0 } });
    s.dialogs.save = join(await tempDir(), 'figures.glossa');
    s.events.length = 0;
    const out = await s.call('exportBundleDialog', { scope: { kind: 'filter', kinds: ['figure'] }, includeImages: false });
    expect(out).toMatchObject({ cancelled: false, snapshots: 2, annotations: 3 });
    const progress = s.events.filter((e): e is Extract<AppEvent, { type: 'progress' }> => e.type === 'progress');
    expect(progress.every((e) => e.task === 'export' && typeof e.taskId === 'string')).toBe(true);
    expect(progress[0]).toMatchObject({ done: 0 });
    expect(progress.at(-1)!.done).toBe(progress.at(-1)!.total);
  });

  it('lists conflicts and resolves one with a chosen version', async () => {
    const [quote] = seeded.annotations as [Annotation];
    const id = seeded.snapshots[0]!.id;
    await s.library.putAnnotation({ ...quote, comment: 'here', updatedAt: '2031-01-01T00:00:00.000Z' });
    const theirs = join(await tempDir(), 'theirs.glossa');
    const other = await tempDir();
    await withLibrary(other, async (lib) => {
      await importBundle(lib, bundle);
      await lib.putAnnotation({ ...quote, comment: 'there', updatedAt: '2031-02-01T00:00:00.000Z' });
      await exportBundle(lib, theirs);
    });
    await s.call('importBundle', { path: theirs });
    const conflicts = await s.call('listConflicts', {});
    expect(conflicts).toHaveLength(1);
    expect(conflicts[0]).toMatchObject({ snapshotId: id, annotationId: quote.id, current: { comment: 'there' }, others: [{ comment: 'here' }] });
    const { value: resolved, inverse } = await s.call('resolveConflict', {
      snapshotId: id,
      annotationId: quote.id,
      version: { ...conflicts[0]!.others[0]!, comment: 'here and there' },
    });
    expect(resolved.comment).toBe('here and there');
    // Dated now: a new version, not the kept one.
    expect(resolved.updatedAt).not.toBe(conflicts[0]!.others[0]!.updatedAt);
    expect(await s.call('listConflicts', { snapshotId: id })).toEqual([]);
    // Undo brings the conflict back exactly as it was; redo resolves it again.
    expect(inverse.op).toBe('reopenConflict');
    const reopened = await s.call('reopenConflict', inverse.input as never);
    expect(await s.call('listConflicts', {})).toEqual(conflicts);
    expect(reopened.value).toEqual(conflicts[0]!.current);
    await s.call('resolveConflict', reopened.inverse.input as never);
    expect(await s.call('listConflicts', {})).toEqual([]);
    // Importing the other side again does not bring the conflict back: the resolution supersedes it.
    const report = await s.call('importBundle', { path: theirs });
    expect(report.changed).toBe(false);
    expect(await s.call('listConflicts', {})).toEqual([]);
  });
});
