// The 3-layer network LINEAR → RELU → LINEAR → RELU → LINEAR → SIGMOID that the course-2
// notebooks share (`init_utils`, `reg_utils`, `gc_utils`, `opt_utils`), with the notebooks'
// cache `(Z1, A1, W1, b1, Z2, A2, W2, b2, Z3, A3, W3, b3)` as a dictionary.
import * as tf from '@tensorflow/tfjs';
import {
  DlkitError,
  ShapeChecker,
  assertDtype,
  assertFinite,
  type Gradients,
  type Parameters,
} from '@dlkit/core';
import { checkDict, checkTensor } from '../internal/checks.js';

/**
 * The cache of the course-2 three-layer network's forward pass, keyed by the notebooks' names.
 * Every tensor in it is new and owned by the caller (`W1 … b3` are clones of the parameters,
 * sharing their data), so `tf.dispose(cache)` frees it.
 *
 * @category C2 W1 · Initialization
 */
export type ThreeLayerCache = {
  /** `[n1, m]`. */ Z1: tf.Tensor2D;
  /** `[n1, m]`: `relu(Z1)`. */ A1: tf.Tensor2D;
  /** `[n1, nX]`. */ W1: tf.Tensor2D;
  /** `[n1, 1]`. */ b1: tf.Tensor2D;
  /** `[n2, m]`. */ Z2: tf.Tensor2D;
  /** `[n2, m]`: `relu(Z2)`. */ A2: tf.Tensor2D;
  /** `[n2, n1]`. */ W2: tf.Tensor2D;
  /** `[n2, 1]`. */ b2: tf.Tensor2D;
  /** `[1, m]`. */ Z3: tf.Tensor2D;
  /** `[1, m]`: `sigmoid(Z3)`. */ A3: tf.Tensor2D;
  /** `[1, n2]`. */ W3: tf.Tensor2D;
  /** `[1, 1]`. */ b3: tf.Tensor2D;
};

/**
 * What the three-layer forward pass returns: the notebooks' `(a3, cache)`.
 *
 * @category C2 W1 · Initialization
 */
export type ThreeLayerForward = {
  /** `[1, m]`: the output probabilities. */
  A3: tf.Tensor2D;
  /** What the backward pass needs. */
  cache: ThreeLayerCache;
};

const KEYS = ['W1', 'b1', 'W2', 'b2', 'W3', 'b3'] as const;

/**
 * Checks `X` `[nX, m]`, the parameters of the three-layer network and, when given, `Y` `[1, m]`.
 *
 * @internal
 */
export function checkThreeLayer(
  fn: string,
  X: unknown,
  parameters: unknown,
  Y?: unknown,
): Parameters {
  const x = checkTensor(fn, 'X', X);
  assertDtype(fn, 'X', x, ['float32']);
  const p = checkDict(fn, 'parameters', parameters);
  for (const k of KEYS) {
    if (!(p[k] instanceof tf.Tensor)) {
      throw new DlkitError('value', fn, `parameters has no ${k} (the network has 3 layers)`, {
        argument: 'parameters',
      });
    }
  }
  for (const k of KEYS) assertDtype(fn, `parameters.${k}`, p[k]!, ['float32']);
  const shapes = new ShapeChecker(fn).check('X', x, ['nX', 'm']);
  shapes
    .check('parameters.W1', p['W1']!, ['n1', 'nX'])
    .check('parameters.b1', p['b1']!, ['n1', 1])
    .check('parameters.W2', p['W2']!, ['n2', 'n1'])
    .check('parameters.b2', p['b2']!, ['n2', 1])
    .check('parameters.W3', p['W3']!, [1, 'n2'])
    .check('parameters.b3', p['b3']!, [1, 1]);
  if (Y !== undefined) checkLabels(fn, Y, shapes);
  assertFinite(fn, 'X', x);
  return p;
}

/**
 * Checks a training set before a model builds its parameters: `X` `[nX, m]` and `Y` `[1, m]`,
 * float32 and finite. Returns `nX`.
 *
 * @internal
 */
export function checkData(fn: string, X: unknown, Y: unknown): number {
  const x = checkTensor(fn, 'X', X);
  assertDtype(fn, 'X', x, ['float32']);
  const shapes = new ShapeChecker(fn).check('X', x, ['nX', 'm']);
  checkLabels(fn, Y, shapes);
  assertFinite(fn, 'X', x);
  return shapes.dim('nX');
}

/**
 * Checks labels `Y` `[1, m]` (0 or 1, float32) against the `m` a checker bound.
 *
 * @internal
 */
export function checkLabels(fn: string, Y: unknown, shapes: ShapeChecker, argument = 'Y'): void {
  const y = checkTensor(fn, argument, Y);
  assertDtype(fn, argument, y, ['float32']);
  shapes.check(argument, y, [1, 'm']);
  assertFinite(fn, argument, y);
}

/**
 * Checks a cache of {@link threeLayerForward} (optionally with dropout masks) against `X` and `Y`.
 *
 * @internal
 */
export function checkCache(
  fn: string,
  X: unknown,
  Y: unknown,
  cache: unknown,
  extra: readonly string[] = [],
): ShapeChecker {
  const x = checkTensor(fn, 'X', X);
  assertDtype(fn, 'X', x, ['float32']);
  const c = checkDict(fn, 'cache', cache);
  const shapes = new ShapeChecker(fn).check('X', x, ['nX', 'm']);
  checkLabels(fn, Y, shapes);
  const patterns: Record<string, (string | number)[]> = {
    W1: ['n1', 'nX'],
    b1: ['n1', 1],
    Z1: ['n1', 'm'],
    A1: ['n1', 'm'],
    W2: ['n2', 'n1'],
    b2: ['n2', 1],
    Z2: ['n2', 'm'],
    A2: ['n2', 'm'],
    W3: [1, 'n2'],
    b3: [1, 1],
    Z3: [1, 'm'],
    A3: [1, 'm'],
    D1: ['n1', 'm'],
    D2: ['n2', 'm'],
  };
  for (const k of [...KEYS, 'Z1', 'A1', 'Z2', 'A2', 'Z3', 'A3', ...extra]) {
    const t = c[k];
    if (t === undefined) {
      throw new DlkitError('value', fn, `cache has no ${k}`, { argument: 'cache' });
    }
    shapes.check(`cache.${k}`, t, patterns[k]!);
  }
  return shapes;
}

/**
 * The forward pass, unchecked (callers check once).
 *
 * @internal
 */
export function threeLayerForward(X: tf.Tensor, parameters: Parameters): ThreeLayerForward {
  return tf.tidy(() => {
    const [W1, b1, W2, b2, W3, b3] = KEYS.map((k) => (parameters[k] as tf.Tensor2D).clone());
    const Z1 = tf.add(tf.matMul(W1!, X as tf.Tensor2D), b1!) as tf.Tensor2D;
    const A1 = tf.relu(Z1);
    const Z2 = tf.add(tf.matMul(W2!, A1), b2!) as tf.Tensor2D;
    const A2 = tf.relu(Z2);
    const Z3 = tf.add(tf.matMul(W3!, A2), b3!) as tf.Tensor2D;
    const A3 = tf.sigmoid(Z3);
    const cache = { Z1, A1, W1: W1!, b1: b1!, Z2, A2, W2: W2!, b2: b2!, Z3, A3, W3: W3!, b3: b3! };
    return { A3: A3.clone(), cache };
  });
}

/**
 * One layer's `dW = (1/m) dZ Aprevᵀ` and `db = (1/m) Σ dZ` (over the examples).
 *
 * @internal
 */
export function linearGrads(
  dZ: tf.Tensor2D,
  APrev: tf.Tensor2D,
  m: number,
): [tf.Tensor, tf.Tensor] {
  return [tf.div(tf.matMul(dZ, APrev, false, true), m), tf.div(tf.sum(dZ, 1, true), m)];
}

/**
 * What changes between the notebooks' backward passes: an L2 term on `dW`, dropout masks on `dA`,
 * and the gradient-checking notebook's deliberate bugs.
 *
 * @internal
 */
export interface BackwardVariant {
  /** `λ` of the L2 term `λ/m W` added to every `dW` (0: none). */
  lambd?: number;
  /** The dropout masks and keep probability; `dA` is multiplied by `D / keepProb`. */
  dropout?: { D1: tf.Tensor; D2: tf.Tensor; keepProb: number };
  /** The gradient-checking notebook's bugs: `dW2` doubled and `db1` times 4. */
  bugs?: boolean;
}

/**
 * The backward pass of the three-layer network, unchecked, returning the notebooks'
 * `{ dZ3, dW3, db3, dA2, dZ2, dW2, db2, dA1, dZ1, dW1, db1 }`.
 *
 * @internal
 */
export function threeLayerBackward(
  X: tf.Tensor,
  Y: tf.Tensor,
  cache: ThreeLayerCache,
  variant: BackwardVariant = {},
): Gradients {
  const { lambd = 0, dropout, bugs = false } = variant;
  return tf.tidy(() => {
    const m = X.shape[1] as number;
    const { A1, A2, A3, W1, W2, W3 } = cache;
    const l2 = (W: tf.Tensor, dW: tf.Tensor): tf.Tensor =>
      lambd === 0 ? dW : tf.add(dW, tf.mul(W, lambd / m));
    const drop = (dA: tf.Tensor, D: 'D1' | 'D2'): tf.Tensor =>
      dropout === undefined ? dA : tf.div(tf.mul(dA, dropout[D]), dropout.keepProb);
    const dZ3 = tf.sub(A3, Y) as tf.Tensor2D;
    const [dW3, db3] = linearGrads(dZ3, A2, m);
    const dA2 = drop(tf.matMul(W3, dZ3, true), 'D2');
    const dZ2 = tf.mul(dA2, tf.greater(A2, 0)) as tf.Tensor2D;
    const [dW2, db2] = linearGrads(dZ2, A1, m);
    const dA1 = drop(tf.matMul(W2, dZ2, true), 'D1');
    const dZ1 = tf.mul(dA1, tf.greater(A1, 0)) as tf.Tensor2D;
    const [dW1, db1] = linearGrads(dZ1, X as tf.Tensor2D, m);
    return {
      dZ3,
      dW3: l2(W3, dW3),
      db3,
      dA2,
      dZ2,
      dW2: bugs ? tf.mul(dW2, 2) : l2(W2, dW2),
      db2,
      dA1,
      dZ1,
      dW1: l2(W1, dW1),
      db1: bugs ? tf.mul(db1, 4) : db1,
    };
  });
}

/**
 * `1` where `A3 > 0.5`, else `0` (`[1, m]`, float32), unchecked.
 *
 * @internal
 */
export function threeLayerPredictions(X: tf.Tensor, parameters: Parameters): tf.Tensor2D {
  return tf.tidy(() => {
    const { A3, cache } = threeLayerForward(X, parameters);
    tf.dispose(cache);
    return tf.cast(tf.greater(A3, 0.5), 'float32') as tf.Tensor2D;
  });
}

/**
 * The fraction of examples whose prediction equals the label, unchecked.
 *
 * @internal
 */
export function accuracyOf(predictions: tf.Tensor, Y: tf.Tensor): number {
  return tf.tidy(
    () => tf.mean(tf.cast(tf.equal(predictions, Y), 'float32')).dataSync()[0] as number,
  );
}
