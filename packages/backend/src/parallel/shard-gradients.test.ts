import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { expectNoLeaks, expectTensorsClose, fc } from '@dlkit/test-harness';
import { meanLoss } from './parallel-loss.js';
import { shardGradients, shardSizes, trainableVariables } from './shard-gradients.js';

describe('shardSizes', () => {
  it('splits m into parts that sum to m, differ by at most 1, larger first', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 10_000 }),
        fc.integer({ min: 1, max: 16 }),
        (m, parts) => {
          const sizes = shardSizes(m, parts);
          expect(sizes).toHaveLength(parts);
          expect(sizes.reduce((a, b) => a + b, 0)).toBe(m);
          expect(Math.max(...sizes) - Math.min(...sizes)).toBeLessThanOrEqual(1);
          expect([...sizes].sort((a, b) => b - a)).toEqual(sizes);
        },
      ),
    );
    expect(shardSizes(13, 3)).toEqual([5, 4, 4]);
  });
});

describe('shardGradients', () => {
  const model = (): tf.Sequential =>
    tf.sequential({
      layers: [
        tf.layers.dense({
          inputShape: [4],
          units: 5,
          activation: 'tanh',
          kernelInitializer: tf.initializers.glorotUniform({ seed: 1 }),
        }),
        tf.layers.dense({
          units: 3,
          activation: 'softmax',
          kernelInitializer: tf.initializers.glorotUniform({ seed: 2 }),
        }),
      ],
    });

  it("shards' gradients add up to the whole batch's, as tf.variableGrads gives it", async () => {
    const net = model();
    const x = tf.randomNormal([11, 4], 0, 1, 'float32', 3);
    const y = tf.tidy(() => tf.oneHot(tf.randomUniformInt([11], 0, 3, 4), 3).toFloat());
    const whole = tf.variableGrads(
      () => meanLoss('categoricalCrossentropy', y, net.apply(x) as tf.Tensor),
      trainableVariables(net),
    );
    const sizes = shardSizes(11, 3);
    let begin = 0;
    const parts = sizes.map((size) => {
      const [xs, ys] = [x.slice(begin, size), y.slice(begin, size)];
      begin += size;
      const part = shardGradients(net, 'categoricalCrossentropy', xs, ys, size / 11);
      tf.dispose([xs, ys]);
      return part;
    });
    expect(parts.reduce((a, p) => a + p.loss, 0)).toBeCloseTo(
      whole.value.dataSync()[0] as number,
      5,
    );
    trainableVariables(net).forEach((v, i) => {
      const sum = tf.addN(parts.map((p) => p.grads[i] as tf.Tensor));
      expectTensorsClose(sum, whole.grads[v.name] as tf.Tensor, { rtol: 1e-5, atol: 1e-7 });
      sum.dispose();
    });
    tf.dispose([
      x,
      y,
      whole.value,
      ...Object.values(whole.grads),
      ...parts.flatMap((p) => p.grads),
    ]);
    net.dispose();
  });

  it('returns only its gradients (one per trainable variable)', async () => {
    const net = model();
    const x = tf.randomNormal([4, 4], 0, 1, 'float32', 5);
    const y = tf.tidy(() => tf.oneHot(tf.tensor1d([0, 1, 2, 0], 'int32'), 3).toFloat());
    const n = await expectNoLeaks(
      () => shardGradients(net, 'categoricalCrossentropy', x, y, 1).grads,
    );
    expect(n).toBe(4);
    tf.dispose([x, y]);
    net.dispose();
  });
});
