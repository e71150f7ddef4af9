// The pieces the residual blocks are made of, and the checks of their arguments. Internal.
import * as tf from '@tensorflow/tfjs';
import { DlkitError, assertNumber, assertString, describeValue } from '@dlkit/core';
import {
  initializerFor,
  readInitializer,
  readSeed,
  type InitializerName,
} from '../models/builder-options.js';

/** The largest filter count a block accepts. */
const MAX_FILTERS = 8192;

/** What a block's checked options hold. */
export interface CheckedBlockOptions {
  initializer: InitializerName;
  seed: number;
  name: string;
}

/** Checks that `X` (the argument `argument`) is a symbolic `[null, nH, nW, nC]` tensor and returns `[nH, nW, nC]`. */
export function checkSymbolicImage(
  fn: string,
  X: unknown,
  argument = 'X',
): [number, number, number] {
  if (!(X instanceof tf.SymbolicTensor)) {
    throw new DlkitError(
      'value',
      fn,
      `${argument} must be a tf.SymbolicTensor (the output of tf.input or of a layer's apply), got ${describeValue(X)}`,
      { argument },
    );
  }
  const [, h, w, c] = X.shape;
  if (X.shape.length !== 4 || [h, w, c].some((d) => typeof d !== 'number')) {
    throw new DlkitError(
      'shape',
      fn,
      `${argument} must have shape [null, nH, nW, nC] with known nH, nW, nC, got [${X.shape.map(String).join(', ')}]`,
      { argument },
    );
  }
  return [h as number, w as number, c as number];
}

/** Checks a filter list `[F1, F2, …]` of `n` whole counts. */
export function checkFilters(fn: string, filters: unknown, n: number): number[] {
  if (!Array.isArray(filters) || filters.length !== n) {
    throw new DlkitError(
      'value',
      fn,
      `filters must be an array of ${n} filter counts, got ${describeValue(filters)}`,
      { argument: 'filters' },
    );
  }
  return filters.map((F, i) =>
    assertNumber(fn, `filters[${i}]`, F, { integer: true, min: 1, max: MAX_FILTERS }),
  );
}

/** The largest window a block's `same` convolution accepts (zero padding makes any size fit). */
const MAX_WINDOW = 64;

/** Checks the window size `f` of a block's middle (`same`) convolution. */
export function checkWindow(fn: string, f: unknown): number {
  return assertNumber(fn, 'f', f, { integer: true, min: 1, max: MAX_WINDOW });
}

/** Checks a block's `{ initializer, seed, name }` options. */
export function readBlockOptions(
  fn: string,
  options: unknown,
  X: tf.SymbolicTensor,
  fallback: InitializerName,
): CheckedBlockOptions {
  const seed = readSeed(fn, options, ['initializer', 'name']);
  const o = (options ?? {}) as { initializer?: unknown; name?: unknown };
  const name =
    o.name === undefined ? `${X.sourceLayer.name}_block` : assertString(fn, 'options.name', o.name);
  return { initializer: readInitializer(fn, o.initializer, fallback), seed, name };
}

/** What one convolution + batch norm takes. */
export interface ConvBnSpec {
  filters: number;
  kernelSize: number;
  strides: number;
  padding: 'same' | 'valid';
  /** The layers' name stem: `<name>_conv`, `<name>_bn`. */
  name: string;
  initializer: InitializerName;
  seed: number;
  /** Whether the convolution has a bias (the course's blocks do; ResNet-18/34's do not). */
  useBias: boolean;
}

/** A `Conv2D` followed by a `BatchNormalization` over channels (axis 3). */
export function convBn(x: tf.SymbolicTensor, spec: ConvBnSpec): tf.SymbolicTensor {
  const conv = tf.layers.conv2d({
    filters: spec.filters,
    kernelSize: spec.kernelSize,
    strides: spec.strides,
    padding: spec.padding,
    useBias: spec.useBias,
    name: `${spec.name}_conv`,
    kernelInitializer: initializerFor(spec.initializer, spec.seed, `${spec.name}_conv`),
  });
  const bn = tf.layers.batchNormalization({ axis: 3, name: `${spec.name}_bn` });
  return bn.apply(conv.apply(x)) as tf.SymbolicTensor;
}

/** A ReLU layer named `name`. */
export function relu(x: tf.SymbolicTensor, name: string): tf.SymbolicTensor {
  return tf.layers.reLU({ name }).apply(x) as tf.SymbolicTensor;
}

/** The residual connection: `relu(main + shortcut)`, layers `<name>_add` and `<name>_out`. */
export function addAndRelu(
  main: tf.SymbolicTensor,
  shortcut: tf.SymbolicTensor,
  name: string,
): tf.SymbolicTensor {
  const sum = tf.layers.add({ name: `${name}_add` }).apply([main, shortcut]) as tf.SymbolicTensor;
  return relu(sum, `${name}_out`);
}
