/**
 * A sync killed at any step (commit, fetch, merge, push) leaves the library as it was or fully
 * merged, never between; the next sync finishes the job and the remote ends with the same
 * library. `glossa sync` runs in a child process that is SIGKILLed when it announces each step
 * (and a little after), so what is checked never depends on how fast the machine is.
 */
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cpSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openLibrary } from '../../core/store/index.js';
import { startGitHost, type GitHost } from '../support/git-http-server.js';
import { glossa, glossaJson, ROOT, tempDir } from './helpers.js';

const TOKEN = 'kill-token-4e1';
const TEXT = 'Officials said 3,400 homes were built in 2023. “It is not enough,” a tenant leader said. The council disputed that.';

/** The library's content: each article's annotations file and the shared registries. */
function contentDigest(dir: string): string {
  const h = createHash('sha256');
  for (const id of readdirSync(join(dir, 'snapshots')).sort()) {
    if (id.startsWith('.')) continue;
    h.update(id).update(readFileSync(join(dir, 'snapshots', id, 'annotations.json')));
  }
  return h.digest('hex');
}

/**
 * Opens the library after a kill. A process killed while releasing its lock can leave the lock
 * folder without its owner record; that lock is taken over once it has been untouched for a
 * second (core/store/lock.ts), so until then the library reads as locked.
 */
async function openAfterKill(dir: string) {
  for (let waited = 0; ; waited += 250) {
    try {
      return await openLibrary(dir);
    } catch (e) {
      if ((e as { code?: string }).code !== 'LIBRARY_LOCKED' || waited > 3000) throw e;
      await new Promise((r) => setTimeout(r, 250));
    }
  }
}

describe('sync killed mid-way', () => {
  const work = tempDir('sync-kill');
  let host: GitHost;
  const env = (who: string) => ({ XDG_CONFIG_HOME: join(work, who, 'config'), GLOSSA_GIT_TOKEN: TOKEN });
  const lib = (who: string) => ['--library', join(work, who, 'library')];
  const repo = join(work, 'remotes', 'desk.git');
  let before = '';
  let merged = '';

  beforeAll(async () => {
    host = await startGitHost({ root: join(work, 'remotes'), token: TOKEN });
    const url = host.createRepo('desk');
    for (const who of ['ana', 'ben']) await glossa(['config', 'set', 'name', who === 'ana' ? 'Ana' : 'Ben'], { env: env(who) });
    const file = join(work, 'homes.txt');
    writeFileSync(file, TEXT);
    const { ids } = await glossaJson<{ ids: string[] }>(['import', file, ...lib('ana')], { env: env('ana') });
    const claim = await glossaJson<{ id: string }>(
      ['annotate', ids[0]!, '--kind', 'claim', '--exact', 'Officials said 3,400 homes were built in 2023', ...lib('ana')],
      {
        env: env('ana'),
      },
    );
    expect((await glossa(['share', url, ...lib('ana')], { env: env('ana') })).code).toBe(0);
    expect((await glossa(['clone', url, ...lib('ben')], { env: env('ben') })).code).toBe(0);
    // Ben's work reaches the remote; Ana's stays on her machine until she syncs.
    await glossa(['edit', claim.id, '--comment', 'Ben: check the permits register', ...lib('ben')], { env: env('ben') });
    await glossa(['annotate', ids[0]!, '--kind', 'quote', '--exact', 'It is not enough', '--field', 'speaker=a tenant leader', ...lib('ben')], {
      env: env('ben'),
    });
    expect((await glossa(['sync', ...lib('ben')], { env: env('ben') })).code).toBe(0);
    await glossa(['edit', claim.id, '--comment', 'Ana: 3,400 or 3,100?', ...lib('ana')], { env: env('ana') });
    await glossa(['annotate', ids[0]!, '--kind', 'claim', '--exact', 'The council disputed that', ...lib('ana')], { env: env('ana') });
    cpSync(join(work, 'ana'), join(work, 'template-ana'), { recursive: true });
    cpSync(repo, join(work, 'template-remote'), { recursive: true });
    before = contentDigest(join(work, 'ana', 'library'));
    // The outcome of an uninterrupted sync.
    expect((await glossa(['sync', ...lib('ana')], { env: env('ana') })).code).toBe(0);
    merged = contentDigest(join(work, 'ana', 'library'));
    expect(merged).not.toBe(before);
  }, 120_000);
  afterAll(async () => {
    await host?.close();
    rmSync(work, { recursive: true, force: true });
  });

  const restore = () => {
    rmSync(join(work, 'ana'), { recursive: true, force: true });
    rmSync(repo, { recursive: true, force: true });
    cpSync(join(work, 'template-ana'), join(work, 'ana'), { recursive: true });
    cpSync(join(work, 'template-remote'), repo, { recursive: true });
  };

  /** Runs `glossa sync` in a child and kills it `delayMs` after it announces `step`; resolves when it is gone. */
  const killAt = (step: string, delayMs: number) =>
    new Promise<{ killed: boolean }>((done) => {
      const child = spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'cli', 'glossa.ts'), 'sync', ...lib('ana')], {
        cwd: ROOT,
        env: { ...process.env, ...env('ana') },
        stdio: ['ignore', 'ignore', 'pipe'],
      });
      let killed = false;
      child.stderr.on('data', (chunk: Buffer) => {
        if (!killed && chunk.toString().includes(`sync: ${step}…`)) {
          killed = true;
          setTimeout(() => child.kill('SIGKILL'), delayMs);
        }
      });
      child.on('exit', (_code, signal) => done({ killed: signal === 'SIGKILL' }));
    });

  for (const step of ['commit', 'fetch', 'merge', 'push']) {
    it(`killed at "${step}": the library is as it was or fully merged, and the next sync completes`, async () => {
      let kills = 0;
      for (const delayMs of [0, 25, 120]) {
        restore();
        const { killed } = await killAt(step, delayMs);
        if (killed) kills++;
        const dir = join(work, 'ana', 'library');
        const library = await openAfterKill(dir);
        const verified = await library.blobs.verify();
        await library.close();
        expect(verified.corrupt).toEqual([]);
        expect([before, merged]).toContain(contentDigest(dir));
        const again = await glossa(['sync', ...lib('ana')], { env: env('ana') });
        expect(again.code, again.stderr).toBe(0);
        expect(contentDigest(dir)).toBe(merged);
        // The remote ends with exactly this library: a clean clone has the same content.
        const check = join(work, `check-${step}-${delayMs}`);
        expect((await glossa(['clone', host.origin + '/desk.git', '--library', check], { env: env('ben') })).code).toBe(0);
        expect(contentDigest(check)).toBe(merged);
      }
      expect(kills).toBeGreaterThan(0);
    }, 120_000);
  }
});
