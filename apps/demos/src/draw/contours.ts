import { interpolate, type Rgb } from './canvas.js';

/**
 * Colours for a surface grid: each value mapped on a log scale between the grid's minimum and
 * maximum through `stops`, with a darker pixel wherever the value crosses one of `levels`
 * equally spaced (log) levels between it and its right or lower neighbour: filled contours
 * with their contour lines.
 */
export function contourColours(
  values: ArrayLike<number>,
  rows: number,
  cols: number,
  stops: readonly Rgb[],
  levels = 14,
): Rgb[] {
  let lo = Infinity;
  let hi = -Infinity;
  for (let i = 0; i < rows * cols; i++) {
    lo = Math.min(lo, values[i] as number);
    hi = Math.max(hi, values[i] as number);
  }
  const scale = Math.log1p(Math.max(hi - lo, 1e-12));
  const t = Array.from(
    { length: rows * cols },
    (_, i) => Math.log1p((values[i] as number) - lo) / scale,
  );
  const band = t.map((v) => Math.floor(v * levels));
  return t.map((v, i) => {
    const [r, g, b] = interpolate(stops, v);
    const right = i % cols < cols - 1 ? band[i + 1] : band[i];
    const down = i + cols < rows * cols ? band[i + cols] : band[i];
    const edge = right !== band[i] || down !== band[i];
    return edge ? [r * 0.72, g * 0.72, b * 0.72] : [r, g, b];
  });
}
