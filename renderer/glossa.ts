/** The typed window.glossa client. Types only: the values come from the preload (or the test bridge). */
import type { AppEvent, OpInput, OpOutput, WindowOpName } from '../core/api';

export type GlossaClient = { [N in WindowOpName]: (input: OpInput<N>) => Promise<OpOutput<N>> } & {
  /** Subscribe to progress and library-change events; returns the unsubscribe function. */
  onEvent(listener: (event: AppEvent) => void): () => void;
  /**
   * Menu commands the page carries out itself (Edit ▸ Undo/Redo act on the page's undo
   * stack). Present in Electron only: the test bridge has no native menu.
   */
  onCommand?(listener: (command: { type: 'undo' | 'redo' | 'import-bundle' | 'import-annotations' | 'export' }) => void): () => void;
};

declare global {
  interface Window {
    glossa: GlossaClient;
  }
}

export const glossa = (): GlossaClient => window.glossa;
