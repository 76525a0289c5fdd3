/**
 * Builds the renderer (renderer/ → dist/renderer). Relative base so the same files load
 * from Electron's app:// origin and from the test bridge's local server.
 */
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const repoRoot = fileURLToPath(new URL('.', import.meta.url));

export default defineConfig({
  root: 'renderer',
  base: './',
  plugins: [react()],
  build: {
    outDir: '../dist/renderer',
    emptyOutDir: true,
    // Everything ships as files of our own origin: the CSP allows no inline or data: fonts/scripts.
    assetsInlineLimit: 0,
    sourcemap: true,
    target: 'chrome130',
  },
  server: {
    // The renderer imports the pure parts of core/ (text, model), which live outside its root.
    fs: { allow: [repoRoot] },
  },
});
