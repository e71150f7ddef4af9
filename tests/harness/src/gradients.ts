import * as tf from '@tensorflow/tfjs';
import { expectTensorsClose } from './close.ts';

/** What {@link expectBackwardMatchesAutodiff} compares. */
export interface GradientCase<K extends string> {
  /** The forward pass, written with differentiable tfjs ops. */
  forward: (inputs: Record<K, tf.Tensor>) => tf.Tensor;
  /**
   * The hand-written backward pass: given the inputs and the upstream gradient `dY` (same shape as
   * the forward's output), returns the gradient for each input that is checked.
   */
  backward: (inputs: Record<K, tf.Tensor>, dY: tf.Tensor) => Partial<Record<K, tf.Tensor>>;
  /** The inputs at which both are evaluated. */
  inputs: Record<K, tf.Tensor>;
  /** The upstream gradient; by default a seeded random tensor of the output's shape. */
  dY?: tf.Tensor;
  /** Relative tolerance (default 1e-4). */
  rtol?: number;
  /** Absolute tolerance (default 1e-5). */
  atol?: number;
}

/**
 * The gradient oracle: checks a hand-written backward pass against `tf.grads` of its forward pass,
 * for every input the backward returns. Disposes everything it creates.
 *
 * @param c - The forward, backward, inputs and tolerances.
 *
 * @example
 * ```ts
 * import * as tf from '@tensorflow/tfjs';
 * import { expectBackwardMatchesAutodiff } from '@dlkit/test-harness';
 * const x = tf.tensor([1, 2, 3]);
 * expectBackwardMatchesAutodiff({
 *   inputs: { x },
 *   forward: ({ x }) => x.square(),
 *   backward: ({ x }, dY) => ({ x: dY.mul(x).mul(2) }),
 * });
 * x.dispose();
 * ```
 */
export function expectBackwardMatchesAutodiff<K extends string>(c: GradientCase<K>): void {
  const { rtol = 1e-4, atol = 1e-5 } = c;
  tf.tidy(() => {
    const keys = Object.keys(c.inputs) as K[];
    const y = c.forward(c.inputs);
    const dY = c.dY ?? tf.randomNormal(y.shape, 0, 1, 'float32', 1234);
    const hand = c.backward(c.inputs, dY);
    const checked = keys.filter((k) => hand[k] !== undefined);
    if (checked.length === 0) {
      throw new Error('expectBackwardMatchesAutodiff: the backward pass returned no gradients');
    }
    const f = (...xs: tf.Tensor[]): tf.Tensor => {
      const named = { ...c.inputs };
      keys.forEach((k, i) => (named[k] = xs[i] as tf.Tensor));
      return c.forward(named);
    };
    const auto = tf.grads(f)(
      keys.map((k) => c.inputs[k]),
      dY,
    );
    for (const k of checked) {
      expectTensorsClose(hand[k] as tf.Tensor, auto[keys.indexOf(k)] as tf.Tensor, {
        rtol,
        atol,
        label: `gradient of ${k}`,
      });
    }
  });
}
