import * as tf from '@tensorflow/tfjs';
import { KernelScope, type KernelArgs, type PadAttr } from './kernel-util.js';

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
  const info = tf.backend_util.computeConv2DInfo(
    inputShape,
    filterShape,
    a['strides'] as number | [number, number],
    (a['dilations'] as number | [number, number] | undefined) ?? 1,
    a['pad'] as PadAttr,
    a['dimRoundingMode'] as 'floor' | 'round' | 'ceil' | undefined,
    true,
  );
  const [n, H, W, c] = inputShape;
  const [kh, kw, , M] = filterShape;
  const { top, left } = info.padInfo;
  const [sh, sw, dh, dw] = [info.strideHeight, info.strideWidth, info.dilationHeight, info.dilationWidth];
  const [oh, ow] = [info.outHeight, info.outWidth];
  const s = new KernelScope(backend);

  // dy with zeros between rows/columns: [n, (oh-1)*sh+1, (ow-1)*sw+1, c*M].
  let d = dy;
  const Ld = (oh - 1) * sh + 1;
  const Wd = (ow - 1) * sw + 1;
  if (sh > 1 || sw > 1) {
    const six = s.reshape(dy, [n, oh, 1, ow, 1, c * M]);
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
    const spread = s.reshape(padded, [n, oh * sh, ow * sw, c * M]);
    d = s.run('Slice', { x: spread }, { begin: [0, 0, 0, 0], size: [n, Ld, Wd, c * M] });
  }
  // Full correlation with the flipped filter: rows padded by (kh-1)*dh - top above, and so that
  // the output has exactly H rows below; negative padding crops.
  const pT = (kh - 1) * dh - top;
  const pB = H + (kh - 1) * dh - pT - Ld;
  const pL = (kw - 1) * dw - left;
  const pR = W + (kw - 1) * dw - pL - Wd;
  const cropT = Math.max(0, -pT);
  const cropB = Math.max(0, -pB);
  const cropL = Math.max(0, -pL);
  const cropR = Math.max(0, -pR);
  if (cropT + cropB + cropL + cropR > 0) {
    d = s.run(
      'Slice',
      { x: d },
      { begin: [0, cropT, cropL, 0], size: [n, Ld - cropT - cropB, Wd - cropL - cropR, c * M] },
    );
  }
  const pad = [
    [0, 0],
    [Math.max(0, pT), Math.max(0, pB)],
    [Math.max(0, pL), Math.max(0, pR)],
    [0, 0],
  ];
  const flipped = s.run('Reverse', { x: filter }, { dims: [0, 1] }); // [kh, kw, c, M]
  const parts: tf.TensorInfo[] = [];
  for (let q = 0; q < M; q++) {
    let dq = d;
    let fq = flipped;
    if (M > 1) {
      const dShape = d.shape as [number, number, number, number];
      const d5 = s.reshape(d, [n, dShape[1], dShape[2], c, M]);
      const sl = s.run('Slice', { x: d5 }, { begin: [0, 0, 0, 0, q], size: [n, dShape[1], dShape[2], c, 1] });
      dq = s.reshape(sl, [n, dShape[1], dShape[2], c]);
      const fs = s.run('Slice', { x: flipped }, { begin: [0, 0, 0, q], size: [kh, kw, c, 1] });
      fq = fs;
    }
    parts.push(
      s.run(
        'DepthwiseConv2dNative',
        { x: dq, filter: fq },
        { strides: [1, 1], dilations: [dh, dw], pad, dimRoundingMode: undefined } as unknown as tf.NamedAttrMap,
      ),
    );
  }
  const out = parts.length === 1 ? (parts[0] as tf.TensorInfo) : s.run('AddN', parts as unknown as tf.NamedTensorInfoMap);
  s.dispose(out);
  return out;
}
