import * as tf from '@tensorflow/tfjs';
import { setupBackend } from '@dlkit/backend';
import { batchedMatMulSimd } from '../packages/backend/src/wasm/kernels/batched-matmul-simd.ts';
await setupBackend({ backend: 'wasm' });
const be: any = tf.backend();
for (const [M, K, N] of [[128, 784, 512], [784, 128, 512], [128, 512, 256], [256, 128, 512], [128, 256, 512], [32, 128, 512], [1280, 64, 512], [128, 1280, 512]]) {
  const a = tf.randomNormal([M, K]), b = tf.randomNormal([K, N]);
  const a3 = a.reshape([1, M, K]), b3 = b.reshape([1, K, N]);
  const time = (f: () => void) => { for (let i = 0; i < 3; i++) f(); const t = performance.now(); for (let i = 0; i < 20; i++) f(); return (performance.now() - t) / 20; };
  const x = time(() => tf.matMul(a, b).dispose());
  const mine = time(() => { const o = batchedMatMulSimd(be, a3 as any, b3 as any, 1); be.disposeData(o.dataId); });
  const mac = M * K * N / 1e6;
  console.log(`${M}x${K}x${N}: xnnpack ${x.toFixed(2)} ms (${(mac / x).toFixed(1)} G/s)  dlkit ${mine.toFixed(2)} ms (${(mac / mine).toFixed(1)} G/s)`);
  tf.dispose([a, b, a3, b3]);
}
