import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import { join, relative } from 'node:path';

/** Every entry under dir (folders too) with the SHA-256 of each file's bytes: "nothing was written" made checkable. */
export async function digest(dir: string): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  const walk = async (d: string) => {
    for (const entry of await readdir(d, { withFileTypes: true })) {
      const path = join(d, entry.name);
      const key = relative(dir, path);
      if (entry.isDirectory()) {
        out[`${key}/`] = 'dir';
        await walk(path);
      } else
        out[key] = createHash('sha256')
          .update(await readFile(path))
          .digest('hex');
    }
  };
  await walk(dir);
  return out;
}
