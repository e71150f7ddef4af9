import { RandomState } from '@dlkit/core';

/**
 * A seeded `[rows, cols]` matrix with orthonormal rows (`rows <= cols`), as Keras' `Orthogonal`
 * initializer makes for the recurrent kernel: a standard normal `[cols, rows]` matrix, its
 * columns orthonormalised (modified Gram–Schmidt in float64, i.e. the QR factor `Q` with a
 * positive diagonal in `R`), transposed. tfjs's own `orthogonal` runs its QR as tensor ops and
 * takes about 20 s for `[64, 256]` on the cpu backend; this takes milliseconds.
 */
export function orthogonalRows(rows: number, cols: number, seed: number): Float32Array {
  const a = new RandomState(seed).standardNormalArray(cols * rows); // [cols, rows], row-major
  const q: Float64Array[] = [];
  for (let j = 0; j < rows; j++) {
    const v = Float64Array.from({ length: cols }, (_, i) => a[i * rows + j] as number);
    for (const u of q) {
      let dot = 0;
      for (let i = 0; i < cols; i++) dot += (u[i] as number) * (v[i] as number);
      for (let i = 0; i < cols; i++) v[i] = (v[i] as number) - dot * (u[i] as number);
    }
    const norm = Math.hypot(...v);
    q.push(v.map((x) => x / norm));
  }
  const out = new Float32Array(rows * cols);
  q.forEach((u, r) => out.set(u, r * cols));
  return out;
}
