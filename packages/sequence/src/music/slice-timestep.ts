import * as tf from '@tensorflow/tfjs';
import { DlkitError, assertNumber, assertTensor, describeValue, formatShape } from '@dlkit/core';
import { checkLayerArgs, firstShape, isSize, type BaseLayerArgs } from './layer-args.js';

/**
 * The arguments of {@link SliceTimestep}: the step to take, and every `tf.layers.Layer` argument.
 *
 * @see the guide page `docs/sequence/music.md`
 * @category C5 W1 · Jazz improvisation with an LSTM
 */
export interface SliceTimestepArgs extends BaseLayerArgs {
  /** The step `t` (0-based) to take from inputs `[m, Tx, n]`. */
  t: number;
}

function checkArgs(args: unknown): SliceTimestepArgs {
  const a = checkLayerArgs<SliceTimestepArgs>('SliceTimestep', args, ['t'], ' { t }');
  assertNumber('SliceTimestep', 'args.t', a.t, { integer: true, min: 0, max: 1_000_000 });
  return a;
}

/**
 * The notebook's `x = X[:, t, :]` as a layer (tfjs has no `Lambda` and no `Cropping1D`): input
 * `[m, Tx, n]`, output `[m, n]`, step `t`. `djmodel` uses one per step. Registered for
 * serialization as `DlkitSliceTimestep`.
 *
 * @example
 * ```ts
 * import * as tf from '@tensorflow/tfjs';
 * import { SliceTimestep } from '@dlkit/sequence';
 * const X = tf.tensor3d([[[1, 2], [3, 4], [5, 6]]]); // [m 1, Tx 3, n 2]
 * const x = new SliceTimestep({ t: 1 }).apply(X) as tf.Tensor;
 * console.log(x.arraySync()); // [[3, 4]]
 * tf.dispose([X, x]);
 * ```
 *
 * @see the guide page `docs/sequence/music.md`
 * @category C5 W1 · Jazz improvisation with an LSTM
 */
export class SliceTimestep extends tf.layers.Layer {
  /** The name models save this layer under. */
  static className = 'DlkitSliceTimestep';
  /** The step it takes. */
  readonly t: number;

  /** @param args - `t`, and the usual layer arguments (`name`, ...). */
  constructor(args: SliceTimestepArgs) {
    super(checkArgs(args));
    this.t = args.t;
  }

  /**
   * The output shape.
   *
   * @param inputShape - `[m, Tx, n]` with `Tx > t`.
   * @returns `[m, n]`.
   */
  override computeOutputShape(inputShape: tf.Shape | tf.Shape[]): tf.Shape {
    const shape = firstShape(inputShape);
    const s = shape as unknown[];
    const ok =
      Array.isArray(shape) &&
      s.length === 3 &&
      isSize(s[1]) &&
      isSize(s[2]) &&
      (s[0] === null || isSize(s[0])) &&
      (s[1] as number) > this.t;
    if (!ok) {
      const got = Array.isArray(shape) ? formatShape(shape as number[]) : describeValue(shape);
      throw new DlkitError(
        'shape',
        'SliceTimestep.computeOutputShape',
        `inputShape must be [m, Tx, n] with Tx > ${this.t}, got ${got}`,
        { argument: 'inputShape' },
      );
    }
    return [s[0] as number | null, s[2] as number];
  }

  /**
   * Takes step `t`.
   *
   * @param inputs - `[m, Tx, n]` (or `[X]`).
   * @returns `[m, n]`.
   */
  override call(inputs: tf.Tensor | tf.Tensor[]): tf.Tensor {
    const fn = 'SliceTimestep.call';
    const given: unknown = Array.isArray(inputs) && inputs.length === 1 ? inputs[0] : inputs;
    const X = assertTensor(fn, 'inputs', given, { rank: 3 });
    if ((X.shape[1] as number) <= this.t) {
      throw new DlkitError(
        'shape',
        fn,
        `inputs must be [m, Tx, n] with Tx > ${this.t}, got [${X.shape.join(', ')}]`,
        {
          argument: 'inputs',
        },
      );
    }
    return tf.tidy(() => X.slice([0, this.t, 0], [-1, 1, -1]).squeeze([1]));
  }

  /**
   * The layer's configuration (used by `model.save`).
   *
   * @returns `{ t, ...the layer's }`.
   */
  override getConfig(): tf.serialization.ConfigDict {
    return { t: this.t, ...super.getConfig() };
  }
}
tf.serialization.registerClass(SliceTimestep);
