import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { expectNoLeaks } from './leaks.ts';
import { referenceLstmBackward, referenceLstmForward } from './lstm-reference.ts';

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

describe('referenceLstmForward / referenceLstmBackward', () => {
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
    const [dz, dh0, dc0] = referenceLstmBackward(xT, uT, h0, c0, dhcT);
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

  it('leave no tensors behind', async () => {
    const inputs = [tf.ones([2, 3, 8]), tf.ones([2, 8]), tf.zeros([2, 2]), tf.zeros([2, 2])];
    expect(
      await expectNoLeaks(() =>
        referenceLstmForward(...(inputs as [tf.Tensor, tf.Tensor, tf.Tensor, tf.Tensor])),
      ),
    ).toBe(2);
    const dhc = tf.ones([2, 3, 4]);
    expect(
      await expectNoLeaks(() =>
        referenceLstmBackward(...(inputs as [tf.Tensor, tf.Tensor, tf.Tensor, tf.Tensor]), dhc),
      ),
    ).toBe(3);
    tf.dispose([...inputs, dhc]);
  });
});
