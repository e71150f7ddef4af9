// Single-precision matrix products on wasm SIMD128 for dlkit's kernels, row-major with leading
// dimensions: C[M, N] (ldc) = A[M, K] (lda) @ B[K, N] (ldb), or C += A @ B when accumulate is set.
// 4 x 8 register tiles (8 accumulators of 4 lanes); column strips of B outside the row blocks of A.
#ifndef DLKIT_GEMM_H
#define DLKIT_GEMM_H
#include <wasm_simd128.h>

static inline void gemm_tile4x8(const float *a, int lda, const float *b, int ldb, float *c, int ldc,
                                int K, int accumulate) {
  v128_t c00 = wasm_f32x4_splat(0), c01 = wasm_f32x4_splat(0);
  v128_t c10 = wasm_f32x4_splat(0), c11 = wasm_f32x4_splat(0);
  v128_t c20 = wasm_f32x4_splat(0), c21 = wasm_f32x4_splat(0);
  v128_t c30 = wasm_f32x4_splat(0), c31 = wasm_f32x4_splat(0);
  if (accumulate) {
    c00 = wasm_v128_load(c), c01 = wasm_v128_load(c + 4);
    c10 = wasm_v128_load(c + ldc), c11 = wasm_v128_load(c + ldc + 4);
    c20 = wasm_v128_load(c + 2 * ldc), c21 = wasm_v128_load(c + 2 * ldc + 4);
    c30 = wasm_v128_load(c + 3 * ldc), c31 = wasm_v128_load(c + 3 * ldc + 4);
  }
  for (int k = 0; k < K; k++) {
    v128_t b0 = wasm_v128_load(b + k * ldb);
    v128_t b1 = wasm_v128_load(b + k * ldb + 4);
    v128_t a0 = wasm_f32x4_splat(a[k]);
    v128_t a1 = wasm_f32x4_splat(a[lda + k]);
    v128_t a2 = wasm_f32x4_splat(a[2 * lda + k]);
    v128_t a3 = wasm_f32x4_splat(a[3 * lda + k]);
    c00 = wasm_f32x4_add(c00, wasm_f32x4_mul(a0, b0));
    c01 = wasm_f32x4_add(c01, wasm_f32x4_mul(a0, b1));
    c10 = wasm_f32x4_add(c10, wasm_f32x4_mul(a1, b0));
    c11 = wasm_f32x4_add(c11, wasm_f32x4_mul(a1, b1));
    c20 = wasm_f32x4_add(c20, wasm_f32x4_mul(a2, b0));
    c21 = wasm_f32x4_add(c21, wasm_f32x4_mul(a2, b1));
    c30 = wasm_f32x4_add(c30, wasm_f32x4_mul(a3, b0));
    c31 = wasm_f32x4_add(c31, wasm_f32x4_mul(a3, b1));
  }
  wasm_v128_store(c, c00);
  wasm_v128_store(c + 4, c01);
  wasm_v128_store(c + ldc, c10);
  wasm_v128_store(c + ldc + 4, c11);
  wasm_v128_store(c + 2 * ldc, c20);
  wasm_v128_store(c + 2 * ldc + 4, c21);
  wasm_v128_store(c + 3 * ldc, c30);
  wasm_v128_store(c + 3 * ldc + 4, c31);
}

// One row of C from column j0 to N: 4 columns at a time, then single columns.
static inline void gemm_row(const float *a, const float *b, int ldb, float *c, int K, int N, int j0,
                            int accumulate) {
  int j = j0;
  for (; j + 4 <= N; j += 4) {
    v128_t acc = accumulate ? wasm_v128_load(c + j) : wasm_f32x4_splat(0);
    for (int k = 0; k < K; k++)
      acc = wasm_f32x4_add(acc, wasm_f32x4_mul(wasm_f32x4_splat(a[k]), wasm_v128_load(b + k * ldb + j)));
    wasm_v128_store(c + j, acc);
  }
  for (; j < N; j++) {
    float acc = accumulate ? c[j] : 0;
    for (int k = 0; k < K; k++) acc += a[k] * b[k * ldb + j];
    c[j] = acc;
  }
}

// K is cut into blocks of GEMM_KB so that a K x 8 strip of B (one cache line per row) stays in
// L1 while every row block of A passes over it; blocks after the first accumulate.
#define GEMM_KB 256
static inline void gemm(const float *a, int lda, const float *b, int ldb, float *c, int ldc, int M,
                        int K, int N, int accumulate) {
  int m4 = M & ~3, n8 = N & ~7;
  for (int k0 = 0; k0 < K || k0 == 0; k0 += GEMM_KB) {
    int kb = K - k0 < GEMM_KB ? K - k0 : GEMM_KB;
    int acc = accumulate || k0 > 0;
    const float *ak = a + k0, *bk = b + k0 * ldb;
    for (int j = 0; j < n8; j += 8)
      for (int i = 0; i < m4; i += 4)
        gemm_tile4x8(ak + i * lda, lda, bk + j, ldb, c + i * ldc + j, ldc, kb, acc);
    if (n8 < N)
      for (int i = 0; i < m4; i++) gemm_row(ak + i * lda, bk, ldb, c + i * ldc, kb, N, n8, acc);
    for (int i = m4; i < M; i++) gemm_row(ak + i * lda, bk, ldb, c + i * ldc, kb, N, 0, acc);
  }
}

#endif
