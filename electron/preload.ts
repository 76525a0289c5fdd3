/**
 * Exposes window.glossaBridge: the raw transport the page's client (renderer/client) wraps.
 * Every call resolves with an envelope and never throws across the bridge, because
 * contextBridge copies only an Error's message into the page and drops its `code`.
 * The names come from the main process (webPreferences.additionalArguments, built from
 * core/api.ts's `windowOps`), so this sandboxed script imports nothing but electron and
 * stays in sync with the table by construction.
 */
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { CHANNEL_PREFIX, COMMAND_CHANNEL, EVENT_CHANNEL, OPS_ARG, type Envelope, type WindowCommand } from './channels.js';

const names = (process.argv.find((arg) => arg.startsWith(OPS_ARG)) ?? OPS_ARG)
  .slice(OPS_ARG.length)
  .split(',')
  .filter((name) => /^[A-Za-z][A-Za-z0-9]*$/.test(name));
const known = new Set(names);

const failure = (code: string, message: string): Envelope => ({ ok: false, error: { code, message } });

async function invoke(name: unknown, input: unknown): Promise<Envelope> {
  // Only the names main gave us reach IPC: the page cannot probe other channels.
  if (typeof name !== 'string' || !known.has(name)) return failure('INVALID_INPUT', `Unknown operation "${String(name)}".`);
  try {
    return (await ipcRenderer.invoke(CHANNEL_PREFIX + name, input)) as Envelope;
  } catch (e) {
    // IPC itself failed (input that cannot be cloned, main gone): still an answer with a code.
    return failure('INTERNAL', e instanceof Error ? e.message : String(e));
  }
}

function subscribe<T>(channel: string, listener: (payload: T) => void): () => void {
  const handler = (_event: IpcRendererEvent, payload: T) => listener(payload);
  ipcRenderer.on(channel, handler);
  return () => {
    ipcRenderer.removeListener(channel, handler);
  };
}

contextBridge.exposeInMainWorld('glossaBridge', {
  ops: names,
  invoke,
  /** Progress and library-change events from core. */
  onEvent: (listener: (event: unknown) => void) => subscribe(EVENT_CHANNEL, listener),
  /** Menu commands the page owns (undo/redo on the app's own stack). */
  onCommand: (listener: (command: WindowCommand) => void) => subscribe(COMMAND_CHANNEL, listener),
});
