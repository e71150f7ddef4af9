import * as tf from '@tensorflow/tfjs';

/**
 * Runs `fn`, disposes whatever tensors it returns (its documented outputs), and throws when
 * `tf.memory().numTensors` is higher afterwards than before: the function leaked intermediates.
 * Works for synchronous and asynchronous functions.
 *
 * @param fn - The code under test. Tensors it returns are treated as its outputs and disposed.
 * @returns The number of tensors `fn` returned.
 *
 * @example
 * ```ts
 * import * as tf from '@tensorflow/tfjs';
 * import { expectNoLeaks } from '@dlkit/test-harness';
 * await expectNoLeaks(() => tf.tidy(() => tf.ones([2]).add(1)));
 * ```
 */
export async function expectNoLeaks(fn: () => unknown): Promise<number> {
  const before = tf.memory().numTensors;
  const result = await fn();
  const outputs = collectTensors(result);
  const afterRun = tf.memory().numTensors;
  tf.dispose(outputs);
  const after = tf.memory().numTensors;
  if (after > before) {
    throw new Error(
      `expectNoLeaks: ${after - before} tensor(s) leaked ` +
        `(numTensors ${before} before, ${afterRun} after the call, ${after} after disposing ` +
        `its ${outputs.length} returned tensor(s))`,
    );
  }
  return outputs.length;
}

function collectTensors(value: unknown, seen = new Set<unknown>()): tf.Tensor[] {
  if (value instanceof tf.Tensor) return value.isDisposed ? [] : [value];
  if (typeof value !== 'object' || value === null || seen.has(value)) return [];
  seen.add(value);
  const values = Array.isArray(value) ? value : Object.values(value);
  return values.flatMap((v) => collectTensors(v, seen));
}
