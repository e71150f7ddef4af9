import type { LabContext } from './lab.js';

/**
 * A course training loop's `printCost` callback `(iteration, cost)` that reports progress of
 * `label` through the lab's context (the loops call it every 100 or 1000 iterations, from 0).
 */
export function costProgress(
  context: LabContext,
  label: string,
  total: number,
): (iteration: number, cost: number) => void {
  return (iteration, cost) =>
    context.progress({ label, step: Math.min(total, iteration + 1), total, loss: cost });
}

/** Reports that `label` has finished, with its final cost. */
export function progressDone(
  context: LabContext,
  label: string,
  total: number,
  loss: number,
): void {
  context.progress({ label, step: total, total, loss });
}
