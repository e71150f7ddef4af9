import * as tf from '@tensorflow/tfjs';
import { DlkitError, assertNumber, assertOneOf, assertOptions, describeValue } from '@dlkit/core';

/**
 * The weight initialisers the model builders accept, by Keras's names in camelCase: the course's
 * identity block uses `random_uniform` (uniform in [-0.05, 0.05]), its convolutional block
 * `glorot_uniform`; `heNormal` suits ReLU networks trained from scratch.
 *
 * @category C4 W2 · Residual networks
 */
export type InitializerName = 'glorotUniform' | 'randomUniform' | 'heNormal';

/** The accepted initialiser names, for checks. */
export const INITIALIZER_NAMES: readonly InitializerName[] = [
  'glorotUniform',
  'randomUniform',
  'heNormal',
];

/**
 * The options every model builder takes.
 *
 * @category C4 W1 · Convolutional model application
 */
export interface BuilderOptions {
  /**
   * The seed of every initialiser (an integer in [0, 2^31 - 1], default 0). Each layer's
   * initialiser gets its own seed derived from this one and the layer's name, so the same seed
   * gives the same weights, and two layers of one shape do not start equal.
   */
  seed?: number;
}

/** Checks a builder's `{ seed }` options and returns the seed. */
export function readSeed(fn: string, options: unknown, extra: readonly string[] = []): number {
  const o = assertOptions(fn, 'options', options as Record<string, unknown> | undefined, [
    'seed',
    ...extra,
  ]);
  return o.seed === undefined
    ? 0
    : assertNumber(fn, 'options.seed', o.seed, { integer: true, min: 0, max: 2 ** 31 - 1 });
}

/** Checks an initialiser option. */
export function readInitializer(
  fn: string,
  value: unknown,
  fallback: InitializerName,
): InitializerName {
  return value === undefined
    ? fallback
    : assertOneOf(fn, 'options.initializer', value, INITIALIZER_NAMES);
}

/** A seed for one layer: FNV-1a of its name, mixed with the model's seed (31 bits). */
export function layerSeed(seed: number, name: string): number {
  let h = 0x811c9dc5 ^ seed;
  for (let i = 0; i < name.length; i++) {
    h ^= name.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return (h >>> 0) & 0x7fffffff;
}

/** The seeded initialiser `kind` for the layer `name`. */
export function initializerFor(
  kind: InitializerName,
  seed: number,
  name: string,
): ReturnType<typeof tf.initializers.glorotUniform> {
  const s = layerSeed(seed, name);
  if (kind === 'randomUniform') {
    return tf.initializers.randomUniform({ minval: -0.05, maxval: 0.05, seed: s });
  }
  return kind === 'heNormal'
    ? tf.initializers.heNormal({ seed: s })
    : tf.initializers.glorotUniform({ seed: s });
}

/** The largest image side the builders accept (far above the course's 64 and ImageNet's 224). */
export const MAX_IMAGE_SIDE = 4096;
/** The most classes a builder's softmax head accepts. */
export const MAX_CLASSES = 100_000;

/**
 * Checks an image shape `[nH, nW, nC]`: whole numbers, sides in `[minSide, MAX_IMAGE_SIDE]`,
 * channels in `[1, 64]`.
 */
export function checkInputShape(
  fn: string,
  value: unknown,
  minSide: number,
): [number, number, number] {
  if (!Array.isArray(value) || value.length !== 3) {
    throw new DlkitError(
      'value',
      fn,
      `inputShape must be an array [nH, nW, nC], got ${describeValue(value)}`,
      { argument: 'inputShape' },
    );
  }
  const [h, w, c] = value as unknown[];
  return [
    assertNumber(fn, 'inputShape[0]', h, { integer: true, min: minSide, max: MAX_IMAGE_SIDE }),
    assertNumber(fn, 'inputShape[1]', w, { integer: true, min: minSide, max: MAX_IMAGE_SIDE }),
    assertNumber(fn, 'inputShape[2]', c, { integer: true, min: 1, max: 64 }),
  ];
}

/** Checks a number of classes (at least 2, at most {@link MAX_CLASSES}). */
export function checkClasses(fn: string, value: unknown): number {
  return assertNumber(fn, 'classes', value, { integer: true, min: 2, max: MAX_CLASSES });
}
