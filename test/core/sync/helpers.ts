/** Libraries that sync through a git host on 127.0.0.1 (test/support/git-http-server.ts). */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startGitHost, type GitHost } from '../../support/git-http-server.js';
import { openSession, type Session } from '../api/helpers.js';
import { gitDirOf } from '../../../core/sync/index.js';
import { writeLibraryTree } from '../../../core/sync/library-tree.js';
import { isRepo } from '../../../core/sync/repo.js';

export const TOKEN = 'test-token-5f2c9a';

export interface Desk {
  host: GitHost;
  root: string;
  close(): Promise<void>;
}

export async function startDesk(): Promise<Desk> {
  const root = await mkdtemp(join(tmpdir(), 'glossa-githost-'));
  const host = await startGitHost({ root, token: TOKEN });
  return {
    host,
    root,
    async close() {
      await host.close();
      await rm(root, { recursive: true, force: true });
    },
  };
}

/** A person's library: their name in settings, the desk's token in their keychain. */
export async function member(name: string, token: string | null = TOKEN): Promise<Session> {
  const s = await openSession();
  let settings: Record<string, unknown> = { name, email: `${name.toLowerCase()}@desk.example` };
  const tokens = new Map<string, string>();
  s.ctx.appSettings = { read: async () => settings, write: async (v) => void (settings = v) };
  s.ctx.gitCredentials = { get: async (url) => tokens.get(url) ?? token, set: async (url, t) => void tokens.set(url, t) };
  return s;
}

/** The library's shared content as one git tree id: equal ids, byte-identical shared files. */
export async function sharedTree(s: Session): Promise<string> {
  if (!(await isRepo(s.library.dir))) throw new Error('not shared');
  await s.library.flushIndex();
  return writeLibraryTree(s.library, gitDirOf(s.library.dir));
}
