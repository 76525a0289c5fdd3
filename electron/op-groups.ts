/**
 * The modules of core/api.ts's table, each loaded only when one of its operations is first
 * called: capture pulls in extraction (jsdom, linkedom, Readability, DOMPurify), bundles and
 * exchange the zip code, and the window must not wait for them to open.
 * Same order as core/api.ts spreads them, so a name defined twice resolves the same way.
 */
export const OP_GROUPS = {
  snapshots: () => import('../core/api/snapshots.js'),
  capture: () => import('../core/api/capture.js'),
  annotations: () => import('../core/api/annotations.js'),
  articles: () => import('../core/api/articles.js'),
  codebook: () => import('../core/api/codebook.js'),
  speakers: () => import('../core/api/speakers.js'),
  bundles: () => import('../core/api/bundles.js'),
  exchange: () => import('../core/api/exchange.js'),
  search: () => import('../core/api/search.js'),
  suggest: () => import('../core/api/suggest.js'),
  sync: () => import('../core/api/sync.js'),
  settings: () => import('../core/api/settings.js'),
  appSettings: () => import('../core/api/app-settings.js'),
} as const;

export type OpGroup = keyof typeof OP_GROUPS;

/** Which module holds each operation and whether the window may call it. */
export type OpManifest = Record<string, { group: OpGroup; window: boolean }>;

/**
 * Reads the manifest by loading every module. Run by scripts/build-electron.mjs at build time
 * only, so the app knows every name at start without loading any of them.
 */
export async function readOpManifest(): Promise<OpManifest> {
  const manifest: OpManifest = {};
  for (const group of Object.keys(OP_GROUPS) as OpGroup[]) {
    const ops = (await OP_GROUPS[group]()) as Record<string, { window?: unknown }>;
    for (const [name, entry] of Object.entries(ops)) manifest[name] = { group, window: entry.window === true };
  }
  return manifest;
}
