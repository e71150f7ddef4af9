// Two rules of Keras's MobileNetV2 (keras.applications.mobilenet_v2) that fix its channel counts
// and its stride-2 padding, so dlkit's builder has Keras's shapes and parameter counts.

/**
 * Keras's `_make_divisible(v, 8)`: `v` rounded to the nearest multiple of `divisor`, never below
 * `divisor` and never more than 10 % below `v`.
 */
export function makeDivisible(v: number, divisor = 8): number {
  let rounded = Math.max(divisor, Math.floor((v + divisor / 2) / divisor) * divisor);
  if (rounded < 0.9 * v) rounded += divisor;
  return rounded;
}

/**
 * Keras's `correct_pad(inputs, 3)`: the `ZeroPadding2D` before a stride-2 3×3 convolution, one
 * row and column after, and one before too on an odd side.
 */
export function correctPad(height: number, width: number): [[number, number], [number, number]] {
  const [adjustH, adjustW] = [1 - (height % 2), 1 - (width % 2)];
  return [
    [1 - adjustH, 1],
    [1 - adjustW, 1],
  ];
}
