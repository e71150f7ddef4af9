import * as tf from '@tensorflow/tfjs';
import { DlkitError, assertTensor, describeValue, formatShape } from '@dlkit/core';
import { checkLayerArgs, firstShape, isSize, type BaseLayerArgs } from './layer-args.js';

/** The one tensor a single-input layer is given (`x` or `[x]`), checked to be `[m, n]`. */
function singleInput(fn: string, inputs: unknown): tf.Tensor {
  const x: unknown = Array.isArray(inputs) && inputs.length === 1 ? inputs[0] : inputs;
  return assertTensor(fn, 'inputs', x, { rank: 2 });
}

/**
 * The notebook's inference step `one_hot(argmax(out, axis=-1), n_values)` as a layer, so the
 * sampled value can be fed back inside a `tf.LayersModel` (tfjs has no `Lambda` layer): input
 * `[m, n]` (probabilities or scores), output `[m, n]`, the one-hot vector of each row's largest
 * entry (the first on a tie). It has no weights and no gradient (argmax is flat); registered
 * for serialization as `DlkitOneHotArgmax`, so models that use it save and load.
 *
 * @example
 * ```ts
 * import * as tf from '@tensorflow/tfjs';
 * import { OneHotArgmax } from '@dlkit/sequence';
 * const layer = new OneHotArgmax();
 * const p = tf.tensor2d([[0.1, 0.7, 0.2], [0.5, 0.2, 0.3]]);
 * const x = layer.apply(p) as tf.Tensor;
 * console.log(x.arraySync()); // [[0, 1, 0], [1, 0, 0]]
 * tf.dispose([p, x]);
 * ```
 *
 * @see the guide page `docs/sequence/music.md`
 * @category C5 W1 · Jazz improvisation with an LSTM
 */
export class OneHotArgmax extends tf.layers.Layer {
  /** The name models save this layer under. */
  static className = 'DlkitOneHotArgmax';

  /** @param args - The usual layer arguments (`name`, ...), all optional. */
  constructor(args: BaseLayerArgs = {}) {
    super(checkLayerArgs('OneHotArgmax', args));
  }

  /**
   * The output shape, the input's.
   *
   * @param inputShape - `[m, n]`.
   * @returns `[m, n]`.
   */
  override computeOutputShape(inputShape: tf.Shape | tf.Shape[]): tf.Shape {
    const shape = firstShape(inputShape);
    const ok =
      Array.isArray(shape) &&
      shape.length === 2 &&
      isSize(shape[1]) &&
      (shape[0] === null || isSize(shape[0]));
    if (!ok) {
      const got = Array.isArray(shape) ? formatShape(shape as number[]) : describeValue(shape);
      throw new DlkitError(
        'shape',
        'OneHotArgmax.computeOutputShape',
        `inputShape must be [m, n], got ${got}`,
        {
          argument: 'inputShape',
        },
      );
    }
    return [...(shape as tf.Shape)];
  }

  /**
   * The one-hot vector of each row's argmax.
   *
   * @param inputs - `[m, n]` (or `[x]`).
   * @returns `[m, n]` float32, one 1 a row.
   */
  override call(inputs: tf.Tensor | tf.Tensor[]): tf.Tensor {
    const x = singleInput('OneHotArgmax.call', inputs);
    const n = x.shape[1] as number;
    return tf.tidy(() => tf.oneHot(tf.argMax(x, -1), n).toFloat());
  }
}
tf.serialization.registerClass(OneHotArgmax);
