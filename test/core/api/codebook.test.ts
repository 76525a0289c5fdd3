/**
 * Codebook operations on a real library: create, rename, delete and merge with their effect
 * on tagged annotations stated beforehand and undone in one step, and .qdc import/export
 * through the native dialogs (stood in for here).
 */
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CodeTag } from '../../../core/model/index.js';
import { SHARED } from '../../shared-fixtures.js';
import { addText, openSession, rejects, type Session } from './helpers.js';

const QDC_SAMPLE = resolve(SHARED, 'corpora/refi-qda/samples/spec-annexA1-codebook.qdc');

let s: Session;
let a: { id: string; text: string };
let b: { id: string; text: string };
beforeEach(async () => {
  s = await openSession();
  a = await addText(s, 'First\n\nThe council postponed the vote again.', 'First');
  b = await addText(s, 'Second\n\nPolice ignored the detainer requests.', 'Second');
});
afterEach(() => s.close());

async function tagWith(snap: { id: string; text: string }, phrase: string, tags: string[]) {
  const start = snap.text.indexOf(phrase);
  return (await s.call('createAnnotation', { snapshotId: snap.id, kind: 'claim', start, end: start + phrase.length, tags })).value;
}
const tagsOf = async (snapshotId: string, id: string) => (await s.library.getAnnotation(snapshotId, id)).tags;
const names = (list: CodeTag[]) => list.map((t) => t.name);

describe('codebook operations', () => {
  it('creates a hierarchy, renames, and undoes each step', async () => {
    const policing = await s.call('createTag', { name: 'Policing', key: 'p' });
    expect(policing.label).toBe('add tag “Policing”');
    const created = await s.call('createTag', { name: 'Detainers', parentId: policing.value.tag.id });
    const det = created.value.tag;
    expect(names(await s.call('listCodebook', {}))).toEqual(['Policing', 'Detainers']);
    const renamed = await s.call('updateTag', { id: det.id, patch: { name: 'ICE detainers', color: '#123456' } });
    expect(renamed.label).toBe('rename tag “Detainers”');
    expect(s.library.listCodebook().find((t) => t.id === det.id)).toMatchObject({ name: 'ICE detainers', color: '#123456' });
    await s.undo(renamed);
    expect(s.library.listCodebook().find((t) => t.id === det.id)).toMatchObject({ name: 'Detainers', color: det.color });
    // A parent cannot go while its child is there; in undo order the child goes first.
    await rejects(s.undo(policing), 'INVALID_INPUT');
    await s.undo(created);
    const undone = await s.undo(policing);
    expect(s.library.listCodebook()).toEqual([]);
    await s.undo(undone);
    expect(names(s.library.listCodebook())).toEqual(['Policing']);
    await rejects(s.call('createTag', { name: 'policing ' }), 'INVALID_INPUT');
    await rejects(s.call('createTag', { name: 'Other', key: 'p' }), 'INVALID_INPUT');
  });

  it('previews and performs a delete across snapshots, then restores every tagged span with one undo', async () => {
    const pol = (await s.call('createTag', { name: 'Policing' })).value.tag;
    const det = (await s.call('createTag', { name: 'Detainers', parentId: pol.id })).value.tag;
    const war = (await s.call('createTag', { name: 'Warrants', parentId: det.id })).value.tag;
    const x = await tagWith(a, 'council postponed', [det.id]);
    const y = await tagWith(b, 'detainer requests', [det.id, war.id]);
    const z = await tagWith(b, 'Police ignored', [pol.id]);
    expect(await s.call('tagUsage', {})).toMatchObject({ [det.id]: { annotations: 2, snapshots: 2 }, [war.id]: { annotations: 1, snapshots: 1 } });

    const preview = await s.call('previewTagChange', { action: 'delete', id: det.id, annotations: 'to-parent', children: 'lift' });
    expect(preview).toEqual({ annotations: 2, snapshots: 2, removed: ['Policing ▸ Detainers'], moved: ['Warrants'], replacement: 'Policing' });
    const done = await s.call('deleteTag', { id: det.id, annotations: 'to-parent', children: 'lift' });
    expect(done.label).toBe('delete tag “Detainers”');
    expect(done.value.annotations.map((x) => x.id).sort()).toEqual([x.id, y.id].sort());
    expect(await tagsOf(a.id, x.id)).toEqual([pol.id]);
    expect(await tagsOf(b.id, y.id)).toEqual([pol.id, war.id]);
    expect(await tagsOf(b.id, z.id)).toEqual([pol.id]);
    expect(s.library.listCodebook().find((t) => t.id === war.id)!.parentId).toBe(pol.id);

    const back = await s.undo(done);
    expect(await tagsOf(a.id, x.id)).toEqual([det.id]);
    expect(await tagsOf(b.id, y.id)).toEqual([det.id, war.id]);
    expect(s.library.listCodebook().find((t) => t.id === war.id)!.parentId).toBe(det.id);
    // Redo is the inverse of the undo.
    await s.undo(back);
    expect(await tagsOf(a.id, x.id)).toEqual([pol.id]);
  });

  it('merges tags: spans carry the target once, sub-tags move under it', async () => {
    const one = (await s.call('createTag', { name: 'ICE' })).value.tag;
    const two = (await s.call('createTag', { name: 'Immigration enforcement' })).value.tag;
    const child = (await s.call('createTag', { name: 'Arrests', parentId: two.id })).value.tag;
    const x = await tagWith(a, 'council postponed', [two.id, one.id]);
    const preview = await s.call('previewTagChange', { action: 'merge', sourceIds: [two.id], targetId: one.id });
    expect(preview).toMatchObject({ annotations: 1, snapshots: 1, removed: ['Immigration enforcement'], moved: ['Arrests'], replacement: 'ICE' });
    const merged = await s.call('mergeTags', { sourceIds: [two.id], targetId: one.id });
    expect(await tagsOf(a.id, x.id)).toEqual([one.id]);
    expect(s.library.listCodebook().find((t) => t.id === child.id)!.parentId).toBe(one.id);
    await s.undo(merged);
    expect(await tagsOf(a.id, x.id)).toEqual([two.id, one.id]);
    expect(names(s.library.listCodebook()).sort()).toEqual(['Arrests', 'ICE', 'Immigration enforcement']);
  });
});

describe('REFI-QDA codebook files', () => {
  it('exports a .qdc through the save dialog and imports it into another library as the same tags', async () => {
    const pol = (await s.call('createTag', { name: 'Policing', key: 'p', color: '#1f77b4' })).value.tag;
    await s.call('createTag', { name: 'Detainers', parentId: pol.id });
    expect(await s.call('exportCodebookDialog', {})).toEqual({ cancelled: true });
    s.dialogs.save = join(s.dir, 'out.qdc');
    expect(await s.call('exportCodebookDialog', {})).toMatchObject({ cancelled: false, tags: 2 });
    const xml = await readFile(join(s.dir, 'out.qdc'), 'utf8');
    expect(xml).toContain('<CodeBook');
    expect(xml).toContain('name="Detainers"');

    const other = await openSession();
    try {
      other.dialogs.open = [join(s.dir, 'out.qdc')];
      const imported = await other.call('importCodebookDialog', {});
      if (imported.cancelled) throw new Error('cancelled');
      expect(imported.value).toMatchObject({ added: 2, updated: 0, problems: [] });
      const tags = other.library.listCodebook();
      expect(tags.map((t) => [t.name, t.key, t.parentId === null])).toEqual([
        ['Policing', 'p', true],
        ['Detainers', null, false],
      ]);
      // Importing again changes nothing; undo of the first import empties the codebook.
      other.dialogs.open = [join(s.dir, 'out.qdc')];
      const again = await other.call('importCodebookDialog', {});
      expect(again).toMatchObject({ cancelled: false, value: { added: 0, updated: 0 } });
      await other.undo(imported);
      expect(other.library.listCodebook()).toEqual([]);
    } finally {
      await other.close();
    }
  });

  it.runIf(existsSync(QDC_SAMPLE))('imports the REFI-QDA specification sample codebook', async () => {
    s.dialogs.open = [QDC_SAMPLE];
    const out = await s.call('importCodebookDialog', {});
    if (out.cancelled) throw new Error('cancelled');
    expect(out.value.added).toBeGreaterThan(0);
    expect(s.library.listCodebook()).toHaveLength(out.value.added);
  });

  it('refuses an empty codebook for export with a message a person can act on', async () => {
    s.dialogs.save = join(s.dir, 'empty.qdc');
    expect(await rejects(s.call('exportCodebookDialog', {}), 'INVALID_INPUT')).toContain('Add a tag first');
  });
});
