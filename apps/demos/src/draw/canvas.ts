import { DlkitError } from '@dlkit/core';

/** A 2-D canvas of `width × height` CSS pixels, sharp on high-DPI screens, with an accessible label. */
export function createCanvas(width: number, height: number, label: string): HTMLCanvasElement {
  const canvas = document.createElement('canvas');
  const dpr = Math.min(globalThis.devicePixelRatio ?? 1, 2);
  canvas.width = Math.round(width * dpr);
  canvas.height = Math.round(height * dpr);
  canvas.style.width = `${width}px`;
  canvas.style.height = `${height}px`;
  canvas.setAttribute('role', 'img');
  canvas.setAttribute('aria-label', label);
  context(canvas).setTransform(dpr, 0, 0, dpr, 0, 0);
  return canvas;
}

/** The canvas' 2-D context. */
export function context(canvas: HTMLCanvasElement): CanvasRenderingContext2D {
  const ctx = canvas.getContext('2d');
  if (ctx === null) {
    throw new DlkitError('state', 'DemoEngine.mount', 'a 2-D canvas context is not available');
  }
  return ctx;
}

/** The CSS-pixel size of a canvas made by {@link createCanvas}. */
export function cssSize(canvas: HTMLCanvasElement): { width: number; height: number } {
  return { width: parseFloat(canvas.style.width), height: parseFloat(canvas.style.height) };
}

/** An RGB colour, each channel in `[0, 255]`. */
export type Rgb = readonly [number, number, number];

/** Linear interpolation between colours: `t = 0` gives `stops[0]`, `t = 1` the last stop. */
export function interpolate(stops: readonly Rgb[], t: number): Rgb {
  const x = Math.min(Math.max(t, 0), 1) * (stops.length - 1);
  const i = Math.min(Math.floor(x), stops.length - 2);
  const f = x - i;
  const a = stops[i] as Rgb;
  const b = stops[i + 1] as Rgb;
  return [a[0] + (b[0] - a[0]) * f, a[1] + (b[1] - a[1]) * f, a[2] + (b[2] - a[2]) * f];
}

/**
 * Paints `values` (row-major `[rows, cols]`, row 0 at the top) as an image scaled to `width ×
 * height` at `(x, y)`, each value coloured by `colour`, blurred between cells when `smooth`.
 */
export function paintGrid<T>(
  ctx: CanvasRenderingContext2D,
  values: ArrayLike<T>,
  rows: number,
  cols: number,
  colour: (v: T, index: number) => Rgb,
  box: { x: number; y: number; width: number; height: number },
  smooth = false,
): void {
  const image = new ImageData(cols, rows);
  for (let i = 0; i < rows * cols; i++) {
    const [r, g, b] = colour(values[i] as T, i);
    image.data[4 * i] = r;
    image.data[4 * i + 1] = g;
    image.data[4 * i + 2] = b;
    image.data[4 * i + 3] = 255;
  }
  const tile = document.createElement('canvas');
  tile.width = cols;
  tile.height = rows;
  context(tile).putImageData(image, 0, 0);
  ctx.imageSmoothingEnabled = smooth;
  ctx.drawImage(tile, box.x, box.y, box.width, box.height);
}

/** Writes `text` with the demos' font. */
export function label(
  ctx: CanvasRenderingContext2D,
  text: string,
  x: number,
  y: number,
  options: { size?: number; colour?: string; align?: CanvasTextAlign; bold?: boolean } = {},
): void {
  const { size = 12, colour = '#1f2933', align = 'left', bold = false } = options;
  ctx.font = `${bold ? '600 ' : ''}${size}px system-ui, -apple-system, "Segoe UI", sans-serif`;
  ctx.fillStyle = colour;
  ctx.textAlign = align;
  ctx.textBaseline = 'alphabetic';
  ctx.fillText(text, x, y);
}
