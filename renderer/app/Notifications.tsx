/**
 * The Notifications button of the top bar and its panel: recent messages and import outcomes
 * (notifications.ts), newest first, each import with "Show results" to bring its card back.
 * A panel, not a dialog: it closes on Escape, on a click elsewhere and on a second press.
 */
import { useCallback, useEffect, useId, useRef, useState } from 'react';
import { usePopoverDismiss } from '../ui/usePopover';
import { useStore } from './store';
import { clearNotifications, notifications, unseen } from './notifications';
import { formatDate } from '../ui/format';
import { useMessages } from '../i18n';
import { appMessages } from './messages';

export function Notifications() {
  const list = useStore(notifications);
  const count = useStore(unseen);
  const [open, setOpen] = useState(false);
  const panelId = useId();
  const root = useRef<HTMLDivElement>(null);
  const button = useRef<HTMLButtonElement>(null);
  const closePanel = useCallback(() => setOpen(false), []);
  const m = useMessages(appMessages);

  useEffect(() => {
    if (open) unseen.set(0);
  }, [open]);
  usePopoverDismiss(open, closePanel, root, button);
  // Arrivals while the panel is open are seen already.
  useEffect(() => {
    if (open && count > 0) unseen.set(0);
  }, [open, count]);

  return (
    <div className="notifications" ref={root}>
      <button
        ref={button}
        type="button"
        className="button button-quiet"
        aria-expanded={open}
        aria-controls={panelId}
        onClick={() => setOpen((o) => !o)}
        title={count ? m.notificationsNewTitle(count) : m.notificationsTitle}
      >
        <svg className="notifications-bell" viewBox="0 0 16 16" aria-hidden="true">
          <path d="M8 1.5a4 4 0 0 0-4 4v3L2.5 11h11L12 8.5v-3a4 4 0 0 0-4-4ZM6.3 12.5a1.8 1.8 0 0 0 3.4 0Z" fill="currentColor" />
        </svg>
        <span className="notifications-word">{m.notifications}</span>
        {count ? (
          <span className="notifications-count" aria-label={m.newCount(count)}>
            {count}
          </span>
        ) : null}
      </button>
      <section id={panelId} className="notifications-panel" aria-label={m.notifications} hidden={!open}>
        <div className="notifications-head">
          <h2>{m.recent}</h2>
          <button type="button" className="button button-small" onClick={clearNotifications} disabled={list.length === 0}>
            {m.clear}
          </button>
        </div>
        {list.length === 0 ? (
          <p className="notifications-empty">{m.noNotifications}</p>
        ) : (
          <ul>
            {list.map((n) => (
              <li key={n.id} className={`notification notification-${n.tone}`}>
                <span className="notification-text">{n.text}</span>
                <span className="notification-meta">
                  <time dateTime={n.at.toISOString()}>{formatDate(n.at.toISOString(), true)}</time>
                  {n.action ? (
                    <button
                      type="button"
                      className="link-button"
                      onClick={() => {
                        setOpen(false);
                        n.action!.run();
                      }}
                    >
                      {n.action.label}
                    </button>
                  ) : null}
                </span>
              </li>
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}
