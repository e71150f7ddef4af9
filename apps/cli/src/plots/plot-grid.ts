import { assertNumber } from '@dlkit/core';
import { assertList, assertRecord, assertText, topLevel, type VegaLiteSpec } from './spec.js';

/**
 * Options of {@link plotGridSpec}.
 *
 * @category Plots
 */
export interface PlotGridOptions {
  /** Plots per row (default 3). */
  columns?: number;
  /** The title over the grid. */
  title?: string;
}

/**
 * Several plots side by side in rows (the course's subplots, e.g. one decision boundary per
 * hidden-layer size): a Vega-Lite `concat` of the given specs, each keeping its own data.
 *
 * @param specs - Specs from this module's builders.
 * @param options - Plots per row and a title.
 * @returns A Vega-Lite spec.
 *
 * @example
 * ```ts
 * import { lineChartSpec, plotGridSpec } from '@dlkit/cli/plots';
 * const a = lineChartSpec([{ name: 'a', x: [0, 1], y: [1, 0] }], { x: 'x', y: 'y' });
 * const b = lineChartSpec([{ name: 'b', x: [0, 1], y: [0, 1] }], { x: 'x', y: 'y' });
 * const grid = plotGridSpec([a, b], { columns: 2 });
 * console.log((grid['concat'] as unknown[]).length); // 2
 * ```
 *
 * @category Plots
 */
export function plotGridSpec(
  specs: readonly VegaLiteSpec[],
  options: PlotGridOptions = {},
): VegaLiteSpec {
  const fn = 'plotGridSpec';
  const views = assertList(fn, 'specs', specs, 100).map((s, i) => {
    assertRecord(fn, `specs[${i}]`, s);
    // Children inherit the top level's schema and config.
    const { $schema: _schema, config: _config, ...view } = s as VegaLiteSpec;
    return view;
  });
  assertRecord(fn, 'options', options);
  const columns = assertNumber(fn, 'options.columns', options.columns ?? 3, {
    integer: true,
    min: 1,
    max: 100,
  });
  const title =
    options.title === undefined ? undefined : assertText(fn, 'options.title', options.title);
  return topLevel(title, { columns, concat: views, spacing: 24 });
}
