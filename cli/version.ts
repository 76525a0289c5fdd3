import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The version in glossa's package.json, found by walking up from this file: it runs from
 * cli/ (tests, in-process) and from the bundle in dist/cli/, one folder deeper.
 */
export function packageVersion(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let depth = 0; depth < 4; depth++) {
    try {
      const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { name?: string; version?: string };
      if (pkg.name === 'glossa' && pkg.version) return pkg.version;
    } catch {
      // No package.json here: look one folder up.
    }
    dir = dirname(dir);
  }
  return 'unknown';
}
