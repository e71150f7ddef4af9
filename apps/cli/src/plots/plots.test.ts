import { describe, expect, it } from 'vitest';
import { DlkitError } from '@dlkit/core';
import { learningCurve, learningCurveSpec } from '@dlkit/strategy';
import { expectWellFormedSvg, svgMarks, svgTexts } from '@dlkit/test-harness';
import {
  barChartSpec,
  decisionBoundarySpec,
  lineChartSpec,
  plotGridSpec,
  renderSvg,
} from './index.js';

/** Runs `f`, expects a DlkitError whose message starts with `fn: ` and contains `text`. */
function expectDlkitError(f: () => unknown, fn: string, text: string): void {
  try {
    f();
  } catch (e) {
    expect(e).toBeInstanceOf(DlkitError);
    expect((e as DlkitError).fn).toBe(fn);
    expect((e as Error).message).toContain(`${fn}: ${text}`);
    return;
  }
  throw new Error(`${fn} did not throw`);
}

describe('lineChartSpec', () => {
  it('renders one line per series and a point per value, with the axis titles', async () => {
    const spec = lineChartSpec(
      [
        { name: 'train', x: [0, 100, 200], y: [0.7, 0.4, 0.3] },
        { name: 'dev', x: [0, 100, 200, 300], y: [0.7, 0.5, 0.45, 0.44] },
      ],
      { x: 'iteration', y: 'cost', title: 'Costs' },
    );
    const svg = await renderSvg(spec);
    expectWellFormedSvg(svg);
    expect(svgMarks(svg, 'line')).toBe(2);
    expect(svgMarks(svg, 'symbol')).toBe(7);
    expect(svgTexts(svg, 'axis-title').sort()).toEqual(['cost', 'iteration']);
    expect(svgTexts(svg, 'title-text')).toEqual(['Costs']);
    expect(svgTexts(svg, 'legend-label')).toEqual(['train', 'dev']);
  });

  it('rejects bad series and options with a DlkitError naming lineChartSpec', () => {
    const axes = { x: 'x', y: 'y' };
    expectDlkitError(
      () => lineChartSpec([], axes),
      'lineChartSpec',
      'series must be an array of 1 to 50 entries, got 0 entries',
    );
    expectDlkitError(
      () => lineChartSpec([{ name: 'a', x: [1, 2], y: [1] }], axes),
      'lineChartSpec',
      'series[0].y must have as many values as series[0].x (2), got 1',
    );
    expectDlkitError(
      () => lineChartSpec([{ name: 'a', x: [1], y: [NaN] }], axes),
      'lineChartSpec',
      'series[0].y[0] must be a finite number, got NaN',
    );
    expectDlkitError(
      () => lineChartSpec([{ name: 'a', x: [1], y: [1] }], { x: 'x' } as never),
      'lineChartSpec',
      'options.y must be a string of 1 to 200 characters, got undefined',
    );
    expectDlkitError(
      () => lineChartSpec([{ name: 'a', x: [1], y: [1] }], null as never),
      'lineChartSpec',
      'options must be an object, got null',
    );
  });
});

describe('barChartSpec', () => {
  it('renders one bar and one value label per entry, grouped side by side', async () => {
    const bars = ['logistic', '2-layer', '4-layer'].flatMap((category, i) => [
      { category, group: 'train', value: 0.5 + 0.2 * i },
      { category, group: 'test', value: 0.4 + 0.2 * i },
    ]);
    const svg = await renderSvg(barChartSpec(bars, { x: 'model', y: 'accuracy', percent: true }));
    expectWellFormedSvg(svg);
    expect(svgMarks(svg, 'rect')).toBe(6);
    expect(svgTexts(svg, 'mark')).toEqual(['50.0%', '40.0%', '70.0%', '60.0%', '90.0%', '80.0%']);
    expect(svgTexts(svg, 'legend-label')).toEqual(['train', 'test']);
  });

  it('rejects a bar without a finite value', () => {
    expectDlkitError(
      () => barChartSpec([{ category: 'a', value: Infinity }], { x: 'x', y: 'y' }),
      'barChartSpec',
      'bars[0].value must be a finite number, got Infinity',
    );
  });
});

describe('decisionBoundarySpec', () => {
  const boundary = {
    gridX1: [0, 1, 2, 3],
    gridX2: [0, 1, 2],
    // Rows of the grid: two runs, one run, four runs.
    predictions: [0, 0, 1, 1, 1, 1, 1, 1, 0, 1, 0, 1],
    x1: [0, 1, 2, 3, 1.5],
    x2: [0, 1, 2, 0, 1],
    labels: [0, 1, 0, 1, 1],
  };

  it('draws each run of equal predictions along a row as one cell, and every point', async () => {
    const spec = decisionBoundarySpec(boundary, { title: 'boundary' });
    const cells = (spec['layer'] as { data: { values: Record<string, unknown>[] } }[])[0]!.data
      .values;
    expect(cells.slice(0, 2)).toEqual([
      { a: -0.5, b: 1.5, c: -0.5, d: 0.5, predicted: '0' },
      { a: 1.5, b: 3.5, c: -0.5, d: 0.5, predicted: '1' },
    ]);
    const svg = await renderSvg(spec);
    expectWellFormedSvg(svg);
    expect(svgMarks(svg, 'rect')).toBe(2 + 1 + 4);
    expect(svgMarks(svg, 'symbol')).toBe(5);
    expect(svgTexts(svg, 'axis-title').sort()).toEqual(['x₁', 'x₂']);
  });

  it('rejects uneven grids, predictions that are not 0/1 and mismatched points', () => {
    const fn = 'decisionBoundarySpec';
    expectDlkitError(
      () => decisionBoundarySpec({ ...boundary, gridX1: [0, 1, 3] }),
      fn,
      'boundary.gridX1 must be increasing and evenly spaced',
    );
    expectDlkitError(
      () =>
        decisionBoundarySpec({ ...boundary, predictions: [...boundary.predictions.slice(1), 0.5] }),
      fn,
      'boundary.predictions[11] must be 0 or 1, got 0.5',
    );
    expectDlkitError(
      () => decisionBoundarySpec({ ...boundary, labels: [0, 1] }),
      fn,
      'boundary.labels must have 5 values, got 2',
    );
    expectDlkitError(
      () => decisionBoundarySpec(undefined as never),
      fn,
      'boundary must be an object, got undefined',
    );
  });
});

describe('plotGridSpec', () => {
  it('puts plots side by side, each with its own data', async () => {
    const one = (name: string) =>
      lineChartSpec([{ name, x: [0, 1], y: [1, 2] }], { x: 'x', y: name, width: 120, height: 100 });
    const svg = await renderSvg(
      plotGridSpec([one('a'), one('b'), one('c')], { columns: 2, title: 'three' }),
    );
    expectWellFormedSvg(svg);
    expect(svgMarks(svg, 'line')).toBe(3);
    expect(svgTexts(svg, 'title-text')).toEqual(['three']);
  });

  it('rejects a bad column count', () => {
    const a = lineChartSpec([{ name: 'a', x: [0], y: [1] }], { x: 'x', y: 'y' });
    expectDlkitError(
      () => plotGridSpec([a], { columns: 0 }),
      'plotGridSpec',
      'options.columns must be an integer >= 1 and <= 100, got 0',
    );
  });
});

describe('renderSvg', () => {
  it("renders @dlkit/strategy's learning curve: both curves, their points, human level, the diagnosis", async () => {
    const curve = await learningCurve(
      (n) => ({ trainError: 2 + 100 / n, devError: 4 + 1000 / n }),
      {
        sizes: [100, 1000, 10000],
        humanLevel: 1,
        unit: 'percent',
      },
    );
    const svg = await renderSvg(learningCurveSpec(curve));
    expectWellFormedSvg(svg);
    expect(svgMarks(svg, 'line')).toBe(2);
    expect(svgMarks(svg, 'symbol')).toBe(6);
    expect(svgMarks(svg, 'rule')).toBe(1);
    expect(svgTexts(svg, 'axis-title').sort()).toEqual([
      'error (%)',
      'training set size (log scale)',
    ]);
    expect(svgTexts(svg, 'title-subtitle')[0]).toContain(
      'Diagnosis: variance dominates; try: get more training data',
    );
    expect(svgTexts(svg, 'legend-label')).toEqual([
      'training error',
      'dev error',
      'human-level error',
    ]);
  });

  it('leaves the spec it renders as it was', async () => {
    const spec = lineChartSpec([{ name: 'a', x: [0, 1], y: [1, 2] }], { x: 'x', y: 'y' });
    const before = structuredClone(spec);
    await renderSvg(spec);
    expect(spec).toEqual(before);
  });

  it('rejects what is not a Vega-Lite spec', async () => {
    await expect(renderSvg(null as never)).rejects.toThrow(
      'renderSvg: spec must be an object, got null',
    );
    await expect(renderSvg({ mark: 'nonsense' })).rejects.toThrow(DlkitError);
    await expect(renderSvg({})).rejects.toThrow('renderSvg: spec is not a valid Vega-Lite spec');
  });
});
