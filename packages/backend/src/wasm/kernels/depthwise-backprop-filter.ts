import type * as tf from '@tensorflow/tfjs';
import { KernelScope, convInfoFromAttrs, type KernelArgs } from './kernel-util.js';

/**
 * `DepthwiseConv2dNativeBackpropFilter` on wasm: for each filter tap `(i, j)`, the strided
 * slice of the padded input that tap saw, times `dy`, summed over batch and positions:
 * `dW[i, j, c, q] = sum_{n,a,b} x[n, a*sH + i*dH - pT, b*sW + j*dW - pL, c] * dy[n, a, b, c*M + q]`.
 */
export function depthwiseBackpropFilter({ inputs, attrs, backend }: KernelArgs): tf.TensorInfo {
  const x = inputs['x'] as tf.TensorInfo;
  const dy = inputs['dy'] as tf.TensorInfo;
  const a = attrs ?? {};
  const filterShape = a['filterShape'] as [number, number, number, number];
  const info = convInfoFromAttrs(x.shape as [number, number, number, number], filterShape, a, true);
  const [n, H, W, c] = x.shape as [number, number, number, number];
  const [kh, kw, , M] = filterShape;
  const { top, left } = info.padInfo;
  const [sh, sw, dh, dw] = [
    info.strideHeight,
    info.strideWidth,
    info.dilationHeight,
    info.dilationWidth,
  ];
  const [oh, ow] = [info.outHeight, info.outWidth];
  const s = new KernelScope(backend);
  const needH = (kh - 1) * dh + (oh - 1) * sh + 1;
  const needW = (kw - 1) * dw + (ow - 1) * sw + 1;
  const bottom = Math.max(0, needH - H - top);
  const right = Math.max(0, needW - W - left);
  const xp =
    top + bottom + left + right === 0
      ? x
      : s.run(
          'PadV2',
          { x },
          {
            paddings: [
              [0, 0],
              [top, bottom],
              [left, right],
              [0, 0],
            ],
            constantValue: 0,
          },
        );
  const dy5 = s.reshape(dy, [n, oh, ow, c, M]);
  const taps: tf.TensorInfo[] = [];
  for (let i = 0; i < kh; i++) {
    for (let j = 0; j < kw; j++) {
      const seen = s.run(
        'StridedSlice',
        { x: xp },
        {
          begin: [0, i * dh, j * dw, 0],
          end: [n, i * dh + (oh - 1) * sh + 1, j * dw + (ow - 1) * sw + 1, c],
          strides: [1, sh, sw, 1],
          beginMask: 0,
          endMask: 0,
          ellipsisMask: 0,
          newAxisMask: 0,
          shrinkAxisMask: 0,
        },
      );
      const seen5 = s.reshape(seen, [n, oh, ow, c, 1]);
      const prod = s.run('Multiply', { a: seen5, b: dy5 });
      const tap = s.run('Sum', { x: prod }, { axis: [0, 1, 2], keepDims: false }); // [c, M]
      taps.push(s.reshape(tap, [1, c, M]));
    }
  }
  const stacked =
    taps.length === 1
      ? (taps[0] as tf.TensorInfo)
      : s.run('Concat', taps as unknown as tf.NamedTensorInfoMap, { axis: 0 });
  const out = s.reshape(stacked, [kh, kw, c, M]);
  s.dispose(out);
  return out;
}
