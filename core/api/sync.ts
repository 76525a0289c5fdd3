/**
 * Team sync through a git host (core/sync): share the library, sync it, read an annotation's
 * history. The credential (an access token) comes from the shell: the system keychain in the
 * app (Electron safeStorage), GLOSSA_GIT_TOKEN in the CLI; it never enters the library.
 */
import { z } from 'zod';
import { GlossaError } from '../model/errors.js';
import {
  annotationHistory as historyOf,
  readState,
  sharedWith,
  shareLibrary as share,
  syncLibrary,
  gitDirOf,
  type Author,
  type SyncStep,
} from '../sync/index.js';
import { currentAuthor } from './author.js';
import type { Context } from './context.js';
import { op } from './op.js';

const TOKEN_MAX = 4096;
const Token = z
  .string()
  .trim()
  .max(TOKEN_MAX)
  .refine((t) => !/[\s\u0000-\u001f]/.test(t), 'an access token has no spaces or control characters');

async function authorOf(ctx: Context): Promise<Author> {
  const author = await currentAuthor(ctx);
  return { name: author?.name ?? '', email: author?.email ?? '' };
}

async function credentialsFor(ctx: Context, url: string) {
  const token = await ctx.gitCredentials?.get(url);
  return token ? { username: 'glossa', password: token } : null;
}

const STEPS: SyncStep[] = ['commit', 'fetch', 'merge', 'push'];
const progress = (ctx: Context) => (step: SyncStep) =>
  ctx.emit({ type: 'progress', task: 'sync', done: STEPS.indexOf(step), total: STEPS.length, label: step });

/** Runs a sync with its steps reported, and its end (done = total) however it ends. */
async function reporting<T>(ctx: Context, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } finally {
    ctx.emit({ type: 'progress', task: 'sync', done: STEPS.length, total: STEPS.length, label: 'done' });
  }
}

/** Whether the library is shared, with whom, and how the last sync went (per machine). */
export const syncStatus = op(z.object({}).optional(), async (ctx) => {
  const remote = await sharedWith(ctx.library);
  const state = remote ? await readState(gitDirOf(ctx.library.dir)) : null;
  const author = await authorOf(ctx);
  return {
    shared: remote !== null,
    remote,
    lastSuccess: state?.lastSuccess ?? null,
    lastAttempt: state?.lastAttempt ?? null,
    lastError: state?.lastError ?? null,
    author: author.name || null,
    hasToken: remote ? (await ctx.gitCredentials?.get(remote)) != null : false,
  };
});

/** Shares the library through a git repository at `url` (an HTTPS address); the token, when given, is kept by the shell. */
export const shareLibrary = op(z.object({ url: z.string().min(1).max(2000), token: Token.optional() }).strict(), async (ctx, { url, token }) => {
  if (token) {
    if (!ctx.gitCredentials) throw new GlossaError('UNAVAILABLE', 'Access tokens cannot be kept here; set GLOSSA_GIT_TOKEN instead.');
    await ctx.gitCredentials.set(url.trim().replace(/\/$/, ''), token);
  }
  const author = await authorOf(ctx);
  const credentials = await credentialsFor(ctx, url.trim().replace(/\/$/, ''));
  return reporting(ctx, () => share(ctx.library, url, { author, credentials, onStep: progress(ctx), limits: ctx.bundleLimits }));
});

export const syncNow = op(z.object({}).optional(), async (ctx) => {
  const remote = await sharedWith(ctx.library);
  const author = await authorOf(ctx);
  const credentials = remote ? await credentialsFor(ctx, remote) : null;
  return reporting(ctx, () => syncLibrary(ctx.library, { author, credentials, onStep: progress(ctx), limits: ctx.bundleLimits }));
});

/** Replaces the token kept for the library's remote (an expired one). */
export const setSyncToken = op(z.object({ token: Token }).strict(), async (ctx, { token }) => {
  const remote = await sharedWith(ctx.library);
  if (!remote) throw new GlossaError('NOT_SHARED', 'This library is not shared yet; share it first.');
  if (!ctx.gitCredentials) throw new GlossaError('UNAVAILABLE', 'Access tokens cannot be kept here; set GLOSSA_GIT_TOKEN instead.');
  await ctx.gitCredentials.set(remote, token);
  return { ok: true };
});

const Id = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9_-]{0,127}$/);
export const annotationHistory = op(z.object({ snapshotId: Id, annotationId: z.string().min(1).max(200) }).strict(), async (ctx, input) =>
  historyOf(ctx.library.dir, input.snapshotId, input.annotationId),
);
