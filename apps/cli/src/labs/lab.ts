// The contract every lab meets, so one command line (`dlkit run <lab>`) and one test can run any
// of them. A lab computes; it does not print or draw by itself: it reports progress through the
// context, returns its figures, and returns its plots as Vega-Lite specs that the CLI renders to
// SVG and the docs site renders live (one plotting path for both).

/**
 * One progress report of a lab's training.
 *
 * @category Labs
 */
export interface LabProgressEvent {
  /** What is training now (a model's name, a sweep's current setting). */
  label: string;
  /** Steps done so far (1-based once a step has finished). */
  step: number;
  /** Steps this `label` will take in all. */
  total: number;
  /** The current loss or cost, when there is one. */
  loss?: number;
  /** Other running figures (accuracy, learning rate, …). */
  metrics?: Record<string, number>;
}

/**
 * What a lab is given to run.
 *
 * @category Labs
 */
export interface LabContext {
  /** A small, fast run (CI tests every lab with `quick: true`). */
  quick: boolean;
  /** The seed of everything random in the lab. */
  seed: number;
  /** The folder the lab's artefacts go to; it exists. */
  outDir: string;
  /** Progress of long work. */
  progress: (event: LabProgressEvent) => void;
  /** A line of text for the person running the lab. */
  log: (line: string) => void;
}

/**
 * A plot a lab made: a Vega-Lite spec (plain JSON, data inline).
 *
 * @category Labs
 */
export interface LabPlot {
  /** A file-name stem: `cost-curves` is written as `cost-curves.svg` and `cost-curves.vl.json`. */
  name: string;
  /** A Vega-Lite top-level spec with inline data (see `@dlkit/cli/plots`). */
  spec: Record<string, unknown>;
}

/**
 * What a lab returns.
 *
 * @category Labs
 */
export interface LabResult {
  /** The figures the lab measured, by name (accuracies in [0, 1], costs, times). */
  figures: Record<string, number | string>;
  /** Its plots, rendered by the caller. */
  plots: LabPlot[];
  /** Other files the lab wrote into `outDir` itself (models, samples, images), relative paths. */
  files: string[];
}

/**
 * A lab of the course.
 *
 * @category Labs
 */
export interface Lab {
  /** The name `dlkit run <id>` takes, kebab-case (`planar-flower`). */
  id: string;
  /** The course (1–5). */
  course: 1 | 2 | 3 | 4 | 5;
  /** The week of the course (1–4). */
  week: 1 | 2 | 3 | 4;
  /** The notebook's title or what the lab shows, one line. */
  title: string;
  /** Runs the lab. */
  run: (context: LabContext) => Promise<LabResult>;
}
