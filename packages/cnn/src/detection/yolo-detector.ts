import * as tf from '@tensorflow/tfjs';
import { DlkitError, assertNumber, assertSize, describeValue } from '@dlkit/core';
import {
  checkInputShape,
  initializerFor,
  readSeed,
  type BuilderOptions,
} from '../models/builder-options.js';

/**
 * Options of `yoloDetector`.
 *
 * @category C4 W3 · Object detection
 */
export interface YoloDetectorOptions extends BuilderOptions {
  /**
   * Filters of each 3×3 convolution block (conv, batch norm, leaky ReLU 0.1, 2×2 max pool); each
   * block halves the image, so the grid is `S = side / 2^blocks`. Default `[16, 32, 64]`.
   */
  filters?: number[];
}

function readFilters(fn: string, value: unknown): number[] {
  if (value === undefined) return [16, 32, 64];
  if (!Array.isArray(value) || value.length === 0 || value.length > 8) {
    throw new DlkitError(
      'value',
      fn,
      `options.filters must be an array of 1 to 8 sizes, got ${describeValue(value)}`,
      {
        argument: 'options.filters',
      },
    );
  }
  return value.map((f, i) =>
    assertNumber(fn, `options.filters[${i}]`, f, { integer: true, min: 1, max: 1024 }),
  );
}

/** conv 3×3 → batch norm → leaky ReLU, named `${name}_conv`, `_bn`, `_leaky`. */
function convBlock(
  x: tf.SymbolicTensor,
  filters: number,
  name: string,
  seed: number,
): tf.SymbolicTensor {
  const conv = tf.layers.conv2d({
    filters,
    kernelSize: 3,
    padding: 'same',
    useBias: false,
    name: `${name}_conv`,
    kernelInitializer: initializerFor('heNormal', seed, `${name}_conv`),
  });
  const bn = tf.layers.batchNormalization({ axis: 3, name: `${name}_bn` });
  const act = tf.layers.leakyReLU({ alpha: 0.1, name: `${name}_leaky` });
  return act.apply(bn.apply(conv.apply(x))) as tf.SymbolicTensor;
}

/**
 * A small YOLO-style detector, a scaled-down cousin of the course's YOLOv2 (Darknet-19 body):
 * blocks of 3×3 convolution, batch norm, leaky ReLU and 2×2 max pooling down to an `S × S` grid, one
 * more 3×3 block, and a 1×1 convolution giving each cell `B · (5 + C)` raw numbers, the layout
 * `yoloHead` decodes. Its layers are tfjs's own, so it saves and loads with `model.save` and
 * `tf.loadLayersModel`; it is not compiled (train it with `yoloLoss` against `yoloTargets`).
 *
 * @param inputShape - `[nH, nW, nC]` of the images; `nH` and `nW` divisible by `2^blocks`.
 * @param numAnchors - `B`, anchors per cell (e.g. from `kmeansAnchors`).
 * @param numClasses - `C`.
 * @param options - `filters` per block (default `[16, 32, 64]`) and `seed` (default 0).
 * @returns An uncompiled `tf.LayersModel` from `[m, nH, nW, nC]` to `[m, S, S, B · (5 + C)]`. The caller
 *   owns it (`model.dispose()`).
 *
 * @example
 * ```ts
 * import * as tf from '@tensorflow/tfjs';
 * import { yoloDetector } from '@dlkit/cnn';
 * const model = yoloDetector([32, 32, 3], 2, 3, { filters: [4, 8], seed: 1 });
 * console.log(model.outputs[0]!.shape); // [null, 8, 8, 16]
 * model.dispose();
 * ```
 *
 * @category C4 W3 · Object detection
 */
export function yoloDetector(
  inputShape: [number, number, number],
  numAnchors: number,
  numClasses: number,
  options: YoloDetectorOptions = {},
): tf.LayersModel {
  const fn = 'yoloDetector';
  const shape = checkInputShape(fn, inputShape, 2);
  const b = assertSize(fn, 'numAnchors', numAnchors, 1);
  const c = assertSize(fn, 'numClasses', numClasses, 1);
  if (b > 64 || c > 1000) {
    throw new DlkitError(
      'value',
      fn,
      `numAnchors must be at most 64 and numClasses at most 1000, got ${b} and ${c}`,
      {
        argument: b > 64 ? 'numAnchors' : 'numClasses',
      },
    );
  }
  const seed = readSeed(fn, options, ['filters']);
  const filters = readFilters(fn, options?.filters);
  const step = 2 ** filters.length;
  if (shape[0] % step !== 0 || shape[1] % step !== 0) {
    throw new DlkitError(
      'value',
      fn,
      `inputShape's sides must be divisible by 2^${filters.length} = ${step} (one halving per block), got [${shape.join(', ')}]`,
      { argument: 'inputShape' },
    );
  }
  const input = tf.input({ shape, name: 'images' });
  let x: tf.SymbolicTensor = input;
  filters.forEach((f, i) => {
    x = convBlock(x, f, `block${i + 1}`, seed);
    x = tf.layers
      .maxPooling2d({ poolSize: 2, name: `block${i + 1}_pool` })
      .apply(x) as tf.SymbolicTensor;
  });
  x = convBlock(x, filters.at(-1)! * 2, 'neck', seed);
  const head = tf.layers.conv2d({
    filters: b * (5 + c),
    kernelSize: 1,
    name: 'yolo_output',
    kernelInitializer: initializerFor('glorotUniform', seed, 'yolo_output'),
  });
  return tf.model({
    inputs: input,
    outputs: head.apply(x) as tf.SymbolicTensor,
    name: 'yolo_detector',
  });
}
