import * as tf from '@tensorflow/tfjs';
import { DlkitError } from '@dlkit/core';
import { batchedMatMulSimd } from './batched-matmul-simd.js';
import { nativeKernels } from './native.js';
import {
  KernelScope,
  runOriginalKernel,
  runWasmKernel,
  type KernelArgs,
  type Wasm,
} from './kernel-util.js';

function batchOf(t: tf.TensorInfo): number {
  return t.shape.slice(0, -2).reduce((p, v) => p * v, 1);
}

function swapLast(rank: number): number[] {
  const perm = Array.from({ length: rank }, (_, i) => i);
  perm[rank - 2] = rank - 1;
  perm[rank - 1] = rank - 2;
  return perm;
}

/**
 * Prepares the operands of a wasm matmul for its fast path: operands marked transposed are
 * transposed first (dlkit's tiles and XNNPACK take plain operands; tfjs' transposed path is ~10x
 * slower), and a batched `a` times an unbatched `b` becomes one 2-D matmul.
 */
function plainOperands(
  s: KernelScope,
  a0: tf.TensorInfo,
  b0: tf.TensorInfo,
  transposeA: boolean,
  transposeB: boolean,
): { a: tf.TensorInfo; b: tf.TensorInfo; outShape: number[] | null } {
  let a = transposeA ? s.transpose(a0, swapLast(a0.shape.length)) : a0;
  let b = transposeB ? s.transpose(b0, swapLast(b0.shape.length)) : b0;
  let outShape: number[] | null = null;
  const batchA = a.shape.slice(0, -2).reduce((p, v) => p * v, 1);
  const batchB = b.shape.slice(0, -2).reduce((p, v) => p * v, 1);
  if (batchA > 1 && batchB === 1) {
    const [M, K] = a.shape.slice(-2) as [number, number];
    const N = b.shape[b.shape.length - 1] as number;
    const batch = tf.broadcast_util.assertAndGetBroadcastShape(
      a.shape.slice(0, -2),
      b.shape.slice(0, -2),
    );
    outShape = [...batch, M, N];
    a = s.reshape(a, [batchA * M, K]);
    b = s.reshape(b, [K, N]);
  }
  return { a, b, outShape };
}

/**
 * The product of plain (untransposed, unbatched or batch-1) operands `a` `[..., M, K]` and `b`
 * `[..., K, N]`, shaped `[...batch, M, N]` as tfjs' kernel shapes it: on dlkit's SIMD tiles for
 * float32 (native/gemm.h), else tfjs' XNNPACK kernel. XNNPACK packs its right operand into its
 * own layout on every call with a new tensor, and in training every right operand is new (the
 * weights after each update, the gradients): the tiles read it in place, so each product is
 * cheaper by that packing (MLP step about 30% faster).
 */
function plainProduct(backend: Wasm, a: tf.TensorInfo, b: tf.TensorInfo): tf.TensorInfo {
  const M = a.shape[a.shape.length - 2] as number;
  const N = b.shape[b.shape.length - 1] as number;
  const batch = a.shape.length > b.shape.length ? a.shape.slice(0, -2) : b.shape.slice(0, -2);
  if (a.dtype === 'float32' && b.dtype === 'float32') {
    const product = batchedMatMulSimd(backend, a, b, 1);
    if (product !== null) {
      const out = runWasmKernel(backend, 'Reshape', { x: product }, { shape: [...batch, M, N] });
      backend.disposeData(product.dataId);
      return out as tf.TensorInfo;
    }
  }
  return runOriginalKernel(
    backend,
    'BatchMatMul',
    { a, b },
    { transposeA: false, transposeB: false },
  );
}

interface CachedTranspose {
  source: object;
  transposed: tf.TensorInfo;
}

const transposes: CachedTranspose[] = [];
const timesSeen = new WeakMap<object, number>();
/** How many transposed right operands are kept (each one the size of a weight matrix). */
const CACHE_SIZE = 8;

/** Frees the cached transposes whose source tensor has been disposed. */
function evictDisposed(backend: Wasm): void {
  for (let i = transposes.length - 1; i >= 0; i--) {
    const entry = transposes[i] as CachedTranspose;
    if (!backend.dataIdMap.has(entry.source)) {
      backend.disposeData(entry.transposed.dataId);
      transposes.splice(i, 1);
    }
  }
}

/**
 * The transpose `[K, N]` of a right operand `b` (`[N, K]`) that keeps coming back, such as an
 * LSTM's recurrent kernel in `dz @ U^T` at every time step of the backward pass. From its second
 * use on, `b^T` is made once and kept (tensor data is immutable, so a data id names one value):
 * the product then costs what the forward one does. Entries go when their source is disposed (checked on each call) or when more
 * than {@link CACHE_SIZE} are kept. Eviction runs at the start of every `BatchMatMul`.
 */
function cachedTranspose(backend: Wasm, b: tf.TensorInfo): tf.TensorInfo | null {
  const hit = transposes.find((entry) => entry.source === b.dataId);
  if (hit !== undefined) return hit.transposed;
  const uses = (timesSeen.get(b.dataId) ?? 0) + 1;
  timesSeen.set(b.dataId, uses);
  if (uses < 2 || b.dtype !== 'float32') return null;
  const [N, K] = b.shape.slice(-2) as [number, number];
  const flat = runWasmKernel(backend, 'Reshape', { x: b }, { shape: [N, K] }) as tf.TensorInfo;
  const transposed = runWasmKernel(
    backend,
    'Transpose',
    { x: flat },
    { perm: [1, 0] },
  ) as tf.TensorInfo;
  backend.disposeData(flat.dataId);
  transposes.push({ source: b.dataId, transposed });
  if (transposes.length > CACHE_SIZE) {
    const oldest = transposes.shift() as CachedTranspose;
    backend.disposeData(oldest.transposed.dataId);
  }
  return transposed;
}

/** Frees every cached transpose (for tests and for callers who count wasm memory). */
export function clearTransposeCache(backend: Wasm): void {
  for (const entry of transposes) backend.disposeData(entry.transposed.dataId);
  transposes.length = 0;
}

/**
 * `BatchMatMul` on wasm, on dlkit's SIMD tiles (native/gemm.h): a product that is (or folds
 * into) a single 2-D one with its operands transposed first where marked (see
 * {@link plainProduct}), products batched on both sides (attention) in one call, 9-13x tfjs'
 * scalar batched loop. Batches that broadcast against each other keep tfjs' kernel.
 */
export function batchMatMul({ inputs, attrs, backend }: KernelArgs): tf.TensorInfo {
  const at = attrs ?? {};
  const transposeA = at['transposeA'] === true;
  const transposeB = at['transposeB'] === true;
  const a0 = inputs['a'] as tf.TensorInfo;
  const b0 = inputs['b'] as tf.TensorInfo;
  evictDisposed(backend);
  if (batchOf(b0) > 1) {
    const batchA = a0.shape.slice(0, -2);
    const batchB = b0.shape.slice(0, -2);
    const same = batchA.length === batchB.length && batchA.every((d, i) => d === batchB[i]);
    if (
      !same ||
      a0.dtype !== 'float32' ||
      b0.dtype !== 'float32' ||
      nativeKernels(backend) === null
    ) {
      return runOriginalKernel(
        backend,
        'BatchMatMul',
        { a: a0, b: b0 },
        { transposeA, transposeB },
      );
    }
    const s = new KernelScope(backend);
    const a = transposeA ? s.transpose(a0, swapLast(a0.shape.length)) : a0;
    const b = transposeB ? s.transpose(b0, swapLast(b0.shape.length)) : b0;
    const product = s.track(batchedMatMulSimd(backend, a, b, batchOf(b0)) as tf.TensorInfo);
    const out = s.reshape(product, [
      ...batchA,
      a.shape[a.shape.length - 2] as number,
      b.shape[b.shape.length - 1] as number,
    ]);
    s.dispose(out);
    return out;
  }
  const s = new KernelScope(backend);
  const cached = transposeB && !transposeA ? cachedTranspose(backend, b0) : null;
  if (cached !== null) {
    const K = a0.shape[a0.shape.length - 1] as number;
    const rows = a0.shape.slice(0, -1).reduce((p, v) => p * v, 1);
    const product = s.track(plainProduct(backend, s.reshape(a0, [rows, K]), cached));
    const batch = tf.broadcast_util.assertAndGetBroadcastShape(
      a0.shape.slice(0, -2),
      b0.shape.slice(0, -2),
    );
    const N = cached.shape[1] as number;
    const out = s.reshape(product, [...batch, a0.shape[a0.shape.length - 2] as number, N]);
    s.dispose(out);
    return out;
  }
  const { a, b, outShape } = plainOperands(s, a0, b0, transposeA, transposeB);
  let out = plainProduct(backend, a, b);
  if (outShape !== null) {
    s.track(out);
    out = s.reshape(out, outShape);
  }
  s.dispose(out);
  return out;
}

/**
 * `_FusedMatMul` on wasm: operands transposed first like `BatchMatMul`; a batched `a` is folded
 * into rows and a batched `b` is computed unfused, which avoids the wasm kernel's wrong results
 * (and crashes) for batched operands with a bias.
 */
export function fusedMatMul({ inputs, attrs, backend }: KernelArgs): tf.TensorInfo {
  const at = attrs ?? {};
  const s = new KernelScope(backend);
  const a0 = inputs['a'] as tf.TensorInfo;
  const b0 = inputs['b'] as tf.TensorInfo;
  const batchB = b0.shape.slice(0, -2).reduce((p, v) => p * v, 1);
  const biasInfo = inputs['bias'];
  const biasIsRow = biasInfo === undefined || biasInfo.shape.slice(0, -1).every((d) => d === 1);
  if (batchB > 1 || !biasIsRow) {
    // A batched b: matmul, then bias and activation with plain kernels (the fused wasm kernel
    // mishandles batches).
    return unfused({ inputs, attrs: at, backend });
  }
  const plain = plainOperands(s, a0, b0, at['transposeA'] === true, at['transposeB'] === true);
  // The wasm kernel reads its operands as rank 3 (tfjs' fused op reshapes them so).
  const [M, K] = plain.a.shape.slice(-2) as [number, number];
  const N = plain.b.shape[plain.b.shape.length - 1] as number;
  const a = s.reshape(plain.a, [1, plain.a.shape.slice(0, -1).reduce((p, v) => p * v, 1), K]);
  const b = s.reshape(plain.b, [1, K, N]);
  const outShape = plain.outShape ?? [
    ...tf.broadcast_util.assertAndGetBroadcastShape(a0.shape.slice(0, -2), b0.shape.slice(0, -2)),
    M,
    N,
  ];
  const bias = inputs['bias'];
  const prelu = inputs['preluActivationWeights'];
  const fusedInputs: tf.NamedTensorInfoMap = { a, b };
  if (bias !== undefined) fusedInputs['bias'] = bias;
  if (prelu !== undefined) fusedInputs['preluActivationWeights'] = prelu;
  const fused = s.track(
    runOriginalKernel(backend, '_FusedMatMul', fusedInputs, {
      ...at,
      transposeA: false,
      transposeB: false,
    }),
  );
  const out = s.reshape(fused, outShape);
  s.dispose(out);
  return out;
}

const ACTIVATIONS = ['linear', 'relu', 'relu6', 'elu', 'sigmoid', 'leakyrelu', 'prelu'];

function unfused({ inputs, attrs, backend }: KernelArgs): tf.TensorInfo {
  const at = attrs ?? {};
  const act = at['activation'] as string | undefined;
  if (act !== undefined && !ACTIVATIONS.includes(act)) {
    throw new DlkitError(
      'value',
      '_FusedMatMul',
      `activation must be one of ${ACTIVATIONS.join(', ')}, got ${String(act)}`,
      { argument: 'activation' },
    );
  }
  const s = new KernelScope(backend);
  let out = s.run(
    'BatchMatMul',
    { a: inputs['a'] as tf.TensorInfo, b: inputs['b'] as tf.TensorInfo },
    { transposeA: at['transposeA'] === true, transposeB: at['transposeB'] === true },
  );
  const bias = inputs['bias'];
  if (bias !== undefined) out = s.run('Add', { a: out, b: bias });
  if (act === 'relu') out = s.run('Relu', { x: out });
  else if (act === 'relu6') out = s.run('Relu6', { x: out });
  else if (act === 'elu') out = s.run('Elu', { x: out });
  else if (act === 'sigmoid') out = s.run('Sigmoid', { x: out });
  else if (act === 'leakyrelu')
    out = s.run('LeakyRelu', { x: out }, { alpha: at['leakyreluAlpha'] as number });
  else if (act === 'prelu')
    out = s.run('Prelu', { x: out, alpha: inputs['preluActivationWeights'] as tf.TensorInfo });
  if (out === inputs['a']) out = s.run('Identity', { x: out });
  s.dispose(out);
  return out;
}
