import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';

/**
 * Unit and integration tests of core/, the CLI, the shell's pure policy (in Node) and the
 * renderer's units (files that ask for `// @vitest-environment happy-dom`).
 * Playwright specs (test/e2e) are never collected here.
 */
export default defineConfig({
  test: {
    include: ['test/core/**/*.test.ts', 'test/cli/**/*.test.ts', 'test/electron/**/*.test.ts', 'test/renderer/**/*.test.{ts,tsx}'],
    exclude: ['**/node_modules/**', 'test/e2e/**'],
    environment: 'node',
    // Vitest's default is one worker fewer than the cores: one worker on a 2-core CI machine.
    // The slow files mostly wait on the child processes they spawn, so two share 2 cores well.
    maxWorkers: Math.max(2, availableParallelism()),
    // Sized from measured work, not guessed: the slowest test without a time-out of its own
    // (a writer killed at random moments, test/core/store/durable-file.test.ts) took 9 s on a
    // 2-core machine with other test runs sharing it (load average 8); `stress --cpu 2` on top
    // roughly halves the CPU a test gets. The CLI tests run commands in-process
    // (test/cli/helpers.ts): at most 5 s each under that stress. Tests doing more set their own
    // (the fuzz batches, the bundle crash tests).
    testTimeout: 60_000,
    hookTimeout: 60_000,
    teardownTimeout: 30_000,
    reporters: ['default', ['json', { outputFile: '.vitest-results.json' }]],
  },
});
