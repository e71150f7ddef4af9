import * as tf from '@tensorflow/tfjs';
import {
  DlkitError,
  GRU_BACKWARD_KERNEL,
  GRU_FORWARD_KERNEL,
  ShapeChecker,
  assertOneOf,
  assertOptions,
  assertTensor,
  hasKernel,
} from '@dlkit/core';
import {
  assertTimeSteps,
  gateShapeError as shapeError,
  unitsFromKernel,
  type SequenceDims as Dims,
} from '../recurrent/sequence-dims.js';
import { inputProjection, previousStates, stepInput } from '../recurrent/input-projection.js';
import { ACTIVATION_OPS, GRU_ACTIVATIONS, type GruActivation } from './gru-activations.js';

const FN = 'gruSequence';

/**
 * Options of {@link gruSequence}.
 *
 * @category C5 W1 · Gated recurrent units
 */
export interface GruSequenceOptions {
  /** The initial hidden state `h0`, `[m, nA]` (default zeros). */
  initialState?: tf.Tensor;
  /**
   * Apply the reset gate after the recurrent product (default `true`, Keras' default and
   * PyTorch's `nn.GRU`; `bias` is then `[2, 3nA]`) or before it (`false`, Keras'
   * `reset_after=False` and `tf.layers.gru`; `bias` is `[3nA]`).
   */
  resetAfter?: boolean;
  /** The candidate's activation (default `'tanh'`). */
  activation?: GruActivation;
  /** The gates' activation (default `'sigmoid'`, as Keras and PyTorch). */
  recurrentActivation?: GruActivation;
  /**
   * Which implementation to run: `'auto'` (default) runs the fused kernels when the active
   * backend registers both `DlkitGruForward` and `DlkitGruBackward` (`@dlkit/backend` does for
   * `wasm`) and the GRU is Keras' default one (`resetAfter`, sigmoid gates, tanh candidate), else
   * the composite one; `'composite'` always runs the per-step composition of ordinary tfjs ops.
   * (`'fused'` where the fused kernels cannot run is an error.)
   */
  implementation?: 'auto' | 'fused' | 'composite';
}

/**
 * What {@link gruSequence} returns. The caller owns both tensors.
 *
 * @category C5 W1 · Gated recurrent units
 */
export interface GruSequenceResult {
  /** The hidden state at every step, `[m, Tx, nA]`. */
  sequence: tf.Tensor3D;
  /** The hidden state after the last step, `[m, nA]`. */
  lastH: tf.Tensor2D;
}

interface Settings {
  resetAfter: boolean;
  /** Keras' default GRU: resetAfter, sigmoid gates, tanh candidate (what the fused kernels compute). */
  kerasDefault: boolean;
  implementation: 'auto' | 'fused' | 'composite';
  activation: (z: tf.Tensor) => tf.Tensor;
  recurrentActivation: (z: tf.Tensor) => tf.Tensor;
}

function gateShapeError(argument: string, pattern: string, shape: number[], why = ''): never {
  return shapeError(FN, argument, pattern, shape, why);
}

function sameShape(a: readonly number[], b: readonly number[]): boolean {
  return a.length === b.length && a.every((size, i) => size === b[i]);
}

/** Checks the options' fields and turns the activation names into ops. */
function checkOptions(options: GruSequenceOptions | undefined): Settings {
  const o = assertOptions(FN, 'options', options, [
    'initialState',
    'resetAfter',
    'activation',
    'recurrentActivation',
    'implementation',
  ]);
  const resetAfter = assertOneOf(FN, 'options.resetAfter', o.resetAfter ?? true, [true, false]);
  const activation = assertOneOf(FN, 'options.activation', o.activation ?? 'tanh', GRU_ACTIVATIONS);
  const recurrent = assertOneOf(
    FN,
    'options.recurrentActivation',
    o.recurrentActivation ?? 'sigmoid',
    GRU_ACTIVATIONS,
  );
  const implementation = assertOneOf(FN, 'options.implementation', o.implementation ?? 'auto', [
    'auto',
    'fused',
    'composite',
  ] as const);
  return {
    resetAfter,
    kerasDefault: resetAfter && activation === 'tanh' && recurrent === 'sigmoid',
    implementation,
    activation: ACTIVATION_OPS[activation],
    recurrentActivation: ACTIVATION_OPS[recurrent],
  };
}

/** Checks the tensors' dtypes and shapes: `nA` comes from the kernel's `3nA` columns. */
function checkInputs(
  x: tf.Tensor,
  kernel: tf.Tensor,
  recurrentKernel: tf.Tensor,
  bias: tf.Tensor,
  h0: tf.Tensor | undefined,
  resetAfter: boolean,
): Dims {
  const shapes = new ShapeChecker(FN);
  shapes.checkFloat('x', x, ['m', 'Tx', 'nX']);
  shapes.checkFloat('kernel', kernel, ['nX', null]);
  const nA = unitsFromKernel(FN, kernel, 3);
  const fromKernel = ` with nA = ${nA} (from kernel)`;
  assertTensor(FN, 'recurrentKernel', recurrentKernel);
  if (!sameShape(recurrentKernel.shape, [nA, 3 * nA])) {
    gateShapeError('recurrentKernel', '[nA, 3nA]', recurrentKernel.shape, fromKernel);
  }
  assertTensor(FN, 'bias', bias);
  if (!sameShape(bias.shape, resetAfter ? [2, 3 * nA] : [3 * nA])) {
    const written = resetAfter ? '[2, 3nA] (resetAfter true)' : '[3nA] (resetAfter false)';
    gateShapeError('bias', written, bias.shape, fromKernel);
  }
  if (h0 !== undefined) shapes.checkFloat('options.initialState', h0, ['m', nA]);
  const Tx = shapes.dim('Tx');
  assertTimeSteps(FN, Tx);
  return { m: shapes.dim('m'), Tx, nX: shapes.dim('nX'), nA };
}

/** One GRU step: `h[t]` `[m, nA]` from `h[t-1]` and the step's input projections `[m, nA]`. */
type Recurrence = (h: tf.Tensor2D, xz: tf.Tensor, xr: tf.Tensor, xh: tf.Tensor) => tf.Tensor2D;

/**
 * The step `h[t] = z * h[t-1] + (1 - z) * hh` for either reset form, `bias` already split:
 * reset after, `hh = act(xh + r * (h · Uh + bh))`; reset before, `hh = act(xh + (r * h) · Uh)`.
 */
function makeStep(
  recurrentKernel: tf.Tensor,
  recurrentBias: tf.Tensor | null,
  s: Settings,
  nA: number,
): Recurrence {
  const U = recurrentKernel as tf.Tensor2D;
  const [uZr, uH] = tf.split(U, [2 * nA, nA], 1) as [tf.Tensor2D, tf.Tensor2D];
  return (h, xz, xr, xh) => {
    let zr: tf.Tensor;
    let candidate: (r: tf.Tensor) => tf.Tensor;
    if (recurrentBias !== null) {
      const rec = tf.add(tf.matMul(h, U), recurrentBias);
      const [rz, rr, rh] = tf.split(rec, 3, 1) as [tf.Tensor, tf.Tensor, tf.Tensor];
      zr = tf.concat([tf.add(xz, rz), tf.add(xr, rr)], 1);
      candidate = (r) => tf.mul(r, rh);
    } else {
      zr = tf.add(tf.concat([xz, xr], 1), tf.matMul(h, uZr));
      candidate = (r) => tf.matMul(tf.mul(r, h), uH);
    }
    const [z, r] = tf.split(s.recurrentActivation(zr), 2, 1) as [tf.Tensor, tf.Tensor];
    const hh = s.activation(tf.add(xh, candidate(r)));
    // z * h + (1 - z) * hh, written with one product less.
    return tf.add(hh, tf.mul(z, tf.sub(h, hh))) as tf.Tensor2D;
  };
}

/** The composite path: one step at a time with ordinary ops; autodiff gives the gradient. */
function compositeGru(
  x: tf.Tensor,
  kernel: tf.Tensor,
  recurrentKernel: tf.Tensor,
  bias: tf.Tensor,
  h0: tf.Tensor,
  s: Settings,
  d: Dims,
): GruSequenceResult {
  return tf.tidy(() => {
    const [inputBias, recurrentBias] = s.resetAfter
      ? (tf.unstack(bias) as [tf.Tensor, tf.Tensor])
      : [bias, null];
    const xProj = inputProjection(x, kernel, inputBias, d, 3);
    const step = makeStep(recurrentKernel, recurrentBias, s, d.nA);
    let h = h0 as tf.Tensor2D;
    const hs: tf.Tensor2D[] = [];
    for (let t = 0; t < d.Tx; t++) {
      const [xz, xr, xh] = tf.split(stepInput(xProj, t), 3, 1) as [tf.Tensor, tf.Tensor, tf.Tensor];
      h = step(h, xz, xr, xh);
      hs.push(h);
    }
    return { sequence: tf.stack(hs, 1) as tf.Tensor3D, lastH: h };
  });
}

/**
 * The fused path (Keras' default GRU only): the input projection as ordinary ops (so autodiff
 * skips `dx` when `x` needs no gradient, as for a model's input), then the forward and backward
 * kernels over the whole sequence inside one `tf.customGrad` whose value is the kernel's `h`; the
 * recurrent kernel's gradient is one large matmul over all `m * Tx` rows.
 */
function fusedGru(
  x: tf.Tensor,
  kernel: tf.Tensor,
  recurrentKernel: tf.Tensor,
  bias: tf.Tensor,
  h0: tf.Tensor,
  d: Dims,
): GruSequenceResult {
  const { m, Tx, nA } = d;
  const run = tf.customGrad(
    (
      xProjIn,
      uIn,
      ubIn,
      h0In,
      save,
    ): { value: tf.Tensor; gradFunc: (dy: tf.Tensor, saved: tf.Tensor[]) => tf.Tensor[] } => {
      const [xProj, us, ubs, h0s] = [xProjIn, uIn, ubIn, h0In] as tf.Tensor[];
      const [h, gates] = tf
        .engine()
        .runKernel(
          GRU_FORWARD_KERNEL,
          { xProj: xProj!, recurrentKernel: us!, recurrentBias: ubs!, h0: h0s! },
          {},
        ) as [tf.Tensor3D, tf.Tensor3D];
      (save as (tensors: tf.Tensor[]) => void)([us!, h0s!, h, gates]);
      const gradFunc = (dh: tf.Tensor, saved: tf.Tensor[]): tf.Tensor[] =>
        tf.tidy(() => {
          const [su, sh0, sh, sgates] = saved as [
            tf.Tensor2D,
            tf.Tensor2D,
            tf.Tensor3D,
            tf.Tensor3D,
          ];
          const [dxProj, dRec, dh0] = tf
            .engine()
            .runKernel(
              GRU_BACKWARD_KERNEL,
              { dh, recurrentKernel: su, h0: sh0, h: sh, gates: sgates },
              {},
            ) as [tf.Tensor3D, tf.Tensor3D, tf.Tensor2D];
          const hPrev = previousStates(sh0, sh, d);
          const dRec2d = tf.reshape(dRec, [m * Tx, 3 * nA]) as tf.Tensor2D;
          return [dxProj, tf.matMul(hPrev, dRec2d, true, false), tf.sum(dRec2d, 0), dh0];
        });
      tf.dispose(gates);
      return { value: h, gradFunc };
    },
  );
  return tf.tidy(() => {
    const [inputBias, recurrentBias] = tf.unstack(bias) as [tf.Tensor, tf.Tensor];
    const h = run(inputProjection(x, kernel, inputBias, d, 3), recurrentKernel, recurrentBias, h0);
    return {
      sequence: h as tf.Tensor3D,
      lastH: tf.reshape(tf.slice(h, [0, Tx - 1, 0], [m, 1, nA]), [m, nA]) as tf.Tensor2D,
    };
  });
}

/**
 * Whether {@link gruSequence} would run the fused GRU kernels on the active backend (for Keras'
 * default GRU: `resetAfter`, sigmoid gates, tanh candidate): `true` when the backend registers
 * both `DlkitGruForward` and `DlkitGruBackward` (`@dlkit/backend` does for `wasm`).
 *
 * @returns `true` for the fused path, `false` for the composite one.
 *
 * @example
 * ```ts
 * import { gruFusedAvailable } from '@dlkit/sequence';
 * console.log(gruFusedAvailable()); // false on tfjs' cpu backend
 * ```
 *
 * @category C5 W1 · Gated recurrent units
 */
export function gruFusedAvailable(): boolean {
  return hasKernel(GRU_FORWARD_KERNEL) && hasKernel(GRU_BACKWARD_KERNEL);
}

/** Whether to run the fused path, or why it cannot run when asked for. */
function useFused(s: Settings): boolean {
  if (s.implementation === 'composite') return false;
  const available = gruFusedAvailable();
  if (s.implementation === 'fused' && !(available && s.kerasDefault)) {
    const why = available
      ? 'only for resetAfter true with sigmoid gates and a tanh candidate'
      : `the '${tf.getBackend()}' backend has no ${GRU_FORWARD_KERNEL} and ${GRU_BACKWARD_KERNEL} kernels`;
    throw new DlkitError(
      'backend',
      FN,
      `the fused GRU kernels run ${why}; use implementation 'auto' or 'composite'`,
      { argument: 'options.implementation' },
    );
  }
  return available && s.kerasDefault;
}

/**
 * Runs a GRU over a whole batch of sequences, batch-first like tfjs, with Keras' weights: at each
 * step the update gate `z`, the reset gate `r` and the candidate `hh` (Keras' order z, r, h along
 * the weights' last axis), then `h[t] = z * h[t-1] + (1 - z) * hh`. With `resetAfter` (the
 * default, as Keras and PyTorch's `nn.GRU`) the reset gate scales the recurrent term after its
 * product, `hh = tanh(x W_h + b_h + r * (h[t-1] U_h + b'_h))`; without it, before:
 * `hh = tanh(x W_h + b_h + (r * h[t-1]) U_h)`. Differentiable with `tf.grad`, `tf.grads` and
 * optimizers.
 *
 * The input projection is one matmul over all `m * Tx` rows. For Keras' default GRU, when the
 * backend registers dlkit's fused GRU kernels (see {@link gruFusedAvailable}), the recurrence and
 * its back-propagation through time each run as one kernel call under `tf.customGrad`, with the
 * weight gradients as single large matmuls; otherwise a per-step composition of tfjs ops runs and
 * autodiff gives the gradients. Both compute the same function.
 *
 * @param x - The inputs, `[m, Tx, nX]`, float32.
 * @param kernel - The input weights, `[nX, 3nA]` (Keras' `kernel`; gates z, r, h).
 * @param recurrentKernel - The recurrent weights, `[nA, 3nA]` (Keras' `recurrent_kernel`).
 * @param bias - The bias: `[2, 3nA]` with `resetAfter` (row 0 the input bias, row 1 the
 * recurrent one, as Keras stores it), else `[3nA]`.
 * @param options - The initial state, the reset form, the activations and the implementation.
 * @returns `{ sequence, lastH }`: hidden states `[m, Tx, nA]` and the last one `[m, nA]`. The
 * caller owns them; the inputs are not disposed.
 *
 * @example
 * ```ts
 * import * as tf from '@tensorflow/tfjs';
 * import { gruSequence } from '@dlkit/sequence';
 * const x = tf.randomNormal([2, 5, 3], 0, 1, 'float32', 1); // m = 2, Tx = 5, nX = 3
 * const kernel = tf.randomNormal([3, 12], 0, 1, 'float32', 2); // nA = 4
 * const recurrentKernel = tf.randomNormal([4, 12], 0, 1, 'float32', 3);
 * const bias = tf.zeros([2, 12]); // resetAfter (the default): input and recurrent rows
 * const { sequence, lastH } = gruSequence(x, kernel, recurrentKernel, bias);
 * console.log(sequence.shape, lastH.shape); // [2, 5, 4] [2, 4]
 * tf.dispose([x, kernel, recurrentKernel, bias, sequence, lastH]);
 * ```
 *
 * @category C5 W1 · Gated recurrent units
 */
export function gruSequence(
  x: tf.Tensor,
  kernel: tf.Tensor,
  recurrentKernel: tf.Tensor,
  bias: tf.Tensor,
  options: GruSequenceOptions = {},
): GruSequenceResult {
  const settings = checkOptions(options);
  const h0 = options?.initialState;
  const d = checkInputs(x, kernel, recurrentKernel, bias, h0, settings.resetAfter);
  const fused = useFused(settings);
  const zeros = h0 === undefined ? tf.zeros([d.m, d.nA]) : null;
  const state = h0 ?? (zeros as tf.Tensor);
  try {
    return fused
      ? fusedGru(x, kernel, recurrentKernel, bias, state, d)
      : compositeGru(x, kernel, recurrentKernel, bias, state, settings, d);
  } finally {
    zeros?.dispose();
  }
}
