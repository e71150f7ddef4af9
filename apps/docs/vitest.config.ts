// The site's browser tests: one vitest project that serves the built site (`dist/`, made by the
// turbo `build` task this `test` depends on) and drives Debian's Chromium with playwright-core.
import { join } from 'node:path';
import { defineConfig } from 'vitest/config';

const dir = import.meta.dirname;

export default defineConfig({
  resolve: { conditions: ['@dlkit/source', 'module', 'node', 'default'] },
  test: {
    name: 'apps/docs',
    root: dir,
    include: ['src/**/*.test.ts'],
    environment: 'node',
    testTimeout: 300_000,
    hookTimeout: 300_000,
    fileParallelism: false,
    reporters: ['default', 'json'],
    outputFile: { json: join(dir, '.vitest', 'results.json') },
  },
});
