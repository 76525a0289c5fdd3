/**
 * The top bar's Sync control. Not shared: "Sync" opens Share library…. Shared: it syncs (also
 * Ctrl/Cmd+Shift+S), the short status beside it says the step, "Synced 14:02" or what went
 * wrong, and the panel behind the arrow holds the whole story: where the library is shared,
 * when it last synced, what the last sync brought, automatic sync, and a new token when the
 * host refused the old one. The panel opens by itself when a sync fails.
 */
import { useCallback, useEffect, useId, useRef, useState } from 'react';
import { usePopoverDismiss } from '../../ui/usePopover';
import { glossa } from '../../client';
import { isMac, MOD_LABEL, useKeyboard } from '../../app/keyboard';
import { reportError } from '../../app/messages';
import { useStore } from '../../app/store';
import { formatDate, plural } from '../../ui/format';
import { ShareDialog } from './ShareDialog';
import { TokenDialog } from './TokenDialog';
import { SYNC_EVERY_MINUTES, type SyncEveryMinutes } from '../../../core/common/sync';
import { appSettings, chooseAppSetting } from '../settings/appSettings';
import { refreshSyncStatus, shortStatus, syncNow, syncView, type SyncReport } from './syncState';
import './sync.css';

export function SyncControl() {
  const view = useStore(syncView);
  const [dialog, setDialog] = useState<'share' | 'token' | null>(null);
  const [open, setOpen] = useState(false);
  // The person's choice, kept with their settings on this machine.
  const every = useStore(appSettings)?.syncEveryMinutes ?? 0;
  const panelId = useId();
  const statusId = useId();
  const root = useRef<HTMLDivElement>(null);
  const toggle = useRef<HTMLButtonElement>(null);
  const closePanel = useCallback(() => setOpen(false), []);
  const shared = view.status?.shared ?? false;

  useEffect(() => {
    refreshSyncStatus().catch((e: unknown) => reportError(e, 'Could not read whether the library is shared'));
  }, []);

  const run = () => {
    if (!view.status) return;
    if (!shared) setDialog('share');
    else if (!view.running) void syncNow().then((report) => setOpen(report === null));
  };

  useKeyboard([{ key: 's', mod: true, shift: true, inFields: true, run, help: { group: 'General', label: 'Sync the shared library' } }]);

  // File ▸ Share Library… and File ▸ Sync in the desktop app's menu.
  const latestRun = useRef(run);
  latestRun.current = run;
  useEffect(
    () =>
      glossa().onCommand?.((command) => {
        if (command.type === 'share-library') setDialog('share');
        if (command.type === 'sync') latestRun.current();
      }),
    [],
  );

  // Automatic sync: only while shared, online and idle; a sync missed offline runs when the network is back.
  useEffect(() => {
    if (!every || !shared) return;
    const tick = () => {
      if (navigator.onLine && !syncView.get().running) void syncNow();
    };
    const timer = window.setInterval(tick, every * 60_000);
    window.addEventListener('online', tick);
    return () => {
      window.clearInterval(timer);
      window.removeEventListener('online', tick);
    };
  }, [every, shared]);

  // The panel closes on Escape (focus back on its button) and on a press elsewhere, as Notifications does.
  usePopoverDismiss(open, closePanel, root, toggle);

  const short = shortStatus(view);
  const keys = isMac ? 'Meta+Shift+S' : 'Control+Shift+S';
  return (
    <div className="sync" ref={root}>
      <button
        type="button"
        className="button button-quiet sync-button"
        onClick={run}
        disabled={!view.status || view.running}
        aria-keyshortcuts={keys}
        aria-describedby={short ? statusId : undefined}
        title={
          shared ? `Sync with ${view.status?.remote ?? 'the remote'} (${MOD_LABEL}Shift+S)` : `Share this library through a git host (${MOD_LABEL}Shift+S)`
        }
      >
        <svg className="sync-icon" viewBox="0 0 16 16" aria-hidden="true">
          <path
            d="M13.5 6.5A5.6 5.6 0 0 0 3.2 4.6L2 3.4V7h3.6L4.3 5.7a4.1 4.1 0 0 1 7.6 1.2ZM2.5 9.5a5.6 5.6 0 0 0 10.3 1.9L14 12.6V9h-3.6l1.3 1.3a4.1 4.1 0 0 1-7.6-1.2Z"
            fill="currentColor"
          />
        </svg>
        <span className="sync-word">Sync</span>
      </button>
      {shared ? (
        <>
          <span id={statusId} className={view.error && !view.running ? 'sync-status sync-status-error' : 'sync-status'} role="status">
            {short}
          </span>
          <button
            ref={toggle}
            type="button"
            className={view.error && !view.running ? 'button button-quiet sync-more sync-more-error' : 'button button-quiet sync-more'}
            aria-label="Sync details"
            title={short ? `Sync details: ${short}` : 'Sync details'}
            aria-expanded={open}
            aria-controls={panelId}
            onClick={() => setOpen((o) => !o)}
          >
            ▾
          </button>
          <section id={panelId} className="sync-panel" aria-label="Sync details" hidden={!open}>
            <p className="sync-remote">
              Shared through <code>{view.status?.remote}</code>
              {view.status?.author ? ` as ${view.status.author}` : ' (set your name in Settings to sign your work)'}
            </p>
            {view.error ? (
              <div className="sync-error" role="alert">
                <p>{view.error.message}</p>
                {view.error.code === 'AUTH_FAILED' ? (
                  <button type="button" className="button button-small" onClick={() => setDialog('token')}>
                    Enter a new token…
                  </button>
                ) : null}
              </div>
            ) : null}
            <p className="sync-last">
              {view.status?.lastSuccess ? `Last synced ${formatDate(view.status.lastSuccess, true)}` : 'Not synced yet.'}
              {view.report && !view.error ? ` — ${broughtText(view.report)}` : ''}
            </p>
            <label className="field sync-auto">
              <span className="field-label">Sync automatically</span>
              <select
                value={every}
                onChange={(e) => chooseAppSetting({ syncEveryMinutes: Number(e.target.value) as SyncEveryMinutes }, 'Could not save how often to sync')}
              >
                {SYNC_EVERY_MINUTES.map((m) => (
                  <option key={m} value={m}>
                    {m === 0 ? 'Never (only when I press Sync)' : `Every ${m} minutes while online`}
                  </option>
                ))}
              </select>
            </label>
            {view.error?.code === 'AUTH_FAILED' ? null : (
              <button type="button" className="link-button" onClick={() => setDialog('token')}>
                Change the access token…
              </button>
            )}
          </section>
        </>
      ) : null}
      {dialog === 'share' ? <ShareDialog onClose={() => setDialog(null)} /> : null}
      {dialog === 'token' ? (
        <TokenDialog
          remote={view.status?.remote ?? ''}
          onClose={() => setDialog(null)}
          onSynced={() => {
            setDialog(null);
            setOpen(false);
          }}
        />
      ) : null}
    </div>
  );
}

/** What a sync did, in a few words: "brought 2 annotations changed", "nothing new". */
export function broughtText(report: SyncReport): string {
  const b = report.brought;
  const parts: string[] = [];
  if (b) {
    if (b.articles) parts.push(plural(b.articles, 'article'));
    const { added, updated, deleted } = b.annotations;
    if (added) parts.push(`${plural(added, 'annotation')} added`);
    if (updated) parts.push(`${plural(updated, 'annotation')} changed`);
    if (deleted) parts.push(`${plural(deleted, 'annotation')} deleted`);
    if (b.conflicts.length) parts.push(plural(b.conflicts.length, 'conflict'));
  }
  const brought = parts.length ? `brought ${parts.join(', ')}` : b ? 'brought changes' : 'nothing new from the others';
  return report.committed ? `sent your changes; ${brought}` : brought;
}
