import { availableParallelism } from 'node:os';
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
    // Vitest's default is one worker fewer than the cores: one worker on a 2-core CI machine.
    // The slow files mostly wait on the child processes they spawn, so two share 2 cores well.
    maxWorkers: Math.max(2, availableParallelism()),
    // Store tests spawn processes and the CLI tests start Node + tsx per command.
    testTimeout: 60_000,
    hookTimeout: 60_000,
    teardownTimeout: 30_000,
    reporters: ['default', ['json', { outputFile: '.vitest-results.json' }]],
  },
});
