// @dlkit/cli: the course's labs (dlkit labs, dlkit run <lab>) and dlkit's one plotting path.
export type { Lab, LabContext, LabPlot, LabProgressEvent, LabResult } from './labs/lab.js';
export { labs, findLab } from './labs/index.js';
export { runLab, type RunLabOptions, type LabRun } from './run/run-lab.js';
export { planarFlowerLab } from './labs/c1/planar-flower.js';
export { hiddenLayerSweepLab } from './labs/c1/hidden-layer-sweep.js';
export { imageClassifierLab } from './labs/c1/image-classifier.js';

// The plots, also at '@dlkit/cli/plots' (no Node built-ins there, for web pages).
export {
  renderSvg,
  lineChartSpec,
  barChartSpec,
  decisionBoundarySpec,
  plotGridSpec,
  type VegaLiteSpec,
  type LineSeries,
  type LineChartOptions,
  type Bar,
  type BarChartOptions,
  type DecisionBoundary,
  type DecisionBoundaryOptions,
  type PlotGridOptions,
} from './plots/index.js';
