// @dlkit/cli/plots: dlkit's one plotting path. Builders return Vega-Lite specs (plain JSON); the
// CLI renders them to SVG with renderSvg, a web page renders the same spec live.
export { type VegaLiteSpec } from './spec.js';
export { renderSvg } from './render-svg.js';
export { lineChartSpec, type LineSeries, type LineChartOptions } from './line-chart.js';
export { barChartSpec, type Bar, type BarChartOptions } from './bar-chart.js';
export {
  decisionBoundarySpec,
  type DecisionBoundary,
  type DecisionBoundaryOptions,
} from './decision-boundary.js';
export { plotGridSpec, type PlotGridOptions } from './plot-grid.js';
