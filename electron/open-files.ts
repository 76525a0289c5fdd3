/**
 * Files the system hands the app: a double-click in the file manager, "Open with", a drop on
 * the dock icon (argv of the first launch, `second-instance` on Windows and Linux, `open-file`
 * on macOS). Only this process ever names a path: each is checked here (an existing regular
 * file of a kind Glossa opens), and the window is only told what to show. A bundle goes to the
 * window's import preview: the page asks for a bundle as from File ▸ Import Bundle, and the
 * dialog answers with the handed-over file instead of asking (electron/context.ts). A saved
 * page is imported as File ▸ Import Articles does.
 */
import { statSync } from 'node:fs';
import { extname, isAbsolute, resolve } from 'node:path';

export type OpenKind = 'bundle' | 'page';

const KINDS: Record<string, OpenKind> = {
  '.glossa': 'bundle',
  '.html': 'page',
  '.htm': 'page',
  '.xhtml': 'page',
  '.mhtml': 'page',
  '.mht': 'page',
  '.txt': 'page',
};

export interface OpenedFile {
  path: string;
  kind: OpenKind;
}

/** The kind of a file the app opens, by its name; null for anything else. */
export const openKind = (path: string): OpenKind | null => KINDS[extname(path).toLowerCase()] ?? null;

/**
 * The files in a command line worth opening: not options (Chromium's and ours start with
 * `-`), of a kind Glossa opens, and existing regular files (not folders, devices or FIFOs).
 * Relative paths are resolved against the launching process's folder.
 */
export function openableFiles(args: readonly string[], cwd: string): OpenedFile[] {
  const files: OpenedFile[] = [];
  for (const arg of args) {
    if (typeof arg !== 'string' || arg === '' || arg.startsWith('-') || arg.includes('\0')) continue;
    const kind = openKind(arg);
    if (!kind) continue;
    const path = isAbsolute(arg) ? resolve(arg) : resolve(cwd, arg);
    try {
      if (!statSync(path).isFile()) continue;
    } catch {
      continue;
    }
    if (!files.some((f) => f.path === path)) files.push({ path, kind });
  }
  return files;
}

/** Bundles waiting for the window to ask for them (first in, first out). */
const waitingBundles: string[] = [];

export function offerBundle(path: string): void {
  waitingBundles.push(path);
}

/** True until the window has asked for the bundle (its import preview took it). */
export const stillOffered = (path: string): boolean => waitingBundles.includes(path);

/**
 * Calls of the window's bundle pickers so far, counted as they arrive over IPC (electron/ipc.ts),
 * before the operation's module loads: the page is answering a command once this moves.
 */
let bundleRequests = 0;
export const BUNDLE_PICKERS: ReadonlySet<string> = new Set(['previewBundleDialog', 'importBundleDialog']);
export const noteBundleRequest = (): void => {
  bundleRequests++;
};
export const bundleRequestCount = (): number => bundleRequests;

/**
 * The bundle a dialog asking for one should return instead of showing itself, if any was
 * handed over. Only a dialog that offers .glossa files gets one.
 */
export function takeOfferedBundle(filters: readonly { extensions: readonly string[] }[]): string | null {
  if (!filters.some((f) => f.extensions.includes('glossa'))) return null;
  return waitingBundles.shift() ?? null;
}
