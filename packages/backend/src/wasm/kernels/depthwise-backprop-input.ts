import type * as tf from '@tensorflow/tfjs';
import { spreadForTransposedConv } from './conv2d-backprop-input.js';
import { KernelScope, convInfoFromAttrs, type KernelArgs } from './kernel-util.js';

/**
 * `DepthwiseConv2dNativeBackpropInput` on wasm as a transposed depthwise convolution: `dy` with
 * `stride - 1` zeros between its rows and columns, padded, then correlated with the filter
 * flipped in space (XNNPACK's depthwise convolution, dilated like the forward pass). With a
 * channel multiplier `M` above 1, one such convolution per multiplier, summed.
 */
export function depthwiseBackpropInput({ inputs, attrs, backend }: KernelArgs): tf.TensorInfo {
  const dy = inputs['dy'] as tf.TensorInfo;
  const filter = inputs['filter'] as tf.TensorInfo;
  const a = attrs ?? {};
  const inputShape = a['inputShape'] as [number, number, number, number];
  const filterShape = filter.shape as [number, number, number, number];
  const info = convInfoFromAttrs(inputShape, filterShape, a, true);
  const [n, H, W, c] = inputShape;
  const [kh, kw, , M] = filterShape;
  const { top, left } = info.padInfo;
  const [sh, sw, dh, dw] = [
    info.strideHeight,
    info.strideWidth,
    info.dilationHeight,
    info.dilationWidth,
  ];
  const s = new KernelScope(backend);

  const { d, pad } = spreadForTransposedConv(s, dy, { H, W, kh, kw, sh, sw, dh, dw, top, left });
  const flipped = s.run('Reverse', { x: filter }, { dims: [0, 1] }); // [kh, kw, c, M]
  const parts: tf.TensorInfo[] = [];
  for (let q = 0; q < M; q++) {
    let dq = d;
    let fq = flipped;
    if (M > 1) {
      const dShape = d.shape as [number, number, number, number];
      const d5 = s.reshape(d, [n, dShape[1], dShape[2], c, M]);
      const sl = s.run(
        'Slice',
        { x: d5 },
        { begin: [0, 0, 0, 0, q], size: [n, dShape[1], dShape[2], c, 1] },
      );
      dq = s.reshape(sl, [n, dShape[1], dShape[2], c]);
      const fs = s.run('Slice', { x: flipped }, { begin: [0, 0, 0, q], size: [kh, kw, c, 1] });
      fq = fs;
    }
    parts.push(
      s.run('DepthwiseConv2dNative', { x: dq, filter: fq }, {
        strides: [1, 1],
        dilations: [dh, dw],
        pad,
        dimRoundingMode: undefined,
      } as unknown as tf.NamedAttrMap),
    );
  }
  const out =
    parts.length === 1
      ? (parts[0] as tf.TensorInfo)
      : s.run('AddN', parts as unknown as tf.NamedTensorInfoMap);
  s.dispose(out);
  return out;
}
