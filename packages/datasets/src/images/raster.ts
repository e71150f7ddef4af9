import type { RandomState } from '@dlkit/core';

/** An RGB float image `[size, size, 3]` in `[0, 1]`, row-major, plus an optional label mask. */
export interface Canvas {
  size: number;
  rgb: Float32Array;
  mask?: Int32Array;
}

/** A region test in pixel coordinates (x right, y down). */
export type Inside = (x: number, y: number) => boolean;

/** A filled shape: a test and a bounding box to scan. */
export interface Shape {
  inside: Inside;
  box: [number, number, number, number]; // xMin, yMin, xMax, yMax (pixels, inclusive bounds)
}

export type Color = [number, number, number];

export function newCanvas(size: number, withMask = false): Canvas {
  const c: Canvas = { size, rgb: new Float32Array(size * size * 3) };
  if (withMask) c.mask = new Int32Array(size * size);
  return c;
}

/** A vertical gradient between two colours. */
export function fillBackground(c: Canvas, top: Color, bottom: Color): void {
  const { size, rgb } = c;
  for (let y = 0; y < size; y++) {
    const t = size === 1 ? 0 : y / (size - 1);
    for (let x = 0; x < size; x++) {
      const o = 3 * (y * size + x);
      for (let k = 0; k < 3; k++)
        rgb[o + k] = (top[k] as number) * (1 - t) + (bottom[k] as number) * t;
    }
  }
}

/**
 * Paints the pixels whose centres are inside the shape; writes `label` into the mask when given.
 * Returns the tight box of painted pixels `[yMin, xMin, yMax, xMax]` (pixel indices) or null.
 */
export function paint(
  c: Canvas,
  shape: Shape,
  color: Color,
  label?: number,
): [number, number, number, number] | null {
  const { size, rgb, mask } = c;
  const [bx0, by0, bx1, by1] = shape.box;
  const x0 = Math.max(0, Math.floor(bx0));
  const y0 = Math.max(0, Math.floor(by0));
  const x1 = Math.min(size - 1, Math.ceil(bx1));
  const y1 = Math.min(size - 1, Math.ceil(by1));
  let yMin = Infinity;
  let xMin = Infinity;
  let yMax = -Infinity;
  let xMax = -Infinity;
  for (let y = y0; y <= y1; y++) {
    for (let x = x0; x <= x1; x++) {
      if (!shape.inside(x + 0.5, y + 0.5)) continue;
      const p = y * size + x;
      rgb[3 * p] = color[0];
      rgb[3 * p + 1] = color[1];
      rgb[3 * p + 2] = color[2];
      if (mask && label !== undefined) mask[p] = label;
      if (y < yMin) yMin = y;
      if (y > yMax) yMax = y;
      if (x < xMin) xMin = x;
      if (x > xMax) xMax = x;
    }
  }
  return yMin === Infinity ? null : [yMin, xMin, yMax, xMax];
}

export function circle(cx: number, cy: number, r: number): Shape {
  return {
    inside: (x, y) => (x - cx) ** 2 + (y - cy) ** 2 <= r * r,
    box: [cx - r, cy - r, cx + r, cy + r],
  };
}

export function ellipse(cx: number, cy: number, rx: number, ry: number, angle = 0): Shape {
  const cos = Math.cos(angle);
  const sin = Math.sin(angle);
  const r = Math.max(rx, ry);
  return {
    inside: (x, y) => {
      const u = (x - cx) * cos + (y - cy) * sin;
      const v = -(x - cx) * sin + (y - cy) * cos;
      return (u / rx) ** 2 + (v / ry) ** 2 <= 1;
    },
    box: [cx - r, cy - r, cx + r, cy + r],
  };
}

/** A convex polygon (vertices in either winding order). */
export function polygon(points: [number, number][]): Shape {
  const xs = points.map((p) => p[0]);
  const ys = points.map((p) => p[1]);
  return {
    inside: (x, y) => {
      let sign = 0;
      for (let i = 0; i < points.length; i++) {
        const [ax, ay] = points[i] as [number, number];
        const [bx, by] = points[(i + 1) % points.length] as [number, number];
        const cross = (bx - ax) * (y - ay) - (by - ay) * (x - ax);
        if (cross === 0) continue;
        const s = cross > 0 ? 1 : -1;
        if (sign === 0) sign = s;
        else if (s !== sign) return false;
      }
      return true;
    },
    box: [Math.min(...xs), Math.min(...ys), Math.max(...xs), Math.max(...ys)],
  };
}

/** A rectangle of half-sizes `hw`, `hh` centred at `(cx, cy)`, rotated by `angle`. */
export function rect(cx: number, cy: number, hw: number, hh: number, angle = 0): Shape {
  const cos = Math.cos(angle);
  const sin = Math.sin(angle);
  const corners: [number, number][] = [
    [-hw, -hh],
    [hw, -hh],
    [hw, hh],
    [-hw, hh],
  ].map(([u, v]) => [
    cx + (u as number) * cos - (v as number) * sin,
    cy + (u as number) * sin + (v as number) * cos,
  ]);
  return polygon(corners);
}

/** An equilateral-ish triangle of circumradius `r`, rotated by `angle`. */
export function triangle(cx: number, cy: number, r: number, angle = 0): Shape {
  const pts: [number, number][] = [0, 1, 2].map((k) => {
    const a = angle - Math.PI / 2 + (k * 2 * Math.PI) / 3;
    return [cx + r * Math.cos(a), cy + r * Math.sin(a)];
  });
  return polygon(pts);
}

/** A random saturated colour. */
export function randomColor(rng: RandomState): Color {
  const h = rng.nextDouble() * 6;
  const s = 0.6 + 0.4 * rng.nextDouble();
  const v = 0.55 + 0.45 * rng.nextDouble();
  const i = Math.floor(h);
  const f = h - i;
  const p = v * (1 - s);
  const q = v * (1 - s * f);
  const t = v * (1 - s * (1 - f));
  const table: Color[] = [
    [v, t, p],
    [q, v, p],
    [p, v, t],
    [p, q, v],
    [t, p, v],
    [v, p, q],
  ];
  return table[i % 6] as Color;
}

/** A muted background colour pair. */
export function randomBackground(rng: RandomState): [Color, Color] {
  const g = (): Color => {
    const base = 0.15 + 0.35 * rng.nextDouble();
    return [
      base + 0.1 * rng.nextDouble(),
      base + 0.1 * rng.nextDouble(),
      base + 0.1 * rng.nextDouble(),
    ];
  };
  return [g(), g()];
}

/** Adds uniform noise of amplitude `amount` and clips to `[0, 1]`. */
export function addNoise(c: Canvas, rng: RandomState, amount: number): void {
  if (amount === 0) return;
  const { rgb } = c;
  for (let i = 0; i < rgb.length; i++) {
    const v = (rgb[i] as number) + amount * (2 * rng.nextDouble() - 1);
    rgb[i] = v < 0 ? 0 : v > 1 ? 1 : v;
  }
}
