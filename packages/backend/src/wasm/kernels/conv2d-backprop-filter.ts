import * as tf from '@tensorflow/tfjs';
import { DlkitError } from '@dlkit/core';
import { nativeKernels } from './native.js';
import { KernelScope, type KernelArgs, type PadAttr, type Wasm, pair } from './kernel-util.js';

/**
 * Which way {@link conv2dBackpropFilter} computes: `'auto'` by the shape rule of
 * {@link prefersGemm}, `'gemm'` (im2col + dlkit's GEMM tiles, where the native module and the
 * layout allow it) or `'xnnpack'` (one XNNPACK convolution) always.
 */
export type FilterGradPath = 'auto' | 'gemm' | 'xnnpack';

let forcedPath: FilterGradPath = 'auto';

/**
 * Forces the path of `Conv2DBackpropFilter` on wasm (for tests and benchmarks that compare the
 * two); returns the previous setting. `'auto'` restores the shape rule.
 */
export function setConv2dBackpropFilterPath(path: FilterGradPath): FilterGradPath {
  if (path !== 'auto' && path !== 'gemm' && path !== 'xnnpack') {
    throw new DlkitError(
      'value',
      'setConv2dBackpropFilterPath',
      `path must be 'auto', 'gemm' or 'xnnpack', got ${String(path)}`,
      { argument: 'path' },
    );
  }
  const previous = forcedPath;
  forcedPath = path;
  return previous;
}

/** Floats of patches the GEMM path keeps at a time (256 KB, about L2; the batch goes in chunks). */
const PATCH_FLOATS = 1 << 16;

/** Geometry of one filter gradient (NHWC): batch, input, channels, filter, output, strides, padding. */
export interface FilterGradShape {
  m: number;
  H: number;
  W: number;
  ci: number;
  co: number;
  kh: number;
  kw: number;
  oh: number;
  ow: number;
  sh: number;
  sw: number;
  top: number;
  left: number;
}

/** The most floats of patches the GEMM path may hold (16 MB): 256 rows of a filter this wide. */
const MAX_PATCH_FLOATS = 1 << 22;

/**
 * The shape rule between the two paths: the GEMM path unless 256 rows of patches would take more
 * than 16 MB (`kh*kw*ci > 16384`). On LeNet-5's and ResNet-18's filter gradients (CPU ms per
 * call, `pnpm --filter @dlkit/bench run kernels`, on a loaded 2-core machine) it was faster or
 * level: LeNet's two 1.1-1.3x and 1.3-1.7x (alternating runs), ResNet-18's 3x3 1.2-2.5x, its
 * 1x1 stride-2 shortcuts 1.6-3.9x; docs/backend/wasm.md has the table.
 */
export function prefersGemm(g: FilterGradShape): boolean {
  return Math.ceil((g.kh * g.kw * g.ci) / 8) * 8 * 256 <= MAX_PATCH_FLOATS;
}

/**
 * `dW = P^T dY` on dlkit's tiles (native/conv_filter.c): `dW^T [co, kh*kw*ci] = dY^T P`, with the
 * patches `P` made by im2col and `dy` transposed in chunks of rows (so at most
 * {@link PATCH_FLOATS} floats of patches, or 256 rows of them, exist), both padded to whole 4 x 8 tiles.
 */
function gemmFilterGrad(
  backend: Wasm,
  s: KernelScope,
  x: tf.TensorInfo,
  dy: tf.TensorInfo,
  g: FilterGradShape,
): tf.TensorInfo | null {
  const kernels = nativeKernels(backend);
  if (kernels === null) return null;
  const K = g.kh * g.kw * g.ci;
  const Kp = Math.ceil(K / 8) * 8;
  const co4 = Math.ceil(g.co / 4) * 4;
  const rows = g.m * g.oh * g.ow;
  const chunk = Math.min(rows, Math.max(256, Math.floor(PATCH_FLOATS / Kp / 256) * 256));
  const scratch = s.track(backend.makeOutput([chunk * Kp + co4 * chunk + co4 * Kp], 'float32'));
  const out = backend.makeOutput([g.kh, g.kw, g.ci, g.co], 'float32');
  // makeOutput may grow the heap: take the offsets after it.
  kernels.conv2dFilterGrad(
    backend.getMemoryOffset(x.dataId),
    backend.getMemoryOffset(dy.dataId),
    backend.getMemoryOffset(out.dataId),
    backend.getMemoryOffset(scratch.dataId),
    g.m,
    g.H,
    g.W,
    g.ci,
    g.oh,
    g.ow,
    g.co,
    g.kh,
    g.kw,
    g.sh,
    g.sw,
    g.top,
    g.left,
    chunk,
  );
  return s.track(out);
}

/**
 * `Conv2DBackpropFilter` on wasm,
 * `dW[i, j, c, o] = sum over n, a, b of x[n, a*sh + i - top, b*sw + j - left, c] * dy[n, a, b, o]`,
 * by one of two paths picked by {@link prefersGemm}:
 * im2col + dlkit's GEMM tiles ({@link gemmFilterGrad}), or one XNNPACK convolution with the batch
 * as the input channels: `dW[kh, kw, ci, co] = conv(x^T, dy^T)` where `x^T` is `[ci, H, W, m]`,
 * the filter `dy^T` is `[oH, oW, m, co]` dilated by the forward stride, and the output is cropped
 * to `[ci, kh, kw, co]`. NCHW and non-float32 inputs take the XNNPACK path.
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
  const g: FilterGradShape = { m, H, W, ci, co: filterShape[3], kh, kw, oh, ow, sh, sw, top, left };
  const gemm =
    dataFormat === 'NHWC' &&
    x.dtype === 'float32' &&
    dy.dtype === 'float32' &&
    m * oh * ow > 0 &&
    (forcedPath === 'gemm' || (forcedPath === 'auto' && prefersGemm(g)));
  if (gemm) {
    const out = gemmFilterGrad(backend, s, xN, dyN, g);
    if (out !== null) {
      s.dispose(out);
      return out;
    }
  }
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
