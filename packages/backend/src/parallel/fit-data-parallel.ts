import * as tf from '@tensorflow/tfjs';
import { assertNumber, assertOptions, assertTensor, DlkitError, RandomState } from '@dlkit/core';
import {
  createDataParallelTrainer,
  type DataParallelOptions,
  type DataParallelTrainer,
} from './data-parallel-trainer.js';

/**
 * Options of {@link fitDataParallel}: those of `model.fit` it supports, and the trainer's.
 *
 * @category Backends
 */
export interface FitDataParallelOptions extends DataParallelOptions {
  /** Passes over the data (default 1). */
  epochs?: number;
  /** Examples per step (default 32, as `model.fit`); the last batch of an epoch may be smaller. */
  batchSize?: number;
  /** Shuffle the examples before each epoch (default true). */
  shuffle?: boolean;
  /** Seed of the shuffles (default 0), so a run repeats exactly. */
  seed?: number;
  /** Called after each epoch with its mean loss (weighted by batch size). */
  onEpochEnd?: (epoch: number, logs: { loss: number }) => void | Promise<void>;
  /** Called after each step with its loss. */
  onBatchEnd?: (batch: number, logs: { loss: number }) => void | Promise<void>;
}

/**
 * What {@link fitDataParallel} returns.
 *
 * @category Backends
 */
export interface FitDataParallelResult {
  /** What was logged per epoch, as in `model.fit`'s `History`. */
  history: {
    /** The mean loss of each epoch. */
    loss: number[];
  };
  /** The worker threads that ran. */
  workers: number;
  /** Why fewer workers ran than were asked for, if they did. */
  fallback: string | undefined;
}

const FN = 'fitDataParallel';

/**
 * `model.fit` across the cores of this machine: the same epochs of shuffled mini-batches, each
 * step's gradient computed by a {@link DataParallelTrainer} (this thread and
 * `options.workers` worker threads on shards of the batch). The model must be compiled with
 * one of the {@link PARALLEL_LOSSES} (or `options` gives `loss` and `optimizer`).
 *
 * @param model - The model to train (changed in place).
 * @param x - Inputs `[m, ...]`.
 * @param y - Targets `[m, ...]`.
 * @param options - Epochs, batch size, shuffling, callbacks and the trainer's options.
 * @returns The loss of each epoch and the workers that ran.
 *
 * @example
 * ```ts
 * import * as tf from '@tensorflow/tfjs';
 * import { fitDataParallel } from '@dlkit/backend';
 * const model = tf.sequential({ layers: [tf.layers.dense({ inputShape: [2], units: 1 })] });
 * model.compile({ optimizer: tf.train.sgd(0.1), loss: 'meanSquaredError' });
 * const x = tf.randomNormal([64, 2], 0, 1, 'float32', 1);
 * const y = x.sum(1, true);
 * const { history, workers } = await fitDataParallel(model, x, y, { epochs: 20, batchSize: 16, workers: 1 });
 * console.log(workers, history.loss[19]! < history.loss[0]!); // 1 true
 * model.optimizer.dispose();
 * model.dispose();
 * tf.dispose([x, y]);
 * ```
 *
 * @category Backends
 */
export async function fitDataParallel(
  model: tf.LayersModel,
  x: tf.Tensor,
  y: tf.Tensor,
  options: FitDataParallelOptions = {},
): Promise<FitDataParallelResult> {
  const { epochs, batchSize, shuffle, seed, onEpochEnd, onBatchEnd, ...trainerOptions } =
    checkedOptions(options);
  assertTensor(FN, 'x', x, { dtypes: ['float32', 'int32'] });
  assertTensor(FN, 'y', y, { dtypes: ['float32', 'int32'] });
  const m = x.shape[0];
  if (m === undefined || m === 0 || y.shape[0] !== m) {
    throw new DlkitError(
      'shape',
      FN,
      `x and y must share a first (batch) dimension m >= 1, got x [${x.shape.join(', ')}] and y [${y.shape.join(', ')}]`,
      { argument: 'y' },
    );
  }
  const trainer = await createDataParallelTrainer(model, trainerOptions);
  const rng = new RandomState(seed);
  const history: number[] = [];
  try {
    for (let epoch = 0; epoch < epochs; epoch++) {
      const order = shuffle ? rng.permutation(m) : Int32Array.from({ length: m }, (_, i) => i);
      const loss = await trainEpoch(trainer, x, y, order, batchSize, onBatchEnd);
      history.push(loss);
      await onEpochEnd?.(epoch, { loss });
    }
  } finally {
    await trainer.dispose();
  }
  return { history: { loss: history }, workers: trainer.workers, fallback: trainer.fallback };
}

/** One pass over the examples in `order`; returns the epoch's mean loss. */
async function trainEpoch(
  trainer: DataParallelTrainer,
  x: tf.Tensor,
  y: tf.Tensor,
  order: Int32Array,
  batchSize: number,
  onBatchEnd: FitDataParallelOptions['onBatchEnd'],
): Promise<number> {
  let total = 0;
  for (let begin = 0, batch = 0; begin < order.length; begin += batchSize, batch++) {
    const rows = tf.tensor1d(order.subarray(begin, begin + batchSize), 'int32');
    const [xb, yb] = [tf.gather(x, rows), tf.gather(y, rows)];
    try {
      const loss = await trainer.trainStep(xb, yb);
      total += loss * (rows.shape[0] as number);
      await onBatchEnd?.(batch, { loss });
    } finally {
      tf.dispose([rows, xb, yb]);
    }
  }
  return total / order.length;
}

function checkedOptions(options: FitDataParallelOptions) {
  const o = assertOptions(FN, 'options', options, [
    'epochs',
    'batchSize',
    'shuffle',
    'seed',
    'onEpochEnd',
    'onBatchEnd',
    'workers',
    'loss',
    'optimizer',
    'imports',
  ]);
  const { epochs = 1, batchSize = 32, shuffle = true, seed = 0, ...rest } = o;
  if (typeof shuffle !== 'boolean') {
    throw new DlkitError('value', FN, `options.shuffle must be a boolean, got ${String(shuffle)}`, {
      argument: 'options.shuffle',
    });
  }
  return {
    ...rest,
    epochs: assertNumber(FN, 'options.epochs', epochs, { integer: true, min: 0, max: 1e6 }),
    batchSize: assertNumber(FN, 'options.batchSize', batchSize, {
      integer: true,
      min: 1,
      max: 2 ** 24,
    }),
    shuffle,
    seed: assertNumber(FN, 'options.seed', seed, { integer: true, min: 0, max: 2 ** 32 - 1 }),
  };
}
