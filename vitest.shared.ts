/**
 * The vitest settings every dlkit package shares. A package's `vitest.config.ts` is one call:
 * `export default dlkitProject(import.meta.url, { backend: 'cpu' })`.
 *
 * - Workspace packages resolve to their `src/` (the `@dlkit/source` condition and an alias), so
 *   tests need no build.
 * - Each project writes `.vitest/results.json`, which `scripts/check.mjs` adds up.
 * - The setup file picks the tfjs backend (`DLKIT_BACKEND` overrides the project's default).
 */
import { readdirSync, readFileSync, existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig, type ViteUserConfig } from 'vitest/config';

const root = dirname(fileURLToPath(import.meta.url));

/**
 * `@dlkit/<name>` → `packages/<name>/src/index.ts` for every package in the workspace, each
 * subpath export (`@dlkit/cnn/images`) first → its `@dlkit/source` file: an alias also matches
 * `<key>/…`, so the package's own entry would otherwise swallow its subpaths.
 */
function workspaceAliases(): Record<string, string> {
  const aliases: Record<string, string> = {};
  for (const name of readdirSync(join(root, 'packages'))) {
    const dir = join(root, 'packages', name);
    const entry = join(dir, 'src', 'index.ts');
    if (!existsSync(entry)) continue;
    for (const [sub, source] of subpathSources(dir)) aliases[`@dlkit/${name}/${sub}`] = source;
    aliases[`@dlkit/${name}`] = entry;
  }
  aliases['@dlkit/test-harness'] = join(root, 'tests', 'harness', 'src', 'index.ts');
  return aliases;
}

/** A package's subpath exports (`./images`) with a `@dlkit/source` condition: `[sub, file]`. */
function subpathSources(dir: string): [string, string][] {
  const manifest = join(dir, 'package.json');
  if (!existsSync(manifest)) return [];
  const exports = (JSON.parse(readFileSync(manifest, 'utf8')) as { exports?: unknown }).exports;
  if (typeof exports !== 'object' || exports === null) return [];
  return Object.entries(exports as Record<string, unknown>).flatMap(([key, target]) => {
    const source = (target as Record<string, unknown> | null)?.['@dlkit/source'];
    return key.startsWith('./') && typeof source === 'string'
      ? [[key.slice(2), join(dir, source)] as [string, string]]
      : [];
  });
}

/** Options for {@link dlkitProject}. */
export interface DlkitProjectOptions {
  /** The tfjs backend the project's tests run on unless `DLKIT_BACKEND` says otherwise. */
  backend?: 'cpu' | 'fast';
  /** Per-test time limit in milliseconds (default 600 000). */
  testTimeout?: number;
}

/** The vitest project config of the package whose `vitest.config.ts` is at `configUrl`. */
export function dlkitProject(configUrl: string, options: DlkitProjectOptions = {}): ViteUserConfig {
  const dir = dirname(fileURLToPath(configUrl));
  const name = dir.slice(root.length + 1).replace(/\\/g, '/');
  return defineConfig({
    resolve: {
      alias: workspaceAliases(),
      conditions: ['@dlkit/source', 'module', 'node', 'default'],
    },
    ssr: { resolve: { conditions: ['@dlkit/source', 'module', 'node', 'default'] } },
    test: {
      name,
      root: dir,
      include: ['src/**/*.test.ts'],
      environment: 'node',
      setupFiles: [resolve(root, 'tests/harness/src/setup.ts')],
      env: { DLKIT_DEFAULT_BACKEND: options.backend ?? 'cpu' },
      // A hang detector, not a speed check (speed is measured in bench/): it must hold on a
      // heavily loaded 2-core machine. At load average ~38 (eight builds beside a CI run) tests
      // that take ~20 s idle took over 180 s, so the limit is 600 s.
      testTimeout: options.testTimeout ?? 600_000,
      hookTimeout: options.testTimeout ?? 600_000,
      reporters: ['default', 'json'],
      outputFile: { json: join(dir, '.vitest', 'results.json') },
    },
  });
}
