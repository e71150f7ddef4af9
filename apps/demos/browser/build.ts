// Bundles the browser test's page (browser/page.ts) with esbuild into `outDir`, beside
// index.html and tfjs-backend-wasm's .wasm binaries (served from ./wasm/ for the wasm fallback).
import { copyFileSync, mkdirSync, readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const here = dirname(fileURLToPath(import.meta.url));

/** Writes index.html, page.js (+ chunks) and wasm/*.wasm into `outDir`. */
export async function buildTestPage(outDir: string): Promise<void> {
  mkdirSync(join(outDir, 'wasm'), { recursive: true });
  await build({
    entryPoints: [join(here, 'page.ts')],
    bundle: true,
    format: 'esm',
    splitting: true,
    platform: 'browser',
    target: 'es2022',
    outdir: outDir,
    conditions: ['@dlkit/source'],
    loader: { '.json': 'json' },
    logLevel: 'silent',
    sourcemap: 'linked',
  });
  copyFileSync(join(here, 'index.html'), join(outDir, 'index.html'));
  const require = createRequire(import.meta.url);
  const wasmDist = join(
    dirname(require.resolve('@tensorflow/tfjs-backend-wasm/package.json')),
    'dist',
  );
  for (const file of readdirSync(wasmDist).filter((f) => f.endsWith('.wasm'))) {
    copyFileSync(join(wasmDist, file), join(outDir, 'wasm', file));
  }
}
