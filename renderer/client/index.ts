/**
 * The page's one way into core: `glossa()` is the typed client over whichever bridge the page
 * was given (`window.glossaBridge`: the preload in Electron, the Playwright bridge in tests).
 */
import { createClient, type GlossaClient } from './client';
import { interfaceLanguage } from '../../core/common/languages';
import { ClientError } from './errors';
import { clientMessages } from './messages';
import type { GlossaTransport } from './transport';

export { type GlossaClient } from './client';
export { errorCode } from './errors';

declare global {
  interface Window {
    /** The raw bridge (envelopes); absent when the page is opened outside the app. */
    glossaBridge?: GlossaTransport;
    /** The typed client, put on the window by main.tsx for devtools and the end-to-end tests. */
    glossa: GlossaClient;
  }
}

export const hasBridge = (): boolean => typeof window.glossaBridge === 'object' && window.glossaBridge !== null;

/** Said when the page has no bridge: settings cannot be read then, so in the computer's language. */
export const noBridgeText = (): string => clientMessages[interfaceLanguage('system', navigator.languages)].noBridge;

let client: GlossaClient | undefined;

export function glossa(): GlossaClient {
  if (!client) {
    if (!window.glossaBridge) throw new ClientError('INTERNAL', noBridgeText());
    client = createClient(window.glossaBridge);
  }
  return client;
}

/** Makes the same client reachable as `window.glossa` (devtools, end-to-end tests). */
export function exposeClient(): void {
  Object.defineProperty(window, 'glossa', { value: glossa(), writable: false, configurable: false, enumerable: true });
}
