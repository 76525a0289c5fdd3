#!/usr/bin/env node
/**
 * Bundles the Electron shell with esbuild:
 *   electron/main.ts    → dist/electron/main.cjs    (Node inside Electron; core and its deps inlined)
 *   electron/preload.ts → dist/electron/preload.cjs (sandboxed preload: may require only 'electron')
 *   core/search/worker.ts → dist/electron/search-worker.cjs (the search index's worker thread,
 *                           which main starts by this name beside itself: electron/search.ts)
 *   core/suggest/worker.ts → dist/electron/suggest-worker.cjs (the suggestion detectors' worker
 *                           thread, wink-nlp and its model inlined: electron/context.ts)
 * The preload is built for the browser platform, so an accidental Node import fails the build
 * instead of failing at run time inside the sandbox.
 * The main process knows core's operation names from the start but loads each module of them
 * on its first call (electron/ops.ts): the names come from a manifest read here, at build time,
 * by loading core's table once (electron/op-groups.ts readOpManifest).
 * Options: --outdir DIR (default dist/electron; tests build elsewhere), --only main|preload|worker.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const { values: args } = parseArgs({ options: { outdir: { type: 'string' }, only: { type: 'string' } } });
const outdir = args.outdir ? resolve(args.outdir) : join(root, 'dist', 'electron');
const production = process.env.NODE_ENV === 'production';

const common = {
  bundle: true,
  format: 'cjs',
  external: ['electron'],
  sourcemap: production ? false : 'linked',
  minify: production,
  logLevel: 'warning',
  absWorkingDir: root,
};

/** Electron 45 ships Node 22 and Chromium 140. */
const node = {
  ...common,
  platform: 'node',
  target: 'node22',
  // ESM dependencies may read import.meta.url; give them the bundle's own URL in CJS.
  define: { 'import.meta.url': '__glossaImportMetaUrl' },
  banner: { js: "const __glossaImportMetaUrl = require('node:url').pathToFileURL(__filename).href;" },
};

/** Which module of core/api holds each operation, read by loading them all once here. */
async function opManifest() {
  const dir = await mkdtemp(join(tmpdir(), 'glossa-ops-'));
  try {
    const outfile = join(dir, 'op-groups.cjs');
    await build({ ...node, entryPoints: ['electron/op-groups.ts'], outfile, sourcemap: false, minify: false });
    return await createRequire(import.meta.url)(outfile).readOpManifest();
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

const bundles = {
  main: async () => ({
    ...node,
    entryPoints: ['electron/main.ts'],
    outfile: join(outdir, 'main.cjs'),
    define: { ...node.define, __GLOSSA_OP_MANIFEST__: JSON.stringify(await opManifest()) },
  }),
  preload: async () => ({
    ...common,
    entryPoints: ['electron/preload.ts'],
    outfile: join(outdir, 'preload.cjs'),
    platform: 'browser',
    target: 'chrome140',
  }),
  worker: async () => ({
    ...node,
    entryPoints: ['core/search/worker.ts'],
    outfile: join(outdir, 'search-worker.cjs'),
  }),
  'suggest-worker': async () => ({
    ...node,
    entryPoints: ['core/suggest/worker.ts'],
    outfile: join(outdir, 'suggest-worker.cjs'),
  }),
};
const outfiles = {
  main: join(outdir, 'main.cjs'),
  preload: join(outdir, 'preload.cjs'),
  worker: join(outdir, 'search-worker.cjs'),
  'suggest-worker': join(outdir, 'suggest-worker.cjs'),
};

const names = args.only ? [args.only] : Object.keys(bundles);
for (const name of names) {
  if (!Object.hasOwn(bundles, name)) {
    console.error(`build-electron: unknown bundle "${name}" (expected main, preload, worker or suggest-worker)`);
    process.exit(2);
  }
}
if (!args.only) await rm(outdir, { recursive: true, force: true });
try {
  await Promise.all(names.map(async (name) => build(await bundles[name]())));
} catch (e) {
  // esbuild has already printed each of its errors with file and line; anything else (core
  // failing to load while the manifest is read) is printed here.
  if (!Array.isArray(e?.errors)) console.error('build-electron:', e);
  process.exit(1);
}
console.log(`built ${names.map((name) => relative(root, outfiles[name])).join(', ')}`);
