// The filter gradient of an NHWC 2-D convolution as im2col + GEMM, for tfjs' wasm backend:
// dW^T[o, (i, j, c)] = sum_r dY^T[o, r] * P[r, (i, j, c)] with r = (n, a, b) the output positions,
// P[r, (i, j, c)] = x[n, a*sh + i - top, b*sw + j - left, c] (zero outside x) the patches, and
// dY^T = dy transposed to [co, rows]. The rows are taken in chunks of at most `chunk`, so only
// chunk x (kh*kw*ci) patches exist at a time (in `patches`, a scratch block of tfjs' heap); each
// chunk's product accumulates into dW^T on gemm.h's 4 x 8 tiles (co rows by kh*kw*ci columns).
// No libc and no globals; every pointer is an offset in tfjs' heap.
#include <wasm_simd128.h>
#include "gemm.h"

// n floats from s to d (n >= 4: whole vectors, the last one overlapping the one before).
static inline void copy_run(float *d, const float *s, int n) {
  if (n < 4) {
    for (int k = 0; k < n; k++) d[k] = s[k];
    return;
  }
  int k = 0;
  for (; k + 4 <= n; k += 4) wasm_v128_store(d + k, wasm_v128_load(s + k));
  if (k < n) wasm_v128_store(d + n - 4, wasm_v128_load(s + n - 4));
}

static inline void zero_run(float *d, int n) {
  int k = 0;
  for (; k + 4 <= n; k += 4) wasm_v128_store(d + k, wasm_f32x4_splat(0));
  for (; k < n; k++) d[k] = 0;
}

// One patch row: for each filter row i, the kw*ci floats of x under the window (a contiguous run
// of x's row), zeros where the window leaves x.
static inline void im2col_row(const float *x, float *dst, int H, int W, int ci, int kh, int kw,
                              int y0, int x0) {
  int run = kw * ci;
  int jlo = x0 < 0 ? -x0 : 0;
  int jhi = W - x0 < kw ? W - x0 : kw;
  if (jhi < jlo) jhi = jlo;
  for (int i = 0; i < kh; i++, dst += run) {
    int y = y0 + i;
    if (y < 0 || y >= H || jlo >= jhi) {
      zero_run(dst, run);
    } else if (jlo == 0 && jhi == kw) {
      copy_run(dst, x + (y * W + x0) * ci, run);
    } else {
      zero_run(dst, jlo * ci);
      copy_run(dst + jlo * ci, x + (y * W + x0 + jlo) * ci, (jhi - jlo) * ci);
      zero_run(dst + jhi * ci, run - jhi * ci);
    }
  }
}

// x [n, H, W, ci], dy [n*oh*ow, co], dw [kh*kw*ci, co] (written). scratch holds
// chunk*Kp + co4*chunk + co4*Kp floats (Kp = kh*kw*ci rounded up to 8, co4 = co rounded up to 4):
// the patches with rows Kp apart (zero columns past K), the chunk of dy transposed (zero rows past
// co) and dW^T, so every product runs on whole 4 x 8 tiles; dW is dW^T transposed at the end.
__attribute__((export_name("conv2d_filter_grad")))
void conv2d_filter_grad(const float *x, const float *dy, float *dw, float *scratch, int n, int H,
                        int W, int ci, int oh, int ow, int co, int kh, int kw, int sh, int sw,
                        int top, int left, int chunk) {
  int K = kh * kw * ci, Kp = (K + 7) & ~7, co4 = (co + 3) & ~3, rows = n * oh * ow;
  float *patches = scratch, *dyt = patches + chunk * Kp, *dwt = dyt + co4 * chunk;
  for (int k = 0; k < co4 * Kp; k++) dwt[k] = 0;
  for (int o = co; o < co4; o++)
    for (int r = 0; r < chunk; r++) dyt[o * chunk + r] = 0;
  for (int r0 = 0; r0 < rows; r0 += chunk) {
    int rc = rows - r0 < chunk ? rows - r0 : chunk;
    int b = r0 % ow, a = (r0 / ow) % oh, img = r0 / (ow * oh);
    for (int r = 0; r < rc; r++) {
      float *p = patches + r * Kp;
      im2col_row(x + img * H * W * ci, p, H, W, ci, kh, kw, a * sh - top, b * sw - left);
      zero_run(p + K, Kp - K);
      if (++b == ow) {
        b = 0;
        if (++a == oh) a = 0, img++;
      }
    }
    // dy's chunk [rc, co] transposed to [co, chunk].
    const float *d = dy + r0 * co;
    for (int o = 0; o < co; o++) {
      float *t = dyt + o * chunk;
      for (int r = 0; r < rc; r++) t[r] = d[r * co + o];
    }
    gemm(dyt, chunk, patches, Kp, dwt, Kp, co4, rc, Kp, 1);
  }
  for (int k = 0; k < K; k++)
    for (int o = 0; o < co; o++) dw[k * co + o] = dwt[o * Kp + k];
}
