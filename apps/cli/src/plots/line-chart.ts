import { DlkitError, assertNumber } from '@dlkit/core';
import { assertList, assertRecord, assertText, topLevel, type VegaLiteSpec } from './spec.js';

/**
 * One line of a {@link lineChartSpec}: its legend name and its points.
 *
 * @category Plots
 */
export interface LineSeries {
  /** The legend entry (`'cost'`, `'train'`, a model's name). */
  name: string;
  /** x of each point. */
  x: readonly number[];
  /** y of each point, as many as `x`. */
  y: readonly number[];
}

/**
 * Options of {@link lineChartSpec}.
 *
 * @category Plots
 */
export interface LineChartOptions {
  /** The x axis title. */
  x: string;
  /** The y axis title. */
  y: string;
  /** The plot's title. */
  title?: string;
  /** A log-scale y axis (default false). */
  logY?: boolean;
  /** Width of the plotting area in pixels (default 480). */
  width?: number;
  /** Height of the plotting area in pixels (default 300). */
  height?: number;
}

const MAX_POINTS = 100_000;

/** Plotting-area size options, checked. */
export function plotSize(
  fn: string,
  options: { width?: number; height?: number },
  width: number,
  height: number,
): { width: number; height: number } {
  return {
    width: assertNumber(fn, 'options.width', options.width ?? width, { min: 50, max: 4000 }),
    height: assertNumber(fn, 'options.height', options.height ?? height, { min: 50, max: 4000 }),
  };
}

function seriesRows(fn: string, series: unknown): Record<string, number | string>[] {
  const rows: Record<string, number | string>[] = [];
  assertList(fn, 'series', series, 50).forEach((s, k) => {
    const arg = `series[${k}]`;
    assertRecord(fn, arg, s);
    const { name, x, y } = s as LineSeries;
    assertText(fn, `${arg}.name`, name);
    assertList(fn, `${arg}.x`, x, MAX_POINTS);
    assertList(fn, `${arg}.y`, y, MAX_POINTS);
    if (x.length !== y.length) {
      throw new DlkitError(
        'value',
        fn,
        `${arg}.y must have as many values as ${arg}.x (${x.length}), got ${y.length}`,
        { argument: `${arg}.y` },
      );
    }
    x.forEach((xi, i) =>
      rows.push({
        series: name,
        x: assertNumber(fn, `${arg}.x[${i}]`, xi),
        y: assertNumber(fn, `${arg}.y[${i}]`, y[i]),
      }),
    );
  });
  return rows;
}

/**
 * A line chart of one or more series (costs against iterations, errors against training-set
 * size), one colour per series, a point on every value, a tooltip with the value.
 *
 * @param series - The lines, each `{ name, x, y }` with finite numbers.
 * @param options - Axis titles, title, log-scale y, size.
 * @returns A Vega-Lite spec.
 *
 * @example
 * ```ts
 * import { lineChartSpec } from '@dlkit/cli/plots';
 * const spec = lineChartSpec([{ name: 'cost', x: [0, 100, 200], y: [0.69, 0.3, 0.2] }], {
 *   x: 'iteration',
 *   y: 'cost',
 * });
 * console.log(spec['mark']); // { type: 'line', point: true, tooltip: true }
 * ```
 *
 * @category Plots
 */
export function lineChartSpec(
  series: readonly LineSeries[],
  options: LineChartOptions,
): VegaLiteSpec {
  const fn = 'lineChartSpec';
  const values = seriesRows(fn, series);
  assertRecord(fn, 'options', options);
  const size = plotSize(fn, options, 480, 300);
  const title =
    options.title === undefined ? undefined : assertText(fn, 'options.title', options.title);
  const names = series.map((s) => s.name);
  return topLevel(title, {
    ...size,
    data: { values },
    mark: { type: 'line', point: true, tooltip: true },
    encoding: {
      x: { field: 'x', type: 'quantitative', title: assertText(fn, 'options.x', options.x) },
      y: {
        field: 'y',
        type: 'quantitative',
        title: assertText(fn, 'options.y', options.y),
        scale: options.logY === true ? { type: 'log' } : { zero: false },
      },
      color: {
        field: 'series',
        type: 'nominal',
        title: null,
        scale: { domain: names },
        legend: names.length > 1 ? { orient: 'top-right' } : null,
      },
    },
  });
}
