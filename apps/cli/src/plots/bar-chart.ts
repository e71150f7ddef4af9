import { assertNumber } from '@dlkit/core';
import { plotSize } from './line-chart.js';
import { assertList, assertRecord, assertText, topLevel, type VegaLiteSpec } from './spec.js';

/**
 * One bar of a {@link barChartSpec}.
 *
 * @category Plots
 */
export interface Bar {
  /** Where the bar stands on the x axis (`'4 hidden units'`, `'logistic regression'`). */
  category: string;
  /** Its height. */
  value: number;
  /** Bars of the same category side by side, one colour per group (`'train'`, `'test'`). */
  group?: string;
}

/**
 * Options of {@link barChartSpec}.
 *
 * @category Plots
 */
export interface BarChartOptions {
  /** The x axis title. */
  x: string;
  /** The y axis title. */
  y: string;
  /** The plot's title. */
  title?: string;
  /** Values are fractions: the axis and labels show percentages (default false). */
  percent?: boolean;
  /** Width of the plotting area in pixels (default 480). */
  width?: number;
  /** Height of the plotting area in pixels (default 300). */
  height?: number;
}

function barRows(fn: string, bars: unknown): Record<string, number | string>[] {
  return assertList(fn, 'bars', bars, 1000).map((b, i) => {
    assertRecord(fn, `bars[${i}]`, b);
    const { category, value, group } = b as Bar;
    return {
      category: assertText(fn, `bars[${i}].category`, category),
      value: assertNumber(fn, `bars[${i}].value`, value),
      group: group === undefined ? '' : assertText(fn, `bars[${i}].group`, group),
    };
  });
}

/**
 * A bar chart (accuracies per model, per hidden-layer size), bars of one category grouped side
 * by side when they have a `group`, each bar labelled with its value.
 *
 * @param bars - The bars, in the order they stand on the axis.
 * @param options - Axis titles, title, percentages, size.
 * @returns A Vega-Lite spec.
 *
 * @example
 * ```ts
 * import { barChartSpec } from '@dlkit/cli/plots';
 * const spec = barChartSpec(
 *   [
 *     { category: 'logistic', value: 0.47 },
 *     { category: '4 hidden units', value: 0.9 },
 *   ],
 *   { x: 'model', y: 'training accuracy', percent: true },
 * );
 * console.log(spec['layer'] !== undefined); // true
 * ```
 *
 * @category Plots
 */
export function barChartSpec(bars: readonly Bar[], options: BarChartOptions): VegaLiteSpec {
  const fn = 'barChartSpec';
  const values = barRows(fn, bars);
  assertRecord(fn, 'options', options);
  const size = plotSize(fn, options, 480, 300);
  const title =
    options.title === undefined ? undefined : assertText(fn, 'options.title', options.title);
  const format = options.percent === true ? '.1%' : '.3~g';
  const grouped = values.some((v) => v['group'] !== '');
  const categories = [...new Set(values.map((v) => v['category'] as string))];
  const groups = [...new Set(values.map((v) => v['group'] as string))];
  const x = {
    field: 'category',
    type: 'nominal',
    title: assertText(fn, 'options.x', options.x),
    sort: categories,
    axis: { labelAngle: 0 },
  };
  const offset = grouped ? { xOffset: { field: 'group', type: 'nominal', sort: groups } } : {};
  const y = {
    field: 'value',
    type: 'quantitative',
    title: assertText(fn, 'options.y', options.y),
    axis: { format: options.percent === true ? '.0%' : format },
  };
  return topLevel(title, {
    ...size,
    data: { values },
    encoding: { x, y, ...offset },
    layer: [
      {
        mark: { type: 'bar', tooltip: true },
        encoding: grouped
          ? { color: { field: 'group', type: 'nominal', title: null, sort: groups } }
          : { color: { value: '#4c78a8' } },
      },
      {
        mark: { type: 'text', dy: -6, fontSize: 10 },
        encoding: { text: { field: 'value', type: 'quantitative', format } },
      },
    ],
  });
}
