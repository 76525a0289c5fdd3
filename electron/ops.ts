/**
 * core/api.ts's operations for the main process, loaded lazily: the names are known from the
 * start (a manifest the build reads from core, see electron/op-groups.ts), but a module of
 * operations, with the extraction, DOM and zip code it needs, loads on its first call.
 * The same dispatch() validates every call as for the CLI and the test bridge.
 */
import type { Context } from '../core/api/context.js';
import { dispatch, type Envelope } from '../core/api/dispatch.js';
import type { Op } from '../core/api/op.js';
import { OP_GROUPS, type OpManifest } from './op-groups.js';

/** Written in by scripts/build-electron.mjs (esbuild `define`) from readOpManifest(). */
declare const __GLOSSA_OP_MANIFEST__: OpManifest;
const manifest: OpManifest = __GLOSSA_OP_MANIFEST__;

/** Names of the operations the window may call, as core/api.ts's `windowOps`. */
export const windowOps: readonly string[] = Object.keys(manifest).filter((name) => manifest[name]!.window);

export async function dispatchLazily(ctx: Context, name: string, input: unknown, opts: { windowOnly: boolean }): Promise<Envelope> {
  const entry = Object.hasOwn(manifest, name) ? manifest[name] : undefined;
  // Unknown names are refused by dispatch itself, with the same message, without loading anything.
  const table = entry ? ((await OP_GROUPS[entry.group]()) as unknown as Record<string, Op>) : {};
  return dispatch(table, ctx, name, input, opts);
}
