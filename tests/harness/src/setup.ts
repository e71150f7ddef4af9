// Vitest setup file of every dlkit project: chooses the tfjs backend before any test runs.
// DLKIT_BACKEND (cpu | wasm | fast | …) overrides the project's default from vitest.shared.ts.
import * as tf from '@tensorflow/tfjs';

const wanted = process.env['DLKIT_BACKEND'] ?? process.env['DLKIT_DEFAULT_BACKEND'] ?? 'cpu';
if (wanted === 'fast' || wanted === 'wasm') {
  // A variable specifier: the harness does not depend on @dlkit/backend; projects that ask for
  // 'fast' do, and vitest.shared.ts aliases it to its source. The wasm backend needs dlkit's
  // training kernels and its binaries' location, so it also goes through setupBackend.
  const backendPackage = '@dlkit/backend';
  const { setupBackend } = (await import(/* @vite-ignore */ backendPackage)) as {
    setupBackend: (options?: { backend?: string }) => Promise<string>;
  };
  await setupBackend(wanted === 'wasm' ? { backend: 'wasm' } : {});
} else {
  if (!(await tf.setBackend(wanted)))
    throw new Error(`test setup: tfjs backend '${wanted}' did not start`);
  await tf.ready();
}
