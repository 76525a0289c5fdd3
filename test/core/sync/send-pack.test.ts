/**
 * Glossa's own push (receive-pack): the first push sends a whole history, a later one only the
 * new commit and the files that changed, and the remote takes both as they are (no fallback to
 * isomorphic-git's push: sendPack says 'ok' only when the remote unpacked what it was sent).
 */
import { execFileSync } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sendPack } from '../../../core/sync/send-pack.js';
import { startDesk, TOKEN, type Desk } from './helpers.js';

const env = { ...process.env, GIT_AUTHOR_NAME: 'T', GIT_AUTHOR_EMAIL: 't@x', GIT_COMMITTER_NAME: 'T', GIT_COMMITTER_EMAIL: 't@x' };
const git = (cwd: string, ...args: string[]) => execFileSync('git', args, { cwd, env }).toString().trim();
const credentials = { username: 'glossa', password: TOKEN };

let desk: Desk;
let dir: string;

beforeAll(async () => {
  desk = await startDesk();
  dir = await mkdtemp(join(tmpdir(), 'glossa-sendpack-'));
  git(dir, 'init', '-q', '-b', 'main');
});

afterAll(async () => {
  await desk.close();
  await rm(dir, { recursive: true, force: true });
});

const commit = async (files: Record<string, string>, message: string) => {
  for (const [name, text] of Object.entries(files)) {
    execFileSync('mkdir', ['-p', join(dir, name, '..')]);
    await writeFile(join(dir, name), text);
  }
  git(dir, 'add', '-A');
  git(dir, 'commit', '-q', '-m', message);
  return git(dir, 'rev-parse', 'HEAD');
};

describe('pushing with Glossa’s own receive-pack client', () => {
  it('sends a first history whole and then only what changed, and the remote holds exactly the commits', async () => {
    const url = desk.host.createRepo('push');
    const bare = desk.host.repoDir('push');
    const first = await commit(
      Object.fromEntries(Array.from({ length: 20 }, (_, i) => [`snapshots/a${i}/annotations.json`, JSON.stringify({ i, text: `article ${i}` })])),
      'first',
    );
    expect(await sendPack(join(dir, '.git'), url, 'refs/heads/main', first, credentials)).toBe('ok');
    expect(git(bare, 'rev-parse', 'main')).toBe(first);

    const second = await commit({ 'snapshots/a7/annotations.json': JSON.stringify({ i: 7, text: 'edited' }) }, 'second');
    expect(await sendPack(join(dir, '.git'), url, 'refs/heads/main', second, credentials)).toBe('ok');
    expect(git(bare, 'rev-parse', 'main')).toBe(second);
    git(bare, 'fsck', '--full', '--strict');
  });
});
