/**
 * The names main and preload agree on. Type imports only, so the sandboxed preload can bundle it.
 */
import type { Envelope } from '../core/common/envelope.js';

export type { Envelope };

/** The preload reads the operation names from this process argument (additionalArguments). */
export const OPS_ARG = '--glossa-ops=';
/** Each operation is invoked on `glossa:<name>`. */
export const CHANNEL_PREFIX = 'glossa:';
/** Core's events (progress, library changes) to the page. */
export const EVENT_CHANNEL = 'glossa:event';
/** Menu commands the page carries out itself (undo and redo on the app's own stack). */
export const COMMAND_CHANNEL = 'glossa:command';

export type WindowCommand = {
  type: 'undo' | 'redo' | 'import-bundle' | 'import-annotations' | 'export' | 'settings' | 'move-to-trash' | 'sync' | 'share-library';
};
