/**
 * The message bar's queue. Every failed window.glossa call ends up here (never swallowed);
 * errors stay until dismissed, notices can be dismissed or replaced.
 */
import { errorCode } from '../client';
import { recordNotification } from './notifications';
import { createStore } from './store';

export type Tone = 'error' | 'notice';
export interface Message {
  id: number;
  tone: Tone;
  text: string;
  /** The error code from core (e.g. EMPTY_FILE), shown small for support and tests. */
  code?: string;
  /** A button beside the text ("Undo"); pressing it also dismisses the message. */
  action?: { label: string; run(): void };
}

export const messages = createStore<Message[]>([]);
let nextId = 1;

/** How long a notice stays; errors stay until dismissed. */
const NOTICE_MS = 8000;

export function notify(text: string, tone: Tone = 'notice', code?: string, action?: Message['action']): number {
  const id = nextId++;
  // The same text twice in a row (a key pressed repeatedly) shows once.
  messages.set((list) => [...list.filter((m) => m.text !== text), { id, tone, text, code, action }].slice(-5));
  // The bar's messages go; the notification list keeps them (an action may not outlive the bar, so it is not kept).
  recordNotification({ tone, text: code ? `${text} (${code})` : text });
  if (tone === 'notice') setTimeout(() => dismiss(id), NOTICE_MS);
  return id;
}

export function dismiss(id: number): void {
  messages.set((list) => list.filter((m) => m.id !== id));
}

/** Shows a failure from core (a ClientError with its code) or anywhere else; `doing` says what failed. */
export function reportError(error: unknown, doing?: string): void {
  const err = error as { message?: unknown } | null;
  const message = typeof err?.message === 'string' && err.message ? err.message : String(error);
  notify(doing ? `${doing}: ${message}` : message, 'error', errorCode(error));
}
