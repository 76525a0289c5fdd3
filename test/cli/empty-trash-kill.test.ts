/**
 * Emptying the trash survives a crash at any point: `glossa trash --empty --yes` runs in a
 * child process on a library with hundreds of articles in the trash, some sharing bodies with
 * articles that stay, and is SIGKILLed at many points of its work (before it starts, once the
 * purge is recorded, after so many folders or bodies are gone). After each kill the library
 * must open, hold no row or folder of a purged article, keep every body a remaining article
 * names (hashing right), hold no body nobody names, and keep in the trash exactly the
 * articles not yet purged. Kill points are chosen by watching the library's own files, so
 * what is checked never depends on how fast the machine is.
 */
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cpSync, existsSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { emptyArticleRecord, type Snapshot } from '../../core/model/index.js';
import { openLibrary } from '../../core/store/index.js';
import { blobFile } from '../../core/store/paths.js';
import { bodiesOf } from '../../core/store/purge.js';
import { makeAnnotation, makeSnapshot } from '../core/store/helpers/fixtures.js';
import { glossa, ROOT, tempDir } from './helpers.js';

const KEPT = 24;
const TRASHED = 360;

/** Every blob file of a library, by hash. */
function blobsOnDisk(dir: string): Set<string> {
  const out = new Set<string>();
  const walk = (d: string) => {
    for (const name of readdirSync(d)) {
      const path = join(d, name);
      if (statSync(path).isDirectory()) walk(path);
      else if (/^[0-9a-f]{64}$/.test(name)) out.add(name);
    }
  };
  walk(join(dir, 'blobs'));
  return out;
}

const folders = (dir: string) => readdirSync(join(dir, 'snapshots')).filter((f) => !f.startsWith('.'));
const purgeRecorded = (dir: string) => {
  try {
    return /"purgePending":\s*true/.test(readFileSync(join(dir, 'glossa.json'), 'utf8'));
  } catch {
    return false;
  }
};

/** When to kill: a condition on the library's files (checked as often as the event loop allows), or at once. */
type KillPoint = { name: string; when: (dir: string) => boolean };

describe('emptying the trash, killed mid-way', () => {
  const work = tempDir('kill');
  const template = join(work, 'template');
  const kept = new Set<string>();
  const trashed = new Set<string>();
  const keptAnnotations = new Map<string, number>();
  let allBlobs = 0;

  beforeAll(async () => {
    const lib = await openLibrary(template);
    // Images shared across articles: some only by trashed ones, some also by kept ones.
    const shared: string[] = [];
    for (let i = 0; i < 6; i++) shared.push(await lib.blobs.put(`shared image ${i} ${'#'.repeat(500)}`));
    const keptSnapshots: Snapshot[] = [];
    for (let n = 0; n < KEPT; n++) {
      const s = await makeSnapshot(lib, n, { assetHashes: [shared[n % 3]!] });
      await lib.addSnapshot(s);
      await lib.putAnnotation(makeAnnotation(s.id, n));
      kept.add(s.id);
      keptAnnotations.set(s.id, 1);
      keptSnapshots.push(s);
    }
    for (let n = KEPT; n < KEPT + TRASHED; n++) {
      const unique = await lib.blobs.put(`image only article ${n} has ${'*'.repeat(200)}`);
      // Every fourth is a new version of a kept page: the same HTML body, a new text.
      const sameHtml = n % 4 === 0 ? { htmlHash: keptSnapshots[n % KEPT]!.htmlHash } : {};
      const s = await makeSnapshot(lib, n, { assetHashes: [shared[n % 6]!, unique], ...sameHtml });
      await lib.addSnapshot(s);
      if (n % 3 === 0) await lib.putAnnotation(makeAnnotation(s.id, n));
      const at = new Date().toISOString();
      await lib.putArticle(s.id, { ...emptyArticleRecord(at), deletedAt: at });
      trashed.add(s.id);
    }
    const named = new Set<string>();
    for (const r of lib.listSnapshots()) for (const hash of bodiesOf(await lib.getSnapshot(r.id))) named.add(hash);
    await lib.close();
    // makeSnapshot stored an HTML body the new versions do not name: gone, so every body on disk is in use.
    for (const hash of blobsOnDisk(template)) if (!named.has(hash)) rmSync(blobFile(join(template, 'blobs', 'sha256'), hash));
    allBlobs = blobsOnDisk(template).size;
    expect(allBlobs).toBe(named.size);
  }, 240_000);

  afterAll(() => rmSync(work, { recursive: true, force: true }));

  const killPoints: KillPoint[] = [
    { name: 'at once', when: () => true },
    { name: 'once the purge is recorded', when: purgeRecorded },
    ...[1, 10, 40, 90, 150, 220, 300].map((gone) => ({
      name: `after ${gone} folders are gone`,
      when: (dir: string) => folders(dir).length <= KEPT + TRASHED - gone,
    })),
    ...[1, 60, 200].map((gone) => ({
      name: `after ${gone} bodies are freed`,
      when: (dir: string) => blobsOnDisk(dir).size <= allBlobs - gone,
    })),
  ];

  /** Runs the CLI on `dir` and kills it when `point` holds; resolves with how it ended. */
  function runAndKill(dir: string, point: KillPoint): Promise<{ killed: boolean; stderr: string }> {
    const home = join(work, 'home');
    const child = spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'cli', 'glossa.ts'), 'trash', '--empty', '--yes', '--library', dir], {
      cwd: ROOT,
      env: { ...process.env, HOME: home, XDG_CONFIG_HOME: join(home, '.config'), XDG_CACHE_HOME: join(home, '.cache'), GLOSSA_LIBRARY: undefined },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    return new Promise((done) => {
      let finished = false;
      child.on('exit', (_code, signal) => {
        finished = true;
        done({ killed: signal === 'SIGKILL', stderr });
      });
      const watch = () => {
        if (finished) return;
        let hit = false;
        try {
          hit = point.when(dir);
        } catch {
          // A folder being removed under readdir: look again.
        }
        if (hit) child.kill('SIGKILL');
        else setImmediate(watch);
      };
      watch();
    });
  }

  it('after every kill the library opens whole: purged articles gone without a trace, every body in use intact, the rest still in the trash', async () => {
    let kills = 0;
    let midPurge = 0;
    for (const [i, point] of killPoints.entries()) {
      const dir = join(work, `run-${i}`);
      cpSync(template, dir, { recursive: true });
      const ended = await runAndKill(dir, point);
      if (ended.killed) kills++;
      else expect(ended.stderr, point.name).toBe('');
      if (purgeRecorded(dir)) midPurge++;
      // The killed holder is dead (its exit was seen): its lock is released as its stale lock would be taken over (lock.test.ts tests that).
      rmSync(join(dir, '.lock'), { recursive: true, force: true });

      const lib = await openLibrary(dir);
      try {
        const rows = lib.listSnapshots();
        const ids = new Set(rows.map((r) => r.id));
        const purged = new Set(lib.listPurged().map((p) => p.id));
        const inTrash = new Set(rows.filter((r) => r.article?.deletedAt).map((r) => r.id));
        // The trash holds exactly the trashed articles not purged; purged ones have no row and no folder.
        for (const id of purged) expect(trashed.has(id), `${point.name}: only trashed articles are purged`).toBe(true);
        expect([...inTrash].sort(), point.name).toEqual([...trashed].filter((id) => !purged.has(id)).sort());
        expect([...ids].sort(), point.name).toEqual([...kept, ...inTrash].sort());
        expect(folders(dir).sort(), `${point.name}: a folder per row, none left of a purged article`).toEqual([...ids].sort());
        // The kept articles and their annotations are untouched.
        for (const r of rows.filter((x) => kept.has(x.id)))
          expect(r.counts.quote + r.counts.claim + r.counts.figure + r.counts.note).toBe(keptAnnotations.get(r.id));
        // Every body a remaining article names is there and hashes right; no body is left that none names.
        const named = new Set<string>();
        for (const id of ids) for (const hash of bodiesOf(await lib.getSnapshot(id))) named.add(hash);
        for (const hash of named)
          expect(
            createHash('sha256')
              .update(await lib.blobs.get(hash))
              .digest('hex'),
            point.name,
          ).toBe(hash);
        expect([...blobsOnDisk(dir)].sort(), `${point.name}: bodies on disk are those in use`).toEqual([...named].sort());
        expect((await lib.blobs.verify()).corrupt).toEqual([]);
      } finally {
        await lib.close();
      }
      expect(purgeRecorded(dir), `${point.name}: the interrupted purge was finished on open`).toBe(false);

      // The library goes on: emptying the trash again finishes the job.
      const again = await glossa(['trash', '--empty', '--yes', '--json', '--library', dir]);
      expect(again.code, again.stderr).toBe(0);
      expect((await glossa(['verify', '--library', dir])).code).toBe(0);
      expect(folders(dir).sort()).toEqual([...kept].sort());
      expect(existsSync(join(dir, 'snapshots', [...trashed][0]!))).toBe(false);
      rmSync(dir, { recursive: true, force: true });
    }
    // The kills landed: at least ten of them, and some while the purge was under way.
    expect(kills).toBeGreaterThanOrEqual(10);
    expect(midPurge).toBeGreaterThanOrEqual(5);
  }, 600_000);
});
