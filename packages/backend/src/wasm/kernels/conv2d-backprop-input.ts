import type * as tf from '@tensorflow/tfjs';
import {
  KernelScope,
  convInfoFromAttrs,
  runOriginalKernel,
  type KernelArgs,
} from './kernel-util.js';

/**
 * `dy` with `stride - 1` zeros between its rows and columns, cropped or padded so that a stride-1
 * correlation with a `kh x kw` filter (dilated by `dh, dw`) gives exactly `H x W` outputs: the
 * input of a transposed convolution.
 */
export function spreadForTransposedConv(
  s: KernelScope,
  dy: tf.TensorInfo,
  p: {
    H: number;
    W: number;
    kh: number;
    kw: number;
    sh: number;
    sw: number;
    dh: number;
    dw: number;
    top: number;
    left: number;
  },
): { d: tf.TensorInfo; pad: [[0, 0], [number, number], [number, number], [0, 0]] } {
  const [n, oh, ow, ch] = dy.shape as [number, number, number, number];
  const { H, W, kh, kw, sh, sw, dh, dw, top, left } = p;
  let d = dy;
  const Ld = (oh - 1) * sh + 1;
  const Wd = (ow - 1) * sw + 1;
  if (sh > 1 || sw > 1) {
    const six = s.reshape(dy, [n, oh, 1, ow, 1, ch]);
    const padded = s.run(
      'PadV2',
      { x: six },
      {
        paddings: [
          [0, 0],
          [0, 0],
          [0, sh - 1],
          [0, 0],
          [0, sw - 1],
          [0, 0],
        ],
        constantValue: 0,
      },
    );
    const spread = s.reshape(padded, [n, oh * sh, ow * sw, ch]);
    d = s.run('Slice', { x: spread }, { begin: [0, 0, 0, 0], size: [n, Ld, Wd, ch] });
  }
  const pT = (kh - 1) * dh - top;
  const pB = H + (kh - 1) * dh - pT - Ld;
  const pL = (kw - 1) * dw - left;
  const pR = W + (kw - 1) * dw - pL - Wd;
  const [cT, cB, cL, cR] = [-pT, -pB, -pL, -pR].map((v) => Math.max(0, v)) as [
    number,
    number,
    number,
    number,
  ];
  if (cT + cB + cL + cR > 0) {
    d = s.run(
      'Slice',
      { x: d },
      { begin: [0, cT, cL, 0], size: [n, Ld - cT - cB, Wd - cL - cR, ch] },
    );
  }
  return {
    d,
    pad: [
      [0, 0],
      [Math.max(0, pT), Math.max(0, pB)],
      [Math.max(0, pL), Math.max(0, pR)],
      [0, 0],
    ],
  };
}

/**
 * `Conv2DBackpropInput` on wasm as one XNNPACK convolution: the transposed convolution is a
 * stride-1 correlation of the spread `dy` with the filter flipped in space and its channel axes
 * swapped (`[kh, kw, co, ci]`). tfjs' own wasm kernel is several times slower. NCHW goes to
 * tfjs' kernel.
 */
export function conv2dBackpropInput({ inputs, attrs, backend }: KernelArgs): tf.TensorInfo {
  const a = attrs ?? {};
  if (a['dataFormat'] === 'NCHW') {
    return runOriginalKernel(backend, 'Conv2DBackpropInput', inputs, a);
  }
  const dy = inputs['dy'] as tf.TensorInfo;
  const filter = inputs['filter'] as tf.TensorInfo;
  const inputShape = a['inputShape'] as [number, number, number, number];
  const filterShape = filter.shape as [number, number, number, number];
  const info = convInfoFromAttrs(inputShape, filterShape, { ...a, dilations: 1 });
  const [, H, W] = inputShape;
  const [kh, kw] = filterShape;
  const s = new KernelScope(backend);
  const { d, pad } = spreadForTransposedConv(s, dy, {
    H,
    W,
    kh,
    kw,
    sh: info.strideHeight,
    sw: info.strideWidth,
    dh: 1,
    dw: 1,
    top: info.padInfo.top,
    left: info.padInfo.left,
  });
  const flipped = s.run('Reverse', { x: filter }, { dims: [0, 1] });
  const swapped = s.transpose(flipped, [0, 1, 3, 2]); // [kh, kw, co, ci]
  const out = s.run(
    'Conv2D',
    { x: d, filter: swapped },
    { strides: [1, 1], dilations: [1, 1], pad, dataFormat: 'NHWC' },
  );
  s.dispose(out);
  return out;
}
