/**
 * Playwright global setup: makes sure dist/renderer is built from the current sources.
 * `npm run test:e2e` builds first anyway; this covers a bare `npx playwright test` and
 * skips the build when the output is newer than every input.
 */
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'vite';

const REPO_ROOT = resolve(fileURLToPath(new URL('.', import.meta.url)), '../..');

const INPUTS = ['renderer', 'core/text', 'core/model', 'vite.config.ts'];

function newestMtime(path: string): number {
  if (!existsSync(path)) return 0;
  const info = statSync(path);
  if (!info.isDirectory()) return info.mtimeMs;
  return readdirSync(path).reduce((max, name) => Math.max(max, newestMtime(join(path, name))), info.mtimeMs);
}

export default async function globalSetup(): Promise<void> {
  // A renderer built elsewhere (GLOSSA_RENDERER_DIST) is the caller's to keep current.
  if (process.env.GLOSSA_RENDERER_DIST) return;
  const output = join(REPO_ROOT, 'dist', 'renderer', 'index.html');
  const builtAt = existsSync(output) ? statSync(output).mtimeMs : 0;
  const sourcesAt = Math.max(...INPUTS.map((p) => newestMtime(join(REPO_ROOT, p))));
  if (builtAt > sourcesAt) return;
  console.log('[e2e] building the renderer (dist/renderer is missing or older than its sources)…');
  await build({ configFile: join(REPO_ROOT, 'vite.config.ts'), root: join(REPO_ROOT, 'renderer'), logLevel: 'warn' });
}
