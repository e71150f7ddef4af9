import * as tf from '@tensorflow/tfjs';
import type * as NodeOs from 'node:os';
import { assertNumber, assertOneOf, assertOptions, DlkitError, nodeImport } from '@dlkit/core';
import { PARALLEL_LOSSES, type ParallelLoss } from './parallel-loss.js';

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

/** The options of a trainer, checked, with their defaults. */
export interface TrainerSetup {
  loss: ParallelLoss;
  optimizer: tf.Optimizer;
  imports: string[];
  /** The workers that will run. */
  workers: number;
  /** Why fewer workers run than were asked for, if they do. */
  fallback: string | undefined;
}

const FN = 'createDataParallelTrainer';

/**
 * Checks the model and the options of {@link createDataParallelTrainer} and fills in the
 * defaults: the model's compiled loss and optimizer, one worker per further core, none where
 * workers cannot run.
 *
 * @param model - The model to train.
 * @param options - What the caller gave.
 * @returns The setup.
 */
export async function trainerSetup(
  model: unknown,
  options: DataParallelOptions | undefined,
): Promise<TrainerSetup> {
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
  const fallback = asked === 0 ? undefined : await workersUnavailable();
  return { loss, optimizer, imports, workers: fallback === undefined ? asked : 0, fallback };
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
