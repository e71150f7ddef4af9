import type { PrintCost } from '@dlkit/core';

/**
 * Reports a cost the way core's training loops do: `true` prints the notebooks' line, a function
 * receives `(iteration, cost)`, `false` is silent.
 *
 * @internal
 */
export function report(
  printCost: PrintCost,
  iteration: number,
  cost: number,
  unit = 'iteration',
): void {
  if (typeof printCost === 'function') printCost(iteration, cost);
  else if (printCost) console.log(`Cost after ${unit} ${iteration}: ${cost}`);
}

/**
 * Checks a `printCost` argument.
 *
 * @internal
 */
export function isPrintCost(value: unknown): value is PrintCost {
  return typeof value === 'boolean' || typeof value === 'function';
}
