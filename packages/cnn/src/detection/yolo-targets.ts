import * as tf from '@tensorflow/tfjs';
import { DlkitError, ShapeChecker, asCaller, assertSize, assertTensor } from '@dlkit/core';
import { FINITE, checkBoxes } from './box-checks.js';

/** Anchor sizes `[B, 2]` as plain numbers, each positive. */
export function anchorList(fn: string, anchors: unknown): [number, number][] {
  new ShapeChecker(fn).checkFloat('anchors', anchors as tf.Tensor, ['B', 2], FINITE);
  const v = (anchors as tf.Tensor).dataSync();
  if (v.some((x) => x <= 0)) {
    throw new DlkitError('value', fn, 'anchors must hold widths and heights > 0', {
      argument: 'anchors',
    });
  }
  return Array.from({ length: v.length / 2 }, (_, j) => [v[2 * j]!, v[2 * j + 1]!]);
}

/** IoU of two sizes with the same centre. */
function sizeIou(w1: number, h1: number, w2: number, h2: number): number {
  const inter = Math.min(w1, w2) * Math.min(h1, h2);
  return inter / (w1 * h1 + w2 * h2 - inter);
}

/** Anchor indices by decreasing IoU of their size with `(w, h)` (in cells). */
function anchorsByFit(w: number, h: number, anchors: [number, number][]): number[] {
  return anchors
    .map((a, j) => [sizeIou(w, h, a[0], a[1]), j] as const)
    .sort((p, q) => q[0] - p[0])
    .map((p) => p[1]);
}

/**
 * The training target of a YOLO detector (what yad2k's `preprocess_true_boxes` prepares for the
 * course's model): each object is given to the grid cell holding its centre and, in that cell,
 * to the anchor whose size fits its box best (IoU of the sizes; the next best if two objects
 * claim the same anchor). That anchor's `5 + C` numbers are `[x, y, w, h, 1, one-hot class]`
 * (centre and size as fractions of the image); every other anchor's are zeros.
 *
 * @param boxes - `[m, k, 4]` true boxes `[y1, x1, y2, x2]` as fractions of the image (`makeShapeDetection`'s layout).
 * @param classes - `[m, k]` int32 class of each box, `-1` for an empty slot.
 * @param anchors - `[B, 2]` anchor sizes `(w, h)` in grid cells.
 * @param gridSize - `S`: the detector's grid is `S × S`.
 * @param numClasses - `C`.
 * @returns A new tensor `[m, S, S, B · (5 + C)]`, the layout of the detector's output. The caller owns it.
 *
 * @example
 * ```ts
 * import * as tf from '@tensorflow/tfjs';
 * import { yoloTargets } from '@dlkit/cnn';
 * const boxes = tf.tensor3d([[[0.5, 0, 0.75, 1]]]); // [y1, x1, y2, x2]: 2 × 0.5 cells, centre (0.5, 0.625)
 * const classes = tf.tensor2d([[1]], [1, 1], 'int32');
 * const anchors = tf.tensor2d([[1, 1], [2, 1]]);
 * const y = yoloTargets(boxes, classes, anchors, 2, 2);
 * console.log(y.arraySync()[0]![1]![1]!.slice(7)); // row 1, column 1, anchor 1: [0.5, 0.625, 1, 0.25, 1, 0, 1]
 * tf.dispose([boxes, classes, anchors, y]);
 * ```
 *
 * @category C4 W3 · Object detection
 */
export function yoloTargets(
  boxes: tf.Tensor,
  classes: tf.Tensor,
  anchors: tf.Tensor,
  gridSize: number,
  numClasses: number,
): tf.Tensor4D {
  const fn = 'yoloTargets';
  const b = checkBoxes(fn, 'boxes', boxes, 'yxyx', 3);
  assertTensor(fn, 'classes', classes, { dtypes: ['int32'], ...FINITE });
  const shapes = new ShapeChecker(fn)
    .check('boxes', boxes, ['m', 'k', 4])
    .check('classes', classes, ['m', 'k']);
  const a = anchorList(fn, anchors);
  const s = assertSize(fn, 'gridSize', gridSize, 1);
  const c = assertSize(fn, 'numClasses', numClasses, 1);
  const [m, k] = [shapes.dim('m'), shapes.dim('k')];
  const depth = a.length * (5 + c);
  assertSize(fn, 'gridSize', m * s * s * depth, 0); // the target's size, at most MAX_ELEMENTS
  const cls = classes.dataSync();
  const out = new Float32Array(m * s * s * depth);
  for (let i = 0; i < m; i++) {
    for (let o = 0; o < k; o++) {
      const label = cls[i * k + o]!;
      if (label < 0) continue;
      if (label >= c) {
        throw new DlkitError(
          'value',
          fn,
          `classes must be -1 or below numClasses = ${c}, got ${label}`,
          { argument: 'classes' },
        );
      }
      const [y1, x1, y2, x2] = b.subarray(
        (i * k + o) * 4,
        (i * k + o) * 4 + 4,
      ) as unknown as number[];
      place(
        out,
        { i, s, depth, c },
        [(x1! + x2!) / 2, (y1! + y2!) / 2, x2! - x1!, y2! - y1!],
        label,
        a,
      );
    }
  }
  return asCaller(fn, () => tf.tensor4d(out, [m, s, s, depth]));
}

/** Writes one object into the target: its cell's best free anchor. */
function place(
  out: Float32Array,
  g: { i: number; s: number; depth: number; c: number },
  [x, y, w, h]: number[],
  label: number,
  anchors: [number, number][],
): void {
  const col = Math.min(g.s - 1, Math.max(0, Math.floor(x! * g.s)));
  const row = Math.min(g.s - 1, Math.max(0, Math.floor(y! * g.s)));
  const cell = ((g.i * g.s + row) * g.s + col) * g.depth;
  const free = anchorsByFit(Math.max(w! * g.s, 1e-6), Math.max(h! * g.s, 1e-6), anchors).find(
    (j) => out[cell + j * (5 + g.c) + 4] === 0,
  );
  if (free === undefined) return; // every anchor of the cell is taken: the object is not learnt
  const at = cell + free * (5 + g.c);
  out.set([x!, y!, w!, h!, 1], at);
  out[at + 5 + label] = 1;
}
