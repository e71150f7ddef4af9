/**
 * `pnpm --filter @dlkit/bench run kernels`: dlkit's replacement wasm kernels against tfjs' own
 * wasm kernels on the shapes of the workloads, timed in CPU time of this process (steadier than
 * wall time on a shared machine). Reads tfjs' originals from the backend's internal registry.
 * Also: dlkit's GEMM tiles against XNNPACK on 2-D products, and the fused LSTM kernels' time.
 */
import * as tf from '@tensorflow/tfjs';
import { setupBackend } from '@dlkit/backend';
import { originals } from '../../packages/backend/src/wasm/kernels/kernel-util.js';
import { batchedMatMulSimd } from '../../packages/backend/src/wasm/kernels/batched-matmul-simd.js';
import { setConv2dBackpropFilterPath } from '../../packages/backend/src/wasm/kernels/conv2d-backprop-filter.js';
await setupBackend();
const backend = tf.backend() as never;
function cpuTime(f: () => void, n = 60): number {
  for (let i = 0; i < Math.min(20, n); i++) f(); // warm the JIT (the JS kernels need it)
  const c0 = process.cpuUsage();
  for (let i = 0; i < n; i++) f();
  const c = process.cpuUsage(c0);
  return (c.user + c.system) / 1000 / n;
}
function cmp(
  name: string,
  kernel: string,
  inputs: Record<string, tf.Tensor>,
  attrs: Record<string, unknown>,
  n = 60,
) {
  const ours = cpuTime(
    () => tf.dispose(tf.engine().runKernel(kernel, inputs, attrs as tf.NamedAttrMap) as tf.Tensor),
    n,
  );
  const orig = originals.get(kernel)!;
  const infos = Object.fromEntries(
    Object.entries(inputs).map(([k, t]) => [
      k,
      { dataId: t.dataId, shape: t.shape, dtype: t.dtype },
    ]),
  );
  const theirs = cpuTime(() => {
    const o = orig.kernelFunc({
      inputs: infos,
      attrs: attrs as tf.NamedAttrMap,
      backend,
    }) as tf.TensorInfo;
    (tf.backend() as unknown as { disposeData(d: object): void }).disposeData(o.dataId);
  }, n);
  console.log(
    name.padEnd(44),
    'dlkit',
    ours.toFixed(3),
    'ms cpu  tfjs',
    theirs.toFixed(3),
    'ms cpu  speedup',
    (theirs / ours).toFixed(2),
  );
}
const q = tf.randomNormal([128, 32, 16]),
  k = tf.randomNormal([128, 32, 16]),
  att = tf.randomNormal([128, 32, 32]);
cmp(
  'BatchMatMul q@k^T [128,32,16]',
  'BatchMatMul',
  { a: q, b: k },
  { transposeA: false, transposeB: true },
);
cmp('BatchMatMul att@v', 'BatchMatMul', { a: att, b: q }, { transposeA: false, transposeB: false });
cmp(
  'BatchMatMul att^T@d',
  'BatchMatMul',
  { a: att, b: q },
  { transposeA: true, transposeB: false },
);
const a2 = tf.randomNormal([128, 784]),
  w = tf.randomNormal([784, 512]),
  g = tf.randomNormal([128, 512]);
cmp(
  'BatchMatMul a^T@g [784x128x512]',
  'BatchMatMul',
  { a: a2, b: g },
  { transposeA: true, transposeB: false },
);
cmp('BatchMatMul g@w^T', 'BatchMatMul', { a: g, b: w }, { transposeA: false, transposeB: true });
const x2 = tf.randomNormal([1024, 64]);
cmp('Sum axis 0 [1024,64]', 'Sum', { x: x2 }, { axis: [0], keepDims: false });
const xi = tf.randomNormal([64, 28, 28, 6]) as tf.Tensor4D;
const xo = tf.maxPool(xi, 2, 2, 'valid');
const dy = tf.randomNormal(xo.shape);
cmp(
  'MaxPoolGrad [64,28,28,6] 2x2',
  'MaxPoolGrad',
  { dy, input: xi, output: xo },
  { filterSize: 2, strides: 2, pad: 'valid' },
);
const dy2 = tf.randomNormal([64, 10, 10, 16]),
  f2 = tf.randomNormal([5, 5, 6, 16]);
cmp(
  'Conv2DBackpropInput [64,14,14,6] 5x5x16',
  'Conv2DBackpropInput',
  { dy: dy2, filter: f2 },
  { strides: [1, 1], pad: 'valid', dataFormat: 'NHWC', inputShape: [64, 14, 14, 6] },
);
// ResNet-18's stride-2 3x3 convolutions ([32,32,3] input, batch 8): the gradients of its
// downsampling convolutions and 1x1 shortcuts.
for (const [n, H, ci, co, k] of [
  [8, 32, 64, 128, 3],
  [8, 16, 128, 256, 3],
  [8, 32, 64, 128, 1],
] as const) {
  const dyS = tf.randomNormal([n, H / 2, H / 2, co]),
    fS = tf.randomNormal([k, k, ci, co]);
  cmp(
    `Conv2DBackpropInput [${n},${H},${H},${ci}] ${k}x${k}x${co} s2`,
    'Conv2DBackpropInput',
    { dy: dyS, filter: fS },
    { strides: [2, 2], pad: 'same', dataFormat: 'NHWC', inputShape: [n, H, H, ci] },
    10,
  );
  tf.dispose([dyS, fS]);
}

// Conv2DBackpropFilter's two paths (dlkit registers the kernel; tfjs' wasm backend has none):
// im2col + dlkit's GEMM tiles (native/conv_filter.c) against one XNNPACK convolution (the kernel
// before the GEMM path), on LeNet-5's and ResNet-18's (batch 8) filter gradients, with the two
// results' largest difference relative to the largest value.
for (const [n, H, ci, co, k, st, pad] of [
  [64, 28, 1, 6, 5, 1, 'same'],
  [64, 14, 6, 16, 5, 1, 'valid'],
  [8, 32, 3, 64, 3, 1, 'same'],
  [8, 32, 64, 64, 3, 1, 'same'],
  [8, 32, 64, 128, 3, 2, 'same'],
  [8, 16, 128, 128, 3, 1, 'same'],
  [8, 16, 128, 256, 3, 2, 'same'],
  [8, 8, 256, 256, 3, 1, 'same'],
  [8, 8, 256, 512, 3, 2, 'same'],
  [8, 4, 512, 512, 3, 1, 'same'],
  [8, 32, 64, 128, 1, 2, 'same'],
  [8, 16, 128, 256, 1, 2, 'same'],
  [8, 8, 256, 512, 1, 2, 'same'],
] as const) {
  const xF = tf.randomNormal([n, H, H, ci]);
  const oh = pad === 'same' ? Math.ceil(H / st) : Math.ceil((H - k + 1) / st);
  const dyF = tf.randomNormal([n, oh, oh, co]);
  const attrs = { strides: [st, st], pad, dataFormat: 'NHWC', filterShape: [k, k, ci, co] };
  const run = () =>
    tf.engine().runKernel('Conv2DBackpropFilter', { x: xF, dy: dyF }, attrs as never) as tf.Tensor;
  const reps = n * H * H * ci * k * k * co > 5e7 ? 6 : 20;
  const time = (path: 'gemm' | 'xnnpack') => {
    setConv2dBackpropFilterPath(path);
    const t = cpuTime(() => tf.dispose(run()), reps);
    const out = run();
    return { t, out };
  };
  const gemmRun = time('gemm');
  const xnn = time('xnnpack');
  setConv2dBackpropFilterPath('auto');
  const diff = tf.max(tf.abs(tf.sub(gemmRun.out, xnn.out))).dataSync()[0]!;
  const scale = tf.max(tf.abs(xnn.out)).dataSync()[0]!;
  tf.dispose([gemmRun.out, xnn.out, xF, dyF]);
  console.log(
    `Conv2DBackpropFilter [${n},${H},${H},${ci}] ${k}x${k}x${co} s${st} ${pad}`.padEnd(52),
    'im2col+GEMM',
    gemmRun.t.toFixed(3),
    'ms cpu  XNNPACK',
    xnn.t.toFixed(3),
    'ms cpu  speedup',
    (xnn.t / gemmRun.t).toFixed(2),
    ' max|diff|/max',
    (diff / scale).toExponential(1),
  );
}

const t2 = tf.randomNormal([784, 512]);
cmp('Transpose [784,512] 2-D', 'Transpose', { x: t2 }, { perm: [1, 0] });
const t4 = tf.randomNormal([32, 32, 4, 16]);
cmp('Transpose [32,32,4,16] (0,2,1,3)', 'Transpose', { x: t4 }, { perm: [0, 2, 1, 3] });
const t3 = tf.randomNormal([128, 32, 16]);
cmp('Transpose [128,32,16] (0,2,1)', 'Transpose', { x: t3 }, { perm: [0, 2, 1] });

// dlkit's 4x8 SIMD tiles (native/gemm.h) against XNNPACK (tfjs' own BatchMatMul) on the plain
// 2-D products of the workloads, each call with a new right operand as in training (weights
// change every step; gradients are new): the Multiply that makes it is timed for both.
const wasm = tf.backend() as unknown as Parameters<typeof batchedMatMulSimd>[0];
for (const [M, K, N] of [
  [128, 784, 512],
  [784, 128, 512],
  [128, 512, 256],
  [1280, 64, 512],
  [128, 1280, 512],
  [32, 128, 512],
] as const) {
  const a = tf.randomNormal([1, M, K]);
  const b = tf.randomNormal([1, K, N]);
  const info = (t: tf.Tensor): tf.TensorInfo => ({
    dataId: t.dataId,
    shape: t.shape,
    dtype: t.dtype,
  });
  const tiles = cpuTime(() => {
    const fresh = tf.mul(b, 1);
    const o = batchedMatMulSimd(wasm, info(a), info(fresh), 1) as tf.TensorInfo;
    wasm.disposeData(o.dataId);
    fresh.dispose();
  }, 20);
  const xnnpack = cpuTime(() => {
    const fresh = tf.mul(b, 1);
    const o = originals.get('BatchMatMul')!.kernelFunc({
      inputs: { a: info(a), b: info(fresh) },
      attrs: { transposeA: false, transposeB: false },
      backend,
    }) as tf.TensorInfo;
    wasm.disposeData(o.dataId);
    fresh.dispose();
  }, 20);
  console.log(
    `2-D product ${M}x${K}x${N}`.padEnd(44),
    'dlkit tiles',
    tiles.toFixed(3),
    'ms cpu  XNNPACK',
    xnnpack.toFixed(3),
    'ms cpu  ratio',
    (xnnpack / tiles).toFixed(2),
  );
  tf.dispose([a, b]);
}

// The fused LSTM kernels at the char LSTM's shape (m 32, Tx 40, nA 128): one call each.
const [m, steps, units] = [32, 40, 128];
const lstmIn = {
  xProj: tf.randomNormal([m, steps, 4 * units]),
  recurrentKernel: tf.randomNormal([units, 4 * units], 0, 0.1),
  h0: tf.zeros([m, units]),
  c0: tf.zeros([m, units]),
};
const dhc = tf.randomNormal([m, steps, 2 * units]);
const [hc, gates] = tf.engine().runKernel('DlkitLstmForward', lstmIn) as tf.Tensor[];
const fwd = cpuTime(
  () => tf.dispose(tf.engine().runKernel('DlkitLstmForward', lstmIn) as tf.Tensor[]),
  20,
);
const bwd = cpuTime(
  () =>
    tf.dispose(
      tf
        .engine()
        .runKernel('DlkitLstmBackward', { ...lstmIn, dhc, hc: hc!, gates: gates! }) as tf.Tensor[],
    ),
  20,
);
console.log(
  `DlkitLstmForward / Backward [${m},${steps},${units}]`.padEnd(44),
  'forward',
  fwd.toFixed(3),
  'ms cpu  backward',
  bwd.toFixed(3),
  'ms cpu  (each',
  ((m * steps * units * 4 * units) / 1e6).toFixed(1),
  'M multiply-adds of recurrent products)',
);
