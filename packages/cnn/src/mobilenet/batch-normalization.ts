import * as tf from '@tensorflow/tfjs';
import { assertNumber, assertOptions, assertTensor, DlkitError, describeValue } from '@dlkit/core';

type TfBatchNormalization = ReturnType<typeof tf.layers.batchNormalization>;
type BatchNormalizationArgs = NonNullable<Parameters<typeof tf.layers.batchNormalization>[0]>;

// tfjs does not export its layer classes, only factories: the class is the factory's product's.
const TfBatchNormalizationClass = tf.layers.batchNormalization().constructor as (new (
  args?: BatchNormalizationArgs,
) => TfBatchNormalization) &
  tf.serialization.SerializableConstructor<TfBatchNormalization>;

function checkArgs(args: unknown): BatchNormalizationArgs | undefined {
  const fn = 'BatchNormalization';
  const a = assertOptions(
    fn,
    'args',
    args as (BatchNormalizationArgs & { customObjects?: unknown }) | undefined,
    [
      'axis',
      'momentum',
      'epsilon',
      'center',
      'scale',
      'betaInitializer',
      'gammaInitializer',
      'movingMeanInitializer',
      'movingVarianceInitializer',
      'betaConstraint',
      'gammaConstraint',
      'betaRegularizer',
      'gammaRegularizer',
      'name',
      'trainable',
      'inputShape',
      'batchInputShape',
      'batchSize',
      'dtype',
      'weights',
      'inputDType',
      'customObjects',
    ],
  );
  if (a.axis !== undefined)
    assertNumber(fn, 'args.axis', a.axis, { integer: true, min: -8, max: 8 });
  if (a.momentum !== undefined) assertNumber(fn, 'args.momentum', a.momentum, { min: 0, max: 1 });
  if (a.epsilon !== undefined) assertNumber(fn, 'args.epsilon', a.epsilon, { min: 0, max: 1 });
  for (const key of ['center', 'scale', 'trainable'] as const) {
    if (a[key] !== undefined && typeof a[key] !== 'boolean') {
      throw new DlkitError(
        'value',
        fn,
        `args.${key} must be a boolean, got ${describeValue(a[key])}`,
        {
          argument: `args.${key}`,
        },
      );
    }
  }
  if (a.name !== undefined && typeof a.name !== 'string') {
    throw new DlkitError('value', fn, `args.name must be a string, got ${describeValue(a.name)}`, {
      argument: 'args.name',
    });
  }
  return args === undefined ? undefined : a;
}

/**
 * tfjs's batch normalization with Keras 2's rule for frozen layers: a layer whose `trainable` is
 * `false` normalizes with its moving statistics even while the model trains, and does not update
 * them. (tfjs's own `BatchNormalization` uses the batch's statistics whenever `training` is true,
 * so a frozen pretrained backbone would drift.) MobileNetV2 is built with it, so freezing the
 * backbone does what the notebook's `base_model(x, training=False)` does.
 *
 * Saved under the class name `DlkitBatchNormalization`; its weights are tfjs's (`gamma`, `beta`,
 * `moving_mean`, `moving_variance`), so Keras weights load into it by layer name.
 *
 * @example
 * ```ts
 * import * as tf from '@tensorflow/tfjs';
 * import { BatchNormalization } from '@dlkit/cnn';
 * const bn = new BatchNormalization({ epsilon: 1e-3, momentum: 0.999 });
 * const x = tf.tensor4d([1, 2, 3, 4], [4, 1, 1, 1]);
 * tf.dispose(bn.apply(x) as tf.Tensor); // builds the weights
 * bn.trainable = false;
 * const y = bn.apply(x, { training: true }) as tf.Tensor; // moving statistics: mean 0, variance 1
 * console.log(y.dataSync()[3].toFixed(2)); // 4.00
 * tf.dispose([x, y]);
 * bn.dispose();
 * ```
 *
 * @category C4 W2 · MobileNetV2
 */
export class BatchNormalization extends TfBatchNormalizationClass {
  /** The name models save this layer under (`'DlkitBatchNormalization'`). */
  static override className = 'DlkitBatchNormalization';

  /** @param args - tfjs's `batchNormalization` arguments (`axis`, `momentum`, `epsilon`, …). */
  constructor(args: BatchNormalizationArgs = {}) {
    super(checkArgs(args));
  }

  /**
   * Normalizes a batch: with the batch's statistics when training a trainable layer, otherwise
   * with the moving ones.
   *
   * @param inputs - `x` of any shape whose `axis` dimension is the layer's (`[m, nH, nW, nC]` here).
   * @param kwargs - `training`: whether the model is training.
   * @returns The normalized `x`, same shape.
   */
  override call(
    inputs: tf.Tensor | tf.Tensor[],
    kwargs: tf.serialization.ConfigDict = {},
  ): tf.Tensor {
    const x = Array.isArray(inputs) && inputs.length === 1 ? inputs[0] : inputs;
    assertTensor('BatchNormalization.call', 'inputs', x);
    if (kwargs === null || typeof kwargs !== 'object') {
      throw new DlkitError(
        'value',
        'BatchNormalization.call',
        `kwargs must be an object, got ${describeValue(kwargs)}`,
        { argument: 'kwargs' },
      );
    }
    if (!this.built) {
      throw new DlkitError(
        'state',
        'BatchNormalization.call',
        'call needs built weights: use apply',
        {
          argument: 'inputs',
        },
      );
    }
    const training = this.trainable && kwargs['training'] === true;
    return super.call(x as tf.Tensor, { ...kwargs, training }) as tf.Tensor;
  }
}
tf.serialization.registerClass(BatchNormalization);
