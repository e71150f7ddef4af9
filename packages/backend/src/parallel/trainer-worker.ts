/**
 * The worker thread of a {@link DataParallelTrainer}: rebuilds the main thread's model from its
 * topology on the same backend, then, for each step, reads the current weights from shared
 * memory, computes its shard's gradients and writes them back to shared memory. It never
 * updates weights itself: the main thread owns the model and the optimizer.
 *
 * @module
 */
import * as tf from '@tensorflow/tfjs';
import type * as NodeWorkerThreads from 'node:worker_threads';
import { DlkitError, nodeImport } from '@dlkit/core';
import { setupBackend, type BackendName } from '../setup/setup-backend.js';
import { flatLayout, readFlat, writeFlat, type FlatLayout } from './flat-layout.js';
import { shardGradients, trainableVariables } from './shard-gradients.js';
import type {
  FromWorker,
  InitMessage,
  StepMessage,
  TensorMessage,
  ToWorker,
} from './worker-messages.js';

interface WorkerState {
  init: InitMessage;
  model: tf.LayersModel;
  layout: FlatLayout;
}

const { parentPort } = await nodeImport<typeof NodeWorkerThreads>('node:worker_threads');
if (parentPort === null) {
  throw new DlkitError('state', 'trainer-worker', 'this module runs only as a worker thread');
}
const port = parentPort;
const post = (message: FromWorker): void => port.postMessage(message);
let state: WorkerState | undefined;

async function start(init: InitMessage): Promise<WorkerState> {
  await setupBackend({ backend: init.backend as BackendName });
  for (const url of init.imports) await import(/* @vite-ignore */ url);
  const model = await tf.models.modelFromJSON({
    modelTopology: init.topology as tf.io.ModelJSON['modelTopology'],
  });
  const shapes = trainableVariables(model).map((v) => v.shape);
  return { init, model, layout: flatLayout(shapes) };
}

const tensorOf = (m: TensorMessage): tf.Tensor => tf.tensor(m.values, m.shape, m.dtype);

function step({ init, model, layout }: WorkerState, message: StepMessage): number {
  const weights = new Float32Array(init.weights);
  trainableVariables(model).forEach((v, i) =>
    tf.tidy(() => {
      v.assign(readFlat(weights, layout, i));
    }),
  );
  const x = tensorOf(message.x);
  const y = tensorOf(message.y);
  const { loss, grads } = shardGradients(model, init.loss, x, y, message.fraction);
  writeFlat(new Float32Array(init.grads), layout, grads);
  tf.dispose([x, y, ...grads]);
  return loss;
}

port.on('message', (message: ToWorker) => {
  void (async () => {
    try {
      if (message.type === 'init') {
        state = await start(message);
        post({ type: 'ready', shapes: state.layout.shapes });
      } else {
        if (state === undefined) {
          throw new DlkitError('state', 'trainer-worker', 'a step came before init');
        }
        post({ type: 'stepped', loss: step(state, message) });
      }
    } catch (e) {
      post({ type: 'failed', message: e instanceof Error ? e.message : String(e) });
    }
  })();
});
