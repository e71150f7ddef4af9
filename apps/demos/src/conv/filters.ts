/** The filters the convolution visualiser offers (all 3 × 3), and `'custom'`. */
export type FilterId =
  'vertical-edge' | 'horizontal-edge' | 'sobel-x' | 'sobel-y' | 'blur' | 'sharpen' | 'custom';

/** A named 3 × 3 filter, row-major. */
export interface Filter {
  /** Its name in the picker. */
  label: string;
  /** Its 9 weights, row-major. */
  weights: readonly number[];
}

/** The side of every filter of the visualiser. */
export const FILTER_SIZE = 3;

/**
 * The lecture's vertical and horizontal edge detectors (C4 W1 "Edge detection example"), Sobel,
 * a box blur and a sharpening filter.
 */
export const FILTERS: Record<Exclude<FilterId, 'custom'>, Filter> = {
  'vertical-edge': { label: 'vertical edge', weights: [1, 0, -1, 1, 0, -1, 1, 0, -1] },
  'horizontal-edge': { label: 'horizontal edge', weights: [1, 1, 1, 0, 0, 0, -1, -1, -1] },
  'sobel-x': { label: 'Sobel x', weights: [1, 0, -1, 2, 0, -2, 1, 0, -1] },
  'sobel-y': { label: 'Sobel y', weights: [1, 2, 1, 0, 0, 0, -1, -2, -1] },
  blur: { label: 'blur', weights: Array.from({ length: 9 }, () => 1 / 9) },
  sharpen: { label: 'sharpen', weights: [0, -1, 0, -1, 5, -1, 0, -1, 0] },
};

/**
 * The course's output size of a convolution, ⌊(n + 2p − f) / s⌋ + 1.
 *
 * @param n - Input height or width.
 * @param f - Filter size.
 * @param pad - Zero padding on each side, `p`.
 * @param stride - Stride, `s`.
 * @returns The output's height or width (0 or less when the filter does not fit).
 */
export function convOutputSize(n: number, f: number, pad: number, stride: number): number {
  return Math.floor((n + 2 * pad - f) / stride) + 1;
}
