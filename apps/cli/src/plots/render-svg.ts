import { DlkitError } from '@dlkit/core';
import * as vega from 'vega';
import { compile, type TopLevelSpec } from 'vega-lite';
import { assertRecord, type VegaLiteSpec } from './spec.js';

/**
 * Renders a Vega-Lite spec to a standalone SVG document in Node or a browser, with no canvas:
 * `vega-lite`'s `compile` gives a Vega spec, a headless `vega.View` (`renderer: 'none'`) draws it.
 * Text widths are estimated (no font metrics without a canvas), so labels may sit a pixel off
 * where the page, which measures them, would not.
 *
 * @param spec - A Vega-Lite top-level spec with inline data (from this module's builders, a lab's
 * `LabPlot.spec`, or `@dlkit/strategy`'s `learningCurveSpec`).
 * @returns The SVG markup (`<svg …>…</svg>`).
 *
 * @example
 * ```ts
 * import { lineChartSpec, renderSvg } from '@dlkit/cli/plots';
 * const spec = lineChartSpec([{ name: 'cost', x: [0, 1, 2], y: [0.69, 0.4, 0.3] }], {
 *   x: 'iteration',
 *   y: 'cost',
 * });
 * const svg = await renderSvg(spec);
 * console.log(svg.startsWith('<svg')); // true
 * ```
 *
 * @category Plots
 */
export async function renderSvg(spec: VegaLiteSpec): Promise<string> {
  const fn = 'renderSvg';
  assertRecord(fn, 'spec', spec);
  let view: vega.View;
  try {
    // Vega tags the data objects it reads (a symbol key on each row): render a copy, so the
    // caller's spec stays plain JSON.
    const compiled = compile(structuredClone(spec) as unknown as TopLevelSpec).spec;
    view = new vega.View(vega.parse(compiled), { renderer: 'none' });
  } catch (cause) {
    throw new DlkitError('value', fn, `spec is not a valid Vega-Lite spec: ${String(cause)}`, {
      argument: 'spec',
      cause,
    });
  }
  try {
    return await view.toSVG();
  } finally {
    view.finalize();
  }
}
