import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { DlkitError } from '@dlkit/core';
import {
  expectNoLeaks,
  expectTensorsClose,
  fixtureTensor,
  loadFixture,
  type FixtureTensor,
} from '@dlkit/test-harness';
import { clipGradientsByGlobalNorm, clipGradientsByValue } from './clip-gradients.js';

const fx = loadFixture<{ grads: Record<string, FixtureTensor>[]; global_norms: number[] }>(
  'optimizers_torch_optimizers',
);
const gradsAt = (t: number): Record<string, tf.Tensor> =>
  Object.fromEntries(Object.entries(fx.grads[t]!).map(([k, g]) => [k, fixtureTensor(g)]));

describe('clipGradientsByGlobalNorm', () => {
  it("gives torch's global norm, caps it at clipNorm and keeps the direction", () => {
    for (const t of [0, 5, 11]) {
      tf.tidy(() => {
        const g = gradsAt(t);
        const norm = fx.global_norms[t]!;
        const { gradients, globalNorm } = clipGradientsByGlobalNorm(g, 8);
        expect(globalNorm.dataSync()[0]).toBeCloseTo(norm, 4);
        const scale = norm > 8 ? 8 / norm : 1;
        for (const k of Object.keys(g))
          expectTensorsClose(gradients[k]!, tf.mul(g[k]!, scale), { rtol: 1e-6, atol: 1e-7 });
      });
    }
  });

  it('returns the clipped gradients and the norm, nothing else', async () => {
    const g = gradsAt(1);
    expect(await expectNoLeaks(() => clipGradientsByGlobalNorm(g, 1))).toBe(4);
    tf.dispose(Object.values(g));
  });
});

describe('clipGradientsByValue', () => {
  it('clips each entry to [-v, v] and leaves the others', () => {
    tf.tidy(() => {
      const g = {
        dW1: tf.tensor2d([
          [3, -0.5],
          [-7, 0.2],
        ]),
        db1: tf.tensor1d([0.9]),
      };
      const out = clipGradientsByValue(g, 0.6);
      expectTensorsClose(out['dW1']!, [
        [0.6, -0.5],
        [-0.6, 0.2],
      ]);
      expectTensorsClose(out['db1']!, [0.6]);
    });
  });

  it('returns one tensor per gradient and leaks nothing', async () => {
    const g = gradsAt(2);
    expect(await expectNoLeaks(() => clipGradientsByValue(g, 0.5))).toBe(3);
    tf.dispose(Object.values(g));
  });
});

describe('clipping rejects bad input', () => {
  it('names the function and the argument', () => {
    const g = tf.ones([2]);
    expect(() => clipGradientsByValue({ dW1: g }, 0)).toThrow(
      'clipGradientsByValue: clipValue must be a finite number > 0, got 0',
    );
    expect(() => clipGradientsByGlobalNorm({ dW1: g }, Number.NaN)).toThrow(
      'clipGradientsByGlobalNorm: clipNorm must be a finite number > 0, got NaN',
    );
    expect(() => clipGradientsByValue(null as never, 1)).toThrow(
      'clipGradientsByValue: gradients must be an object of tensors by name, got null',
    );
    expect(() => clipGradientsByGlobalNorm({ dW1: 3 as never }, 1)).toThrow(
      'clipGradientsByGlobalNorm: gradients.dW1 must be a tf.Tensor, got number 3',
    );
    const ints = tf.ones([2], 'int32');
    expect(() => clipGradientsByValue({ dW1: ints }, 1)).toThrow(
      'clipGradientsByValue: gradients.dW1 must have dtype float32, got int32',
    );
    g.dispose();
    ints.dispose();
    expect(() => clipGradientsByValue({ dW1: g }, 1)).toThrow(DlkitError);
  });
});
