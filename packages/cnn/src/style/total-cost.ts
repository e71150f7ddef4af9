import * as tf from '@tensorflow/tfjs';
import { DlkitError, assertNumber, assertTensor, describeValue } from '@dlkit/core';

const FN = 'totalCost';

/** A number, or a live float32 scalar tensor, checked; returned as a scalar tensor. */
function checkCost(argument: string, value: unknown): tf.Scalar {
  if (typeof value === 'number') return tf.scalar(assertNumber(FN, argument, value));
  if (!(value instanceof tf.Tensor)) {
    throw new DlkitError(
      'value',
      FN,
      `${argument} must be a number or a scalar tensor, got ${describeValue(value)}`,
      { argument },
    );
  }
  assertTensor(FN, argument, value, { rank: 0 });
  return value as tf.Scalar;
}

/**
 * The total cost, the notebook's `total_cost`: `J = alpha J_content + beta J_style`.
 *
 * @param JContent - The content cost, a number or a scalar tensor.
 * @param JStyle - The style cost, a number or a scalar tensor.
 * @param alpha - The content cost's weight. Default 10, as in the notebook.
 * @param beta - The style cost's weight. Default 40, as in the notebook.
 * @returns A new scalar tensor, `J`.
 *
 * @example
 * ```ts
 * import { totalCost } from '@dlkit/cnn';
 * const J = totalCost(0.2, 0.8);
 * console.log(J.dataSync()[0]); // 34 (the notebook's check)
 * J.dispose();
 * ```
 *
 * @category C4 W4 · Neural style transfer
 * @see the guide page `docs/cnn/style-transfer.md`
 */
export function totalCost(
  JContent: tf.Scalar | number,
  JStyle: tf.Scalar | number,
  alpha = 10,
  beta = 40,
): tf.Scalar {
  assertNumber(FN, 'alpha', alpha);
  assertNumber(FN, 'beta', beta);
  return tf.tidy(() => {
    const content = checkCost('JContent', JContent);
    const style = checkCost('JStyle', JStyle);
    return tf.add(tf.mul(alpha, content), tf.mul(beta, style));
  });
}
