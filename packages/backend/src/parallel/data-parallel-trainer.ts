import * as tf from '@tensorflow/tfjs';
import type * as NodeOs from 'node:os';
import type * as NodeWorkerThreads from 'node:worker_threads';
import {
  assertNumber,
  assertOneOf,
  assertOptions,
  assertTensor,
  DlkitError,
  nodeImport,
} from '@dlkit/core';
import { flatLayout, readFlat, writeFlat, type FlatLayout } from './flat-layout.js';
import { PARALLEL_LOSSES, type ParallelLoss } from './parallel-loss.js';
import { shardGradients, shardSizes, trainableVariables } from './shard-gradients.js';
import { startTrainerWorker } from './start-worker.js';
import type { FromWorker, TensorMessage, ToWorker } from './worker-messages.js';

/**
 * Options of {@link createDataParallelTrainer}.
 *
 * @category Backends
 */
export interface DataParallelOptions {
  /**
   * Worker threads besides the main thread, which computes a shard too. Default: one per
   * further core (`os.availableParallelism() - 1`); 0 trains in this thread alone.
   */
  workers?: number;
  /** The loss, by name. Default: the model's compiled loss, when it is one of these names. */
  loss?: ParallelLoss;
  /** The optimizer that applies the averaged gradients. Default: the model's compiled one. */
  optimizer?: tf.Optimizer;
  /**
   * Module URLs each worker imports before it rebuilds the model: those that register the
   * model's custom layers, e.g. `[import.meta.resolve('@dlkit/sequence')]`.
   */
  imports?: string[];
}

/** One worker thread and its gradient buffer. */
interface TrainerWorker {
  thread: NodeWorkerThreads.Worker;
  grads: Float32Array;
  /** Resolves with the worker's next message; rejects if the thread fails. */
  next: () => Promise<FromWorker>;
}

const FN = 'createDataParallelTrainer';
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
export class DataParallelTrainer {
  /** The model being trained (owned by the caller). */
  readonly model: tf.LayersModel;
  /** Why fewer workers run than were asked for, if they do. */
  readonly fallback: string | undefined;
  private readonly optimizer: tf.Optimizer;
  private readonly loss: ParallelLoss;
  private readonly layout: FlatLayout;
  private readonly weights: Float32Array;
  private readonly pool: TrainerWorker[];
  private busy = false;
  private disposed = false;

  /** @internal Use {@link createDataParallelTrainer}. */
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

  /** The number of worker threads running (0 when training in this thread alone). */
  get workers(): number {
    return this.pool.length;
  }

  /**
   * One optimizer step on a batch, its gradient computed across the threads.
   *
   * @param x - Inputs `[m, ...]` (float32 or int32).
   * @param y - Targets `[m, ...]`, as the loss takes them.
   * @returns The batch's mean loss before the step.
   */
  async trainStep(x: tf.Tensor, y: tf.Tensor): Promise<number> {
    this.checkStep(x, y);
    this.busy = true;
    try {
      const m = x.shape[0] as number;
      const sizes = shardSizes(m, this.pool.length + 1);
      writeFlat(this.weights, this.layout, trainableVariables(this.model));
      const active = this.pool.filter((_, i) => (sizes[i + 1] as number) > 0);
      const replies = this.sendShards(x, y, sizes);
      const own = tf.tidy(() => {
        const xs = x.slice(0, sizes[0]);
        const ys = y.slice(0, sizes[0]);
        return shardGradients(this.model, this.loss, xs, ys, (sizes[0] as number) / m);
      });
      const losses = await Promise.all(replies);
      this.applySummed(own.grads, active);
      return losses.reduce((a, b) => a + b, own.loss);
    } finally {
      this.busy = false;
    }
  }

  /** Stops the workers. The model and the optimizer stay the caller's. */
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
  const o = assertOptions(FN, 'options', options, ['workers', 'loss', 'optimizer', 'imports']);
  if (!(model instanceof tf.LayersModel)) {
    throw new DlkitError('value', FN, 'model must be a tf.LayersModel', { argument: 'model' });
  }
  const loss = lossOption(model, o.loss);
  const optimizer = optimizerOption(model, o.optimizer);
  const imports = importsOption(o.imports);
  const asked =
    o.workers === undefined
      ? await defaultWorkers()
      : assertNumber(FN, 'options.workers', o.workers, { integer: true, min: 0, max: 64 });
  const layout = flatLayout(trainableVariables(model).map((v) => v.shape));
  const fallback = asked === 0 ? undefined : await workersUnavailable();
  const count = fallback === undefined ? asked : 0;
  const weights = new Float32Array(
    count > 0 ? new SharedArrayBuffer(layout.total * 4) : new ArrayBuffer(layout.total * 4),
  );
  const pool: TrainerWorker[] = [];
  try {
    for (let i = 0; i < count; i++) pool.push(await startWorker());
    const topology = model.toJSON(null, false);
    await Promise.all(
      pool.map(async (w) => {
        const ready = w.next();
        const init: ToWorker = {
          type: 'init',
          topology,
          imports,
          backend: tf.getBackend(),
          loss,
          weights: weights.buffer as SharedArrayBuffer,
          grads: w.grads.buffer as SharedArrayBuffer,
        };
        w.thread.postMessage(init);
        checkReady(await ready, layout);
      }),
    );
  } catch (e) {
    await Promise.all(pool.map((w) => w.thread.terminate()));
    throw e;
  }
  return new DataParallelTrainer(model, { optimizer, loss, layout, weights, pool, fallback });

  async function startWorker(): Promise<TrainerWorker> {
    const thread = await startTrainerWorker(FN);
    thread.unref();
    const grads = new Float32Array(new SharedArrayBuffer(layout.total * 4));
    return { thread, grads, next: () => nextMessage(thread) };
  }
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

function lossOption(model: tf.LayersModel, loss: ParallelLoss | undefined): ParallelLoss {
  const given = loss ?? (typeof model.loss === 'string' ? model.loss : undefined);
  if (given === undefined) {
    throw new DlkitError(
      'value',
      FN,
      `options.loss must be one of ${PARALLEL_LOSSES.join(', ')} when the model is not compiled with one of them`,
      { argument: 'options.loss' },
    );
  }
  return assertOneOf(
    FN,
    loss === undefined ? 'model.loss' : 'options.loss',
    given as ParallelLoss,
    PARALLEL_LOSSES,
  );
}

function optimizerOption(model: tf.LayersModel, optimizer: tf.Optimizer | undefined): tf.Optimizer {
  const o = optimizer ?? compiledOptimizer(model);
  // tf.Optimizer's instanceof reads `minimize` off the value: check for undefined first.
  if (o === undefined || o === null || !(o instanceof tf.Optimizer)) {
    throw new DlkitError(
      'value',
      FN,
      'options.optimizer must be a tf.Optimizer when the model is not compiled',
      { argument: 'options.optimizer' },
    );
  }
  return o;
}

/** The model's compiled optimizer (tf.js' getter throws on a model never compiled). */
function compiledOptimizer(model: tf.LayersModel): tf.Optimizer | undefined {
  try {
    return model.optimizer;
  } catch {
    return undefined;
  }
}

function importsOption(imports: string[] | undefined): string[] {
  if (imports === undefined) return [];
  if (!Array.isArray(imports) || !imports.every((u) => typeof u === 'string' && URL.canParse(u))) {
    throw new DlkitError(
      'value',
      FN,
      `options.imports must be an array of module URLs (import.meta.resolve('…')), got ${JSON.stringify(imports)}`,
      { argument: 'options.imports' },
    );
  }
  return imports;
}

/** One worker per further core in Node; 0 elsewhere. */
async function defaultWorkers(): Promise<number> {
  try {
    const os = await nodeImport<typeof NodeOs>('node:os');
    return Math.max(0, os.availableParallelism() - 1);
  } catch {
    return 0;
  }
}

/** Why worker threads cannot run here, or undefined if they can. */
async function workersUnavailable(): Promise<string | undefined> {
  if (typeof SharedArrayBuffer === 'undefined')
    return 'SharedArrayBuffer is unavailable (a page without cross-origin isolation?)';
  try {
    await nodeImport('node:worker_threads');
    return undefined;
  } catch {
    return "node:worker_threads is unavailable (not Node.js?); browsers' Web Workers are not supported yet";
  }
}
