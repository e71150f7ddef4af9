import { DlkitError, assertNumber } from '@dlkit/core';
import { plotSize } from './line-chart.js';
import { assertList, assertRecord, assertText, topLevel, type VegaLiteSpec } from './spec.js';

/**
 * What {@link decisionBoundarySpec} draws: a classifier's prediction on a regular grid of the two
 * input features, and the labelled points it was trained on.
 *
 * @category Plots
 */
export interface DecisionBoundary {
  /** Grid cell centres along the first feature, increasing and evenly spaced. */
  gridX1: readonly number[];
  /** Grid cell centres along the second feature, increasing and evenly spaced. */
  gridX2: readonly number[];
  /** The predicted class (0 or 1) of cell `(gridX1[i], gridX2[j])` at `j * gridX1.length + i`. */
  predictions: ArrayLike<number>;
  /** First feature of each point. */
  x1: ArrayLike<number>;
  /** Second feature of each point. */
  x2: ArrayLike<number>;
  /** Class (0 or 1) of each point. */
  labels: ArrayLike<number>;
}

/**
 * Options of {@link decisionBoundarySpec}.
 *
 * @category Plots
 */
export interface DecisionBoundaryOptions {
  /** The plot's title. */
  title?: string;
  /** Width of the plotting area in pixels (default 360). */
  width?: number;
  /** Height of the plotting area in pixels (default 360). */
  height?: number;
}

/** The course's colours (matplotlib's Spectral ends): class 0 red, class 1 blue. */
const COLORS = ['#d7301f', '#2b6cb0'];
const MAX_POINTS = 100_000;

function gridStep(fn: string, argument: string, centres: unknown): number {
  const c = assertList(fn, argument, centres, 500) as number[];
  c.forEach((v, i) => assertNumber(fn, `${argument}[${i}]`, v));
  if (c.length < 2) {
    throw new DlkitError('value', fn, `${argument} must have at least 2 centres, got 1`, {
      argument,
    });
  }
  const step = (c[c.length - 1]! - c[0]!) / (c.length - 1);
  if (
    !(step > 0) ||
    c.some((v, i) => Math.abs(v - (c[0]! + i * step)) > 1e-6 * (1 + Math.abs(v)))
  ) {
    throw new DlkitError('value', fn, `${argument} must be increasing and evenly spaced`, {
      argument,
    });
  }
  return step;
}

function classAt(fn: string, argument: string, values: ArrayLike<number>, i: number): string {
  const v = values[i];
  if (v !== 0 && v !== 1) {
    throw new DlkitError('value', fn, `${argument}[${i}] must be 0 or 1, got ${String(v)}`, {
      argument,
    });
  }
  return String(v);
}

function checkLength(fn: string, argument: string, values: unknown, n: number): void {
  const length = (values as ArrayLike<number> | null)?.length;
  if (values === null || typeof values !== 'object' || typeof length !== 'number') {
    throw new DlkitError(
      'value',
      fn,
      `${argument} must be an array of numbers, got ${typeof values}`,
      {
        argument,
      },
    );
  }
  if (length !== n) {
    throw new DlkitError('value', fn, `${argument} must have ${n} values, got ${length}`, {
      argument,
    });
  }
}

/**
 * The grid as rectangles: each row's runs of equal predictions merged into one cell, so a
 * 60 × 60 grid draws a few hundred marks instead of 3600.
 */
function cells(fn: string, b: DecisionBoundary): Record<string, number | string>[] {
  const h1 = gridStep(fn, 'boundary.gridX1', b.gridX1) / 2;
  const h2 = gridStep(fn, 'boundary.gridX2', b.gridX2) / 2;
  const n1 = b.gridX1.length;
  checkLength(fn, 'boundary.predictions', b.predictions, n1 * b.gridX2.length);
  const out: Record<string, number | string>[] = [];
  b.gridX2.forEach((c2, j) => {
    let start = 0;
    for (let i = 1; i <= n1; i++) {
      const k = j * n1;
      const predicted = classAt(fn, 'boundary.predictions', b.predictions, k + start);
      if (i < n1 && classAt(fn, 'boundary.predictions', b.predictions, k + i) === predicted)
        continue;
      const a = b.gridX1[start]! - h1;
      const e = b.gridX1[i - 1]! + h1;
      out.push({ a: round(a), b: round(e), c: round(c2 - h2), d: round(c2 + h2), predicted });
      start = i;
    }
  });
  return out;
}

/** 6 significant digits: enough for a plot, and the inline data stays small. */
function round(v: number): number {
  return Number(v.toPrecision(6));
}

function points(fn: string, b: DecisionBoundary): Record<string, number | string>[] {
  const m = (b.x1 as ArrayLike<number> | null)?.length ?? 0;
  checkLength(fn, 'boundary.x1', b.x1, Math.min(m, MAX_POINTS));
  checkLength(fn, 'boundary.x2', b.x2, m);
  checkLength(fn, 'boundary.labels', b.labels, m);
  return Array.from({ length: m }, (_, i) => ({
    x1: round(assertNumber(fn, `boundary.x1[${i}]`, b.x1[i])),
    x2: round(assertNumber(fn, `boundary.x2[${i}]`, b.x2[i])),
    label: classAt(fn, 'boundary.labels', b.labels, i),
  }));
}

/**
 * A binary classifier's decision boundary, as the course draws it (`plot_decision_boundary`):
 * the prediction on a grid as a heat map of pale cells, the training points on top in the same
 * colours (class 0 red, class 1 blue).
 *
 * @param boundary - The grid, its predictions and the points.
 * @param options - Title and size.
 * @returns A Vega-Lite spec: a layer of `rect` marks (one per run of equal predictions along a
 * grid row) and `point` marks (one per point).
 *
 * @example
 * ```ts
 * import { decisionBoundarySpec } from '@dlkit/cli/plots';
 * const spec = decisionBoundarySpec({
 *   gridX1: [-1, 1],
 *   gridX2: [-1, 1],
 *   predictions: [0, 1, 0, 1],
 *   x1: [-1, 1],
 *   x2: [0, 0],
 *   labels: [0, 1],
 * });
 * console.log((spec['layer'] as unknown[]).length); // 2
 * ```
 *
 * @category Plots
 */
export function decisionBoundarySpec(
  boundary: DecisionBoundary,
  options: DecisionBoundaryOptions = {},
): VegaLiteSpec {
  const fn = 'decisionBoundarySpec';
  assertRecord(fn, 'boundary', boundary);
  assertRecord(fn, 'options', options);
  const grid = cells(fn, boundary);
  const data = points(fn, boundary);
  const size = plotSize(fn, options, 360, 360);
  const title =
    options.title === undefined ? undefined : assertText(fn, 'options.title', options.title);
  const g1 = boundary.gridX1;
  const g2 = boundary.gridX2;
  const h1 = (g1[g1.length - 1]! - g1[0]!) / (g1.length - 1) / 2;
  const h2 = (g2[g2.length - 1]! - g2[0]!) / (g2.length - 1) / 2;
  const domain1 = [round(g1[0]! - h1), round(g1[g1.length - 1]! + h1)];
  const domain2 = [round(g2[0]! - h2), round(g2[g2.length - 1]! + h2)];
  const color = { type: 'nominal', scale: { domain: ['0', '1'], range: COLORS } };
  const axis = { grid: false };
  const x = { type: 'quantitative', axis, scale: { domain: domain1, nice: false, zero: false } };
  const y = { type: 'quantitative', axis, scale: { domain: domain2, nice: false, zero: false } };
  return topLevel(title, {
    ...size,
    layer: [
      {
        data: { values: grid },
        mark: { type: 'rect', opacity: 0.3, strokeWidth: 0 },
        encoding: {
          x: { ...x, field: 'a', title: 'x₁' },
          x2: { field: 'b' },
          y: { ...y, field: 'c', title: 'x₂' },
          y2: { field: 'd' },
          color: { ...color, field: 'predicted', legend: null },
        },
      },
      {
        data: { values: data },
        mark: {
          type: 'point',
          filled: true,
          size: 22,
          opacity: 0.9,
          stroke: 'black',
          strokeWidth: 0.3,
        },
        encoding: {
          x: { ...x, field: 'x1' },
          y: { ...y, field: 'x2' },
          color: { ...color, field: 'label', title: 'class' },
        },
      },
    ],
  });
}
