import { fileURLToPath } from 'node:url';
import type { AliasOptions } from 'vite';
import type { ViteUserConfig } from 'vitest/config';
import { dlkitProject } from '../../vitest.shared.ts';

// Labs train real (small) networks, on the fast backend as `dlkit run` does; allow each test
// three minutes on the shared CPU.
const config = dlkitProject(import.meta.url, { backend: 'fast', testTimeout: 600_000 });

// The TSDoc examples import this package by its name: '@dlkit/cli' and '@dlkit/cli/plots' are
// its sources (exact matches, so the first does not swallow the second).
const source = (path: string) => fileURLToPath(new URL(path, import.meta.url));
const shared = (config.resolve?.alias ?? {}) as Record<string, string>;
const alias: AliasOptions = [
  { find: /^@dlkit\/cli\/plots$/, replacement: source('./src/plots/index.ts') },
  { find: /^@dlkit\/cli$/, replacement: source('./src/index.ts') },
  ...Object.entries(shared).map(([find, replacement]) => ({ find, replacement })),
];
const withSelf: ViteUserConfig = { ...config, resolve: { ...config.resolve, alias } };
export default withSelf;
