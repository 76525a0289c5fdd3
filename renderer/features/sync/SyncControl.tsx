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
import { explainError, reportError } from '../../app/messages';
import { useStore } from '../../app/store';
import { messagesNow, useMessages } from '../../i18n';
import { ShareDialog } from './ShareDialog';
import { TokenDialog } from './TokenDialog';
import { SYNC_EVERY_MINUTES, type SyncEveryMinutes } from '../../../core/common/sync';
import { appSettings, chooseAppSetting } from '../settings/appSettings';
import { syncMessages } from './messages';
import { refreshSyncStatus, shortStatus, syncNow, syncView, type SyncReport } from './syncState';
import './sync.css';

/** The details button's arrow (not words). */
const DOWN = '▾';

export function SyncControl() {
  const view = useStore(syncView);
  const m = useMessages(syncMessages);
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
    refreshSyncStatus().catch((e: unknown) => reportError(e, messagesNow(syncMessages).couldNotReadShared));
  }, []);

  const run = () => {
    if (!view.status) return;
    if (!shared) setDialog('share');
    else if (!view.running) void syncNow().then((report) => setOpen(report === null));
  };

  useKeyboard([{ key: 's', mod: true, shift: true, inFields: true, run, help: { group: m.generalGroup, label: m.syncTheSharedLibrary } }]);

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
        title={shared ? m.syncWith(view.status?.remote, MOD_LABEL) : m.shareThrough(MOD_LABEL)}
      >
        <svg className="sync-icon" viewBox="0 0 16 16" aria-hidden="true">
          <path
            d="M13.5 6.5A5.6 5.6 0 0 0 3.2 4.6L2 3.4V7h3.6L4.3 5.7a4.1 4.1 0 0 1 7.6 1.2ZM2.5 9.5a5.6 5.6 0 0 0 10.3 1.9L14 12.6V9h-3.6l1.3 1.3a4.1 4.1 0 0 1-7.6-1.2Z"
            fill="currentColor"
          />
        </svg>
        <span className="sync-word">{m.sync}</span>
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
            aria-label={m.syncDetails}
            title={short ? m.syncDetailsSaying(short) : m.syncDetails}
            aria-expanded={open}
            aria-controls={panelId}
            onClick={() => setOpen((o) => !o)}
          >
            {DOWN}
          </button>
          <section id={panelId} className="sync-panel" aria-label={m.syncDetails} hidden={!open}>
            <p className="sync-remote">
              {m.sharedThrough}
              <code>{view.status?.remote}</code>
              {view.status?.author ? m.asAuthor(view.status.author) : m.setYourName}
            </p>
            {view.error ? (
              <div className="sync-error" role="alert">
                <p>{explainError(view.error.code, view.error.message)}</p>
                {view.error.code === 'AUTH_FAILED' ? (
                  <button type="button" className="button button-small" onClick={() => setDialog('token')}>
                    {m.enterNewToken}
                  </button>
                ) : null}
              </div>
            ) : null}
            <p className="sync-last">
              {view.status?.lastSuccess ? m.lastSynced(view.status.lastSuccess) : m.notSyncedYetSentence}
              {view.report && !view.error ? ` — ${broughtText(view.report)}` : ''}
            </p>
            <label className="field sync-auto">
              <span className="field-label">{m.syncAutomatically}</span>
              <select
                value={every}
                onChange={(e) =>
                  chooseAppSetting({ syncEveryMinutes: Number(e.target.value) as SyncEveryMinutes }, messagesNow(syncMessages).couldNotSaveHowOften)
                }
              >
                {SYNC_EVERY_MINUTES.map((minutes) => (
                  <option key={minutes} value={minutes}>
                    {minutes === 0 ? m.never : m.everyMinutes(minutes)}
                  </option>
                ))}
              </select>
            </label>
            {view.error?.code === 'AUTH_FAILED' ? null : (
              <button type="button" className="link-button" onClick={() => setDialog('token')}>
                {m.changeToken}
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
  const m = messagesNow(syncMessages);
  const b = report.brought;
  const parts: string[] = [];
  if (b) {
    if (b.articles) parts.push(m.articles(b.articles));
    const { added, updated, deleted } = b.annotations;
    if (added) parts.push(m.annotationsAdded(added));
    if (updated) parts.push(m.annotationsChanged(updated));
    if (deleted) parts.push(m.annotationsDeleted(deleted));
    if (b.conflicts.length) parts.push(m.conflicts(b.conflicts.length));
  }
  const brought = parts.length ? m.brought(parts) : b ? m.broughtChanges : m.nothingNew;
  return report.committed ? m.sentYourChanges(brought) : brought;
}
