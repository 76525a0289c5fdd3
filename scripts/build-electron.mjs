#!/usr/bin/env node
/**
 * Bundles the Electron shell with esbuild:
 *   electron/main.ts    → dist/electron/main.cjs    (Node inside Electron; core and its deps inlined)
 *   electron/preload.ts → dist/electron/preload.cjs (sandboxed preload: may require only 'electron')
 * The preload is built for the browser platform, so an accidental Node import fails the build
 * instead of failing at run time inside the sandbox.
 * Options: --outdir DIR (default dist/electron; tests build elsewhere), --only main|preload.
 */
import { rm } from 'node:fs/promises';
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
const bundles = {
  main: {
    ...common,
    entryPoints: ['electron/main.ts'],
    outfile: join(outdir, 'main.cjs'),
    platform: 'node',
    target: 'node22',
    // ESM dependencies may read import.meta.url; give them the bundle's own URL in CJS.
    define: { 'import.meta.url': '__glossaImportMetaUrl' },
    banner: { js: "const __glossaImportMetaUrl = require('node:url').pathToFileURL(__filename).href;" },
  },
  preload: {
    ...common,
    entryPoints: ['electron/preload.ts'],
    outfile: join(outdir, 'preload.cjs'),
    platform: 'browser',
    target: 'chrome140',
  },
};

const names = args.only ? [args.only] : Object.keys(bundles);
for (const name of names) {
  if (!Object.hasOwn(bundles, name)) {
    console.error(`build-electron: unknown bundle "${name}" (expected main or preload)`);
    process.exit(2);
  }
}
if (!args.only) await rm(outdir, { recursive: true, force: true });
try {
  await Promise.all(names.map((name) => build(bundles[name])));
} catch {
  // esbuild has already printed each error with its file and line.
  process.exit(1);
}
console.log(`built ${names.map((name) => relative(root, bundles[name].outfile)).join(' and ')}`);
