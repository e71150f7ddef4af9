// The demos' runtime in the page, loaded only in the browser: `@dlkit/demos` (and with it
// TensorFlow.js) is imported on first use, and the backend is started once for every demo, when
// the first demo mounts.
import { withBase } from 'vitepress';
import type * as Demos from '@dlkit/demos';

type DemosModule = typeof Demos;

let module: Promise<DemosModule> | undefined;
let backend: Promise<string> | undefined;

/** `@dlkit/demos`, imported once. */
export function loadDemos(): Promise<DemosModule> {
  module ??= import('@dlkit/demos');
  return module;
}

/** Starts the demos' backend once (webgl → wasm → cpu) and returns its name. */
export function startBackend(): Promise<string> {
  backend ??= loadDemos().then((demos) =>
    demos.setupDemoBackend({ wasmPath: withBase('/tfjs-wasm/') }),
  );
  return backend;
}

/** How many tensors TensorFlow.js holds now (`tf.memory().numTensors`). */
export async function numTensors(): Promise<number> {
  const tf = await import('@tensorflow/tfjs');
  return tf.memory().numTensors;
}
