// dlkit's fused Adam update (the contract of @dlkit/core's ADAM_UPDATE_KERNEL): one pass over a
// variable, its two moments and its gradient, in place on tfjs' wasm heap, with the operations in
// tf.train.adam's order (so float32 results match tfjs' element-wise kernels):
//   m' = m * beta1 + g * (1 - beta1)
//   v' = v * beta2 + g^2 * (1 - beta2)
//   value' = (m' / bc1) / (sqrt(v' / bc2) + epsilon) * -lr + value
// with bc1 = 1 - beta1^t and bc2 = 1 - beta2^t computed by the caller.
#include <wasm_simd128.h>

__attribute__((export_name("adam_update")))
void adam_update(const float *value, const float *m, const float *v, const float *g, float *value_out,
                 float *m_out, float *v_out, int n, float lr, float beta1, float beta2, float epsilon,
                 float bc1, float bc2) {
  float one_b1 = 1.0f - beta1, one_b2 = 1.0f - beta2, neg_lr = -lr;
  v128_t B1 = wasm_f32x4_splat(beta1), B2 = wasm_f32x4_splat(beta2);
  v128_t OB1 = wasm_f32x4_splat(one_b1), OB2 = wasm_f32x4_splat(one_b2);
  v128_t C1 = wasm_f32x4_splat(bc1), C2 = wasm_f32x4_splat(bc2);
  v128_t E = wasm_f32x4_splat(epsilon), L = wasm_f32x4_splat(neg_lr);
  int i = 0;
  for (; i + 4 <= n; i += 4) {
    v128_t gi = wasm_v128_load(g + i);
    v128_t mi = wasm_f32x4_add(wasm_f32x4_mul(wasm_v128_load(m + i), B1), wasm_f32x4_mul(gi, OB1));
    v128_t vi = wasm_f32x4_add(wasm_f32x4_mul(wasm_v128_load(v + i), B2),
                               wasm_f32x4_mul(wasm_f32x4_mul(gi, gi), OB2));
    v128_t step = wasm_f32x4_div(wasm_f32x4_div(mi, C1),
                                 wasm_f32x4_add(wasm_f32x4_sqrt(wasm_f32x4_div(vi, C2)), E));
    wasm_v128_store(value_out + i, wasm_f32x4_add(wasm_f32x4_mul(step, L), wasm_v128_load(value + i)));
    wasm_v128_store(m_out + i, mi);
    wasm_v128_store(v_out + i, vi);
  }
  for (; i < n; i++) {
    float gi = g[i];
    float mi = m[i] * beta1 + gi * one_b1;
    float vi = v[i] * beta2 + (gi * gi) * one_b2;
    float step = (mi / bc1) / (__builtin_sqrtf(vi / bc2) + epsilon);
    value_out[i] = step * neg_lr + value[i];
    m_out[i] = mi;
    v_out[i] = vi;
  }
}
