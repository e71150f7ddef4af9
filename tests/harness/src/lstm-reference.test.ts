import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { expectBackwardMatchesAutodiff } from './gradients.ts';
import { expectNoLeaks } from './leaks.ts';
import {
  referenceLstmBackward,
  referenceLstmForward,
  registerReferenceLstmKernels,
} from './lstm-reference.ts';

// An LSTM with one unit and one example in plain float64 arithmetic: the check on the reference.
const sig = (v: number): number => 1 / (1 + Math.exp(-v));
function scalarLstm(x: number[][], u: number[], h0: number, c0: number, dhc: number[][]) {
  let [h, c] = [h0, c0];
  const hc: number[][] = [];
  let loss = 0;
  x.forEach(([zi, zf, zg, zo], t) => {
    const [i, f, g, o] = [
      sig((zi as number) + h * (u[0] as number)),
      sig((zf as number) + h * (u[1] as number)),
      Math.tanh((zg as number) + h * (u[2] as number)),
      sig((zo as number) + h * (u[3] as number)),
    ];
    c = f * c + i * g;
    h = o * Math.tanh(c);
    hc.push([h, c]);
    loss += h * (dhc[t]?.[0] as number) + c * (dhc[t]?.[1] as number);
  });
  return { hc, loss };
}

describe('referenceLstmForward / referenceLstmBackward / registerReferenceLstmKernels', () => {
  const x = [
    [0.3, -0.2, 0.5, 0.1],
    [-0.4, 0.6, -0.1, 0.2],
    [0.2, 0.1, 0.3, -0.5],
  ];
  const u = [0.7, -0.3, 0.4, 0.9];
  const dhc = [
    [0.5, -1],
    [0.25, 0.3],
    [1, 2],
  ];

  it('agree with a float64 LSTM and its finite differences', () => {
    const xT = tf.tensor3d([x]);
    const uT = tf.tensor2d([u]);
    const h0 = tf.tensor2d([[0.1]]);
    const c0 = tf.tensor2d([[-0.2]]);
    const dhcT = tf.tensor3d([dhc]);
    const [hc, gates] = referenceLstmForward(xT, uT, h0, c0);
    const expected = scalarLstm(x, u, 0.1, -0.2, dhc);
    expect(hc.shape).toEqual([1, 3, 2]);
    expect(gates.shape).toEqual([1, 3, 4]);
    (hc.arraySync() as number[][][])[0]?.forEach((row, t) =>
      row.forEach((v, k) => expect(v).toBeCloseTo(expected.hc[t]?.[k] as number, 5)),
    );
    const [dz, dh0, dc0] = referenceLstmBackward(dhcT, uT, h0, c0, hc, gates);
    const eps = 1e-6;
    const dzData = dz.arraySync()[0] as number[][];
    for (let t = 0; t < 3; t++) {
      for (let k = 0; k < 4; k++) {
        const plus = x.map((r) => r.slice());
        const minus = x.map((r) => r.slice());
        (plus[t] as number[])[k] = (x[t]?.[k] as number) + eps;
        (minus[t] as number[])[k] = (x[t]?.[k] as number) - eps;
        const fd =
          (scalarLstm(plus, u, 0.1, -0.2, dhc).loss - scalarLstm(minus, u, 0.1, -0.2, dhc).loss) /
          (2 * eps);
        expect(dzData[t]?.[k]).toBeCloseTo(fd, 4);
      }
    }
    const fdH0 =
      (scalarLstm(x, u, 0.1 + eps, -0.2, dhc).loss - scalarLstm(x, u, 0.1 - eps, -0.2, dhc).loss) /
      (2 * eps);
    const fdC0 =
      (scalarLstm(x, u, 0.1, -0.2 + eps, dhc).loss - scalarLstm(x, u, 0.1, -0.2 - eps, dhc).loss) /
      (2 * eps);
    expect(dh0.dataSync()[0]).toBeCloseTo(fdH0, 4);
    expect(dc0.dataSync()[0]).toBeCloseTo(fdC0, 4);
    tf.dispose([xT, uT, h0, c0, dhcT, hc, gates, dz, dh0, dc0]);
  });

  it('backward equals tf.grads of the forward (xProj, h0, c0)', () => {
    for (const [m, Tx, nA] of [
      [3, 5, 6],
      [1, 1, 2],
      [2, 4, 1],
    ] as const) {
      const xProj = tf.randomNormal([m, Tx, 4 * nA], 0, 1, 'float32', 7);
      const U = tf.randomNormal([nA, 4 * nA], 0, 0.5, 'float32', 8);
      const h0 = tf.randomNormal([m, nA], 0, 0.5, 'float32', 9);
      const c0 = tf.randomNormal([m, nA], 0, 0.5, 'float32', 10);
      expectBackwardMatchesAutodiff({
        inputs: { xProj, h0, c0 },
        forward: (i) => referenceLstmForward(i.xProj, U, i.h0, i.c0)[0],
        backward: (i, dhc) => {
          const [hc, gates] = referenceLstmForward(i.xProj, U, i.h0, i.c0);
          const [dz, dh0, dc0] = referenceLstmBackward(dhc, U, i.h0, i.c0, hc, gates);
          return { xProj: dz, h0: dh0, c0: dc0 };
        },
      });
      tf.dispose([xProj, U, h0, c0]);
    }
  });

  it('leave no tensors behind', async () => {
    const [xProj, U, h0, c0] = [
      tf.ones([2, 3, 8]),
      tf.ones([2, 8]),
      tf.zeros([2, 2]),
      tf.zeros([2, 2]),
    ];
    expect(await expectNoLeaks(() => referenceLstmForward(xProj, U, h0, c0))).toBe(2);
    const [hc, gates] = referenceLstmForward(xProj, U, h0, c0);
    const dhc = tf.onesLike(hc);
    expect(await expectNoLeaks(() => referenceLstmBackward(dhc, U, h0, c0, hc, gates))).toBe(3);
    tf.dispose([xProj, U, h0, c0, hc, gates, dhc]);
  });

  it('register as kernels only where none exist, and unregister what they registered', () => {
    const backend = tf.getBackend();
    expect(tf.getKernel('DlkitLstmForward', backend)).toBeUndefined();
    const unregister = registerReferenceLstmKernels();
    expect(tf.getKernel('DlkitLstmForward', backend)).toBeDefined();
    expect(tf.getKernel('DlkitLstmBackward', backend)).toBeDefined();
    const again = registerReferenceLstmKernels();
    again(); // registered nothing, so removes nothing
    expect(tf.getKernel('DlkitLstmForward', backend)).toBeDefined();
    const [xProj, U, h0, c0] = [
      tf.ones([1, 2, 4]),
      tf.ones([1, 4]),
      tf.zeros([1, 1]),
      tf.zeros([1, 1]),
    ];
    const viaKernel = tf
      .engine()
      .runKernel('DlkitLstmForward', { xProj, recurrentKernel: U, h0, c0 }) as tf.Tensor[];
    const direct = referenceLstmForward(xProj, U, h0, c0);
    expect(Array.from(viaKernel[0]?.dataSync() ?? [])).toEqual(Array.from(direct[0].dataSync()));
    unregister();
    expect(tf.getKernel('DlkitLstmForward', backend)).toBeUndefined();
    expect(tf.getKernel('DlkitLstmBackward', backend)).toBeUndefined();
    tf.dispose([xProj, U, h0, c0, ...viaKernel, ...direct]);
  });
});
