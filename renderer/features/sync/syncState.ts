/**
 * Team sync as the window sees it (core/api/sync.ts): whether the library is shared, the sync
 * running now and its step, how the last one ended. One store for the whole page, so the top
 * bar's control, the dialogs and an annotation's history agree. Views need nothing from here
 * to show what a sync brought: the merge's writes arrive as library-changed events.
 */
import type { OpOutput } from '../../../core/api';
import { progress } from '../../app/events';
import { createStore } from '../../app/store';
import { errorCode, glossa } from '../../glossa';
import { messagesNow } from '../../i18n';
import { syncMessages, type SyncStepName } from './messages';

export type SyncStatus = OpOutput<'syncStatus'>;
export type SyncReport = OpOutput<'syncNow'>;

export interface SyncView {
  /** null until first read. */
  status: SyncStatus | null;
  running: boolean;
  /** The step running now (commit, fetch, merge, push), from core's progress events. */
  step: string | null;
  /** The last sync's failure, as core said it. */
  error: { code: string | undefined; message: string } | null;
  /** The last sync that succeeded in this window. */
  report: SyncReport | null;
  /** Bumped after every sync that ended (histories read the repository again). */
  generation: number;
}

export const syncView = createStore<SyncView>({ status: null, running: false, step: null, error: null, report: null, generation: 0 });

const patch = (p: Partial<SyncView>) => syncView.set((v) => ({ ...v, ...p }));

let listening = false;
function listenForSteps(): void {
  if (listening) return;
  listening = true;
  glossa().onEvent((event) => {
    if (event.type === 'progress' && event.task === 'sync' && syncView.get().running) patch({ step: event.label ?? null });
  });
}

export async function refreshSyncStatus(): Promise<SyncStatus> {
  listenForSteps();
  const status = await glossa().syncStatus({});
  patch({ status });
  return status;
}

/** Runs `work` as the one sync of the page; a failure is kept in the store (and rethrown for dialogs). */
async function asSync(work: () => Promise<SyncReport>): Promise<SyncReport> {
  listenForSteps();
  if (syncView.get().running) throw new Error(messagesNow(syncMessages).runningAlready);
  patch({ running: true, step: null });
  try {
    const report = await work();
    patch({ report, error: null });
    return report;
  } catch (e) {
    patch({ error: { code: errorCode(e), message: e instanceof Error ? e.message : String(e) } });
    throw e;
  } finally {
    // Core's last sync step (push) is announced as 3 of 4 and nothing follows it: the status line would keep it.
    if (progress.get()?.task === 'sync') progress.set(null);
    patch({ running: false, step: null, generation: syncView.get().generation + 1 });
    await refreshSyncStatus().catch(() => undefined);
  }
}

/** The offline case said without asking the network (the browser knows it has none). */
function offlineError(): Error {
  const last = syncView.get().status?.lastSuccess;
  return Object.assign(new Error(messagesNow(syncMessages).offlineError(last)), { code: 'NETWORK' });
}

/** Sync now; resolves to null when it failed (the store holds why). */
export async function syncNow(): Promise<SyncReport | null> {
  try {
    return await asSync(async () => {
      if (!navigator.onLine) throw offlineError();
      return glossa().syncNow({});
    });
  } catch {
    return null;
  }
}

/** Shares the library (or fills an empty one from the remote); throws so the dialog can say why. */
export function shareLibrary(url: string, token: string): Promise<SyncReport> {
  return asSync(() => glossa().shareLibrary(token ? { url, token } : { url }));
}

/** Keeps a new access token for the remote, then syncs with it; throws so the dialog can say why. */
export async function replaceToken(token: string): Promise<SyncReport> {
  await glossa().setSyncToken({ token });
  return asSync(() => glossa().syncNow({}));
}

/** A step core announced (commit, fetch, merge, push), in the window's words; a step it does not know, as core said it. */
export function stepWord(step: string, steps: Readonly<Record<SyncStepName, string>>): string {
  return Object.hasOwn(steps, step) ? steps[step as SyncStepName] : step;
}

/** What the short status beside the button says. */
export function shortStatus(view: SyncView): string {
  const m = messagesNow(syncMessages);
  if (view.running) return view.step ? m.syncingStep(stepWord(view.step, m.steps)) : m.syncing;
  if (view.error) return view.error.code === 'AUTH_FAILED' ? m.tokenRefused : view.error.code === 'NETWORK' ? m.offline : m.syncFailed;
  const last = view.status?.lastSuccess;
  if (last) return m.synced(clock(last));
  return view.status?.shared ? m.notSyncedYet : '';
}

const timeFormat = new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit' });
const dayTimeFormat = new Intl.DateTimeFormat(undefined, { day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit' });

/** "14:02" today, "3 Dec, 14:02" before. */
export function clock(iso: string): string {
  const at = new Date(iso);
  if (Number.isNaN(at.getTime())) return iso;
  return at.toDateString() === new Date().toDateString() ? timeFormat.format(at) : dayTimeFormat.format(at);
}
