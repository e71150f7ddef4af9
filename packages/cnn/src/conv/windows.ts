import * as tf from '@tensorflow/tfjs';

/** The sizes {@link windowViews} and {@link scatterWindows} work with. */
export interface WindowLayout {
  /** Window height and width. */
  f: number;
  /** Step between windows. */
  stride: number;
  /** Number of windows down and across. */
  nH: number;
  nW: number;
}

/** Extra zero rows/columns so that every window offset can take `n * stride` pixels. */
function extension(size: number, n: number, { f, stride }: WindowLayout): number {
  return Math.max(0, f - 1 + n * stride - size);
}

/**
 * The `f * f` strided views of a (padded) input: view `dh * f + dw` is
 * `x[:, dh + stride * h, dw + stride * w, :]` for `h < nH`, `w < nW`, each `[m, nH, nW, nC]`.
 * Built from pad, slice and reshape only, so tfjs can differentiate it. Call inside `tf.tidy`.
 */
export function windowViews(x: tf.Tensor4D, layout: WindowLayout): tf.Tensor4D[] {
  const { f, stride, nH, nW } = layout;
  const [m, hSize, wSize, c] = x.shape;
  const extended = tf.pad(x, [
    [0, 0],
    [0, extension(hSize, nH, layout)],
    [0, extension(wSize, nW, layout)],
    [0, 0],
  ]);
  const views: tf.Tensor4D[] = [];
  for (let dh = 0; dh < f; dh++) {
    for (let dw = 0; dw < f; dw++) {
      const region = extended.slice([0, dh, dw, 0], [m, nH * stride, nW * stride, c]);
      const strided = region
        .reshape([m, nH, stride, nW, stride, c])
        .slice([0, 0, 0, 0, 0, 0], [m, nH, 1, nW, 1, c]);
      views.push(strided.reshape([m, nH, nW, c]));
    }
  }
  return views;
}

/**
 * The adjoint of {@link windowViews}: adds each window's values back at the pixels it came from,
 * giving a tensor of `shape` (`[m, hSize, wSize, nC]`). Call inside `tf.tidy`.
 */
export function scatterWindows(
  parts: readonly tf.Tensor4D[],
  shape: readonly [number, number, number, number],
  layout: WindowLayout,
): tf.Tensor4D {
  const { f, stride, nH, nW } = layout;
  const [m, hSize, wSize, c] = shape;
  const hTotal = hSize + extension(hSize, nH, layout);
  const wTotal = wSize + extension(wSize, nW, layout);
  const placed = parts.map((part, k) => {
    const [dh, dw] = [Math.floor(k / f), k % f];
    const dilated = part
      .reshape([m, nH, 1, nW, 1, c])
      .pad([
        [0, 0],
        [0, 0],
        [0, stride - 1],
        [0, 0],
        [0, stride - 1],
        [0, 0],
      ])
      .reshape([m, nH * stride, nW * stride, c]);
    return dilated.pad([
      [0, 0],
      [dh, hTotal - dh - nH * stride],
      [dw, wTotal - dw - nW * stride],
      [0, 0],
    ]);
  });
  return tf.addN(placed).slice([0, 0, 0, 0], [m, hSize, wSize, c]) as tf.Tensor4D;
}
