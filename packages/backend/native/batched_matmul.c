// dlkit's batched matrix product, column sums and transposes for tfjs' wasm backend: C[b] = A[b] @ B[b], row-major float32,
// A [batch, M, K], B [batch, K, N], C [batch, M, N], on gemm.h's 4 x 8 register tiles. tfjs 4.22's
// wasm BatchMatMul runs batched products on a scalar loop.
// No libc and no globals; the module imports tfjs' wasm memory, so every pointer is an offset in
// tfjs' heap and no operand is copied.
// Built by build.sh (clang 14, wasm32, -O3 -msimd128); the bytes are embedded in
// ../src/wasm/kernels/batched-matmul-wasm.ts.
#include <wasm_simd128.h>
#include "gemm.h"

__attribute__((export_name("batched_matmul")))
void batched_matmul(const float *a, const float *b, float *c, int batch, int M, int K, int N) {
  for (int p = 0; p < batch; p++) gemm(a + p * M * K, K, b + p * K * N, N, c + p * M * N, N, M, K, N, 0);
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

// Transpose of a 4-byte-element tensor (float32 or int32) of rank 1-6: y = permute(x, perm).
// shape and perm point at rank int32s in this module's memory. When the last axis stays last,
// whole rows are copied (4 lanes at a time); otherwise a rank-2 view is transposed in 8x8 tiles
// and higher ranks walk the output with an odometer.
__attribute__((export_name("transpose32")))
void transpose32(const int *x, int *y, int rank, const int *shape, const int *perm) {
  int in_stride[6], out_shape[6], step[6], idx[6];
  int s = 1;
  for (int d = rank - 1; d >= 0; d--) { in_stride[d] = s; s *= shape[d]; }
  int total = s;
  for (int d = 0; d < rank; d++) { out_shape[d] = shape[perm[d]]; step[d] = in_stride[perm[d]]; idx[d] = 0; }
  if (total == 0) return;
  if (rank == 2 && perm[0] == 1) {
    // 16x16 tiles of 4x4 SIMD blocks (two rounds of shuffles each); scalar edges.
    int R = shape[0], C = shape[1];
    int R4 = R & ~3, C4 = C & ~3;
    for (int i0 = 0; i0 < R4; i0 += 16)
      for (int j0 = 0; j0 < C4; j0 += 16) {
        int i1 = i0 + 16 < R4 ? i0 + 16 : R4, j1 = j0 + 16 < C4 ? j0 + 16 : C4;
        for (int i = i0; i < i1; i += 4)
          for (int j = j0; j < j1; j += 4) {
            v128_t r0 = wasm_v128_load(x + i * C + j);
            v128_t r1 = wasm_v128_load(x + (i + 1) * C + j);
            v128_t r2 = wasm_v128_load(x + (i + 2) * C + j);
            v128_t r3 = wasm_v128_load(x + (i + 3) * C + j);
            v128_t t0 = wasm_i32x4_shuffle(r0, r1, 0, 4, 1, 5);
            v128_t t1 = wasm_i32x4_shuffle(r0, r1, 2, 6, 3, 7);
            v128_t t2 = wasm_i32x4_shuffle(r2, r3, 0, 4, 1, 5);
            v128_t t3 = wasm_i32x4_shuffle(r2, r3, 2, 6, 3, 7);
            wasm_v128_store(y + j * R + i, wasm_i32x4_shuffle(t0, t2, 0, 1, 4, 5));
            wasm_v128_store(y + (j + 1) * R + i, wasm_i32x4_shuffle(t0, t2, 2, 3, 6, 7));
            wasm_v128_store(y + (j + 2) * R + i, wasm_i32x4_shuffle(t1, t3, 0, 1, 4, 5));
            wasm_v128_store(y + (j + 3) * R + i, wasm_i32x4_shuffle(t1, t3, 2, 3, 6, 7));
          }
      }
    for (int i = 0; i < R; i++)
      for (int j = (i < R4 ? C4 : 0); j < C; j++) y[j * R + i] = x[i * C + j];
    return;
  }
  int last = rank - 1;
  int run = out_shape[last];
  if (perm[last] == last) {
    // Rows of length run are contiguous in x and in y.
    int rows = total / run;
    int off = 0;
    for (int r = 0; r < rows; r++) {
      const int *src = x + off;
      int *dst = y + r * run;
      int k = 0;
      for (; k + 4 <= run; k += 4) wasm_v128_store(dst + k, wasm_v128_load(src + k));
      for (; k < run; k++) dst[k] = src[k];
      for (int d = last - 1; d >= 0; d--) {
        idx[d]++;
        off += step[d];
        if (idx[d] < out_shape[d]) break;
        off -= step[d] * out_shape[d];
        idx[d] = 0;
      }
    }
    return;
  }
  int off = 0;
  int inner = step[last];
  for (int o = 0; o < total; o += run) {
    int *dst = y + o;
    const int *src = x + off;
    for (int k = 0; k < run; k++) dst[k] = src[k * inner];
    for (int d = last - 1; d >= 0; d--) {
      idx[d]++;
      off += step[d];
      if (idx[d] < out_shape[d]) break;
      off -= step[d] * out_shape[d];
      idx[d] = 0;
    }
  }
}
