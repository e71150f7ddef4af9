import type { DemoProgress } from '../engine.js';

/**
 * The pure model part of a demo: tensor state, one training step, its loss, a seeded init and
 * `dispose()`. No DOM, so it runs (and is tested) in Node on tfjs `cpu`.
 */
export interface DemoModel {
  /** Training steps taken since it was made. */
  readonly steps: number;
  /** Takes one training step and returns the loss after it. */
  trainStep(): number;
  /** Demo-specific figures reported with each step (per-optimiser losses, samples, shapes). */
  extra(): Record<string, number | string>;
  /** Disposes every tensor and variable it made. */
  dispose(): void;
}

/**
 * The drawing part of a demo: canvases and controls in a container, redrawn from a model.
 *
 * @typeParam M - The model it draws.
 */
export interface DemoView<M extends DemoModel> {
  /** Adds its canvases and controls to `container`. */
  mount(container: HTMLElement): void;
  /** Redraws from `model` (called every few steps, after a reset, and after a setting changes). */
  draw(model: M, progress: DemoProgress | null): void;
  /** Removes what it added. */
  unmount(): void;
}
