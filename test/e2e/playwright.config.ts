import { defineConfig } from '@playwright/test';

// Electron end-to-end tests: the built app (out/) started by Playwright's _electron from the binary in
// ELECTRON_OVERRIDE_DIST_PATH, against the IAM emulator. Without a binary every test skips itself.
// Release builds have the inspector fuses off, which Playwright needs: run this against an unfused build.
export default defineConfig({
  testDir: '.',
  testMatch: '**/*.spec.ts',
  outputDir: '../../test-results/e2e',
  fullyParallel: false,
  workers: 1,
  retries: 0,
  timeout: 120_000,
  expect: { timeout: 20_000 },
  use: { trace: 'off', screenshot: 'off' },
});
