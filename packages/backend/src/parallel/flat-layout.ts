import * as tf from '@tensorflow/tfjs';

/**
 * Where each tensor of a list sits in one flat float32 buffer (weights or gradients shared
 * between threads): tensor `i` is `view.subarray(offsets[i], offsets[i] + sizes[i])`.
 */
export interface FlatLayout {
  /** The tensors' shapes, in list order. */
  shapes: number[][];
  /** The first element of each tensor in the buffer. */
  offsets: number[];
  /** The number of elements of each tensor. */
  sizes: number[];
  /** All elements. */
  total: number;
}

/**
 * The layout of tensors of these shapes, packed one after the other.
 *
 * @param shapes - The shapes, in list order.
 * @returns The layout.
 */
export function flatLayout(shapes: readonly (readonly number[])[]): FlatLayout {
  const offsets: number[] = [];
  const sizes: number[] = [];
  let total = 0;
  for (const shape of shapes) {
    const size = shape.reduce((a, b) => a * b, 1);
    offsets.push(total);
    sizes.push(size);
    total += size;
  }
  return { shapes: shapes.map((s) => [...s]), offsets, sizes, total };
}

/**
 * Copies the tensors' values into `view` at the layout's offsets.
 *
 * @param view - A buffer of `layout.total` float32s.
 * @param layout - Where each tensor goes.
 * @param tensors - The tensors, in layout order (not disposed).
 */
export function writeFlat(
  view: Float32Array,
  layout: FlatLayout,
  tensors: readonly tf.Tensor[],
): void {
  tensors.forEach((t, i) => view.set(t.dataSync() as Float32Array, layout.offsets[i]));
}

/**
 * Tensor `i` of the layout as a new tensor (a copy of the buffer's values).
 *
 * @param view - A buffer of `layout.total` float32s.
 * @param layout - Where each tensor is.
 * @param i - Which tensor.
 * @returns A float32 tensor the caller owns.
 */
export function readFlat(view: Float32Array, layout: FlatLayout, i: number): tf.Tensor {
  const offset = layout.offsets[i] as number;
  return tf.tensor(view.subarray(offset, offset + (layout.sizes[i] as number)), layout.shapes[i]);
}
