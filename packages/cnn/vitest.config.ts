import { fileURLToPath } from 'node:url';
import type { AliasOptions } from 'vite';
import type { ViteUserConfig } from 'vitest/config';
import { dlkitProject } from '../../vitest.shared.ts';

const config = dlkitProject(import.meta.url);

// The TSDoc examples import the Node-only entry by its name: '@dlkit/cnn/images' is its source,
// matched before the shared '@dlkit/cnn' alias (which would otherwise swallow the subpath).
const shared = (config.resolve?.alias ?? {}) as Record<string, string>;
const alias: AliasOptions = [
  {
    find: /^@dlkit\/cnn\/images$/,
    replacement: fileURLToPath(new URL('./src/images/index.ts', import.meta.url)),
  },
  ...Object.entries(shared).map(([find, replacement]) => ({ find, replacement })),
];
const withImages: ViteUserConfig = { ...config, resolve: { ...config.resolve, alias } };
export default withImages;
