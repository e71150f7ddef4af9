import * as tf from '@tensorflow/tfjs';
import { DlkitError } from '../tensor/errors.js';
import type { Gradients, Parameters } from '../tensor/parameters.js';
import { assertShape } from '../tensor/shapes.js';
import { assertNumber } from '../tensor/values.js';
import {
  MAX_ELEMENTS,
  assertOptions,
  assertTensor,
  assertTensorRecord,
  describeValue,
} from '../tensor/arguments.js';

/**
 * Where each parameter sits in the flat vector of {@link dictionaryToVector}.
 *
 * @category C2 W1 · Gradient checking
 */
export interface VectorLayout {
  /** Parameter keys in vector order, e.g. `['W1', 'b1', 'W2', 'b2']`. */
  keys: string[];
  /** The shape of each key's tensor. */
  shapes: number[][];
  /** Where each key starts in the vector. */
  offsets: number[];
  /** The vector's length. */
  size: number;
}

/**
 * The default `ε` of {@link gradientCheck}: `1e-3`, not the course's `1e-7` (which vanishes next
 * to any parameter above 1 in float32). tfjs computes in float32 (unit round-off `u ≈ 6e-8`): the
 * central difference's rounding error is about `u |J| / ε` and its truncation error grows as `ε²`;
 * a larger `ε` also makes a perturbation cross a ReLU kink more often. Measured on ReLU nets of 2
 * to 4 layers (see `docs/core/gradcheck.md`), `1e-3` gave the smallest worst-case difference for
 * correct gradients over costs computed from the logits and from `AL`.
 *
 * @category C2 W1 · Gradient checking
 */
export const GRADCHECK_EPSILON = 1e-3;

/**
 * The default pass threshold of {@link gradientCheck}: `5e-2` on the relative difference. At
 * `ε = 1e-3` correct backward passes measured `2e-5 … 1.5e-2` in float32 (the course's float64
 * `2e-7` is out of reach), while the course's deliberate bugs (`dW2` doubled, `db1` times 4)
 * measured `0.22 … 0.39`: the threshold sits between, with a factor 3 of margin on each side.
 * Float32 cannot reliably flag an error of 10% in a single bias vector (about `1e-2`).
 *
 * @category C2 W1 · Gradient checking
 */
export const GRADCHECK_THRESHOLD = 5e-2;

/**
 * A parameter dictionary flattened by {@link dictionaryToVector}.
 *
 * @category C2 W1 · Gradient checking
 */
export interface VectorizedParameters {
  /** All parameters in one column, `[n, 1]` (a new tensor). */
  theta: tf.Tensor2D;
  /** Where each parameter sits in `theta`. */
  layout: VectorLayout;
}

/**
 * One entry of a parameter dictionary.
 *
 * @category C2 W1 · Gradient checking
 */
export interface ParameterEntry {
  /** The parameter's key, e.g. `W2`. */
  key: string;
  /** The entry's flat (row-major) index inside that parameter. */
  index: number;
}

/** Options of {@link gradientCheck}. */
export interface GradientCheckOptions {
  /** The step `ε` of the central differences (default {@link GRADCHECK_EPSILON}). */
  epsilon?: number;
  /** The largest relative difference that passes (default {@link GRADCHECK_THRESHOLD}). */
  threshold?: number;
  /** The keys to check, in order (default: every key of `parameters`, sorted as `W1, b1, W2, …`). */
  keys?: string[];
}

/** What {@link gradientCheck} returns. */
export interface GradientCheckResult {
  /** `‖grad - gradApprox‖ / (‖grad‖ + ‖gradApprox‖)`. */
  difference: number;
  /** Whether `difference` is at most the threshold. */
  passed: boolean;
  /** The hand-written gradient, flattened in layout order. */
  grad: Float64Array;
  /** The central-difference estimate, flattened the same way. */
  gradApprox: Float64Array;
  /** The layout of both vectors. */
  layout: VectorLayout;
  /** The parameter entry whose gradient disagrees most, e.g. `{ key: 'W2', index: 3 }`. */
  worst: ParameterEntry;
}

/** Sorts `W1, b1, W2, b2, …`: by layer number, then by name. */
function defaultKeys(parameters: Parameters, fn: string, argument = 'parameters'): string[] {
  assertTensorRecord(fn, argument, parameters);
  const layer = (k: string): number => Number(/\d+$/.exec(k)?.[0] ?? Infinity);
  return Object.keys(parameters).sort(
    (a, b) => layer(a) - layer(b) || (a < b ? -1 : a > b ? 1 : 0),
  );
}

/** Checks a layout from `dictionaryToVector`: keys, shapes and offsets that agree with its size. */
function checkLayout(fn: string, layout: VectorLayout): void {
  const ok =
    layout !== null &&
    typeof layout === 'object' &&
    Array.isArray(layout.keys) &&
    Array.isArray(layout.shapes) &&
    Array.isArray(layout.offsets) &&
    layout.keys.length === layout.shapes.length &&
    layout.keys.length === layout.offsets.length &&
    Number.isInteger(layout.size) &&
    layout.size >= 0 &&
    layout.size <= MAX_ELEMENTS;
  if (!ok) {
    throw new DlkitError(
      'value',
      fn,
      `layout must be the layout dictionaryToVector returned, got ${describeValue(layout)}`,
      {
        argument: 'layout',
      },
    );
  }
}

function layoutOf(fn: string, parameters: Parameters, keys: string[]): VectorLayout {
  assertTensorRecord(fn, 'parameters', parameters);
  if (!Array.isArray(keys) || !keys.every((k) => typeof k === 'string')) {
    throw new DlkitError(
      'value',
      fn,
      `keys must be an array of parameter names, got ${describeValue(keys)}`,
      {
        argument: 'keys',
      },
    );
  }
  if (keys.length === 0) {
    throw new DlkitError('value', fn, 'keys must name at least one parameter, got none', {
      argument: 'keys',
    });
  }
  const shapes: number[][] = [];
  const offsets: number[] = [];
  let size = 0;
  for (const k of keys) {
    const t = parameters[k];
    if (!(t instanceof tf.Tensor)) {
      throw new DlkitError('value', fn, `parameters has no tensor ${k}`, { argument: 'keys' });
    }
    offsets.push(size);
    shapes.push(t.shape.slice());
    size += t.size;
  }
  return { keys: [...keys], shapes, offsets, size };
}

/**
 * Flattens a parameter dictionary into one column vector (the course's `dictionary_to_vector`),
 * key after key, each tensor in row-major order.
 *
 * @param parameters - `{ W1, b1, … }`.
 * @param keys - The order (default `W1, b1, W2, b2, …`).
 * @returns `theta` (a new `[n, 1]` tensor) and the {@link VectorLayout} to undo it.
 *
 * @example
 * ```ts
 * import * as tf from '@tensorflow/tfjs';
 * import { dictionaryToVector, vectorToDictionary } from '@dlkit/core';
 * const p = { W1: tf.tensor2d([[1, 2]]), b1: tf.tensor2d([[3]]) };
 * const { theta, layout } = dictionaryToVector(p);
 * theta.print(); // [[1], [2], [3]]
 * const back = vectorToDictionary(theta, layout);
 * back['W1']!.print(); // [[1, 2]]
 * tf.dispose([theta, ...Object.values(p), ...Object.values(back)]);
 * ```
 *
 * @category C2 W1 · Gradient checking
 */
export function dictionaryToVector(
  parameters: Parameters,
  keys: string[] = defaultKeys(parameters, 'dictionaryToVector'),
): VectorizedParameters {
  const layout = layoutOf('dictionaryToVector', parameters, keys);
  const theta = tf.tidy(
    () =>
      tf.concat(
        keys.map((k) => (parameters[k] as tf.Tensor).reshape([-1, 1])),
        0,
      ) as tf.Tensor2D,
  );
  return { theta, layout };
}

/**
 * Rebuilds a parameter dictionary from a vector (the course's `vector_to_dictionary`).
 *
 * @param theta - `[n, 1]` (or `[n]`), as {@link dictionaryToVector} made it.
 * @param layout - The layout {@link dictionaryToVector} returned.
 * @returns A new dictionary of new tensors.
 *
 * @example
 * ```ts
 * import * as tf from '@tensorflow/tfjs';
 * import { vectorToDictionary } from '@dlkit/core';
 * const theta = tf.tensor2d([[1], [2], [3]]);
 * const p = vectorToDictionary(theta, { keys: ['W1', 'b1'], shapes: [[1, 2], [1, 1]], offsets: [0, 2], size: 3 });
 * p['b1']!.print(); // [[3]]
 * tf.dispose([theta, ...Object.values(p)]);
 * ```
 *
 * @category C2 W1 · Gradient checking
 */
export function vectorToDictionary(theta: tf.Tensor, layout: VectorLayout): Parameters {
  const fn = 'vectorToDictionary';
  assertTensor(fn, 'theta', theta);
  checkLayout(fn, layout);
  if (theta.rank === 1) assertShape(fn, 'theta', theta, [layout.size]);
  else assertShape(fn, 'theta', theta, [layout.size, 1]);
  return tf.tidy(() => {
    const flat = theta.reshape([-1]);
    const out: Parameters = {};
    layout.keys.forEach((k, i) => {
      const shape = layout.shapes[i] as number[];
      const n = shape.reduce((a, b) => a * b, 1);
      out[k] = flat.slice(layout.offsets[i] as number, n).reshape(shape);
    });
    return out;
  });
}

/**
 * Flattens gradients `{ dW1, db1, … }` in the order of a parameter layout (the course's
 * `gradients_to_vector`).
 *
 * @param gradients - `{ dW1, db1, … }`; keys not in the layout (such as `dA1`) are ignored.
 * @param layout - The parameters' layout.
 * @returns A new `[n, 1]` tensor.
 *
 * @example
 * ```ts
 * import * as tf from '@tensorflow/tfjs';
 * import { dictionaryToVector, gradientsToVector } from '@dlkit/core';
 * const p = { W1: tf.tensor2d([[1, 2]]), b1: tf.tensor2d([[3]]) };
 * const g = { dW1: tf.tensor2d([[0.1, 0.2]]), db1: tf.tensor2d([[0.3]]), dA0: tf.ones([2, 1]) };
 * const { theta, layout } = dictionaryToVector(p);
 * const gv = gradientsToVector(g, layout);
 * gv.print(); // [[0.1], [0.2], [0.3]]
 * tf.dispose([theta, gv, ...Object.values(p), ...Object.values(g)]);
 * ```
 *
 * @category C2 W1 · Gradient checking
 */
export function gradientsToVector(gradients: Gradients, layout: VectorLayout): tf.Tensor2D {
  const fn = 'gradientsToVector';
  assertTensorRecord(fn, 'gradients', gradients);
  checkLayout(fn, layout);
  layout.keys.forEach((k, i) => {
    const g = gradients[`d${k}`];
    if (g === undefined) {
      throw new DlkitError('value', fn, `gradients has no d${k}`, { argument: 'gradients' });
    }
    assertShape(fn, `gradients.d${k}`, g, layout.shapes[i] as number[]);
  });
  return tf.tidy(
    () =>
      tf.concat(
        layout.keys.map((k) => (gradients[`d${k}`] as tf.Tensor).reshape([-1, 1])),
        0,
      ) as tf.Tensor2D,
  );
}

function norm(v: Float64Array): number {
  let s = 0;
  for (const x of v) s += x * x;
  return Math.sqrt(s);
}

/**
 * Gradient checking (the course's `gradient_check_n`): compares a hand-written gradient with the
 * two-sided difference `(J(θ + ε eᵢ) - J(θ - ε eᵢ)) / 2ε` for every entry `i` of every parameter,
 * and reports `difference = ‖grad - gradApprox‖ / (‖grad‖ + ‖gradApprox‖)`.
 *
 * Float32: ε and the threshold default to {@link GRADCHECK_EPSILON} and
 * {@link GRADCHECK_THRESHOLD}; the perturbed values are rounded to float32 before the cost sees
 * them, and the step actually taken (`fround(θ + ε) - fround(θ - ε)`) is the divisor. Compute
 * the cost from the logits (`binaryCrossEntropyWithLogits`) where you can: float32's
 * `log(1 - AL)` near a saturated output adds noise (on the course's test case `5e-5` from the
 * logits against `3e-3` from `AL`).
 *
 * @param parameters - `{ W1, b1, … }` at which to check (not modified).
 * @param gradients - The hand-written `{ dW1, db1, … }` at `parameters`.
 * @param cost - `J`: the cost as a function of a parameter dictionary (a number or a scalar
 *   tensor; tensors it creates are tidied).
 * @param options - `epsilon`, `threshold`, `keys`.
 * @returns The difference, whether it passed, both vectors and the worst entry.
 *
 * @example
 * ```ts
 * import * as tf from '@tensorflow/tfjs';
 * import { gradientCheck } from '@dlkit/core';
 * const parameters = { W1: tf.tensor2d([[0.5, -1]]) };
 * const x = tf.tensor2d([[2], [3]]);
 * const cost = (p: Record<string, tf.Tensor>) => tf.matMul(p['W1']!, x).square().sum() as tf.Scalar;
 * // J = (W x)², so dJ/dW = 2 (W x) xᵀ
 * const gradients = { dW1: tf.tidy(() => tf.matMul(parameters.W1, x).mul(2).matMul(x.transpose())) };
 * const { difference, passed } = gradientCheck(parameters, gradients, cost);
 * console.log(difference, passed); // about 2e-5 (float32 rounding), true
 * tf.dispose([parameters.W1, x, gradients.dW1]);
 * ```
 *
 * @category C2 W1 · Gradient checking
 */
export function gradientCheck(
  parameters: Parameters,
  gradients: Gradients,
  cost: (parameters: Parameters) => number | tf.Scalar,
  options: GradientCheckOptions = {},
): GradientCheckResult {
  const fn = 'gradientCheck';
  const {
    epsilon = GRADCHECK_EPSILON,
    threshold = GRADCHECK_THRESHOLD,
    keys = defaultKeys(parameters, fn),
  } = assertOptions(fn, 'options', options, ['epsilon', 'threshold', 'keys']);
  assertTensorRecord(fn, 'gradients', gradients);
  if (typeof cost !== 'function') {
    throw new DlkitError(
      'value',
      fn,
      `cost must be a function of the parameters, got ${describeValue(cost)}`,
      {
        argument: 'cost',
      },
    );
  }
  assertNumber(fn, 'epsilon', epsilon, { min: 0, minExclusive: true });
  assertNumber(fn, 'threshold', threshold, { min: 0 });
  if (typeof cost !== 'function') {
    throw new DlkitError('value', fn, 'cost must be a function of a parameter dictionary', {
      argument: 'cost',
    });
  }
  const layout = layoutOf(fn, parameters, keys);
  const gv = gradientsToVector(gradients, layout);
  const grad = Float64Array.from(gv.dataSync());
  gv.dispose();
  const values = keys.map((k) => Float32Array.from((parameters[k] as tf.Tensor).dataSync()));
  const evaluate = (keyIndex: number, flat: Float32Array): number =>
    tf.tidy(() => {
      const p: Parameters = { ...parameters };
      const k = keys[keyIndex] as string;
      p[k] = tf.tensor(flat, layout.shapes[keyIndex] as number[]);
      const J = cost(p);
      const v = typeof J === 'number' ? J : (J.dataSync()[0] as number);
      if (!Number.isFinite(v)) {
        throw new DlkitError('value', fn, `cost returned ${v} at a perturbed ${k}`, {
          argument: 'cost',
        });
      }
      return v;
    });
  const gradApprox = new Float64Array(layout.size);
  keys.forEach((_, ki) => {
    const flat = values[ki] as Float32Array;
    for (let j = 0; j < flat.length; j++) {
      const orig = flat[j] as number;
      const plus = Math.fround(orig + epsilon);
      const minus = Math.fround(orig - epsilon);
      if (plus === minus) {
        throw new DlkitError(
          'value',
          fn,
          `epsilon ${epsilon} vanishes in float32 next to ${keys[ki]}[${j}] = ${orig}; use a larger epsilon`,
          { argument: 'epsilon' },
        );
      }
      flat[j] = plus;
      const Jplus = evaluate(ki, flat);
      flat[j] = minus;
      const Jminus = evaluate(ki, flat);
      flat[j] = orig;
      gradApprox[(layout.offsets[ki] as number) + j] = (Jplus - Jminus) / (plus - minus);
    }
  });
  const diff = new Float64Array(layout.size);
  let worstAt = 0;
  for (let i = 0; i < diff.length; i++) {
    diff[i] = (grad[i] as number) - (gradApprox[i] as number);
    if (Math.abs(diff[i] as number) > Math.abs(diff[worstAt] as number)) worstAt = i;
  }
  const denominator = norm(grad) + norm(gradApprox);
  const difference = denominator === 0 ? 0 : norm(diff) / denominator;
  let wk = 0;
  while (wk + 1 < keys.length && (layout.offsets[wk + 1] as number) <= worstAt) wk++;
  return {
    difference,
    passed: difference <= threshold,
    grad,
    gradApprox,
    layout,
    worst: { key: keys[wk] as string, index: worstAt - (layout.offsets[wk] as number) },
  };
}
