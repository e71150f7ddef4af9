// dlkit's batched matrix product (and column sums) for tfjs' wasm backend: C[b] = A[b] @ B[b], row-major float32,
// A [batch, M, K], B [batch, K, N], C [batch, M, N], vectorised with wasm SIMD128 over N in
// 4 x 8 register tiles. tfjs 4.22's wasm BatchMatMul runs batched products on a scalar loop.
// No libc, no stack, no globals: every pointer is an offset in the module's own memory.
// Built by build.sh (clang 14, wasm32, -O3 -msimd128); the bytes are embedded in
// ../src/wasm/kernels/batched-matmul-wasm.ts.
#include <wasm_simd128.h>

static inline void tile4x8(const float *a, const float *b, float *c, int K, int N, int lda) {
  v128_t c00 = wasm_f32x4_splat(0), c01 = wasm_f32x4_splat(0);
  v128_t c10 = wasm_f32x4_splat(0), c11 = wasm_f32x4_splat(0);
  v128_t c20 = wasm_f32x4_splat(0), c21 = wasm_f32x4_splat(0);
  v128_t c30 = wasm_f32x4_splat(0), c31 = wasm_f32x4_splat(0);
  for (int k = 0; k < K; k++) {
    v128_t b0 = wasm_v128_load(b + k * N);
    v128_t b1 = wasm_v128_load(b + k * N + 4);
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
  wasm_v128_store(c + N, c10);
  wasm_v128_store(c + N + 4, c11);
  wasm_v128_store(c + 2 * N, c20);
  wasm_v128_store(c + 2 * N + 4, c21);
  wasm_v128_store(c + 3 * N, c30);
  wasm_v128_store(c + 3 * N + 4, c31);
}

static inline void row_cols(const float *a, const float *b, float *c, int K, int N, int j0) {
  // One row of C from column j0 on: 4 columns at a time, then single columns.
  int j = j0;
  for (; j + 4 <= N; j += 4) {
    v128_t acc = wasm_f32x4_splat(0);
    for (int k = 0; k < K; k++)
      acc = wasm_f32x4_add(acc, wasm_f32x4_mul(wasm_f32x4_splat(a[k]), wasm_v128_load(b + k * N + j)));
    wasm_v128_store(c + j, acc);
  }
  for (; j < N; j++) {
    float acc = 0;
    for (int k = 0; k < K; k++) acc += a[k] * b[k * N + j];
    c[j] = acc;
  }
}

__attribute__((export_name("batched_matmul")))
void batched_matmul(const float *a, const float *b, float *c, int batch, int M, int K, int N) {
  for (int p = 0; p < batch; p++) {
    const float *ap = a + p * M * K;
    const float *bp = b + p * K * N;
    float *cp = c + p * M * N;
    int i = 0;
    int n8 = N & ~7;
    for (; i + 4 <= M; i += 4) {
      for (int j = 0; j < n8; j += 8) tile4x8(ap + i * K, bp + j, cp + i * N + j, K, N, K);
      if (n8 < N)
        for (int r = 0; r < 4; r++) row_cols(ap + (i + r) * K, bp, cp + (i + r) * N, K, N, n8);
    }
    for (; i < M; i++) row_cols(ap + i * K, bp, cp + i * N, K, N, 0);
  }
}

// Column sums: out[j] = sum_i x[i, j] for x [rows, cols] row-major (a bias gradient). Four
// columns per SIMD lane group; accumulates in float32 in row order, like tfjs' kernels.
__attribute__((export_name("column_sum")))
void column_sum(const float *x, float *out, int rows, int cols) {
  int j = 0;
  for (; j + 16 <= cols; j += 16) {
    v128_t s0 = wasm_f32x4_splat(0), s1 = wasm_f32x4_splat(0);
    v128_t s2 = wasm_f32x4_splat(0), s3 = wasm_f32x4_splat(0);
    for (int i = 0; i < rows; i++) {
      const float *r = x + i * cols + j;
      s0 = wasm_f32x4_add(s0, wasm_v128_load(r));
      s1 = wasm_f32x4_add(s1, wasm_v128_load(r + 4));
      s2 = wasm_f32x4_add(s2, wasm_v128_load(r + 8));
      s3 = wasm_f32x4_add(s3, wasm_v128_load(r + 12));
    }
    wasm_v128_store(out + j, s0);
    wasm_v128_store(out + j + 4, s1);
    wasm_v128_store(out + j + 8, s2);
    wasm_v128_store(out + j + 12, s3);
  }
  for (; j + 4 <= cols; j += 4) {
    v128_t s = wasm_f32x4_splat(0);
    for (int i = 0; i < rows; i++) s = wasm_f32x4_add(s, wasm_v128_load(x + i * cols + j));
    wasm_v128_store(out + j, s);
  }
  for (; j < cols; j++) {
    float s = 0;
    for (int i = 0; i < rows; i++) s += x[i * cols + j];
    out[j] = s;
  }
}
