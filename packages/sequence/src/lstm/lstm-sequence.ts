import * as tf from '@tensorflow/tfjs';
import {
  DlkitError,
  LSTM_BACKWARD_KERNEL,
  LSTM_FORWARD_KERNEL,
  ShapeChecker,
  assertDtype,
  hasKernel,
} from '@dlkit/core';
import {
  assertTimeSteps,
  gateShapeError as shapeError,
  unitsFromKernel,
  type SequenceDims as Dims,
} from '../recurrent/sequence-dims.js';
import { inputProjection, previousStates, stepInput } from '../recurrent/input-projection.js';

const FN = 'lstmSequence';

/**
 * Options of {@link lstmSequence}.
 *
 * @category C5 W1 · Long Short-Term Memory
 */
export interface LstmSequenceOptions {
  /** The initial hidden and cell states `[h0, c0]`, each `[m, nA]` (default zeros). */
  initialState?: [tf.Tensor, tf.Tensor];
  /**
   * Which implementation to run: `'auto'` (default) runs the fused kernels when the active
   * backend registers both `DlkitLstmForward` and `DlkitLstmBackward` (`@dlkit/backend` does for
   * `wasm`), else the composite one; `'composite'` always runs the per-step composition of
   * ordinary tfjs ops. (`'fused'` without the kernels is an error.)
   */
  implementation?: 'auto' | 'fused' | 'composite';
}

/**
 * What {@link lstmSequence} returns. The caller owns the three tensors.
 *
 * @category C5 W1 · Long Short-Term Memory
 */
export interface LstmSequenceResult {
  /** The hidden state at every step, `[m, Tx, nA]`. */
  sequence: tf.Tensor3D;
  /** The hidden state after the last step, `[m, nA]`. */
  lastH: tf.Tensor2D;
  /** The cell state after the last step, `[m, nA]`. */
  lastC: tf.Tensor2D;
}

function gateShapeError(argument: string, pattern: string, shape: number[], why = ''): never {
  return shapeError(FN, argument, pattern, shape, why);
}

function checkInputs(
  x: tf.Tensor,
  kernel: tf.Tensor,
  recurrentKernel: tf.Tensor,
  bias: tf.Tensor,
  initialState: [tf.Tensor, tf.Tensor] | undefined,
): Dims {
  const shapes = new ShapeChecker(FN);
  shapes.check('x', x, ['m', 'Tx', 'nX']);
  shapes.check('kernel', kernel, ['nX', null]);
  const nA = unitsFromKernel(FN, kernel, 4);
  const fromKernel = ` with nA = ${nA} (from kernel)`;
  shapes.check('recurrentKernel', recurrentKernel, [null, null]);
  if (recurrentKernel.shape[0] !== nA || recurrentKernel.shape[1] !== 4 * nA) {
    gateShapeError('recurrentKernel', '[nA, 4nA]', recurrentKernel.shape, fromKernel);
  }
  shapes.check('bias', bias, [null]);
  if (bias.shape[0] !== 4 * nA) gateShapeError('bias', '[4nA]', bias.shape, fromKernel);
  for (const [name, t] of [
    ['x', x],
    ['kernel', kernel],
    ['recurrentKernel', recurrentKernel],
    ['bias', bias],
  ] as const) {
    assertDtype(FN, name, t, ['float32']);
  }
  const m = shapes.dim('m');
  const Tx = shapes.dim('Tx');
  assertTimeSteps(FN, Tx);
  if (initialState !== undefined) {
    if (!Array.isArray(initialState) || initialState.length !== 2) {
      throw new DlkitError('value', FN, 'options.initialState must be [h0, c0]', {
        argument: 'initialState',
      });
    }
    const [h0, c0] = initialState;
    for (const [name, t] of [
      ['h0', h0],
      ['c0', c0],
    ] as const) {
      shapes.check(name, t, ['m', null]);
      if (t.shape[1] !== nA) gateShapeError(name, '[m, nA]', t.shape, fromKernel);
      assertDtype(FN, name, t, ['float32']);
    }
  }
  return { m, Tx, nX: shapes.dim('nX'), nA };
}

/** The composite path: one step at a time with ordinary ops; autodiff gives the gradient. */
function compositeLstm(
  x: tf.Tensor,
  kernel: tf.Tensor,
  recurrentKernel: tf.Tensor,
  bias: tf.Tensor,
  h0: tf.Tensor,
  c0: tf.Tensor,
  d: Dims,
): LstmSequenceResult {
  return tf.tidy(() => {
    const xProj = inputProjection(x, kernel, bias, d, 4);
    let h = h0 as tf.Tensor2D;
    let c = c0 as tf.Tensor2D;
    const hs: tf.Tensor2D[] = [];
    for (let t = 0; t < d.Tx; t++) {
      const z = tf.add(stepInput(xProj, t), tf.matMul(h, recurrentKernel as tf.Tensor2D));
      const [zi, zf, zg, zo] = tf.split(z, 4, 1) as [tf.Tensor, tf.Tensor, tf.Tensor, tf.Tensor];
      c = tf.add(tf.mul(tf.sigmoid(zf), c), tf.mul(tf.sigmoid(zi), tf.tanh(zg)));
      h = tf.mul(tf.sigmoid(zo), tf.tanh(c));
      hs.push(h);
    }
    return { sequence: tf.stack(hs, 1) as tf.Tensor3D, lastH: h, lastC: c };
  });
}

/**
 * The fused path: the input projection as ordinary ops (so autodiff skips `dx` when `x` needs no
 * gradient, as for a model's input), then the forward and backward kernels over the whole
 * sequence inside one `tf.customGrad` whose value is the kernel's `hc`; the recurrent kernel's
 * gradient is one large matmul over all `m * Tx` rows.
 */
function fusedLstm(
  x: tf.Tensor,
  kernel: tf.Tensor,
  recurrentKernel: tf.Tensor,
  bias: tf.Tensor,
  h0: tf.Tensor,
  c0: tf.Tensor,
  d: Dims,
): LstmSequenceResult {
  const { m, Tx, nA } = d;
  const run = tf.customGrad(
    (
      xProjIn,
      uIn,
      h0In,
      c0In,
      save,
    ): { value: tf.Tensor; gradFunc: (dy: tf.Tensor, saved: tf.Tensor[]) => tf.Tensor[] } => {
      const [xProj, us, h0s, c0s] = [xProjIn, uIn, h0In, c0In] as tf.Tensor[] as [
        tf.Tensor3D,
        tf.Tensor2D,
        tf.Tensor2D,
        tf.Tensor2D,
      ];
      const [hc, gates] = tf
        .engine()
        .runKernel(LSTM_FORWARD_KERNEL, { xProj, recurrentKernel: us, h0: h0s, c0: c0s }, {}) as [
        tf.Tensor3D,
        tf.Tensor3D,
      ];
      (save as (tensors: tf.Tensor[]) => void)([us, h0s, c0s, hc, gates]);
      const gradFunc = (dhc: tf.Tensor, saved: tf.Tensor[]): tf.Tensor[] =>
        tf.tidy(() => {
          const [su, sh0, sc0, shc, sgates] = saved as [
            tf.Tensor2D,
            tf.Tensor2D,
            tf.Tensor2D,
            tf.Tensor3D,
            tf.Tensor3D,
          ];
          const [dz, dh0, dc0] = tf
            .engine()
            .runKernel(
              LSTM_BACKWARD_KERNEL,
              { dhc, recurrentKernel: su, h0: sh0, c0: sc0, hc: shc, gates: sgates },
              {},
            ) as [tf.Tensor3D, tf.Tensor2D, tf.Tensor2D];
          const hPrev = previousStates(sh0, shc, d);
          const dz2d = tf.reshape(dz, [m * Tx, 4 * nA]) as tf.Tensor2D;
          const dRecurrentKernel = tf.matMul(hPrev, dz2d, true, false);
          return [dz, dRecurrentKernel, dh0, dc0];
        });
      tf.dispose(gates);
      return { value: hc, gradFunc };
    },
  );
  return tf.tidy(() => {
    const hc = run(inputProjection(x, kernel, bias, d, 4), recurrentKernel, h0, c0);
    return {
      sequence: tf.slice(hc, [0, 0, 0], [m, Tx, nA]) as tf.Tensor3D,
      lastH: tf.reshape(tf.slice(hc, [0, Tx - 1, 0], [m, 1, nA]), [m, nA]) as tf.Tensor2D,
      lastC: tf.reshape(tf.slice(hc, [0, Tx - 1, nA], [m, 1, nA]), [m, nA]) as tf.Tensor2D,
    };
  });
}

/**
 * Whether {@link lstmSequence} would run the fused LSTM kernels on the active backend: `true` when
 * the backend registers both `DlkitLstmForward` and `DlkitLstmBackward` (`@dlkit/backend` does
 * for `wasm`).
 *
 * @returns `true` for the fused path, `false` for the composite one.
 *
 * @example
 * ```ts
 * import { lstmFusedAvailable } from '@dlkit/sequence';
 * console.log(lstmFusedAvailable()); // false on tfjs' cpu backend
 * ```
 *
 * @category C5 W1 · Long Short-Term Memory
 */
export function lstmFusedAvailable(): boolean {
  return hasKernel(LSTM_FORWARD_KERNEL) && hasKernel(LSTM_BACKWARD_KERNEL);
}

/**
 * Runs an LSTM over a whole batch of sequences, batch-first like tfjs: at each step
 * `z = x[:, t] · kernel + h[t-1] · recurrentKernel + bias` split into the gates i, f, c, o
 * (Keras' order), `c[t] = sigmoid(f) * c[t-1] + sigmoid(i) * tanh(c~)`,
 * `h[t] = sigmoid(o) * tanh(c[t])`. Differentiable with `tf.grad`, `tf.grads` and optimizers.
 *
 * The input projection is one matmul over all `m * Tx` rows. When the backend registers dlkit's
 * fused LSTM kernels (see {@link lstmFusedAvailable}) the recurrence and its back-propagation
 * through time each run as one kernel call under `tf.customGrad`, with the weight gradients as
 * single large matmuls; otherwise (cpu, webgl, ...) a per-step composition of tfjs ops runs and
 * autodiff gives the gradients. Both compute the same function.
 *
 * @param x - The inputs, `[m, Tx, nX]`, float32.
 * @param kernel - The input weights, `[nX, 4nA]` (Keras' `kernel`; gates i, f, c, o).
 * @param recurrentKernel - The recurrent weights, `[nA, 4nA]` (Keras' `recurrent_kernel`).
 * @param bias - The bias, `[4nA]`.
 * @param options - The initial state and which implementation to run.
 * @returns `{ sequence, lastH, lastC }`: hidden states `[m, Tx, nA]`, last hidden and cell state
 * `[m, nA]`. The caller owns them; the inputs are not disposed.
 *
 * @example
 * ```ts
 * import * as tf from '@tensorflow/tfjs';
 * import { lstmSequence } from '@dlkit/sequence';
 * const x = tf.randomNormal([2, 5, 3]); // m = 2 sequences of Tx = 5 steps, nX = 3
 * const kernel = tf.randomNormal([3, 16]); // nA = 4
 * const recurrentKernel = tf.randomNormal([4, 16]);
 * const bias = tf.zeros([16]);
 * const { sequence, lastH, lastC } = lstmSequence(x, kernel, recurrentKernel, bias);
 * console.log(sequence.shape, lastH.shape, lastC.shape); // [2, 5, 4] [2, 4] [2, 4]
 * tf.dispose([x, kernel, recurrentKernel, bias, sequence, lastH, lastC]);
 * ```
 *
 * @category C5 W1 · Long Short-Term Memory
 */
export function lstmSequence(
  x: tf.Tensor,
  kernel: tf.Tensor,
  recurrentKernel: tf.Tensor,
  bias: tf.Tensor,
  options: LstmSequenceOptions = {},
): LstmSequenceResult {
  const { initialState, implementation = 'auto' } = options;
  const d = checkInputs(x, kernel, recurrentKernel, bias, initialState);
  if (!['auto', 'fused', 'composite'].includes(implementation)) {
    throw new DlkitError(
      'value',
      FN,
      `options.implementation must be 'auto', 'fused' or 'composite', got ${String(implementation)}`,
      { argument: 'implementation' },
    );
  }
  const fusedAvailable = lstmFusedAvailable();
  if (implementation === 'fused' && !fusedAvailable) {
    throw new DlkitError(
      'backend',
      FN,
      `the '${tf.getBackend()}' backend has no ${LSTM_FORWARD_KERNEL} and ${LSTM_BACKWARD_KERNEL} kernels; use implementation 'auto' or 'composite'`,
      { argument: 'implementation' },
    );
  }
  const fused = implementation === 'fused' || (implementation === 'auto' && fusedAvailable);
  const owned: tf.Tensor[] = [];
  let h0: tf.Tensor;
  let c0: tf.Tensor;
  if (initialState === undefined) {
    h0 = tf.zeros([d.m, d.nA]);
    c0 = tf.zeros([d.m, d.nA]);
    owned.push(h0, c0);
  } else {
    [h0, c0] = initialState;
  }
  try {
    return (fused ? fusedLstm : compositeLstm)(x, kernel, recurrentKernel, bias, h0, c0, d);
  } finally {
    tf.dispose(owned);
  }
}
