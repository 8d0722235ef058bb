// One runner for every suite: unit, integration (real SQLite files), browser e2e
// (Playwright driving Debian's Chromium against `starling serve`) and Electron e2e.
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    globalSetup: ['tests/helpers/global-setup.ts'],
    pool: 'forks',
    testTimeout: 30_000,
    hookTimeout: 120_000,
    reporters: ['default', './tests/helpers/summary-reporter.ts'],
  },
});
