/**
 * Managing the archive through the API on a real library: deleting and restoring articles
 * (with undo), emptying the trash (bodies still in use stay), corrected metadata with its
 * history, article tags, and nestable collections.
 */
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openLibrary } from '../../../core/store/index.js';
import { addText, annotatePhrase, openSession, rejects, type Session } from './helpers.js';

let s: Session;
let a: { id: string; text: string };
let b: { id: string; text: string };
let c: { id: string; text: string };
beforeEach(async () => {
  s = await openSession();
  a = await addText(s, 'Budget vote delayed\n\nThe council postponed the vote by 12 days.', 'Budget vote delayed');
  b = await addText(s, 'Ferry fares rise\n\nFares rise by 5 percent in May.', 'Ferry fares rise');
  c = await addText(s, 'Library hours\n\nThe library opens at 9 on Sundays.', 'Library hours');
});
afterEach(() => s.close());

const row = async (id: string) => (await s.call('listSnapshots', {})).find((r) => r.id === id);
const blobs = async () => {
  const root = join(s.dir, 'library', 'blobs', 'sha256');
  const out: string[] = [];
  for (const fan of await readdir(root)) out.push(...(await readdir(join(root, fan))));
  return out.sort();
};

describe('the trash', () => {
  it('deletes several articles at once with their annotations, restores one, and undoes each step', async () => {
    await annotatePhrase(s, a, '12 days', 'figure');
    const gone = await s.call('deleteArticles', { ids: [a.id, b.id] });
    expect(gone.label).toBe('delete 2 articles');
    expect((await s.call('listDeletedArticles', {})).map((r) => r.id).sort()).toEqual([a.id, b.id].sort());
    expect((await row(a.id))!.article!.deletedAt).not.toBeNull();
    // The annotations stay with the article.
    expect(await s.library.listAnnotations(a.id)).toHaveLength(1);
    await rejects(s.call('deleteArticles', { ids: [a.id] }), 'INVALID_INPUT');

    const back = await s.call('restoreArticles', { ids: [b.id] });
    expect((await s.call('listDeletedArticles', {})).map((r) => r.id)).toEqual([a.id]);
    await s.undo(back);
    expect((await s.call('listDeletedArticles', {})).map((r) => r.id).sort()).toEqual([a.id, b.id].sort());
    await s.undo(gone);
    expect(await s.call('listDeletedArticles', {})).toEqual([]);
    await rejects(s.call('restoreArticles', { ids: [c.id] }), 'INVALID_INPUT');
    await rejects(s.call('deleteArticles', { ids: ['no-such-article'] }), 'NOT_FOUND');
    await rejects(s.call('deleteArticles', { ids: [] }), 'INVALID_INPUT');
  });

  it('leaves the counts while in the trash, stays reachable by renames, and comes back when captured again', async () => {
    const tag = (await s.call('createTag', { name: 'Budget' })).value.tag;
    await annotatePhrase(s, a, '12 days', 'figure', { tags: [tag.id] });
    const q = await annotatePhrase(s, a, 'The council postponed the vote', 'quote');
    await s.call('setQuoteSpeaker', { snapshotId: a.id, id: q, name: 'Ann Harbour' });
    const ann = (await s.call('listSpeakers', {}))[0]!;
    await s.call('deleteArticles', { ids: [a.id] });
    await s.ctx.search?.idle();
    expect(await s.call('tagUsage', {})).toEqual({});
    expect((await s.call('speakerUsage', {})).counts).toEqual({ [ann.id]: 0 });
    // A rename made while the article is in the trash reaches its quote too.
    await s.call('updateSpeaker', { id: ann.id, patch: { name: 'Ann Harbor' }, renameQuotes: true });
    expect((await s.library.getAnnotation(a.id, q)).fields.speaker).toBe('Ann Harbor');
    const again = (await s.call('importText', { text: a.text, title: 'Budget vote delayed' })) as {
      snapshotId: string;
      duplicate: boolean;
      restored?: boolean;
    };
    expect(again).toMatchObject({ snapshotId: a.id, duplicate: true, restored: true });
    expect(await s.call('listDeletedArticles', {})).toEqual([]);
    expect(await s.call('tagUsage', {})).toEqual({ [tag.id]: { annotations: 1, snapshots: 1 } });
  });

  it('empties the trash: the articles and their folders go, bodies another article uses stay', async () => {
    // The same text under a new title would be a duplicate; a second article sharing a body is a new version of the same page.
    await annotatePhrase(s, b, '5 percent', 'figure');
    const before = await blobs();
    await s.call('deleteArticles', { ids: [b.id] });
    await rejects(s.call('emptyTrash', { ids: [a.id] }), 'INVALID_INPUT');
    const done = await s.call('emptyTrash', {});
    expect(done).toMatchObject({ removed: [b.id], annotations: 1 });
    expect(done.blobsFreed).toBeGreaterThan(0);
    expect((await s.call('listSnapshots', {})).map((r) => r.id).sort()).toEqual([a.id, c.id].sort());
    expect(await readdir(join(s.dir, 'library', 'snapshots'))).not.toContain(b.id);
    const after = await blobs();
    expect(before.length - after.length).toBe(done.blobsFreed);
    // Every body the remaining articles name is still there.
    for (const id of [a.id, c.id]) {
      const snap = await s.library.getSnapshot(id);
      for (const h of [snap.textHash, snap.htmlHash, ...(snap.originalHash ? [snap.originalHash] : [])]) expect(after).toContain(h);
    }
    expect(s.library.listPurged().map((p) => p.id)).toEqual([b.id]);
    // Reopened, the library does not bring it back.
    await s.library.close();
    const again = await openLibrary(join(s.dir, 'library'));
    expect(
      again
        .listSnapshots()
        .map((r) => r.id)
        .sort(),
    ).toEqual([a.id, c.id].sort());
    await again.close();
  });
});

describe('metadata', () => {
  it('corrects fields beside the snapshot, keeps their history and the captured values, and undoes', async () => {
    const edit = await s.call('updateArticleMeta', {
      snapshotId: a.id,
      patch: { sourceUrl: 'https://example.org/budget', publishedAt: '2017-01-31', authors: ['Ann Harbour', 'Bo Li'], siteName: 'The Courier' },
    });
    expect(edit.label).toBe('edit source address, published date, authors, outlet');
    const details = await s.call('articleDetails', { snapshotId: a.id });
    expect(details.effective).toMatchObject({
      sourceUrl: 'https://example.org/budget',
      publishedAt: '2017-01-31',
      authors: ['Ann Harbour', 'Bo Li'],
      siteName: 'The Courier',
    });
    expect(details.captured).toMatchObject({ sourceUrl: null, publishedAt: null, title: 'Budget vote delayed' });
    expect(details.record!.metaHistory.map((h) => [h.field, h.from, h.to])).toEqual([
      ['sourceUrl', null, 'https://example.org/budget'],
      ['publishedAt', null, '2017-01-31'],
      ['authors', null, ['Ann Harbour', 'Bo Li']],
      ['siteName', null, 'The Courier'],
    ]);
    // The snapshot itself is as captured.
    expect((await s.library.getSnapshot(a.id)).sourceUrl).toBeNull();
    // Back to the captured value: null.
    await s.call('updateArticleMeta', { snapshotId: a.id, patch: { siteName: null } });
    expect((await s.call('articleDetails', { snapshotId: a.id })).effective.siteName).toBeNull();
    await s.undo(edit);
    expect((await s.call('articleDetails', { snapshotId: a.id })).effective.sourceUrl).toBeNull();
  });

  it('refuses bad values with the field named, changing nothing', async () => {
    for (const [patch, words] of [
      [{ publishedAt: '31/01/2017' }, /published date.*2017-01-31/],
      [{ sourceUrl: 'javascript:alert(1)' }, /source address.*http/],
      [{ lang: 'english!' }, /language/],
      [{ title: '   ' }, /title cannot be empty/],
      [{ dir: 'sideways' }, /text direction/],
    ] as const) {
      expect(await rejects(s.call('updateArticleMeta', { snapshotId: a.id, patch }), 'INVALID_INPUT')).toMatch(words);
    }
    await rejects(s.call('updateArticleMeta', { snapshotId: a.id, patch: { colour: 'red' } }), 'INVALID_INPUT');
    expect(await s.library.getArticle(a.id)).toBeNull();
  });
});

describe('collections and article tags', () => {
  it('nests collections, files articles in several, and deleting one lifts its children and frees its articles', async () => {
    const project = (await s.call('createCollection', { name: 'Policing project' })).value.collection;
    const interviews = (await s.call('createCollection', { name: 'Interviews', parentId: project.id })).value.collection;
    await rejects(s.call('createCollection', { name: 'interviews ', parentId: project.id }), 'INVALID_INPUT');
    await rejects(s.call('updateCollection', { id: project.id, parentId: interviews.id }), 'INVALID_INPUT');
    await s.call('fileArticles', { ids: [a.id, b.id], collectionId: interviews.id });
    await s.call('fileArticles', { ids: [a.id], collectionId: project.id });
    expect((await row(a.id))!.article!.collections.sort()).toEqual([project.id, interviews.id].sort());

    const gone = await s.call('deleteCollection', { id: project.id });
    expect((await s.call('listCollections', {})).map((x) => [x.name, x.parentId])).toEqual([['Interviews', null]]);
    expect((await row(a.id))!.article!.collections).toEqual([interviews.id]);
    await s.undo(gone);
    expect((await s.call('listCollections', {})).map((x) => [x.name, x.parentId]).sort()).toEqual([
      ['Interviews', project.id],
      ['Policing project', null],
    ]);
    expect((await row(a.id))!.article!.collections.sort()).toEqual([project.id, interviews.id].sort());
    const out = await s.call('fileArticles', { ids: [b.id], collectionId: interviews.id, remove: true });
    expect((await row(b.id))!.article!.collections).toEqual([]);
    await s.undo(out);
    expect((await row(b.id))!.article!.collections).toEqual([interviews.id]);
  });

  it('tags articles from the codebook', async () => {
    const tag = (await s.call('createTag', { name: 'Immigration' })).value.tag;
    await s.call('tagArticles', { ids: [a.id, c.id], add: [tag.id] });
    expect((await row(c.id))!.article!.tags).toEqual([tag.id]);
    await rejects(s.call('tagArticles', { ids: [a.id], add: ['not-a-tag'] }), 'NOT_FOUND');
    await s.call('tagArticles', { ids: [a.id], remove: [tag.id] });
    expect((await row(a.id))!.article!.tags).toEqual([]);
  });
});
