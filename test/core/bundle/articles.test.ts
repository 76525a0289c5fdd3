/**
 * Article state in bundles (format version 3): records (trash, corrected metadata, tags,
 * collections) travel with their articles, trashed articles as tombstones, purged ones as
 * ids; the collections registry travels too. Merges are order-independent and a deletion
 * meeting an edit is kept as a deletion conflict, never resolved silently.
 */
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { deleteRecord, editMeta, editSet, restoreRecord } from '../../../core/articles/record.js';
import { exportBundle, importBundle, previewBundle, verifyBundle } from '../../../core/bundle/index.js';
import { GlossaError, inTrash, type Collection } from '../../../core/model/index.js';
import { canonicalJson } from '../../../core/store/index.js';
import type { LibraryStore } from '../../../core/store/types.js';
import { cleanTemp, hashTree, seedLibrary, tempDir, withLibrary, type Seeded } from './library.js';
import { get, readMembers, relist, replace, writeZip } from './zipcraft.js';

afterAll(cleanTemp);

const at = (day: number, hour = 12) => new Date(Date.UTC(2020, 0, day, hour)).toISOString();
const collection = (id: string, name: string, parentId: string | null, time = at(1)): Collection => ({ id, name, parentId, createdAt: time, updatedAt: time });
const permutations = <T>(xs: T[]): T[][] =>
  xs.length <= 1 ? [xs] : xs.flatMap((x, i) => permutations([...xs.slice(0, i), ...xs.slice(i + 1)]).map((rest) => [x, ...rest]));

async function change(
  lib: LibraryStore,
  id: string,
  edit: (prev: Awaited<ReturnType<LibraryStore['getArticle']>>) => Parameters<LibraryStore['putArticle']>[1],
) {
  await lib.putArticle(id, edit(await lib.getArticle(id)));
}

/** A shared start: a lead library with two articles, exported, and colleagues' libraries made from it. */
async function start(colleagues: number): Promise<{ seeded: Seeded; base: string; dirs: string[]; work: string }> {
  const work = await tempDir();
  const lead = await tempDir();
  const seeded = await withLibrary(lead, async (lib) => {
    const s = await seedLibrary(lib);
    await lib.saveCollections([collection('project', 'Project', null), collection('interviews', 'Interviews', 'project')]);
    await change(lib, s.snapshots[0]!.id, (p) => editSet(p, 'collections', ['interviews'], [], at(1)));
    return s;
  });
  const base = join(work, 'base.glossa');
  await withLibrary(lead, (lib) => exportBundle(lib, base));
  const dirs: string[] = [];
  for (let i = 0; i < colleagues; i++) {
    const dir = await tempDir();
    await withLibrary(dir, (lib) => importBundle(lib, base));
    dirs.push(dir);
  }
  return { seeded, base, dirs, work };
}

const exportOf = async (dir: string, work: string, name: string, scope?: Parameters<typeof exportBundle>[2]) => {
  const path = join(work, `${name}.glossa`);
  await withLibrary(dir, (lib) => exportBundle(lib, path, scope));
  return path;
};

describe('article records in bundles', () => {
  it('round trip: corrected metadata, collections and the trash arrive as they were; trashed content stays home', async () => {
    const { seeded, dirs, work } = await start(1);
    const [A, B] = seeded.snapshots.map((s) => s.id) as [string, string];
    await withLibrary(dirs[0]!, async (lib) => {
      await change(lib, A, (p) => editMeta(p, { title: 'Corrected title', authors: ['Ana Author', 'Ben Writer'], publishedAt: '2017-03-14' }, at(2)));
      await change(lib, B, (p) => deleteRecord(p, at(3)));
    });
    const bundle = await exportOf(dirs[0]!, work, 'ana');
    const report = await verifyBundle(bundle);
    expect(report).toMatchObject({ ok: true, version: 3 });
    const members = await readMembers(bundle);
    const doc = JSON.parse(get(members, 'articles.json').toString('utf8'));
    expect(Object.keys(doc.articles)).toEqual([A]);
    expect(doc.deleted.map((d: { id: string }) => d.id)).toEqual([B]);
    // The trashed article goes as its record only: no folder.
    expect(members.some((m) => m.name.startsWith(`snapshots/${B}/`))).toBe(false);

    const fresh = await tempDir();
    await withLibrary(fresh, async (lib) => {
      const r = await importBundle(lib, bundle);
      expect(r.snapshots.added).toEqual([A]);
      expect(lib.hasSnapshot(B)).toBe(false);
      const record = (await lib.getArticle(A))!;
      expect(record.meta).toEqual({ title: 'Corrected title', authors: ['Ana Author', 'Ben Writer'], publishedAt: '2017-03-14' });
      expect(record.collections).toEqual(['interviews']);
      expect(
        lib
          .listCollections()
          .map((c) => c.id)
          .sort(),
      ).toEqual(['interviews', 'project']);
      // The record's versions (revision and history) are the exporter's.
      expect(canonicalJson(await lib.readVersions(A).then((v) => [v.article, v.articleHistory]))).toBe(
        await withLibrary(dirs[0]!, async (l) => canonicalJson(await l.readVersions(A).then((v) => [v.article, v.articleHistory]))),
      );
    });
  });

  it('a collection scope exports the articles in it and below it, with their collections', async () => {
    const { seeded, dirs, work } = await start(1);
    const [A, B] = seeded.snapshots.map((s) => s.id) as [string, string];
    await withLibrary(dirs[0]!, async (lib) => {
      await lib.saveCollections([...lib.listCollections(), collection('other', 'Other', null)]);
      await change(lib, B, (p) => editSet(p, 'collections', ['other'], [], at(2)));
    });
    const bundle = await exportOf(dirs[0]!, work, 'scoped', { scope: { kind: 'collection', id: 'project' } });
    const fresh = await tempDir();
    await withLibrary(fresh, async (lib) => {
      const r = await importBundle(lib, bundle);
      expect(r.scope).toBe('collection “Project”');
      expect(r.snapshots.added).toEqual([A]);
      expect(
        lib
          .listCollections()
          .map((c) => c.id)
          .sort(),
      ).toEqual(['interviews', 'project']);
    });
    await expect(withLibrary(dirs[0]!, (lib) => exportBundle(lib, join(work, 'none.glossa'), { scope: { kind: 'collection', id: 'nope' } }))).rejects.toThrow(
      /no collection nope/,
    );
  });

  it('a colleague’s deletion moves the article to the trash, and an older bundle does not bring it back', async () => {
    const { seeded, base, dirs, work } = await start(2);
    const A = seeded.snapshots[0]!.id;
    await withLibrary(dirs[1]!, (lib) => change(lib, A, (p) => deleteRecord(p, at(3))));
    const ben = await exportOf(dirs[1]!, work, 'ben');
    await withLibrary(dirs[0]!, async (lib) => {
      const preview = await previewBundle(lib, ben);
      expect(preview.articles).toMatchObject({ deleted: [A], deletionConflicts: [] });
      await importBundle(lib, ben);
      expect(inTrash(await lib.getArticle(A))).toBe(true);
    });
    const before = await hashTree(dirs[0]!);
    await withLibrary(dirs[0]!, async (lib) => {
      const again = await importBundle(lib, base);
      expect(again.changed).toBe(false);
      expect(inTrash(await lib.getArticle(A))).toBe(true);
    });
    expect(await hashTree(dirs[0]!)).toEqual(before);
    // Restored there after the deletion: the restoration travels too.
    await withLibrary(dirs[1]!, (lib) => change(lib, A, (p) => restoreRecord(p, at(4))));
    const restored = await exportOf(dirs[1]!, work, 'ben-restored');
    await withLibrary(dirs[0]!, async (lib) => {
      expect((await importBundle(lib, restored)).articles.restored).toEqual([A]);
      expect((await lib.getArticle(A))!.deletedAt).toBeNull();
    });
  });

  it('edits of different fields on two sides both survive', async () => {
    const { seeded, dirs, work } = await start(3);
    const A = seeded.snapshots[0]!.id;
    await withLibrary(dirs[0]!, (lib) => change(lib, A, (p) => editMeta(p, { title: 'Ana’s title' }, at(2))));
    await withLibrary(dirs[1]!, (lib) => change(lib, A, (p) => editMeta(p, { note: 'Ben’s note', siteName: 'The Paper' }, at(3))));
    const bundles = [await exportOf(dirs[0]!, work, 'ana'), await exportOf(dirs[1]!, work, 'ben')];
    await withLibrary(dirs[2]!, async (lib) => {
      for (const b of bundles) await importBundle(lib, b);
      const record = (await lib.getArticle(A))!;
      expect(record.meta).toEqual({ title: 'Ana’s title', note: 'Ben’s note', siteName: 'The Paper' });
      expect(record.metaHistory.map((c) => c.field)).toEqual(['title', 'note', 'siteName']);
      expect(record.deletionConflict).toBe(false);
    });
  });

  for (const order of ['deletion first', 'edit first']) {
    it(`a deletion meeting a metadata edit is a deletion conflict (${order}), the same either way`, async () => {
      const { seeded, dirs, work } = await start(4);
      const A = seeded.snapshots[0]!.id;
      await withLibrary(dirs[0]!, (lib) => change(lib, A, (p) => deleteRecord(p, at(3))));
      await withLibrary(dirs[1]!, (lib) => change(lib, A, (p) => editMeta(p, { title: 'Still needed' }, at(4))));
      const del = await exportOf(dirs[0]!, work, 'del');
      const edit = await exportOf(dirs[1]!, work, 'edit');
      const [first, second] = order === 'deletion first' ? [del, edit] : [edit, del];
      const results: string[] = [];
      for (const dir of [dirs[2]!, dirs[3]!]) {
        await withLibrary(dir, async (lib) => {
          await importBundle(lib, first);
          const r = await importBundle(lib, second);
          expect(r.articles.deletionConflicts).toEqual([A]);
          const record = (await lib.getArticle(A))!;
          expect(record).toMatchObject({ deletionConflict: true, deletedAt: at(3), meta: { title: 'Still needed' } });
          // Held back from the trash until a person decides.
          expect(inTrash(record)).toBe(false);
          results.push(canonicalJson(await lib.readVersions(A).then((v) => [v.article, v.articleHistory])));
        });
      }
      // Both deleting and editing library get the same outcome from the other's bundle.
      await withLibrary(dirs[0]!, async (lib) => {
        expect((await importBundle(lib, edit)).articles.deletionConflicts).toEqual([A]);
        results.push(canonicalJson(await lib.readVersions(A).then((v) => [v.article, v.articleHistory])));
      });
      await withLibrary(dirs[1]!, async (lib) => {
        await importBundle(lib, del);
        results.push(canonicalJson(await lib.readVersions(A).then((v) => [v.article, v.articleHistory])));
      });
      expect(new Set(results).size).toBe(1);
    });
  }

  it('a deletion meeting annotation edits it did not know is a deletion conflict, in both orders', async () => {
    const { seeded, dirs, work } = await start(4);
    const A = seeded.snapshots[0]!.id;
    const quote = seeded.annotations.find((a) => a.snapshotId === A && a.deletedAt === null)!;
    await withLibrary(dirs[0]!, (lib) => change(lib, A, (p) => deleteRecord(p, at(3))));
    await withLibrary(dirs[1]!, async (lib) => lib.putAnnotation({ ...(await lib.getAnnotation(A, quote.id)), comment: 'Ben checked this', updatedAt: at(4) }));
    const del = await exportOf(dirs[0]!, work, 'del');
    const edit = await exportOf(dirs[1]!, work, 'edit');
    const states: string[] = [];
    for (const [dir, order] of [
      [dirs[2]!, [del, edit]],
      [dirs[3]!, [edit, del]],
    ] as const) {
      await withLibrary(dir, async (lib) => {
        for (const b of order) await importBundle(lib, b);
        expect((await lib.getArticle(A))!.deletionConflict).toBe(true);
        expect((await lib.getAnnotation(A, quote.id)).comment).toBe('Ben checked this');
      });
      states.push(JSON.stringify(await hashTree(join(dir, 'snapshots'))));
    }
    expect(states[0]).toBe(states[1]);
    // Settled (deleted after all) here: importing the old bundles again does not raise it again.
    await withLibrary(dirs[2]!, async (lib) => {
      await change(lib, A, (p) => ({ ...p!, deletionConflict: false, updatedAt: at(5) }));
      for (const b of [del, edit]) expect((await importBundle(lib, b)).changed).toBe(false);
      expect(inTrash(await lib.getArticle(A))).toBe(true);
    });
  });

  it('an article removed for good is not added back; its purge travels and moves colleagues’ copies to the trash', async () => {
    const { seeded, base, dirs, work } = await start(2);
    const [A, B] = seeded.snapshots.map((s) => s.id) as [string, string];
    await withLibrary(dirs[0]!, async (lib) => {
      await change(lib, A, (p) => deleteRecord(p, at(3)));
      await lib.purgeSnapshots([A]);
      const r = await importBundle(lib, base);
      expect(r.articles.skippedPurged).toEqual([A]);
      expect(r.snapshots.added).toEqual([]);
      expect(lib.hasSnapshot(A)).toBe(false);
    });
    const purged = await exportOf(dirs[0]!, work, 'purged');
    const doc = JSON.parse(get(await readMembers(purged), 'articles.json').toString('utf8'));
    expect(doc.purged.map((p: { id: string }) => p.id)).toEqual([A]);
    await withLibrary(dirs[1]!, async (lib) => {
      const r = await importBundle(lib, purged);
      expect(r.articles.deleted).toEqual([A]);
      // In the trash, not removed: the colleague's own copy is theirs to empty.
      expect(lib.hasSnapshot(A)).toBe(true);
      expect(inTrash(await lib.getArticle(A))).toBe(true);
      expect(inTrash(await lib.getArticle(B))).toBe(false);
    });
  });
});

describe('merging three colleagues’ article state', () => {
  // Three concurrent heads of one record: a combination names the edited versions it stands
  // for (mergedFrom), never the intermediate combination of whichever two met first, so the
  // records, their histories and the files are the same in every order.
  it('gives the same records, histories, collections and annotations in all 6 orders', async () => {
    const { seeded, base, dirs, work } = await start(3);
    const [A, B] = seeded.snapshots.map((s) => s.id) as [string, string];
    await withLibrary(dirs[0]!, async (lib) => {
      await change(lib, A, (p) => editMeta(p, { title: 'Ana’s title', authors: ['A. Reporter'] }, at(2)));
      await lib.saveCollections([...lib.listCollections(), collection('ana', 'Ana’s reading', null, at(2))]);
      await change(lib, B, (p) => editSet(p, 'collections', ['ana'], [], at(2)));
    });
    await withLibrary(dirs[1]!, async (lib) => {
      await change(lib, A, (p) => editMeta(p, { note: 'Ben: check the date', publishedAt: '2017-03' }, at(3)));
      await lib.saveCollections(lib.listCollections().map((c) => (c.id === 'interviews' ? { ...c, name: 'Interviews (all)', updatedAt: at(3) } : c)));
      await change(lib, B, (p) => deleteRecord(p, at(4)));
    });
    await withLibrary(dirs[2]!, async (lib) => {
      await change(lib, A, (p) => editSet(p, 'tags', ['checked'], [], at(5)));
      await change(lib, B, (p) => editMeta(p, { title: 'Cy keeps B' }, at(5)));
    });
    const bundles = [await exportOf(dirs[0]!, work, 'r1'), await exportOf(dirs[1]!, work, 'r2'), await exportOf(dirs[2]!, work, 'r3')];
    const states: string[] = [];
    // Each order into a library that has the shared start (a tombstone for an article a library lacks adds nothing).
    const fromBase = async () => {
      const dir = await tempDir();
      await withLibrary(dir, (lib) => importBundle(lib, base));
      return dir;
    };
    for (const order of permutations([0, 1, 2])) {
      const dir = await fromBase();
      for (const i of order) await withLibrary(dir, (lib) => importBundle(lib, bundles[i]!));
      const state = await withLibrary(dir, async (lib) =>
        canonicalJson({
          rows: lib.listSnapshots(),
          collections: lib.listCollections(),
          versions: await Promise.all([A, B].map((id) => lib.readVersions(id).then((v) => ({ ...v, basis: 0 })))),
        }),
      );
      states.push(state);
      for (const i of order) {
        const again = await withLibrary(dir, (lib) => importBundle(lib, bundles[i]!));
        expect(again.changed, JSON.stringify({ order, i, articles: again.articles, collections: again.collections, a: again.annotations })).toBe(false);
      }
    }
    expect(new Set(states).size).toBe(1);
    const dir = await fromBase();
    for (const b of bundles) await withLibrary(dir, (lib) => importBundle(lib, b));
    await withLibrary(dir, async (lib) => {
      const a = (await lib.getArticle(A))!;
      expect(a.meta).toEqual({ title: 'Ana’s title', authors: ['A. Reporter'], note: 'Ben: check the date', publishedAt: '2017-03' });
      expect(a.tags).toEqual(['checked']);
      expect(a.collections).toEqual(['interviews']);
      // Ben deleted B; Cy edited it without knowing: kept, marked.
      expect(await lib.getArticle(B)).toMatchObject({ deletionConflict: true, meta: { title: 'Cy keeps B' } });
      expect(lib.listCollections().find((c) => c.id === 'interviews')!.name).toBe('Interviews (all)');
      expect(lib.listCollections().map((c) => c.id)).toContain('ana');
    });
  });
});

describe('hostile article state', () => {
  async function refused(edit: (members: Awaited<ReturnType<typeof readMembers>>) => Awaited<ReturnType<typeof readMembers>>, message: RegExp) {
    const { dirs, work } = await start(1);
    const bundle = await exportOf(dirs[0]!, work, 'good');
    const bad = join(work, 'bad.glossa');
    await writeZip(bad, edit(await readMembers(bundle)));
    const target = await tempDir();
    await withLibrary(target, async () => undefined);
    const before = await hashTree(target);
    const error = await withLibrary(target, (lib) => importBundle(lib, bad)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GlossaError);
    expect((error as GlossaError).code).toBe('BAD_BUNDLE');
    expect((error as GlossaError).message).toMatch(message);
    expect((await verifyBundle(bad)).ok).toBe(false);
    // Nothing was written: the library folder is as it was after opening.
    expect(await hashTree(target)).toEqual(before);
    await withLibrary(target, async (lib) => {
      expect(lib.listSnapshots()).toEqual([]);
      expect(lib.listCollections()).toEqual([]);
    });
  }
  const withJson = (members: Awaited<ReturnType<typeof readMembers>>, name: string, edit: (v: any) => unknown) =>
    relist(replace(members, name, Buffer.from(JSON.stringify(edit(JSON.parse(get(members, name).toString('utf8')))))), [name]);

  it('a malformed article record is refused, naming it', async () => {
    await refused(
      (m) =>
        withJson(m, 'articles.json', (doc) => {
          const [id] = Object.keys(doc.articles);
          doc.articles[id!].record.meta = { sourceUrl: 'javascript:alert(1)' };
          return doc;
        }),
      /articles\.json.*not a valid article record/,
    );
    await refused(
      (m) =>
        withJson(m, 'articles.json', (doc) => {
          doc.articles['not-in-bundle'] = { record: { updatedAt: at(1) }, history: [] };
          return doc;
        }),
      /not-in-bundle has a record but is not in the bundle/,
    );
  });

  it('a collection cycle is refused', async () => {
    await refused(
      (m) => withJson(m, 'collections.json', (list: Collection[]) => list.map((c) => (c.id === 'project' ? { ...c, parentId: 'interviews' } : c))),
      /collections\.json.*under one of its own sub-collections/,
    );
  });
});
