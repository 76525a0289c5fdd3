/**
 * What the preload (electron/preload.ts) and the Playwright bridge (test/e2e/harness.ts) put
 * on the page as `window.glossaBridge`: one raw function that answers every call with an
 * envelope. It never throws across the bridge, because Electron's contextBridge copies only
 * an Error's message and drops its `code`; the envelope keeps both as plain data.
 */
import type { Envelope } from '../../core/common/envelope';

/** Menu commands the page carries out itself (electron/channels.ts WindowCommand). */
export type WindowCommand = {
  type: 'undo' | 'redo' | 'import-bundle' | 'import-annotations' | 'export' | 'settings' | 'move-to-trash' | 'sync' | 'share-library';
};

export interface GlossaTransport {
  /** The window operations this bridge serves (from core/api.ts `windowOps`). */
  readonly ops: readonly string[];
  /** Runs one operation; resolves with its envelope, also when it fails. */
  invoke(name: string, input: unknown): Promise<Envelope>;
  /** Progress and library-change events from core; returns the unsubscribe function. */
  onEvent(listener: (event: unknown) => void): () => void;
  /** Menu commands; Electron only (the test bridge has no native menu). */
  onCommand?(listener: (command: WindowCommand) => void): () => void;
}

/** An answer is used only when it has the envelope's shape; anything else is a broken bridge. */
export function isEnvelope(value: unknown): value is Envelope {
  if (typeof value !== 'object' || value === null) return false;
  const record = value as Record<string, unknown>;
  if (record.ok === true) return 'value' in record;
  if (record.ok !== false || typeof record.error !== 'object' || record.error === null) return false;
  const error = record.error as Record<string, unknown>;
  return typeof error.code === 'string' && typeof error.message === 'string';
}
