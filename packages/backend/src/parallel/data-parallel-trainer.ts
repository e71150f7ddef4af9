import * as tf from '@tensorflow/tfjs';
import { assertTensor, DlkitError } from '@dlkit/core';
import { flatLayout, readFlat, writeFlat, type FlatLayout } from './flat-layout.js';
import type { ParallelLoss } from './parallel-loss.js';
import { shardGradients, shardSizes, trainableVariables } from './shard-gradients.js';
import { trainerSetup, type DataParallelOptions } from './trainer-options.js';
import { startWorkerPool, type TrainerWorker } from './worker-pool.js';
import type { FromWorker, TensorMessage, ToWorker } from './worker-messages.js';

export type { DataParallelOptions } from './trainer-options.js';

const STEP = 'DataParallelTrainer.trainStep';

/**
 * Data-parallel training of a tf.js `LayersModel` on several cores of one machine: each step
 * splits the batch into one shard per thread (this one and its workers), every thread computes
 * the gradient of its shard's share of the mean loss on its own copy of the model, and this
 * thread adds them up and applies one optimizer step to the model. The result equals a
 * single-thread step on the whole batch up to float32 summation order (about 1e-6 relative),
 * for models whose forward pass treats examples independently: batch normalisation computes
 * its statistics per shard (its moving averages come from this thread's shard), and dropout
 * draws its own masks in each thread.
 *
 * Workers are Node `worker_threads` on the same tfjs backend (dlkit's wasm kernels with
 * `setupBackend()`); weights and gradients cross through `SharedArrayBuffer`s. Where workers are
 * unavailable (a browser, or no `SharedArrayBuffer`) the trainer trains in this thread and says
 * why in {@link DataParallelTrainer.fallback}.
 *
 * Create one with {@link createDataParallelTrainer}; for `fit`-style training see
 * {@link fitDataParallel}.
 *
 * @category Backends
 */
export interface DataParallelTrainer {
  /** The model being trained (owned by the caller). */
  readonly model: tf.LayersModel;
  /** The number of worker threads running (0 when training in this thread alone). */
  readonly workers: number;
  /** Why fewer workers run than were asked for, if they do. */
  readonly fallback: string | undefined;
  /**
   * One optimizer step on a batch, its gradient computed across the threads. Await it before
   * the next.
   *
   * @param x - Inputs `[m, ...]` (float32 or int32), as the model takes them.
   * @param y - Targets `[m, ...]`, as the loss takes them.
   * @returns The batch's mean loss before the step.
   */
  trainStep(x: tf.Tensor, y: tf.Tensor): Promise<number>;
  /** Stops the workers. The model and the optimizer stay the caller's. */
  dispose(): Promise<void>;
}

/** The trainer {@link createDataParallelTrainer} makes. */
class ThreadedTrainer implements DataParallelTrainer {
  readonly model: tf.LayersModel;
  readonly fallback: string | undefined;
  private readonly optimizer: tf.Optimizer;
  private readonly loss: ParallelLoss;
  private readonly layout: FlatLayout;
  private readonly weights: Float32Array;
  private readonly pool: TrainerWorker[];
  private busy = false;
  private disposed = false;

  constructor(
    model: tf.LayersModel,
    setup: {
      optimizer: tf.Optimizer;
      loss: ParallelLoss;
      layout: FlatLayout;
      weights: Float32Array;
      pool: TrainerWorker[];
      fallback: string | undefined;
    },
  ) {
    this.model = model;
    this.optimizer = setup.optimizer;
    this.loss = setup.loss;
    this.layout = setup.layout;
    this.weights = setup.weights;
    this.pool = setup.pool;
    this.fallback = setup.fallback;
  }

  get workers(): number {
    return this.pool.length;
  }

  async trainStep(x: tf.Tensor, y: tf.Tensor): Promise<number> {
    this.checkStep(x, y);
    this.busy = true;
    try {
      const m = x.shape[0] as number;
      const sizes = shardSizes(m, this.pool.length + 1);
      // The workers read the weights from shared memory; alone, this thread has them already.
      if (this.pool.length > 0)
        writeFlat(this.weights, this.layout, trainableVariables(this.model));
      const active = this.pool.filter((_, i) => (sizes[i + 1] as number) > 0);
      const replies = this.sendShards(x, y, sizes);
      let own: { loss: number; grads: tf.Tensor[] };
      try {
        own = tf.tidy(() => {
          const xs = x.slice(0, sizes[0]);
          const ys = y.slice(0, sizes[0]);
          return shardGradients(this.model, this.loss, xs, ys, (sizes[0] as number) / m);
        });
      } catch (e) {
        await Promise.allSettled(replies); // the workers finish their shards first
        throw e;
      }
      const losses = await Promise.all(replies).catch(async (e: unknown) => {
        tf.dispose(own.grads);
        throw e;
      });
      this.applySummed(own.grads, active);
      return losses.reduce((a, b) => a + b, own.loss);
    } finally {
      this.busy = false;
    }
  }

  async dispose(): Promise<void> {
    this.disposed = true;
    await Promise.all(this.pool.map((w) => w.thread.terminate()));
  }

  private checkStep(x: tf.Tensor, y: tf.Tensor): void {
    if (this.disposed) throw new DlkitError('state', STEP, 'the trainer was disposed');
    if (this.busy) {
      throw new DlkitError('state', STEP, 'the previous step has not finished (await it first)');
    }
    assertTensor(STEP, 'x', x, { dtypes: ['float32', 'int32'] });
    assertTensor(STEP, 'y', y, { dtypes: ['float32', 'int32'] });
    if (x.rank === 0 || y.rank === 0 || x.shape[0] !== y.shape[0] || x.shape[0] === 0) {
      throw new DlkitError(
        'shape',
        STEP,
        `x and y must share a first (batch) dimension m >= 1, got x [${x.shape.join(', ')}] and y [${y.shape.join(', ')}]`,
        { argument: 'y' },
      );
    }
    const expected = this.model.inputs[0]?.shape.slice(1) ?? [];
    const fits =
      x.rank === expected.length + 1 &&
      expected.every((d, i) => d === null || d === x.shape[i + 1]);
    if (!fits) {
      throw new DlkitError(
        'shape',
        STEP,
        `x must have shape [m, ${expected.map((d) => d ?? '?').join(', ')}] (the model's input), got [${x.shape.join(', ')}]`,
        { argument: 'x' },
      );
    }
  }

  /** Posts each worker its shard; resolves with each shard's scaled loss. */
  private sendShards(x: tf.Tensor, y: tf.Tensor, sizes: number[]): Promise<number>[] {
    const m = x.shape[0] as number;
    let begin = sizes[0] as number;
    const replies: Promise<number>[] = [];
    this.pool.forEach((w, i) => {
      const size = sizes[i + 1] as number;
      if (size === 0) return;
      const message: ToWorker = {
        type: 'step',
        x: shardMessage(x, begin, size),
        y: shardMessage(y, begin, size),
        fraction: size / m,
      };
      begin += size;
      const reply = w.next();
      w.thread.postMessage(message, [
        message.x.values.buffer as ArrayBuffer,
        message.y.values.buffer as ArrayBuffer,
      ]);
      replies.push(reply.then((r) => lossOf(r)));
    });
    return replies;
  }

  /** Adds the workers' gradients to this thread's and applies one optimizer step. */
  private applySummed(own: tf.Tensor[], active: TrainerWorker[]): void {
    const variables = trainableVariables(this.model);
    const named: tf.NamedTensorMap = {};
    tf.tidy(() => {
      variables.forEach((v, i) => {
        const parts = [
          own[i] as tf.Tensor,
          ...active.map((w) => readFlat(w.grads, this.layout, i)),
        ];
        named[v.name] = tf.keep(parts.length === 1 ? (parts[0] as tf.Tensor) : tf.addN(parts));
      });
    });
    this.optimizer.applyGradients(named);
    tf.dispose([...own, ...Object.values(named)]);
  }
}

function lossOf(reply: FromWorker): number {
  if (reply.type === 'stepped') return reply.loss;
  throw new DlkitError(
    'backend',
    STEP,
    `a worker failed: ${reply.type === 'failed' ? reply.message : `unexpected ${reply.type}`}`,
  );
}

/** Rows `[begin, begin + size)` of `t` as a message with its own (transferable) buffer. */
function shardMessage(t: tf.Tensor, begin: number, size: number): TensorMessage {
  const dtype = t.dtype === 'int32' ? 'int32' : 'float32';
  const part = tf.tidy(() => t.slice(begin, size).cast(dtype));
  // A copy: the backend may own the array dataSync returns, and the message transfers it.
  const values = (part.dataSync() as Float32Array | Int32Array).slice();
  part.dispose();
  return { shape: part.shape, dtype, values };
}

/**
 * Starts a {@link DataParallelTrainer} for `model`: `workers` worker threads, each with a copy of
 * the model rebuilt from `model.toJSON()` on this thread's tfjs backend.
 *
 * @param model - A built `LayersModel` (compiled, unless `options` gives the loss and optimizer).
 * @param options - Workers, loss, optimizer and the modules that register custom layers.
 * @returns The trainer, once every worker is ready. Call `dispose()` when done.
 *
 * @example
 * ```ts
 * import * as tf from '@tensorflow/tfjs';
 * import { createDataParallelTrainer } from '@dlkit/backend';
 * const model = tf.sequential({ layers: [tf.layers.dense({ inputShape: [4], units: 3, activation: 'softmax' })] });
 * model.compile({ optimizer: tf.train.sgd(0.1), loss: 'categoricalCrossentropy' });
 * const trainer = await createDataParallelTrainer(model, { workers: 1 });
 * const x = tf.randomNormal([8, 4], 0, 1, 'float32', 1);
 * const y = tf.tidy(() => tf.oneHot(tf.tensor1d([0, 1, 2, 0, 1, 2, 0, 1], 'int32'), 3));
 * const loss = await trainer.trainStep(x, y);
 * console.log(trainer.workers, loss > 0); // 1 true
 * await trainer.dispose();
 * model.optimizer.dispose();
 * model.dispose();
 * tf.dispose([x, y]);
 * ```
 *
 * @category Backends
 */
export async function createDataParallelTrainer(
  model: tf.LayersModel,
  options: DataParallelOptions = {},
): Promise<DataParallelTrainer> {
  const setup = await trainerSetup(model, options);
  const layout = flatLayout(trainableVariables(model).map((v) => v.shape));
  const bytes = layout.total * 4;
  const weights = new Float32Array(
    setup.workers > 0 ? new SharedArrayBuffer(bytes) : new ArrayBuffer(bytes),
  );
  const pool = await startWorkerPool(setup.workers, model, { ...setup, weights, layout });
  return new ThreadedTrainer(model, { ...setup, layout, weights, pool });
}
