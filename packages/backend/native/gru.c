// dlkit's fused GRU kernels (the contract of @dlkit/core's GRU_FORWARD_KERNEL and
// GRU_BACKWARD_KERNEL): Keras' GRU with reset_after=True (PyTorch's nn.GRU), sigmoid gates and
// tanh candidate, a whole sequence of steps forward or backward in one call, in place on tfjs'
// wasm heap. Row-major float32; m examples, T steps, H units; gates in Keras' order z, r, h.
#include "gemm.h"
#include "vmath.h"

// Four lanes at p, or (in the tail of an H that is not a multiple of 4) the one value at p.
static inline v128_t ld(const float *p, int tail) {
  return tail ? wasm_f32x4_splat(*p) : wasm_v128_load(p);
}
static inline void st(float *p, v128_t v, int tail) {
  if (tail) *p = wasm_f32x4_extract_lane(v, 0);
  else wasm_v128_store(p, v);
}

// Forward. xproj [m, T, 3H] (x @ kernel + input bias), u [H, 3H], ub [3H] (recurrent bias), h0
// [m, H] in; h [m, T, H] and gates [m, T, 4H] out: per step z, r, the candidate hh and the
// recurrent candidate term rh = (h[t-1] @ u + ub)[2H:3H], which the backward pass needs.
__attribute__((export_name("gru_forward")))
void gru_forward(const float *xproj, const float *u, const float *ub, const float *h0, float *h,
                 float *gates, int m, int T, int H) {
  int G = 4 * H, N = 3 * H;
  for (int t = 0; t < T; t++) {
    // rec = h[t-1] @ u + ub, computed in the first 3H columns of the step's gates.
    for (int b = 0; b < m; b++) {
      float *g = gates + (b * T + t) * G;
      int j = 0;
      for (; j + 4 <= N; j += 4) wasm_v128_store(g + j, wasm_v128_load(ub + j));
      for (; j < N; j++) g[j] = ub[j];
    }
    const float *hprev = t == 0 ? h0 : h + (t - 1) * H;
    int ldh = t == 0 ? H : T * H;
    gemm(hprev, ldh, u, N, gates + t * G, T * G, m, H, N, 1);
    for (int b = 0; b < m; b++) {
      const float *x = xproj + (b * T + t) * N;
      float *g = gates + (b * T + t) * G;
      const float *hp = t == 0 ? h0 + b * H : h + (b * T + t - 1) * H;
      float *hn = h + (b * T + t) * H;
      for (int j = 0; j < H;) {
        int tail = H - j < 4;
        v128_t rz = ld(g + j, tail), rr = ld(g + H + j, tail), rh = ld(g + 2 * H + j, tail);
        v128_t z = vsigmoid(wasm_f32x4_add(ld(x + j, tail), rz));
        v128_t r = vsigmoid(wasm_f32x4_add(ld(x + H + j, tail), rr));
        v128_t hh = vtanh(wasm_f32x4_add(ld(x + 2 * H + j, tail), wasm_f32x4_mul(r, rh)));
        v128_t hpv = ld(hp + j, tail);
        // z * h[t-1] + (1 - z) * hh
        v128_t out = wasm_f32x4_add(hh, wasm_f32x4_mul(z, wasm_f32x4_sub(hpv, hh)));
        st(g + j, z, tail), st(g + H + j, r, tail), st(g + 2 * H + j, hh, tail);
        st(g + 3 * H + j, rh, tail), st(hn + j, out, tail);
        j += tail ? 1 : 4;
      }
    }
  }
}

// Backward through time. dh [m, T, H] (gradient of the forward's h), ut [3H, H] (u transposed),
// h0 [m, H], and the forward's h and gates in; dx [m, T, 3H] (gradient of xproj), drec
// [m, T, 3H] (gradient of rec = h[t-1] @ u + ub) and dh0 [m, H] out. dh0 carries the gradient
// flowing from step t to step t - 1 while the loop runs.
__attribute__((export_name("gru_backward")))
void gru_backward(const float *dh, const float *ut, const float *h0, const float *h,
                  const float *gates, float *dx, float *drec, float *dh0, int m, int T, int H) {
  int G = 4 * H, N = 3 * H;
  for (int k = 0; k < m * H; k++) dh0[k] = 0;
  v128_t one = wasm_f32x4_splat(1.0f);
  for (int t = T - 1; t >= 0; t--) {
    for (int b = 0; b < m; b++) {
      const float *g = gates + (b * T + t) * G;
      const float *hp = t == 0 ? h0 + b * H : h + (b * T + t - 1) * H;
      const float *dho = dh + (b * T + t) * H;
      float *carry = dh0 + b * H;
      float *dxt = dx + (b * T + t) * N;
      float *drt = drec + (b * T + t) * N;
      for (int j = 0; j < H;) {
        int tail = H - j < 4;
        v128_t z = ld(g + j, tail), r = ld(g + H + j, tail);
        v128_t hh = ld(g + 2 * H + j, tail), rh = ld(g + 3 * H + j, tail);
        v128_t hpv = ld(hp + j, tail);
        v128_t d = wasm_f32x4_add(ld(dho + j, tail), ld(carry + j, tail));
        v128_t dhh = wasm_f32x4_mul(wasm_f32x4_mul(d, wasm_f32x4_sub(one, z)),
                                    wasm_f32x4_sub(one, wasm_f32x4_mul(hh, hh)));
        v128_t dz = wasm_f32x4_mul(wasm_f32x4_mul(d, wasm_f32x4_sub(hpv, hh)),
                                   wasm_f32x4_mul(z, wasm_f32x4_sub(one, z)));
        v128_t dr = wasm_f32x4_mul(wasm_f32x4_mul(dhh, rh), wasm_f32x4_mul(r, wasm_f32x4_sub(one, r)));
        st(dxt + j, dz, tail), st(dxt + H + j, dr, tail), st(dxt + 2 * H + j, dhh, tail);
        st(drt + j, dz, tail), st(drt + H + j, dr, tail);
        st(drt + 2 * H + j, wasm_f32x4_mul(dhh, r), tail);
        st(carry + j, wasm_f32x4_mul(d, z), tail);
        j += tail ? 1 : 4;
      }
    }
    // The gradient reaching h[t-1] through the recurrent product: drec[:, t] @ u^T.
    gemm(drec + t * N, T * N, ut, H, dh0, H, m, N, H, 1);
  }
}
