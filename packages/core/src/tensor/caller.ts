import { DlkitError } from './errors.js';

/**
 * Runs `body` on behalf of the public function `fn`: a {@link DlkitError} that a function it
 * calls throws (say `binaryCrossEntropy` inside `computeCost`) is thrown again as `fn`'s, with
 * the same kind, argument and detail, and the inner error as its `cause`. So the message always
 * names the function the user called.
 *
 * @param fn - The public function the user called.
 * @param body - Its work.
 * @returns What `body` returns.
 *
 * @example
 * ```ts
 * import * as tf from '@tensorflow/tfjs';
 * import { asCaller, assertShape } from '@dlkit/core';
 * const AL = tf.zeros([2, 3]);
 * try {
 *   asCaller('computeCost', () => assertShape('binaryCrossEntropy', 'AL', AL, [1, 'm']));
 * } catch (e) {
 *   console.log((e as Error).message); // computeCost: AL must have shape [1, m], got [2, 3]
 * }
 * AL.dispose();
 * ```
 *
 * @category Tensor basics
 */
export function asCaller<T>(fn: string, body: () => T): T {
  checkCall('asCaller', fn, body);
  try {
    return body();
  } catch (e) {
    throw renamed(fn, e);
  }
}

/**
 * {@link asCaller} for asynchronous work: a {@link DlkitError} that `body` throws or rejects with
 * is re-thrown as `fn`'s.
 *
 * @param fn - The public function the user called.
 * @param body - Its asynchronous work.
 * @returns What `body` resolves to.
 *
 * @example
 * ```ts
 * import { DlkitError, asCallerAsync } from '@dlkit/core';
 * try {
 *   await asCallerAsync('loadData', async () => {
 *     throw new DlkitError('io', 'parseIdx', 'bytes are not an IDX file', { argument: 'bytes' });
 *   });
 * } catch (e) {
 *   console.log((e as Error).message); // loadData: bytes are not an IDX file
 * }
 * ```
 *
 * @category Tensor basics
 */
export async function asCallerAsync<T>(fn: string, body: () => Promise<T>): Promise<T> {
  checkCall('asCallerAsync', fn, body);
  try {
    return await body();
  } catch (e) {
    throw renamed(fn, e);
  }
}

function renamed(fn: string, e: unknown): unknown {
  if (!(e instanceof DlkitError) || e.fn === fn) return e;
  const options = e.argument === undefined ? { cause: e } : { argument: e.argument, cause: e };
  return new DlkitError(e.kind, fn, e.detail, options);
}

function checkCall(helper: string, fn: unknown, body: unknown): void {
  if (typeof fn !== 'string' || fn === '') {
    throw new DlkitError('value', helper, `fn must be a non-empty string, got ${typeof fn}`, {
      argument: 'fn',
    });
  }
  if (typeof body !== 'function') {
    throw new DlkitError('value', helper, `body must be a function, got ${typeof body}`, {
      argument: 'body',
    });
  }
}
