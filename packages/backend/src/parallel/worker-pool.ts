import * as tf from '@tensorflow/tfjs';
import type * as NodeWorkerThreads from 'node:worker_threads';
import { DlkitError } from '@dlkit/core';
import type { FlatLayout } from './flat-layout.js';
import type { ParallelLoss } from './parallel-loss.js';
import { startTrainerWorker } from './start-worker.js';
import type { FromWorker, ToWorker } from './worker-messages.js';

/** One worker thread and its gradient buffer. */
export interface TrainerWorker {
  thread: NodeWorkerThreads.Worker;
  /** The gradients the worker writes, in the layout of the model's trainable weights. */
  grads: Float32Array;
  /** Resolves with the worker's next message; rejects if the thread fails or exits. */
  next: () => Promise<FromWorker>;
}

const FN = 'createDataParallelTrainer';
const STEP = 'DataParallelTrainer.trainStep';

/**
 * Starts `count` workers and has each rebuild `model` on this thread's backend; resolves once all
 * are ready (or terminates them and rejects).
 *
 * @param count - How many.
 * @param model - The model whose topology they rebuild.
 * @param setup - The loss, the custom-layer modules, the weights' buffer and layout.
 * @returns The workers.
 */
export async function startWorkerPool(
  count: number,
  model: tf.LayersModel,
  setup: { loss: ParallelLoss; imports: string[]; weights: Float32Array; layout: FlatLayout },
): Promise<TrainerWorker[]> {
  const pool: TrainerWorker[] = [];
  try {
    for (let i = 0; i < count; i++) pool.push(await startWorker(setup.layout));
    const topology = model.toJSON(null, false);
    await Promise.all(
      pool.map(async (w) => {
        const ready = w.next();
        const init: ToWorker = {
          type: 'init',
          topology,
          imports: setup.imports,
          backend: tf.getBackend(),
          loss: setup.loss,
          weights: setup.weights.buffer as SharedArrayBuffer,
          grads: w.grads.buffer as SharedArrayBuffer,
        };
        w.thread.postMessage(init);
        checkReady(await ready, setup.layout);
      }),
    );
    return pool;
  } catch (e) {
    await Promise.all(pool.map((w) => w.thread.terminate()));
    throw e;
  }
}

async function startWorker(layout: FlatLayout): Promise<TrainerWorker> {
  const thread = await startTrainerWorker(FN);
  thread.unref(); // a trainer never disposed does not keep the process alive
  const grads = new Float32Array(new SharedArrayBuffer(layout.total * 4));
  return { thread, grads, next: () => nextMessage(thread) };
}

/** The worker's next message, or a DlkitError if it fails or exits first. */
function nextMessage(thread: NodeWorkerThreads.Worker): Promise<FromWorker> {
  return new Promise((resolve, reject) => {
    const done = (): void => {
      thread.off('message', onMessage);
      thread.off('error', onError);
      thread.off('exit', onExit);
    };
    const onMessage = (m: FromWorker): void => {
      done();
      resolve(m);
    };
    const onError = (e: Error): void => {
      done();
      reject(new DlkitError('backend', STEP, `a worker thread failed: ${e.message}`, { cause: e }));
    };
    const onExit = (code: number): void => {
      done();
      reject(new DlkitError('backend', STEP, `a worker thread exited (code ${code})`));
    };
    thread.on('message', onMessage);
    thread.on('error', onError);
    thread.on('exit', onExit);
  });
}

function checkReady(reply: FromWorker, layout: FlatLayout): void {
  if (reply.type === 'failed') {
    throw new DlkitError(
      'backend',
      FN,
      `a worker could not rebuild the model: ${reply.message} (custom layers need options.imports)`,
    );
  }
  const same =
    reply.type === 'ready' && JSON.stringify(reply.shapes) === JSON.stringify(layout.shapes);
  if (!same) {
    throw new DlkitError(
      'state',
      FN,
      `a worker's model has other trainable weights than the model: expected ${JSON.stringify(layout.shapes)}, got ${JSON.stringify(reply.type === 'ready' ? reply.shapes : reply.type)}`,
    );
  }
}
