import { defineConfig } from 'vitest/config';

// Unit tests (`*.test.ts`) sit beside their source; `*.int.test.ts` start Chromium, the simulator
// or a database server and get longer time-outs. Playwright specs (`e2e/*.spec.ts`) are not Vitest's.
export default defineConfig({
  test: {
    include: ['main/**/*.test.ts', 'preload/**/*.test.ts', 'renderer/**/*.test.{ts,tsx}', 'e2e/**/*.test.ts', 'scripts/**/*.test.ts'],
    exclude: ['**/node_modules/**', 'dist/**'],
    testTimeout: 20_000,
    hookTimeout: 60_000,
    // Chromium-heavy integration files share 2 cores: run files one at a time.
    fileParallelism: false,
    pool: 'forks',
  },
});
