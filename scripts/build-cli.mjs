#!/usr/bin/env node
/**
 * Bundles the command line with esbuild, as scripts/build-electron.mjs does the main process:
 *   cli/glossa.ts → dist/cli/glossa.mjs (+ chunks beside it), run by bin/glossa.js.
 * Dependencies are bundled too: one file per chunk starts faster than Node resolving
 * hundreds of files in node_modules (measured: docs/TOOLCHAIN.md). Code splitting keeps the
 * start small: what a command imports with `import()` (the api table: extraction, DOM, zip,
 * HTTP) is a separate chunk loaded only when that command runs.
 * The search index's worker thread is a second entry, dist/cli/search-worker.mjs, which the
 * bundle finds beside its chunks (__GLOSSA_SEARCH_WORKER__; from source, core/search runs
 * worker.ts itself). The suggestion worker (wink-nlp and its English model, bundled from their
 * npm packages: nothing is read from node_modules at run time) is a third entry,
 * dist/cli/suggest-worker.mjs (__GLOSSA_SUGGEST_WORKER__).
 * Options: --outdir DIR (default dist/cli; tests build elsewhere); --if-available (the
 * `prepare` script of `npm install`/`npm ci`): without esbuild, as after an install without
 * the dev dependencies, say so and exit 0 instead of failing the install.
 */
import { rm } from 'node:fs/promises';
import { dirname, join, relative, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const { values: args } = parseArgs({ options: { outdir: { type: 'string' }, 'if-available': { type: 'boolean' } } });

let build;
try {
  ({ build } = await import('esbuild'));
} catch (e) {
  if (e?.code !== 'ERR_MODULE_NOT_FOUND' || !args['if-available']) throw e;
  console.warn('build-cli: esbuild is not installed (no dev dependencies), so the CLI is not built; bin/glossa.js says how when it is run.');
  process.exit(0);
}
const outdir = args.outdir ? resolve(args.outdir) : join(root, 'dist', 'cli');

// Bundled CommonJS dependencies call require() and read __dirname/__filename; ESM has none
// of them, so each chunk defines them from its own URL.
const banner = [
  "import { createRequire as __glossaCreateRequire } from 'node:module';",
  "import { fileURLToPath as __glossaFileURLToPath } from 'node:url';",
  "import { dirname as __glossaDirname } from 'node:path';",
  'const require = __glossaCreateRequire(import.meta.url);',
  'const __filename = __glossaFileURLToPath(import.meta.url);',
  'const __dirname = __glossaDirname(__filename);',
].join('\n');

await rm(outdir, { recursive: true, force: true });
try {
  await build({
    absWorkingDir: root,
    entryPoints: { glossa: 'cli/glossa.ts', 'search-worker': 'core/search/worker.ts', 'suggest-worker': 'core/suggest/worker.ts' },
    outdir,
    outExtension: { '.js': '.mjs' },
    chunkNames: 'chunk-[hash]',
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: 'node24',
    banner: { js: banner },
    define: {
      __GLOSSA_SEARCH_WORKER__: JSON.stringify('./search-worker.mjs'),
      __GLOSSA_SUGGEST_WORKER__: JSON.stringify('./suggest-worker.mjs'),
    },
    sourcemap: 'linked',
    // Keep it readable for stack traces; minifying saves little start time here.
    minify: false,
    logLevel: 'warning',
  });
} catch {
  // esbuild has already printed each error with its file and line.
  process.exit(1);
}
console.log(`built ${relative(root, join(outdir, 'glossa.mjs'))}`);
