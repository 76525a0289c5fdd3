/**
 * Batch import from disk: files and folders as a person picks them. A folder is walked for
 * importable files; a saved page's "<name>_files" folder (what browsers write beside a
 * "Web page, complete") is not imported itself but read as that page's resources.
 */
import { readdir, readFile, stat } from 'node:fs/promises';
import { basename, dirname, extname, join, relative } from 'node:path';
import { GlossaError } from '../model/index.js';
import { FORMAT_BY_EXTENSION, extensionOf } from './formats.js';
import { PageResources } from './images.js';

/** A walk stops here: a folder picked by mistake (a home folder) must not read the whole disk. */
export const MAX_FILES_PER_BATCH = 5_000;
const MAX_RESOURCE_FILES = 2_000;
const MAX_RESOURCE_BYTES = 200 * 1024 * 1024;

export interface DiskFile {
  name: string;
  path: string;
}

const isResourceFolder = (name: string) => /[_-]files$|_archivos$|-Dateien$|_fichiers$/i.test(name);

/** The files to import under `paths` (files as given; folders walked), in a stable order. */
export async function listImportable(paths: string[]): Promise<{ files: DiskFile[]; skipped: string[] }> {
  const files: DiskFile[] = [];
  const skipped: string[] = [];
  const visit = async (path: string, picked: boolean): Promise<void> => {
    if (files.length >= MAX_FILES_PER_BATCH) return;
    const info = await stat(path).catch((e: NodeJS.ErrnoException) => {
      throw new GlossaError('NOT_FOUND', `Cannot read ${path} (${e.code ?? e.message}). Check that it exists and that you may read it.`);
    });
    if (info.isDirectory()) {
      if (!picked && isResourceFolder(basename(path))) return;
      const names = (await readdir(path)).filter((n) => !n.startsWith('.')).sort();
      for (const n of names) await visit(join(path, n), false);
    } else if (info.isFile()) {
      if (picked || FORMAT_BY_EXTENSION[extensionOf(path)]) files.push({ name: basename(path), path });
      else skipped.push(path);
    }
  };
  for (const p of paths) await visit(p, true);
  if (files.length >= MAX_FILES_PER_BATCH) {
    throw new GlossaError('TOO_LARGE', `More than ${MAX_FILES_PER_BATCH} files were found under ${paths.join(', ')}. Import a smaller folder at a time.`);
  }
  return { files, skipped };
}

/** The resources saved beside a page: "<page>_files/…" (and the usual localised names). */
export async function resourcesBeside(pagePath: string): Promise<PageResources | undefined> {
  const ext = extname(pagePath);
  if (!/^\.(x?html?|shtml)$/i.test(ext)) return undefined;
  const stem = basename(pagePath, ext);
  const dir = dirname(pagePath);
  const resources = new PageResources();
  let count = 0;
  let bytes = 0;
  for (const suffix of ['_files', '-files', '_archivos', '-Dateien', '_fichiers']) {
    const folder = join(dir, stem + suffix);
    const walk = async (d: string): Promise<void> => {
      for (const entry of await readdir(d, { withFileTypes: true }).catch(() => [])) {
        if (count >= MAX_RESOURCE_FILES || bytes >= MAX_RESOURCE_BYTES) return;
        const full = join(d, entry.name);
        if (entry.isDirectory()) await walk(full);
        else if (entry.isFile()) {
          const data = await readFile(full);
          count++;
          bytes += data.length;
          // Keyed by the path the page uses: "<stem>_files/sub/a.jpg".
          resources.add(relative(dir, full).split(/[\\/]/).join('/'), new Uint8Array(data));
        }
      }
    };
    await walk(folder);
  }
  return resources.size ? resources : undefined;
}

/**
 * Files a window sent together (a dropped folder): the pages to import, and every other file
 * as a resource of them, by its relative path.
 */
export function splitDropped(files: { name: string; data: Uint8Array }[]): { pages: { name: string; data: Uint8Array }[]; resources: PageResources } {
  const resources = new PageResources();
  const pages: { name: string; data: Uint8Array }[] = [];
  for (const f of files) {
    const parts = f.name.split(/[\\/]/);
    const inResourceFolder = parts.slice(0, -1).some(isResourceFolder);
    if (!inResourceFolder && (FORMAT_BY_EXTENSION[extensionOf(f.name)] || parts.length === 1)) pages.push(f);
    else resources.add(parts.slice(parts.findIndex(isResourceFolder) >= 0 ? parts.findIndex(isResourceFolder) : 0).join('/'), f.data);
  }
  return { pages, resources };
}
