/**
 * What the window has told the user lately: every message of the message bar and every import's
 * outcome, newest first, kept after the bar and the results card have gone, so "what did that
 * import say?" has an answer. Listed by the Notifications panel in the top bar.
 */
import { createStore } from './store';

export interface Notification {
  id: number;
  at: Date;
  tone: 'error' | 'notice';
  text: string;
  /** Shows the whole outcome again (an import's results card). */
  action?: { label: string; run(): void };
}

const KEEP = 30;
let nextId = 1;

export const notifications = createStore<Notification[]>([]);
/** How many arrived since the panel was last opened. */
export const unseen = createStore(0);

export function recordNotification(entry: Omit<Notification, 'id' | 'at'>): void {
  // A key pressed again repeats a message: the list keeps one line for it, dated by the latest.
  notifications.set((list) => [{ ...entry, id: nextId++, at: new Date() }, ...list.filter((n, i) => i > 0 || n.text !== entry.text)].slice(0, KEEP));
  unseen.set((n) => Math.min(n + 1, KEEP));
}

export function clearNotifications(): void {
  notifications.set([]);
  unseen.set(0);
}
