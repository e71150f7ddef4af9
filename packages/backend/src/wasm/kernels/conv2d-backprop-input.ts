/**
 * `Conv2DBackpropInput` (the transposed convolution) on wasm with XNNPACK convolutions. With the
 * forward `y[o] = sum_k x[o*s + k - top] * f[k]` along each spatial axis,
 * `dx[t] = sum_{o*s + k = t + top} dy[o] * f[k]`. Stride 1: a correlation of `dy` with the
 * flipped filter. Stride `s > 1`, polyphase: the outputs `t = a + s*i` of phase `a` only see the
 * taps `k = r + s*j` (`r = (a + top) mod s`), `dx[a + s*i] = sum_j dy[q + i - j] * f[r + s*j]`
 * (`q = floor((a + top) / s)`): a stride-1 correlation of the unspread `dy` with that flipped
 * sub-filter, zeros when it has no taps. The phases are interleaved into `dx`; the spread-`dy`
 * form did `s` times the multiply-adds per axis, on zeros.
 *
 * @module
 */
import type * as tf from '@tensorflow/tfjs';
import {
  KernelScope,
  convInfoFromAttrs,
  heapView,
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
 * One output phase `a` of a strided transposed convolution along one spatial axis: the
 * positions `t = a + stride * i` of `dx`. Its sub-filter is the taps `first, first + stride, …`
 * (`taps` of them; none: the phase is zeros) of the *flipped* filter, and it reads the `size`
 * entries of `dy` from `begin`, zero-padded by `padBefore` and `padAfter`.
 */
export interface AxisPhase {
  first: number;
  taps: number;
  begin: number;
  size: number;
  padBefore: number;
  padAfter: number;
}

/**
 * The phases of a transposed convolution along one axis: the forward convolution has input
 * length `length`, output length `dyLength`, kernel `kernel`, stride `stride` and `padBefore`
 * zeros before its input. Every phase gives `phaseLength = ceil(length / stride)` outputs
 * (the last ones past `length` are cropped after interleaving).
 */
export function transposedConvPhases(p: {
  length: number;
  dyLength: number;
  kernel: number;
  stride: number;
  padBefore: number;
}): { phaseLength: number; phases: AxisPhase[] } {
  const { length, dyLength, kernel: k, stride: s, padBefore } = p;
  const phaseLength = Math.ceil(length / s);
  const phases: AxisPhase[] = [];
  for (let a = 0; a < s; a++) {
    // dx[a + s*i] = sum_j dy[q + i - j] * f[r + s*j]: the taps r, r + s, … of the filter.
    const r = (a + padBefore) % s;
    const q = Math.floor((a + padBefore) / s);
    const taps = r < k ? Math.ceil((k - r) / s) : 0;
    const start = q - taps + 1;
    const end = start + phaseLength + taps - 1;
    const begin = Math.max(0, start);
    const stop = Math.min(dyLength, end);
    if (taps === 0 || stop <= begin) {
      phases.push({ first: 0, taps: 0, begin: 0, size: 0, padBefore: 0, padAfter: 0 });
      continue;
    }
    phases.push({
      first: k - 1 - r - s * (taps - 1),
      taps,
      begin,
      size: stop - begin,
      padBefore: begin - start,
      padAfter: end - stop,
    });
  }
  return { phaseLength, phases };
}

/**
 * The taps `(rows.first + sh*u, cols.first + sw*v)` of `swapped` (`[kh, kw, co, ci]`), by block
 * copies of `co * ci` values: tfjs' wasm `StridedSlice` copies element by element (36 ms for a
 * `[3, 3, 256, 128]` filter, more than the phase's convolution).
 */
function subFilter(
  s: KernelScope,
  swapped: tf.TensorInfo,
  [sh, sw]: [number, number],
  rows: AxisPhase,
  cols: AxisPhase,
): tf.TensorInfo {
  const [, kw, co, ci] = swapped.shape as [number, number, number, number];
  const block = co * ci;
  const out = s.track(s.backend.makeOutput([rows.taps, cols.taps, co, ci], 'float32'));
  const src = heapView(s.backend, swapped);
  const dst = heapView(s.backend, out);
  for (let u = 0; u < rows.taps; u++)
    for (let v = 0; v < cols.taps; v++) {
      const from = ((rows.first + sh * u) * kw + cols.first + sw * v) * block;
      dst.set(src.subarray(from, from + block), (u * cols.taps + v) * block);
    }
  return out;
}

/**
 * One phase `(rows, cols)` of `dx`, `[n, Mh, Mw, ci]`: a stride-1 convolution of its window of
 * `dy` with its sub-filter of `swapped`, the flipped `[kh, kw, co, ci]` filter.
 */
function phaseOf(
  s: KernelScope,
  dy: tf.TensorInfo,
  swapped: tf.TensorInfo,
  [sh, sw]: [number, number],
  rows: AxisPhase,
  cols: AxisPhase,
  shape: [number, number, number, number],
): tf.TensorInfo {
  if (rows.taps === 0 || cols.taps === 0) {
    return s.run('Fill', {}, { shape, value: 0, dtype: 'float32' });
  }
  const [n, oh, ow, co] = dy.shape as [number, number, number, number];
  const [kh, kw] = swapped.shape as [number, number, number, number];
  const window =
    rows.size === oh && cols.size === ow
      ? dy
      : s.run(
          'Slice',
          { x: dy },
          { begin: [0, rows.begin, cols.begin, 0], size: [n, rows.size, cols.size, co] },
        );
  const filter =
    rows.taps === kh && cols.taps === kw ? swapped : subFilter(s, swapped, [sh, sw], rows, cols);
  return s.run(
    'Conv2D',
    { x: window, filter },
    {
      strides: [1, 1],
      dilations: [1, 1],
      pad: [
        [0, 0],
        [rows.padBefore, rows.padAfter],
        [cols.padBefore, cols.padAfter],
        [0, 0],
      ],
      dataFormat: 'NHWC',
    },
  );
}

/**
 * `Conv2DBackpropInput` on wasm with the filter flipped in space and its channel axes swapped
 * (`[kh, kw, co, ci]`): stride 1 as one XNNPACK convolution of `dy`, larger strides as one per
 * output phase (see the module's comment). tfjs' own wasm kernel is several times slower. NCHW
 * goes to tfjs' kernel.
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
  const [sh, sw] = [info.strideHeight, info.strideWidth];
  const { top, left } = info.padInfo;
  const s = new KernelScope(backend);
  const flipped = s.run('Reverse', { x: filter }, { dims: [0, 1] });
  const swapped = s.transpose(flipped, [0, 1, 3, 2]); // [kh, kw, co, ci]
  let out: tf.TensorInfo;
  if (sh === 1 && sw === 1) {
    const { d, pad } = spreadForTransposedConv(s, dy, {
      ...{ H, W, kh, kw, sh, sw, top, left },
      ...{ dh: 1, dw: 1 },
    });
    out = s.run(
      'Conv2D',
      { x: d, filter: swapped },
      { strides: [1, 1], dilations: [1, 1], pad, dataFormat: 'NHWC' },
    );
  } else {
    out = polyphase(s, dy, swapped, { H, W, sh, sw, top, left });
  }
  s.dispose(out);
  return out;
}

/** The strided case of `conv2dBackpropInput`: its `sh * sw` phases, interleaved into `dx`. */
function polyphase(
  s: KernelScope,
  dy: tf.TensorInfo,
  swapped: tf.TensorInfo,
  p: { H: number; W: number; sh: number; sw: number; top: number; left: number },
): tf.TensorInfo {
  const { H, W, sh, sw, top, left } = p;
  const [n, oh, ow] = dy.shape as [number, number, number, number];
  const [kh, kw, , ci] = swapped.shape as [number, number, number, number];
  const rows = transposedConvPhases({
    length: H,
    dyLength: oh,
    kernel: kh,
    stride: sh,
    padBefore: top,
  });
  const cols = transposedConvPhases({
    length: W,
    dyLength: ow,
    kernel: kw,
    stride: sw,
    padBefore: left,
  });
  const [Mh, Mw] = [rows.phaseLength, cols.phaseLength];
  // Row phase a: its column phases side by side on the channel axis, [n, Mh, Mw * sw, ci]...
  const rowPhases = rows.phases.map((r) => {
    const parts = cols.phases.map((c) => phaseOf(s, dy, swapped, [sh, sw], r, c, [n, Mh, Mw, ci]));
    const joined =
      parts.length === 1
        ? (parts[0] as tf.TensorInfo)
        : s.run('Concat', parts as unknown as tf.NamedTensorInfoMap, { axis: 3 });
    return s.reshape(joined, [n, Mh, 1, Mw * sw * ci]);
  });
  // ... and the row phases interleaved on a new axis after the rows: [n, Mh * sh, Mw * sw, ci].
  const joined =
    rowPhases.length === 1
      ? (rowPhases[0] as tf.TensorInfo)
      : s.run('Concat', rowPhases as unknown as tf.NamedTensorInfoMap, { axis: 2 });
  const dx = s.reshape(joined, [n, Mh * sh, Mw * sw, ci]);
  if (Mh * sh === H && Mw * sw === W) return dx;
  return s.run('Slice', { x: dx }, { begin: [0, 0, 0, 0], size: [n, H, W, ci] });
}
