// The fused path of gruSequence on @dlkit/backend's wasm backend (native/gru.c through
// DlkitGruForward / DlkitGruBackward): against the PyTorch fixtures, and against the composite
// path (checked against the same fixtures in gru-sequence.test.ts) on shapes with m and nA
// multiples of 4 or not (the SIMD tails), one step or many, saturated gates.
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  expectDlkitError,
  expectNoLeaks,
  expectTensorsClose,
  fixtureTensor,
  loadFixture,
  type FixtureTensor,
} from '@dlkit/test-harness';
import { resetWasmKernelStats, setupBackend, wasmKernelStats } from '@dlkit/backend';
import { gruFusedAvailable, gruSequence, type GruSequenceOptions } from './gru-sequence.js';
import { gru } from './gru-layer.js';

interface FixtureCase {
  zeroState: boolean;
  resetAfter: boolean;
  [key: string]: FixtureTensor | number | boolean;
}
const cases = loadFixture<{ cases: FixtureCase[] }>('sequence_gru').cases;
const TOL = { rtol: 1e-4, atol: 1e-5 };

beforeAll(async () => {
  expect(await setupBackend()).toBe('wasm');
});

/** sequence, lastH and the gradients of sum(sequence * R1) + sum(lastH * R2) w.r.t. the inputs. */
function valuesAndGrads(
  inputs: tf.Tensor[],
  R1: tf.Tensor,
  R2: tf.Tensor,
  options: GruSequenceOptions,
  withState: boolean,
): tf.Tensor[] {
  const run = (...args: tf.Tensor[]) => {
    const [x, k, u, b, h0] = args as [tf.Tensor, tf.Tensor, tf.Tensor, tf.Tensor, tf.Tensor];
    return gruSequence(x, k, u, b, withState ? { ...options, initialState: h0 } : options);
  };
  const used = withState ? inputs : inputs.slice(0, 4);
  const loss = (...args: tf.Tensor[]): tf.Scalar => {
    const r = run(...args);
    return tf.add(tf.sum(tf.mul(r.sequence, R1)), tf.sum(tf.mul(r.lastH, R2)));
  };
  const r = run(...used);
  return [r.sequence, r.lastH, ...tf.grads(loss)(used)];
}

const NAMES = ['sequence', 'lastH', 'dx', 'dKernel', 'dRecurrentKernel', 'dBias', 'dh0'];

describe('gruSequence fused on wasm', () => {
  it('is available for Keras default GRUs', () => expect(gruFusedAvailable()).toBe(true));

  for (const c of cases.filter((k) => k.resetAfter)) {
    it(`equals PyTorch nn.GRU: values and gradients (${String(c['nA'])} units${c.zeroState ? '' : ', h0 given'})`, () => {
      tf.tidy(() => {
        const t = (k: string) => fixtureTensor(c[k] as FixtureTensor);
        const inputs = ['x', 'kernel', 'recurrentKernel', 'bias', 'h0'].map(t);
        const out = valuesAndGrads(
          inputs,
          t('R1'),
          t('R2'),
          { implementation: 'fused' },
          !c.zeroState,
        );
        out.forEach((v, i) => expectTensorsClose(v, t(NAMES[i]!), { ...TOL, label: NAMES[i] }));
      });
    });
  }

  const shapes = [
    { m: 1, Tx: 1, nX: 1, nA: 1, scale: 1 },
    { m: 2, Tx: 3, nX: 3, nA: 4, scale: 1 },
    { m: 3, Tx: 5, nX: 2, nA: 6, scale: 1 },
    { m: 4, Tx: 4, nX: 5, nA: 8, scale: 4 },
    { m: 5, Tx: 7, nX: 3, nA: 9, scale: 1 },
    { m: 32, Tx: 3, nX: 32, nA: 128, scale: 0.2 },
  ];
  for (const s of shapes) {
    it(`equals the composite path: m ${s.m}, Tx ${s.Tx}, nA ${s.nA}, scale ${s.scale}`, () => {
      tf.tidy(() => {
        const seed = s.m * 100 + s.nA;
        const r = (shape: number[], sd: number, k: number) =>
          tf.randomNormal(shape, 0, sd, 'float32', seed + k);
        const inputs = [
          r([s.m, s.Tx, s.nX], 1, 0),
          r([s.nX, 3 * s.nA], s.scale, 1),
          r([s.nA, 3 * s.nA], s.scale, 2),
          r([2, 3 * s.nA], s.scale, 3),
          r([s.m, s.nA], 0.5, 4),
        ];
        const [R1, R2] = [r([s.m, s.Tx, s.nA], 1, 5), r([s.m, s.nA], 1, 6)];
        const fused = valuesAndGrads(inputs, R1, R2, { implementation: 'fused' }, true);
        const composite = valuesAndGrads(inputs, R1, R2, { implementation: 'composite' }, true);
        fused.forEach((v, i) =>
          expectTensorsClose(v, composite[i]!, { rtol: 1e-4, atol: 1e-4, label: NAMES[i] }),
        );
      });
    });
  }

  it('returns two tensors and leaks nothing, forward and backward', async () => {
    const x = tf.randomNormal([3, 4, 2], 0, 1, 'float32', 1);
    const k = tf.randomNormal([2, 15], 0, 1, 'float32', 2);
    const u = tf.randomNormal([5, 15], 0, 1, 'float32', 3);
    const b = tf.zeros([2, 15]);
    const fused = { implementation: 'fused' } as const;
    expect(await expectNoLeaks(() => gruSequence(x, k, u, b, fused))).toBe(2);
    const grad = (): tf.Tensor[] =>
      tf.grads((kk: tf.Tensor, uu: tf.Tensor) => tf.sum(gruSequence(x, kk, uu, b, fused).lastH))([
        k,
        u,
      ]);
    expect(await expectNoLeaks(grad)).toBe(2);
    tf.dispose([x, k, u, b]);
  });

  it("refuses 'fused' for a GRU the kernels do not compute", () => {
    tf.tidy(() => {
      expectDlkitError(
        () =>
          gruSequence(tf.zeros([1, 2, 1]), tf.zeros([1, 3]), tf.zeros([1, 3]), tf.zeros([3]), {
            resetAfter: false,
            implementation: 'fused',
          }),
        "gruSequence: the fused GRU kernels run only for resetAfter true with sigmoid gates and a tanh candidate; use implementation 'auto' or 'composite'",
      );
    });
  });

  it('a model with the GRU layer trains on the fused path, and a step leaks nothing', async () => {
    const model = tf.sequential({
      layers: [gru({ units: 6, inputShape: [5, 3], seed: 1 }), tf.layers.dense({ units: 1 })],
    });
    const x = tf.randomNormal([4, 5, 3], 0, 1, 'float32', 31);
    const y = tf.randomNormal([4, 1], 0, 1, 'float32', 32);
    const optimizer = tf.train.adam(0.05);
    const loss = (): tf.Scalar =>
      tf.losses.meanSquaredError(y, model.apply(x, { training: true }) as tf.Tensor) as tf.Scalar;
    const first = loss();
    const step = (): void => optimizer.minimize(loss, true)?.dispose();
    resetWasmKernelStats();
    step();
    // 'auto' chose the fused kernels: one call forward and one backward per step.
    const { calls } = wasmKernelStats();
    expect([calls['DlkitGruForward'], calls['DlkitGruBackward']]).toEqual([1, 1]);
    expect(await expectNoLeaks(step)).toBe(0);
    for (let i = 0; i < 20; i++) step();
    const last = loss();
    expect(last.dataSync()[0]!).toBeLessThan(0.5 * first.dataSync()[0]!);
    tf.dispose([x, y, first, last]);
    optimizer.dispose();
    model.dispose();
  });
});
