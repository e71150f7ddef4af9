import type { ParallelLoss } from './parallel-loss.js';

/** A tensor's values sent to a worker (the buffer is transferred, not copied). */
export interface TensorMessage {
  shape: number[];
  dtype: 'float32' | 'int32';
  values: Float32Array | Int32Array;
}

/** Main thread → worker, once: what to build and where the shared buffers are. */
export interface InitMessage {
  type: 'init';
  /** `model.toJSON(null, false)`: the topology, rebuilt with `tf.models.modelFromJSON`. */
  topology: unknown;
  /** Module URLs to import first (they register custom layers). */
  imports: string[];
  /** The tfjs backend the main thread runs on. */
  backend: string;
  loss: ParallelLoss;
  /** The trainable weights, written by the main thread before each step. */
  weights: SharedArrayBuffer;
  /** This worker's gradients, written by the worker during each step. */
  grads: SharedArrayBuffer;
}

/** Main thread → worker: compute the gradients of one shard. */
export interface StepMessage {
  type: 'step';
  x: TensorMessage;
  y: TensorMessage;
  /** The shard's share of the batch. */
  fraction: number;
}

/** Main thread → worker messages. */
export type ToWorker = InitMessage | StepMessage;

/** Worker → main thread messages. */
export type FromWorker =
  | { type: 'ready'; shapes: number[][] }
  | { type: 'stepped'; loss: number }
  | { type: 'failed'; message: string };
