/**
 * What a remote sends is hostile input: a commit pushed by someone else (or a compromised host)
 * that holds a foreign file, a path that climbs out of the library, a link, a huge file,
 * invalid JSON, or a body whose bytes do not match its hash is refused before anything
 * reaches the library, which stays byte-for-byte as it was.
 */
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import git from 'isomorphic-git';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { commitBody, objectId, treeBody, writeObject, type TreeEntry } from '../../../core/sync/objects.js';
import { addText, annotatePhrase, rejects } from '../api/helpers.js';
import { member, startDesk, type Desk } from './helpers.js';

type Mode = TreeEntry['mode'] | '120000';
type Entry = { name: string; mode: Mode; oid: string };

/** Every file of the library except its git repository and lock, hashed: "unchanged" means equal. */
async function libraryDigest(dir: string): Promise<string> {
  const h = createHash('sha256');
  const walk = async (d: string): Promise<void> => {
    for (const e of (await readdir(d, { withFileTypes: true })).sort((a, b) => (a.name < b.name ? -1 : 1))) {
      if (['.git', '.lock', '.counts-clock'].includes(e.name)) continue;
      const p = join(d, e.name);
      if (e.isDirectory()) await walk(p);
      else h.update(relative(dir, p)).update(await readFile(p));
    }
  };
  await walk(dir);
  return h.digest('hex');
}

async function readEntries(gitdir: string, oid: string): Promise<Entry[]> {
  const { tree } = await git.readTree({ fs, gitdir, oid });
  return tree.map((e) => ({ name: e.path, mode: (e.mode === '040000' ? '040000' : e.mode) as Mode, oid: e.oid }));
}

const writeTree = (gitdir: string, entries: Entry[]) => writeObject(gitdir, 'tree', treeBody(entries as TreeEntry[]));

/** A commit on top of the remote's branch whose root tree `change` rewrote, written straight into the bare repository. */
async function pushCrafted(bare: string, change: (root: Entry[]) => Promise<Entry[]>): Promise<void> {
  const head = (await readFile(join(bare, 'refs/heads/main'), 'utf8')).trim();
  const { commit } = await git.readCommit({ fs, gitdir: bare, oid: head });
  const root = await change(await readEntries(bare, commit.tree));
  const tree = await writeTree(bare, root);
  const oid = await writeObject(bare, 'commit', commitBody(tree, [head], { name: 'Mallory', email: 'm@example.org', timestamp: 1_800_000_000 }, 'crafted'));
  await writeFile(join(bare, 'refs/heads/main'), `${oid}\n`);
}

/** Replaces the entry at `path` (folders created as needed) in a tree. */
async function put(bare: string, root: Entry[], path: string[], entry: Omit<Entry, 'name'>): Promise<Entry[]> {
  const [name, ...rest] = path;
  const others = root.filter((e) => e.name !== name);
  if (rest.length === 0) return [...others, { name: name!, ...entry }];
  const existing = root.find((e) => e.name === name);
  const inner = existing ? await readEntries(bare, existing.oid) : [];
  return [...others, { name: name!, mode: '040000', oid: await writeTree(bare, await put(bare, inner, rest, entry)) }];
}

const blob = (bare: string, text: string | Buffer) => writeObject(bare, 'blob', Buffer.from(text));

describe('a hostile remote', () => {
  let desk: Desk;
  beforeAll(async () => {
    desk = await startDesk();
  });
  afterAll(async () => desk?.close());

  const cases: { name: string; message: RegExp; craft: (bare: string, root: Entry[], ctx: { snapshotId: string; textHash: string }) => Promise<Entry[]> }[] = [
    {
      name: 'a file that is not part of a library',
      message: /holds "run\.sh", which is not part of a Glossa library/,
      craft: async (bare, root) => put(bare, root, ['run.sh'], { mode: '100644', oid: await blob(bare, '#!/bin/sh\nrm -rf ~\n') }),
    },
    {
      name: 'a path that climbs out of the library',
      message: /snapshots folder holds an unsafe name.*“\.\.”/,
      craft: async (bare, root) => put(bare, root, ['snapshots', '..', 'snapshot.json'], { mode: '100644', oid: await blob(bare, '{}') }),
    },
    {
      name: 'a symbolic link',
      message: /glossa\.json on the remote is not an ordinary file/,
      craft: async (bare, root) => put(bare, root, ['glossa.json'], { mode: '120000', oid: await blob(bare, '/etc/passwd') }),
    },
    {
      name: 'a huge file',
      message: /annotations\.json on the remote is 2\d\d KB, over the 64 KB a file may have/,
      craft: async (bare, root, { snapshotId }) =>
        put(bare, root, ['snapshots', snapshotId, 'annotations.json'], {
          mode: '100644',
          oid: await blob(bare, JSON.stringify({ annotations: [], padding: 'x'.repeat(250_000) })),
        }),
    },
    {
      name: 'invalid JSON',
      message: /annotations\.json on the remote is not valid JSON/,
      craft: async (bare, root, { snapshotId }) =>
        put(bare, root, ['snapshots', snapshotId, 'annotations.json'], { mode: '100644', oid: await blob(bare, '{"annotations": [') }),
    },
    {
      name: 'a body whose hash lies',
      message: /does not hash to its name: it was altered or damaged/,
      craft: async (bare, root, { snapshotId, textHash }) => {
        const lied = await put(bare, root, ['blobs', 'sha256', textHash.slice(0, 2), textHash], { mode: '100644', oid: await blob(bare, 'A different text.') });
        // The article's annotations changed too, so the sync reads the article (and its text) again.
        const doc = JSON.parse(
          Buffer.from(
            (await git.readBlob({ fs, gitdir: bare, oid: root.find((e) => e.name === 'snapshots')!.oid, filepath: `${snapshotId}/annotations.json` })).blob,
          ).toString(),
        );
        doc.annotations = [];
        return put(bare, lied, ['snapshots', snapshotId, 'annotations.json'], { mode: '100644', oid: await blob(bare, JSON.stringify(doc)) });
      },
    },
  ];

  for (const c of cases) {
    it(`refuses ${c.name}, and the library is unchanged`, async () => {
      const repo = `hostile-${cases.indexOf(c)}`;
      const url = desk.host.createRepo(repo);
      const [ana, ben] = await Promise.all([member('Ana'), member('Ben')]);
      try {
        const snap = await addText(ana, 'The port handled 4.2 million containers, officials said.');
        await annotatePhrase(ana, snap, 'The port handled 4.2 million containers', 'claim');
        await ana.call('shareLibrary', { url });
        await ben.call('shareLibrary', { url });
        ben.ctx.bundleLimits = { maxEntryBytes: 64 * 1024 };
        const textHash = (await ben.library.getSnapshot(snap.id)).textHash;
        await pushCrafted(desk.host.repoDir(repo), (root) => c.craft(desk.host.repoDir(repo), root, { snapshotId: snap.id, textHash }));
        await ben.library.flushIndex();
        const before = await libraryDigest(ben.library.dir);
        const message = await rejects(ben.call('syncNow', {}), 'BAD_REMOTE');
        expect(message).toMatch(c.message);
        expect(message).toMatch(/your library is unchanged/);
        expect(await libraryDigest(ben.library.dir)).toBe(before);
        expect(await ben.library.listAnnotations(snap.id)).toHaveLength(1);
      } finally {
        await Promise.all([ana.close(), ben.close()]);
      }
    });
  }

  it('names objects as git does (the crafted commits above are real git objects)', () => {
    expect(objectId('blob', Buffer.from('hello\n'))).toBe('ce013625030ba8dba906f756967f9e9ca394464a');
  });
});
