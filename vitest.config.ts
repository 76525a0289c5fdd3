import { defineConfig } from 'vitest/config';

/**
 * Unit and integration tests of core/, the CLI and the shell's pure policy, in Node.
 * Playwright specs (test/e2e) are never collected here.
 */
export default defineConfig({
  test: {
    include: ['test/core/**/*.test.ts', 'test/cli/**/*.test.ts', 'test/electron/**/*.test.ts'],
    exclude: ['**/node_modules/**', 'test/e2e/**'],
    environment: 'node',
    // Store tests spawn processes and the CLI tests start Node + tsx per command.
    testTimeout: 60_000,
    hookTimeout: 60_000,
    teardownTimeout: 30_000,
    reporters: ['default', ['json', { outputFile: '.vitest-results.json' }]],
  },
});
