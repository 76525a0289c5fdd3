/**
 * The team workflow from a terminal: config, share, clone, edit, sync, history, against a git
 * host on 127.0.0.1 with the token from GLOSSA_GIT_TOKEN.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startGitHost, type GitHost } from '../support/git-http-server.js';
import { glossa, glossaJson, tempDir } from './helpers.js';

const TOKEN = 'cli-token-81d0';
const ARTICLE = 'The council said rents rose 12% last year. “We will cap them,” the mayor said.';

describe('glossa share, clone, sync, history', () => {
  const work = tempDir('sync');
  let host: GitHost;
  beforeAll(async () => {
    host = await startGitHost({ root: join(work, 'remotes'), token: TOKEN });
  });
  afterAll(async () => host?.close());

  /** One person: their own settings folder and library, the desk's token. */
  const person = (name: string) => {
    const env = { XDG_CONFIG_HOME: join(work, name, 'config'), GLOSSA_GIT_TOKEN: TOKEN };
    const lib = ['--library', join(work, name, 'library')];
    return {
      run: (args: string[], extra: Record<string, string> = {}) => glossa([...args, ...lib], { env: { ...env, ...extra } }),
      json: <T>(args: string[]) => glossaJson<T>([...args, ...lib], { env }),
    };
  };

  it('two people share a library, edit one claim, and each sees who changed what', async () => {
    const url = host.createRepo('cli-desk');
    const ana = person('ana');
    const ben = person('ben');
    expect((await ana.run(['config', 'set', 'name', 'Ana Ruiz'])).code).toBe(0);
    expect((await ben.run(['config', 'set', 'name', 'Ben Okafor'])).code).toBe(0);

    const file = join(work, 'rents.txt');
    writeFileSync(file, ARTICLE);
    const imported = await ana.json<{ ids: string[] }>(['import', file]);
    const claim = await ana.json<{ id: string }>(['annotate', imported.ids[0]!, '--kind', 'claim', '--exact', 'rents rose 12% last year']);

    const shared = await ana.run(['share', url]);
    expect(shared.code, shared.stderr).toBe(0);
    expect(shared.stdout).toMatch(/Synced with .*cli-desk\.git\.\n\s+Committed your changes: 1 annotation added in 1 article; 1 article captured/);
    expect(shared.stderr).toMatch(/sync: commit…\nsync: fetch…\nsync: push…/);

    const cloned = await ben.json<{ brought: { articles: number } }>(['clone', url]);
    expect(cloned.brought.articles).toBe(1);
    expect((await ben.run(['edit', claim.id, '--comment', 'Source: council budget, p. 4'])).code).toBe(0);
    expect((await ben.run(['sync'])).code).toBe(0);

    const pulled = await ana.run(['sync']);
    expect(pulled.stdout).toMatch(/From the remote: 1 changed/);
    const history = await ana.json<{ history: { author: { name: string }; change: string; fields: string[] }[] }>(['history', claim.id]);
    expect(history.history.map((h) => [h.author.name, h.change])).toEqual([
      ['Ben Okafor', 'changed'],
      ['Ana Ruiz', 'created'],
    ]);
    expect(history.history[0]!.fields).toContain('comment');
  }, 60_000);

  it('says what is wrong: no name, no remote, a clone into a full library, a wrong token', async () => {
    const url = host.createRepo('cli-errors');
    const eve = person('eve');
    const noName = await eve.run(['share', url]);
    expect(noName.code).toBe(1);
    expect(noName.stderr).toMatch(/Set your name before syncing/);
    await eve.run(['config', 'set', 'name', 'Eve']);
    expect((await eve.run(['sync'])).stderr).toMatch(/not shared yet/);
    const wrong = await eve.run(['share', url], { GLOSSA_GIT_TOKEN: 'nope' });
    expect(wrong.stderr).toMatch(/refused the credentials/);
    expect(wrong.stderr).not.toContain('nope');
    const file = join(work, 'eve.txt');
    writeFileSync(file, ARTICLE);
    await eve.run(['import', file]);
    expect((await eve.run(['clone', url])).stderr).toMatch(/already holds a library/);
    expect((await glossa(['clone', url], { env: { GLOSSA_GIT_TOKEN: TOKEN } })).stderr).toMatch(/--library DIR/);
  }, 60_000);
});
