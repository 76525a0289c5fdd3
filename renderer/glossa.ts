/** The typed window.glossa client. Types only: the values come from the preload (or the test bridge). */
import type { AppEvent, OpInput, OpOutput, WindowOpName } from '../core/api';

export type GlossaClient = { [N in WindowOpName]: (input: OpInput<N>) => Promise<OpOutput<N>> } & {
  /** Subscribe to progress and library-change events; returns the unsubscribe function. */
  onEvent(listener: (event: AppEvent) => void): () => void;
};

declare global {
  interface Window {
    glossa: GlossaClient;
  }
}

export const glossa = (): GlossaClient => window.glossa;
