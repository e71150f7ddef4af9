// Vitest setup file of every dlkit project: makes every run draw the same random numbers, then
// chooses the tfjs backend before any test runs.
//
// - fast-check: every `fc.assert` uses the seed `DLKIT_FC_SEED` (default 1); a failing test
//   prints the seed and how to rerun with another one.
// - `Math.random` (which tfjs's unseeded `tf.randomNormal`/`tf.randomUniform` and the default
//   initializers of `tf.layers` draw their seeds from) becomes a seeded generator
//   (`DLKIT_RANDOM_SEED`, default 1), restarted before each test file, so a test that forgot a
//   seed still sees the same numbers on every run.
// - DLKIT_BACKEND (cpu | wasm | fast | …) overrides the project's default from vitest.shared.ts.
import * as tf from '@tensorflow/tfjs';
import fc from 'fast-check';
import { beforeEach } from 'vitest';
import { seededMathRandom, seedFromEnv } from './seeds.ts';

const fcSeed = seedFromEnv('DLKIT_FC_SEED');
fc.configureGlobal({ seed: fcSeed });
Math.random = seededMathRandom(seedFromEnv('DLKIT_RANDOM_SEED'));

beforeEach(({ onTestFailed }) => {
  onTestFailed(() => {
    console.error(
      `seeds of this run: DLKIT_FC_SEED=${fcSeed} DLKIT_RANDOM_SEED=${seedFromEnv('DLKIT_RANDOM_SEED')} ` +
        '(set either to rerun the properties or the unseeded draws with other numbers)',
    );
  });
});

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
