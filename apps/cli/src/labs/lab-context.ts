// Every lab's `run` checks its context first: a lab called by hand (not through runLab) with a
// bad context must fail at once with a DlkitError naming the lab, not train for minutes on
// defaults it guessed, nor throw a TypeError halfway.
import { DlkitError, assertNumber, describeValue } from '@dlkit/core';
import type { LabContext } from './lab.js';

const FIELDS: readonly (keyof LabContext)[] = ['quick', 'seed', 'outDir', 'progress', 'log'];

function fail(fn: string, argument: string, detail: string): never {
  throw new DlkitError('value', fn, `${argument} ${detail}`, { argument });
}

/**
 * Checks a lab's context: a plain object with exactly the fields of {@link LabContext}, each of
 * its type (a boolean `quick`, an integer `seed` in [0, 2^32 − 1], a non-empty `outDir`, and
 * `progress` and `log` functions).
 *
 * @param fn - The lab's `run` as the user reaches it: `<lab id>.run` (`planar-flower.run`).
 * @param context - What was given.
 * @returns The context, checked.
 * @throws DlkitError naming `fn` and the bad field (`context.seed`).
 */
export function checkLabContext(fn: string, context: unknown): LabContext {
  if (context === null || typeof context !== 'object' || Array.isArray(context)) {
    fail(fn, 'context', `must be a LabContext object, got ${describeValue(context)}`);
  }
  const c = context as Record<string, unknown>;
  const unknown = Object.keys(c).find((k) => !(FIELDS as readonly string[]).includes(k));
  if (unknown !== undefined) {
    fail(fn, 'context', `has an unknown field ${unknown} (known: ${FIELDS.join(', ')})`);
  }
  if (typeof c['quick'] !== 'boolean') {
    fail(fn, 'context.quick', `must be a boolean, got ${describeValue(c['quick'])}`);
  }
  assertNumber(fn, 'context.seed', c['seed'], { integer: true, min: 0, max: 2 ** 32 - 1 });
  if (typeof c['outDir'] !== 'string' || c['outDir'] === '') {
    fail(fn, 'context.outDir', `must be a folder path, got ${describeValue(c['outDir'])}`);
  }
  for (const key of ['progress', 'log'] as const) {
    if (typeof c[key] !== 'function') {
      fail(fn, `context.${key}`, `must be a function, got ${describeValue(c[key])}`);
    }
  }
  return c as unknown as LabContext;
}
