/**
 * Exposes window.glossa: one function per window operation, bound in one loop. The names
 * come from the main process (webPreferences.additionalArguments, built from core/api.ts's
 * `windowOps`), so this sandboxed script imports nothing but electron and stays in sync
 * with the table by construction.
 */
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { CHANNEL_PREFIX, COMMAND_CHANNEL, EVENT_CHANNEL, OPS_ARG, type WindowCommand } from './channels.js';

type Envelope = { ok: true; value: unknown } | { ok: false; error: { code: string; message: string } };

const names = (process.argv.find((arg) => arg.startsWith(OPS_ARG)) ?? OPS_ARG)
  .slice(OPS_ARG.length)
  .split(',')
  .filter((name) => /^[A-Za-z][A-Za-z0-9]*$/.test(name));

/**
 * Errors travel as envelopes over IPC; here they become thrown errors again. contextBridge
 * copies only an error's message into the page, so the message is what a person sees.
 */
function unwrap(envelope: Envelope): unknown {
  if (envelope.ok) return envelope.value;
  throw new Error(envelope.error.message);
}

function subscribe<T>(channel: string, listener: (payload: T) => void): () => void {
  const handler = (_event: IpcRendererEvent, payload: T) => listener(payload);
  ipcRenderer.on(channel, handler);
  return () => {
    ipcRenderer.removeListener(channel, handler);
  };
}

const client: Record<string, unknown> = {};
for (const name of names) {
  client[name] = async (input: unknown) => unwrap((await ipcRenderer.invoke(CHANNEL_PREFIX + name, input)) as Envelope);
}
/** Progress and library-change events from core. */
client.onEvent = (listener: (event: unknown) => void) => subscribe(EVENT_CHANNEL, listener);
/** Menu commands the page owns (undo/redo on the app's own stack). */
client.onCommand = (listener: (command: WindowCommand) => void) => subscribe(COMMAND_CHANNEL, listener);

contextBridge.exposeInMainWorld('glossa', client);
