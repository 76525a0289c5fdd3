#!/usr/bin/env node
// Runs the bundled CLI (dist/cli/glossa.mjs, built by scripts/build-cli.mjs on `npm install`,
// `npm ci` and `npm run build`). No TypeScript is compiled at start. In a checkout where the
// bundle is missing, it is built once here, which needs the dev dependencies (esbuild).
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { enableCompileCache } from 'node:module';
import { fileURLToPath } from 'node:url';

const bundle = new URL('../dist/cli/glossa.mjs', import.meta.url);

if (!existsSync(bundle)) {
  const script = fileURLToPath(new URL('../scripts/build-cli.mjs', import.meta.url));
  if (!existsSync(script)) {
    process.stderr.write(`glossa: the command line is not built (${fileURLToPath(bundle)} is missing); reinstall glossa.\n`);
    process.exit(1);
  }
  process.stderr.write('glossa: building the command line once (npm run build:cli)…\n');
  // Its own "built …" line would mix into this command's output: keep stdout quiet.
  const built = spawnSync(process.execPath, [script], { stdio: ['ignore', 'ignore', 'inherit'] });
  if (built.status !== 0) {
    process.stderr.write('glossa: could not build the command line; run `npm install` (it needs the dev dependencies), then `npm run build:cli`.\n');
    process.exit(1);
  }
}

// V8 keeps the compiled bundle on disk (the OS temp folder) between runs: a start after
// the first skips compiling the ~1.5 MB of JavaScript that a command like `list` loads.
// NODE_DISABLE_COMPILE_CACHE=1 turns it off.
enableCompileCache();
await import(bundle.href);
