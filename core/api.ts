/**
 * The application API: the one table of operations. Electron IPC (electron/ipc.ts), the
 * preload bridge (electron/preload.ts), the Playwright bridge in tests and the CLI all
 * bind this table in a loop; nothing is wired by hand twice.
 */
import type { z } from 'zod';
import * as annotations from './api/annotations.js';
import * as appSettings from './api/app-settings.js';
import * as articles from './api/articles.js';
import * as bundles from './api/bundles.js';
import * as capture from './api/capture.js';
import * as codebook from './api/codebook.js';
import * as exchange from './api/exchange.js';
import * as search from './api/search.js';
import * as settings from './api/settings.js';
import * as snapshots from './api/snapshots.js';
import * as speakers from './api/speakers.js';
import * as suggest from './api/suggest.js';
import * as sync from './api/sync.js';

export const api = {
  ...snapshots,
  ...capture,
  ...annotations,
  ...articles,
  ...codebook,
  ...speakers,
  ...bundles,
  ...exchange,
  ...search,
  ...suggest,
  ...sync,
  ...settings,
  ...appSettings,
} as const;

export type Api = typeof api;
export type OpName = keyof Api;
/** What a caller passes (before defaults are applied by the schema). */
export type OpInput<N extends OpName> = z.input<Api[N]['input']>;
export type OpOutput<N extends OpName> = Awaited<ReturnType<Api[N]['run']>>;

/** Names of the operations the window may call (no file paths). */
export type WindowOpName = { [N in OpName]: Api[N]['window'] extends false ? never : N }[OpName];
export const windowOps = (Object.keys(api) as OpName[]).filter((name) => api[name].window);

export type { Context, Dialogs, AppEvent } from './api/context.js';

export { dispatch, type Envelope } from './api/dispatch.js';
