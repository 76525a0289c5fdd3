/**
 * Search follows the archive: articles in the trash are out of it until restored, articles
 * removed for good leave it, corrected metadata is what is found, collections filter
 * (with the collections under them), article tags answer tag:. A real index on a real library.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SearchService } from '../../../core/search/index.js';
import { addText, openSession, type Session } from './helpers.js';

let s: Session;
let service: SearchService;
let cacheDir: string;
let ferry: { id: string; text: string };
let budget: { id: string; text: string };

beforeEach(async () => {
  s = await openSession();
  // The title is not in the text: what finds it is the title itself.
  ferry = await addText(s, 'The ferry will run again on Sunday, the harbour master said.', 'Ferry resumes');
  budget = await addText(s, 'Budget vote\n\nThe council approved the budget for the ferry terminal.', 'Budget vote');
  cacheDir = await mkdtemp(join(tmpdir(), 'glossa-search-archive-'));
  service = await SearchService.open(s.library, { cacheDir });
  s.ctx.search = service;
});

afterEach(async () => {
  await s.library.close();
  await service.close();
  await rm(s.dir, { recursive: true, force: true });
  await rm(cacheDir, { recursive: true, force: true });
});

async function found(query: string): Promise<string[]> {
  const r = await s.call('searchLibrary', { query });
  if (!r.ok) throw new Error(r.message);
  return r.articles.hits.map((h) => h.id).sort();
}

describe('search and the archive', () => {
  it('leaves out articles in the trash until they are restored, and forgets purged ones', async () => {
    expect(await found('ferry')).toEqual([ferry.id, budget.id].sort());
    await s.call('deleteArticles', { ids: [budget.id] });
    expect(await found('ferry')).toEqual([ferry.id]);
    await s.call('restoreArticles', { ids: [budget.id] });
    expect(await found('ferry')).toEqual([ferry.id, budget.id].sort());
    await s.call('deleteArticles', { ids: [budget.id] });
    await s.call('emptyTrash', {});
    expect(await found('ferry')).toEqual([ferry.id]);
    // A rebuild from the folder agrees.
    await s.call('reindex', {});
    expect(await found('ferry')).toEqual([ferry.id]);
  });

  it('finds corrected titles, outlets and notes, and no longer the captured title', async () => {
    await s.call('updateArticleMeta', {
      snapshotId: ferry.id,
      patch: { title: 'Harbour service restarts', siteName: 'The Courier', note: 'checked with the port authority' },
    });
    expect(await found('harbour service restarts')).toEqual([ferry.id]);
    expect(await found('courier')).toEqual([ferry.id]);
    expect(await found('authority')).toEqual([ferry.id]);
    expect(await found('resumes')).toEqual([]);
    const hit = await s.call('searchLibrary', { query: 'sunday' });
    expect(hit.ok && hit.articles.hits[0]!.title.text).toBe('Harbour service restarts');
  });

  it('filters by collection, with the collections under it, and by article tag', async () => {
    const project = (await s.call('createCollection', { name: 'Transport desk' })).value.collection;
    const sub = (await s.call('createCollection', { name: 'Ferries', parentId: project.id })).value.collection;
    await s.call('fileArticles', { ids: [ferry.id], collectionId: sub.id });
    expect(await found('collection:"transport desk"')).toEqual([ferry.id]);
    expect(await found('collection:"Transport desk/Ferries" ferry')).toEqual([ferry.id]);
    expect(await found('-collection:ferries ferry')).toEqual([budget.id]);
    const none = await s.call('searchLibrary', { query: 'collection:nowhere' });
    expect(none.ok && none.notes).toEqual(['No collection is named "nowhere".']);
    // Renaming the collection: the filter follows the registry.
    await s.call('updateCollection', { id: sub.id, name: 'Boats' });
    expect(await found('collection:boats')).toEqual([ferry.id]);

    const tag = (await s.call('createTag', { name: 'Local government' })).value.tag;
    await s.call('tagArticles', { ids: [budget.id], add: [tag.id] });
    expect(await found('tag:"local government"')).toEqual([budget.id]);
    expect(await found('tag:"local government" council')).toEqual([budget.id]);
  });
});
