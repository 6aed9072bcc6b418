import { defineConfig } from 'vitest/config';

// Two projects: `unit` (pure logic, in-memory fakes, fast) and `integration` (real gnome-keyring via
// build/scripts/with-keyring.sh, the IAM emulator on loopback, real shells and child processes).
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          include: ['test/unit/**/*.test.ts', 'test/unit/**/*.test.tsx'],
          environment: 'node',
          testTimeout: 20_000,
        },
      },
      {
        test: {
          name: 'integration',
          include: ['test/integration/**/*.test.ts'],
          environment: 'node',
          testTimeout: 120_000,
          hookTimeout: 60_000,
          // The keyring and the data directories are per-file, but one D-Bus session is shared: keep files serial.
          fileParallelism: false,
        },
      },
    ],
  },
});
