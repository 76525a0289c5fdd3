/**
 * `npm run bench -- sync`: team sync through a git host on 127.0.0.1 (git http-backend).
 * - first sync of a 1,000-article, 20,000-annotation library into an empty library, against
 *   `git clone` of the same remote in the same run (ratio; target ≤ 2×);
 * - a sync carrying 10 edited annotations (target ≤ 1 s);
 * - the repository's size after 1,000 edits synced in batches of 10.
 */
import { execFile, execFileSync } from 'node:child_process';
import { promisify } from 'node:util';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openLibrary } from '../core/store/index.js';
import type { LibraryStore } from '../core/store/types.js';
import { shareLibrary, syncLibrary, type SyncOptions } from '../core/sync/index.js';
import { startGitHost } from '../test/support/git-http-server.js';
import { corpusSentences, generateLibrary } from './generate-library.js';
import { summarise, type Benchmark } from './harness.js';

const TOKEN = 'bench-token';
const exec = promisify(execFile);
const ARTICLES = 1000;
const PER_ARTICLE = 20;

const options = (name: string): SyncOptions => ({ author: { name, email: `${name}@bench.example` }, credentials: { username: 'glossa', password: TOKEN } });

const seconds = (t0: number) => (performance.now() - t0) / 1000;

function folderBytes(dir: string): number {
  return Number(execFileSync('du', ['-sb', dir]).toString().split('\t')[0]);
}

/** Edits `n` annotations of the library (a comment each), spread over its articles. */
async function edit(library: LibraryStore, n: number, round: number): Promise<void> {
  const rows = library.listSnapshots();
  for (let i = 0; i < n; i++) {
    const row = rows[(round * 37 + i * 101) % rows.length]!;
    const list = await library.listAnnotations(row.id);
    const a = list[(round + i) % list.length]!;
    await library.putAnnotation({ ...a, comment: `edit ${round}.${i}`, updatedAt: new Date(Date.UTC(2025, 0, 1, 0, 0, round * 10 + i)).toISOString() });
  }
}

export const syncBench: Benchmark = {
  name: 'sync',
  description: `Sync through a git host on 127.0.0.1: ${ARTICLES} articles, ${ARTICLES * PER_ARTICLE} annotations.`,
  async run() {
    const work = await mkdtemp(join(tmpdir(), 'glossa-bench-sync-'));
    const host = await startGitHost({ root: join(work, 'remotes'), token: TOKEN });
    try {
      const sentences = corpusSentences() ?? ['The council approved a budget of 4.2 million euros for the harbour on Tuesday, officials said.'];
      await generateLibrary(join(work, 'ana'), { articles: ARTICLES, words: 600, perArticle: PER_ARTICLE, sentences });
      const ana = await openLibrary(join(work, 'ana'));
      const url = host.createRepo('desk');
      let t0 = performance.now();
      await shareLibrary(ana, url, options('ana'));
      const firstPush = seconds(t0);

      // The same remote, cloned by git and synced into an empty library by Glossa, in turn, three
      // times: the disk and the machine's other work move single runs by a second either way.
      const gitRuns: number[] = [];
      const glossaRuns: number[] = [];
      let ben: LibraryStore | null = null;
      for (let run = 0; run < 3; run++) {
        t0 = performance.now();
        // Asynchronous: the git host answers from this same process.
        await exec('git', [
          'clone',
          '--quiet',
          '-c',
          `http.extraHeader=Authorization: Basic ${Buffer.from(`x:${TOKEN}`).toString('base64')}`,
          url,
          join(work, `git-clone-${run}`),
        ]);
        gitRuns.push(seconds(t0));
        const fresh = await openLibrary(join(work, `ben-${run}`));
        t0 = performance.now();
        await shareLibrary(fresh, url, options('ben'));
        glossaRuns.push(seconds(t0));
        if (run < 2) await fresh.close();
        else ben = fresh;
      }
      const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
      const gitClone = median(gitRuns);
      const glossaClone = median(glossaRuns);

      // Ten edited annotations, synced by Ana and brought to Ben.
      const push: number[] = [];
      const pull: number[] = [];
      for (let round = 0; round < 5; round++) {
        await edit(ana, 10, round);
        t0 = performance.now();
        await syncLibrary(ana, options('ana'));
        push.push(seconds(t0) * 1000);
        t0 = performance.now();
        await syncLibrary(ben!, options('ben'));
        pull.push(seconds(t0) * 1000);
      }
      const beforeEdits = folderBytes(host.repoDir('desk'));
      for (let round = 5; round < 105; round++) {
        await edit(ana, 10, round);
        await syncLibrary(ana, options('ana'));
      }
      const afterEdits = folderBytes(host.repoDir('desk'));
      execFileSync('git', ['-C', host.repoDir('desk'), 'gc', '--quiet']);
      const afterGc = folderBytes(host.repoDir('desk'));
      await ana.close();
      await ben!.close();
      return {
        articles: ARTICLES,
        annotations: ARTICLES * PER_ARTICLE,
        firstPushSeconds: firstPush,
        firstSync: { glossaSeconds: glossaClone, gitCloneSeconds: gitClone, ratio: glossaClone / gitClone, glossaRuns, gitRuns, target: '≤ 2× (medians of 3)' },
        tenEdits: { pushMs: summarise(push), pullMs: summarise(pull), target: '≤ 1,000 ms' },
        repository: {
          bytesBeforeEdits: beforeEdits,
          bytesAfter1000Edits: afterEdits,
          bytesAfterGitGc: afterGc,
          perEditBytes: Math.round((afterEdits - beforeEdits) / 1000),
        },
      };
    } finally {
      await host.close();
      await rm(work, { recursive: true, force: true });
    }
  },
};
