/**
 * The contract between a live demo and the page that hosts it (the docs site's demo component):
 * a {@link DemoDefinition} names a demo and creates its {@link DemoEngine}, which draws itself into
 * a container, trains cooperatively between animation frames, and reports progress.
 */

/** One progress report of a running demo: the step reached, its loss, and demo-specific figures. */
export interface DemoProgress {
  /** Training steps taken since the last reset. */
  step: number;
  /** The loss after that step. */
  loss: number;
  /** Further figures (per-optimiser losses, sampled names, the output shape …). */
  extra?: Record<string, number | string>;
}

/**
 * One running demo, created by a {@link DemoDefinition}.
 *
 * @category Demos
 */
export interface DemoEngine {
  /** Draws its own canvas(es) and the controls specific to it (sliders for stride etc.). */
  mount(container: HTMLElement): void;
  /** Starts (or resumes) training, a few steps per animation frame. */
  start(): void;
  /** Stops after the current step and leaves the state as it is. */
  stop(): void;
  /** Disposes every tensor it made and re-initialises (seeded), ready to start again. */
  reset(): void;
  /** Calls `listener` after every reported step; returns the function that unsubscribes it. */
  onProgress(listener: (p: DemoProgress) => void): () => void;
  /** Whether it is training now. */
  readonly running: boolean;
  /** Stops, disposes every tensor and removes what it drew. */
  dispose(): void;
}

/**
 * A demo the site lists: its id, title, course week and a factory of its engine.
 *
 * @category Demos
 */
export interface DemoDefinition {
  /** A stable id, used in URLs (`'planar'`, `'optimizer-race'` …). */
  id: string;
  /** The title shown above the demo. */
  title: string;
  /** The course (1–5) of the Deep Learning Specialization. */
  course: number;
  /** The week of that course. */
  week: number;
  /** One sentence on what the demo shows. */
  description?: string;
  /** Creates a fresh engine (loads its data, seeds its model). */
  create(): Promise<DemoEngine>;
}
