/**
 * Three desk members share one library through a git host on 127.0.0.1 (git http-backend):
 * they edit the same articles, some offline, then sync in every order. All three end with
 * byte-identical shared content, conflicts kept with both authors, deletions honoured.
 */
import { execFileSync } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openLibrary } from '../../../core/store/index.js';
import { addText, annotatePhrase, rejects } from '../api/helpers.js';
import { member, sharedTree, startDesk, TOKEN, type Desk } from './helpers.js';

const TEXT = 'The mayor said the city hired 1,200 new teachers in 2024. “We kept every promise,” she said. Critics said the figure counts part-time staff.';

const permutations = <T>(xs: T[]): T[][] =>
  xs.length <= 1 ? [xs] : xs.flatMap((x, i) => permutations([...xs.slice(0, i), ...xs.slice(i + 1)]).map((p) => [x, ...p]));

describe('team sync through a git host', () => {
  let desk: Desk;
  beforeAll(async () => {
    desk = await startDesk();
  });
  afterAll(async () => desk?.close());

  it('three libraries edit the same article, some offline, and end identical in every sync order', async () => {
    for (const [round, order] of permutations([0, 1, 2]).entries()) {
      const url = desk.host.createRepo(`desk-${round}`);
      const [ana, ben, cai] = await Promise.all([member('Ana'), member('Ben'), member('Cai')]);
      try {
        const snap = await addText(ana, TEXT, 'City hires teachers');
        const claim = await annotatePhrase(ana, snap, 'the city hired 1,200 new teachers', 'claim');
        const quote = await annotatePhrase(ana, snap, 'We kept every promise', 'quote', { fields: { speaker: 'the mayor' } });
        const shared = await ana.call('shareLibrary', { url });
        expect(shared.pushed).toBe(true);
        for (const s of [ben, cai]) {
          const cloned = await s.call('shareLibrary', { url });
          expect(cloned.brought?.articles).toBe(1);
        }
        // Everyone edits; Cai works offline and tries to sync.
        await ana.call('updateAnnotation', { snapshotId: snap.id, id: claim, patch: { comment: 'Ana: check the payroll data' } });
        await ben.call('updateAnnotation', { snapshotId: snap.id, id: claim, patch: { comment: 'Ben: part-time staff included?' } });
        await ben.call('deleteAnnotation', { snapshotId: snap.id, id: quote });
        const critics = await annotatePhrase(cai, snap, 'Critics said the figure counts part-time staff', 'quote', { fields: { speaker: 'Critics' } });
        desk.host.offline = true;
        const offline = await rejects(cai.call('syncNow', {}), 'NETWORK');
        expect(offline).toMatch(/Could not reach 127\.0\.0\.1:\d+\/desk-\d\.git.*last synced at/);
        desk.host.offline = false;

        const people = [ana, ben, cai];
        for (const i of order) await people[i]!.call('syncNow', {});
        for (const i of order) await people[i]!.call('syncNow', {});
        const trees = await Promise.all(people.map(sharedTree));
        expect(new Set(trees).size).toBe(1);

        for (const s of people) {
          const list = await s.library.listAnnotations(snap.id, { includeDeleted: true });
          expect(list.find((a) => a.id === quote)?.deletedAt).not.toBeNull();
          expect(list.find((a) => a.id === critics)?.deletedAt).toBeNull();
          const conflicts = await s.library.listConflicts(snap.id);
          expect(conflicts.map((c) => c.annotationId)).toEqual([claim]);
          const notes = [conflicts[0]!.current, ...conflicts[0]!.others].map((a) => a.comment).sort();
          expect(notes).toEqual(['Ana: check the payroll data', 'Ben: part-time staff included?']);
          // Attributed: each kept version names the person who made it.
          const authors = [conflicts[0]!.current, ...conflicts[0]!.others].map((a) => a.modifiedBy?.name).sort();
          expect(authors).toEqual(['Ana', 'Ben']);
          expect(list.find((a) => a.id === critics)?.createdBy?.name).toBe('Cai');
        }
      } finally {
        await Promise.all([ana.close(), ben.close(), cai.close()]);
      }
    }
  }, 120_000);

  it('the same article captured by two people before they sync: both copies everywhere, and syncing settles', async () => {
    const url = desk.host.createRepo('twice');
    const [ana, ben] = await Promise.all([member('Ana'), member('Ben')]);
    try {
      const a = await addText(ana, TEXT, 'City hires teachers');
      const b = await addText(ben, TEXT, 'City hires teachers');
      expect(a.id).not.toBe(b.id);
      const claim = await annotatePhrase(ana, a, 'the city hired 1,200 new teachers', 'claim');
      const quote = await annotatePhrase(ben, b, 'We kept every promise', 'quote');
      await ana.call('shareLibrary', { url });
      await ben.call('shareLibrary', { url });
      await ana.call('syncNow', {});
      for (const s of [ana, ben]) {
        expect(
          s.library
            .listSnapshots()
            .map((r) => r.id)
            .sort(),
        ).toEqual([a.id, b.id].sort());
        expect((await s.library.listAnnotations(a.id)).map((x) => x.id)).toEqual([claim]);
        expect((await s.library.listAnnotations(b.id)).map((x) => x.id)).toEqual([quote]);
      }
      expect(await sharedTree(ana)).toBe(await sharedTree(ben));
      // Settled: with nothing new, a sync commits and pushes nothing.
      for (const s of [ana, ben, ana]) {
        const again = await s.call('syncNow', {});
        expect(again).toMatchObject({ committed: null, brought: null, pushed: false });
      }
    } finally {
      await Promise.all([ana.close(), ben.close()]);
    }
  });

  it('a plain git clone of the remote is an ordinary library folder that Glossa opens', async () => {
    const url = desk.host.createRepo('plain');
    const ana = await member('Ana');
    const dir = await mkdtemp(join(tmpdir(), 'glossa-plain-'));
    try {
      const snap = await addText(ana, TEXT);
      await annotatePhrase(ana, snap, 'the city hired 1,200 new teachers', 'claim');
      await ana.call('createTag', { name: 'Education' });
      await ana.call('shareLibrary', { url });
      execFileSync('git', ['clone', '--quiet', desk.host.repoDir('plain'), join(dir, 'lib')]);
      expect((await readdir(join(dir, 'lib'))).sort()).toEqual(['.git', '.gitattributes', '.gitignore', 'blobs', 'glossa.json', 'snapshots']);
      const opened = await openLibrary(join(dir, 'lib'));
      try {
        expect(opened.listSnapshots().map((s) => s.id)).toEqual([snap.id]);
        expect(opened.listSnapshots()[0]!.counts.claim).toBe(1);
        expect(await opened.listAnnotations(snap.id)).toHaveLength(1);
        expect((await opened.blobs.verify()).corrupt).toEqual([]);
        expect(opened.listCodebook().map((t) => t.name)).toEqual(['Education']);
      } finally {
        await opened.close();
      }
    } finally {
      await ana.close();
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('wrong or missing credentials get a clear message and change nothing', async () => {
    const url = desk.host.createRepo('auth');
    const eve = await member('Eve', 'expired-token');
    try {
      await addText(eve, TEXT);
      const message = await rejects(eve.call('shareLibrary', { url }), 'AUTH_FAILED');
      expect(message).toMatch(/refused the credentials.*missing, wrong or expired/);
      expect(message).not.toContain('expired-token');
      const status = await eve.call('syncStatus', {});
      expect(status.lastError?.code).toBe('AUTH_FAILED');
      expect(status.lastSuccess).toBeNull();
    } finally {
      await eve.close();
    }
  });

  it('never writes the access token into the library or its repository', async () => {
    const url = desk.host.createRepo('secret');
    const ana = await member('Ana');
    try {
      await addText(ana, TEXT);
      await ana.call('shareLibrary', { url });
      const leaks: string[] = [];
      const walk = async (dir: string): Promise<void> => {
        for (const e of await readdir(dir, { withFileTypes: true })) {
          const p = join(dir, e.name);
          if (e.isDirectory()) await walk(p);
          else if ((await readFile(p)).includes(TOKEN)) leaks.push(p);
        }
      };
      await walk(ana.library.dir);
      expect(leaks).toEqual([]);
    } finally {
      await ana.close();
    }
  });

  it('refuses addresses that would leak the token or are not git over HTTPS', async () => {
    const ana = await member('Ana');
    try {
      expect(await rejects(ana.call('shareLibrary', { url: 'http://git.example.org/desk.git' }), 'INVALID_INPUT')).toMatch(/plain HTTP/);
      expect(await rejects(ana.call('shareLibrary', { url: 'https://me:pw@git.example.org/desk.git' }), 'INVALID_INPUT')).toMatch(/user name or password/);
      expect(await rejects(ana.call('shareLibrary', { url: 'ssh://git.example.org/desk.git' }), 'INVALID_INPUT')).toMatch(/HTTPS only/);
      expect(await rejects(ana.call('syncNow', {}), 'NOT_SHARED')).toMatch(/not shared yet/);
    } finally {
      await ana.close();
    }
  });
});
