/**
 * The typed client the whole page calls (`glossa().openSnapshot(...)`): one async function per
 * window operation of core/api.ts, built in one loop over the bridge's names. Every failure
 * becomes a thrown ClientError with core's code, whichever bridge carried it.
 */
import type { AppEvent, OpInput, OpOutput, WindowOpName } from '../../core/api';
import { messagesNow } from '../i18n';
import { ClientError } from './errors';
import { clientMessages } from './messages';
import { isEnvelope, type GlossaTransport, type WindowCommand } from './transport';

export type GlossaClient = { [N in WindowOpName]: (input: OpInput<N>) => Promise<OpOutput<N>> } & {
  /** Subscribe to progress and library-change events; returns the unsubscribe function. */
  onEvent(listener: (event: AppEvent) => void): () => void;
  /**
   * Menu commands the page carries out itself (Edit ▸ Undo/Redo act on the page's undo
   * stack). Present in Electron only: the test bridge has no native menu.
   */
  onCommand?(listener: (command: WindowCommand) => void): () => void;
};

/** Operation names are plain identifiers (the preload filters them the same way). */
const OP_NAME = /^[A-Za-z][A-Za-z0-9]*$/;
const SUBSCRIPTIONS = new Set(['onEvent', 'onCommand']);

async function call(transport: GlossaTransport, name: string, input: unknown): Promise<unknown> {
  let envelope: unknown;
  try {
    envelope = await transport.invoke(name, input);
  } catch (e) {
    // The bridges answer failures with envelopes; a throw means the bridge itself broke.
    throw new ClientError('INTERNAL', e instanceof Error && e.message ? e.message : String(e));
  }
  if (!isEnvelope(envelope)) throw new ClientError('INTERNAL', messagesNow(clientMessages).unreadableAnswer(name));
  if (envelope.ok) return envelope.value;
  throw new ClientError(envelope.error.code, envelope.error.message);
}

export function createClient(transport: GlossaTransport): GlossaClient {
  const client: Record<string, unknown> = {};
  for (const name of transport.ops) {
    if (!OP_NAME.test(name) || SUBSCRIPTIONS.has(name)) continue;
    client[name] = (input: unknown) => call(transport, name, input);
  }
  client.onEvent = (listener: (event: AppEvent) => void) => transport.onEvent((event) => listener(event as AppEvent));
  const onCommand = transport.onCommand;
  if (onCommand) client.onCommand = (listener: (command: WindowCommand) => void) => onCommand(listener);
  return Object.freeze(client) as GlossaClient;
}
