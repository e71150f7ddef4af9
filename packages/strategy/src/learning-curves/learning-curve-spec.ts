import { DlkitError, assertNumber } from '@dlkit/core';
import { PROBLEM_NAMES } from '../diagnosis/remedies.js';
import type { LearningCurve } from './learning-curve.js';

/**
 * Options of {@link learningCurveSpec}.
 *
 * @category C3 W2 · Bias and variance with mismatched data distributions
 */
export interface LearningCurveSpecOptions {
  /** Width of the plotting area in pixels (default 480). */
  width?: number;
  /** Height of the plotting area in pixels (default 300). */
  height?: number;
  /** Title (default `Learning curve`). */
  title?: string;
  /** Log-scale x axis (default true when sizes span more than a factor of 20). */
  logX?: boolean;
}

const SERIES = ['training error', 'dev error', 'human-level error'];
const COLORS = ['#1f77b4', '#ff7f0e', '#2ca02c'];

function checkCurve(fn: string, curve: LearningCurve): void {
  if (
    curve === null ||
    typeof curve !== 'object' ||
    !Array.isArray(curve.points) ||
    curve.points.length === 0 ||
    curve.diagnosis === null ||
    typeof curve.diagnosis !== 'object'
  ) {
    throw new DlkitError('value', fn, 'curve must be a learning curve with at least one point', {
      argument: 'curve',
    });
  }
  curve.points.forEach((p, i) => {
    assertNumber(fn, `curve.points[${i}].size`, p?.size, { min: 1 });
    assertNumber(fn, `curve.points[${i}].trainError`, p.trainError);
    assertNumber(fn, `curve.points[${i}].devError`, p.devError);
  });
}

/** Breaks `text` into lines of at most `maxChars` characters, at spaces. */
function wrap(text: string, maxChars: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(' ')) {
    if (line !== '' && line.length + 1 + word.length > maxChars) {
      lines.push(line);
      line = word;
    } else line = line === '' ? word : `${line} ${word}`;
  }
  if (line !== '') lines.push(line);
  return lines;
}

/** The diagnosis and the trend for the plot's subtitle, wrapped to `width` pixels. */
function notes(curve: LearningCurve, width: number): string[] {
  const { dominant, remedies } = curve.diagnosis;
  // About 6.2 px per character at font size 12.
  const maxChars = Math.max(30, Math.floor(width / 6.2));
  return [
    dominant === null
      ? 'Diagnosis: no positive gap'
      : `Diagnosis: ${PROBLEM_NAMES[dominant]} dominates; try: ${remedies[0]}`,
    curve.trend,
  ].flatMap((line) => wrap(line, maxChars));
}

/**
 * A learning curve as a Vega-Lite spec (plain JSON, data inline): training and dev error
 * against training-set size, human-level error as a dashed rule, the diagnosis (dominant
 * problem, first remedy, trend) as the subtitle. It renders live in a page (`vega-embed`) and
 * to SVG in Node with `@dlkit/cli/plots`' `renderSvg`; `@dlkit/strategy` itself depends on no
 * plotting library.
 *
 * @param curve - A curve from {@link learningCurve}.
 * @param options - Size, title, log-scale x axis.
 * @returns The Vega-Lite spec.
 *
 * @example
 * ```ts
 * import { learningCurve, learningCurveSpec } from '@dlkit/strategy';
 * const curve = await learningCurve((n) => ({ trainError: 0.05, devError: 0.06 + 10 / n }), {
 *   sizes: [100, 400, 1600],
 *   humanLevel: 0.01,
 * });
 * const spec = learningCurveSpec(curve, { title: 'Cat classifier' });
 * console.log((spec['layer'] as unknown[]).length); // 2: the curves and human level
 * ```
 *
 * @see The guide `docs/strategy/learning-curves.md`.
 *
 * @category C3 W2 · Bias and variance with mismatched data distributions
 */
export function learningCurveSpec(
  curve: LearningCurve,
  options: LearningCurveSpecOptions = {},
): Record<string, unknown> {
  const fn = 'learningCurveSpec';
  checkCurve(fn, curve);
  if (options === null || typeof options !== 'object') {
    throw new DlkitError('value', fn, `options must be an object, got ${String(options)}`, {
      argument: 'options',
    });
  }
  const width = assertNumber(fn, 'options.width', options.width ?? 480, { min: 100, max: 4000 });
  const height = assertNumber(fn, 'options.height', options.height ?? 300, { min: 100, max: 4000 });
  const title = options.title ?? 'Learning curve';
  if (typeof title !== 'string') {
    throw new DlkitError('value', fn, `options.title must be a string, got ${typeof title}`, {
      argument: 'options.title',
    });
  }
  const sizes = curve.points.map((p) => p.size);
  const logX = options.logX ?? Math.max(...sizes) / Math.min(...sizes) > 20;
  const values = curve.points.flatMap((p) => [
    { size: p.size, series: SERIES[0], error: p.trainError },
    { size: p.size, series: SERIES[1], error: p.devError },
  ]);
  const unit = curve.unit === 'percent' ? ' (%)' : '';
  const shown = curve.humanLevel === null ? 2 : 3;
  const color = {
    field: 'series',
    type: 'nominal',
    title: null,
    scale: { domain: SERIES.slice(0, shown), range: COLORS.slice(0, shown) },
    legend: { orient: 'top-right', symbolType: 'stroke' },
  };
  const layer: Record<string, unknown>[] = [
    {
      data: { values },
      mark: { type: 'line', point: true, tooltip: true, strokeWidth: 2 },
      encoding: {
        x: {
          field: 'size',
          type: 'quantitative',
          title: `training set size${logX ? ' (log scale)' : ''}`,
          scale: logX ? { type: 'log' } : { zero: false },
        },
        y: { field: 'error', type: 'quantitative', title: `error${unit}`, scale: { zero: true } },
        color,
      },
    },
  ];
  if (curve.humanLevel !== null) {
    layer.push({
      data: { values: [{ series: SERIES[2], error: curve.humanLevel }] },
      mark: { type: 'rule', strokeDash: [6, 4], strokeWidth: 2 },
      encoding: { y: { field: 'error', type: 'quantitative' }, color },
    });
  }
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title: { text: title, subtitle: notes(curve, width), anchor: 'start', subtitlePadding: 6 },
    width,
    height,
    config: { background: 'white', font: 'Helvetica, Arial, sans-serif', padding: 12 },
    layer,
  };
}
