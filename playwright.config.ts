/**
 * End-to-end tests (test/e2e). The browser specs launch Debian's Chromium themselves
 * through test/e2e/harness.ts (the renderer bridged to core on a temp library); the
 * Electron spec launches the app with _electron. No web server: each spec serves what it needs.
 */
import { defineConfig } from '@playwright/test';

export default defineConfig({
  testDir: 'test/e2e',
  testMatch: '**/*.spec.ts',
  globalSetup: './test/e2e/build.helpers.ts',
  fullyParallel: false,
  // Two cores: one worker keeps timings steady; specs are independent, so 2 also works.
  workers: process.env.CI ? 1 : 2,
  retries: 0,
  timeout: 90_000,
  expect: { timeout: 10_000 },
  forbidOnly: Boolean(process.env.CI),
  reporter: [['list'], ['json', { outputFile: '.playwright-results.json' }]],
  outputDir: 'test-results',
  projects: [{ name: 'e2e' }],
});
