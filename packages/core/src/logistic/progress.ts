import { DlkitError } from '../tensor/errors.js';
import { describeValue } from '../tensor/arguments.js';
/**
 * How the course's training loops report the cost: `true` prints `Cost after iteration i: J` as
 * the notebooks do, a function receives `(iteration, cost)` instead (for a progress bar), and
 * `false` is silent.
 *
 * @category C1 W2 · Logistic regression as a neural network
 */
export type PrintCost = boolean | ((iteration: number, cost: number) => void);

/** @internal */
export function report(printCost: PrintCost, iteration: number, cost: number): void {
  if (typeof printCost === 'function') printCost(iteration, cost);
  else if (printCost) console.log(`Cost after iteration ${iteration}: ${cost}`);
}

/** Checks a `printCost` argument: a boolean or a callback. @internal */
export function checkPrintCost(fn: string, printCost: unknown): void {
  if (typeof printCost !== 'boolean' && typeof printCost !== 'function') {
    throw new DlkitError(
      'value',
      fn,
      `printCost must be a boolean or a function, got ${describeValue(printCost)}`,
      {
        argument: 'printCost',
      },
    );
  }
}
