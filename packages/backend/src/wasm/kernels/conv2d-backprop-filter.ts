import * as tf from '@tensorflow/tfjs';
import { KernelScope, type KernelArgs, type PadAttr, pair } from './kernel-util.js';

/**
 * `Conv2DBackpropFilter` on wasm as one XNNPACK convolution: with the batch as the input
 * channels, `dW[kh, kw, ci, co] = conv(x^T, dy^T)` where `x^T` is `[ci, H, W, m]`, the filter
 * `dy^T` is `[oH, oW, m, co]` dilated by the forward stride, and the output is cropped to
 * `[ci, kh, kw, co]`.
 */
export function conv2dBackpropFilter({ inputs, attrs, backend }: KernelArgs): tf.TensorInfo {
  const x = inputs['x'] as tf.TensorInfo;
  const dy = inputs['dy'] as tf.TensorInfo;
  const a = attrs ?? {};
  const strides = a['strides'] as number | [number, number];
  const pad = a['pad'] as PadAttr;
  const dataFormat = (a['dataFormat'] as 'NHWC' | 'NCHW' | undefined) ?? 'NHWC';
  const dimRoundingMode = a['dimRoundingMode'] as 'floor' | 'round' | 'ceil' | undefined;
  const filterShape = a['filterShape'] as [number, number, number, number];
  const s = new KernelScope(backend);
  let xN = x;
  let dyN = dy;
  if (dataFormat === 'NCHW') {
    xN = s.transpose(x, [0, 2, 3, 1]);
    dyN = s.transpose(dy, [0, 2, 3, 1]);
  }
  const [m, H, W, ci] = xN.shape as [number, number, number, number];
  const info = tf.backend_util.computeConv2DInfo(
    [m, H, W, ci],
    filterShape,
    strides,
    1,
    pad,
    dimRoundingMode,
  );
  const [kh, kw] = [filterShape[0], filterShape[1]];
  const [sh, sw] = pair([info.strideHeight, info.strideWidth]);
  const { top, left } = info.padInfo;
  const [oh, ow] = [info.outHeight, info.outWidth];
  // Rows of x the gradient reads: top padding, then x, then bottom padding so that the output
  // is exactly kh tall; negative bottom padding means the forward pass never read those rows.
  let bottom = kh - 1 + (oh - 1) * sh + 1 - H - top;
  let right = kw - 1 + (ow - 1) * sw + 1 - W - left;
  let xc = xN;
  if (bottom < 0 || right < 0) {
    const h = H + Math.min(bottom, 0);
    const w = W + Math.min(right, 0);
    xc = s.run('Slice', { x: xN }, { begin: [0, 0, 0, 0], size: [m, h, w, ci] });
    bottom = Math.max(bottom, 0);
    right = Math.max(right, 0);
  }
  const xT = s.transpose(xc, [3, 1, 2, 0]); // [ci, H, W, m]
  const dyT = s.transpose(dyN, [1, 2, 0, 3]); // [oh, ow, m, co]
  const conv = s.run(
    'Conv2D',
    { x: xT, filter: dyT },
    {
      strides: [1, 1],
      dilations: [sh, sw],
      pad: [
        [0, 0],
        [top, bottom],
        [left, right],
        [0, 0],
      ],
      dataFormat: 'NHWC',
    },
  ); // [ci, kh, kw, co]
  const out = s.transpose(conv, [1, 2, 0, 3]);
  s.dispose(out);
  return out;
}
