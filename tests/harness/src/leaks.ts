import * as tf from '@tensorflow/tfjs';

/** Options for {@link expectNoLeaks}. */
export interface NoLeakOptions {
  /**
   * How many tensors that existed before the call `fn` may dispose (default 0). Set it for
   * functions documented to take ownership of their inputs; any other disposal of a caller's
   * tensor fails the check, since it would also hide a leak of the same size from the count.
   */
  disposesInputs?: number;
}

/** The engine methods {@link expectNoLeaks} watches; tfjs calls both for every tensor. */
interface WatchedEngine {
  trackTensor(a: tf.Tensor, backend: unknown): void;
  disposeTensor(a: tf.Tensor): void;
}

/**
 * Runs `fn`, disposes whatever tensors it returns (its documented outputs), and throws when
 * `fn` left a tensor it made alive (a leaked intermediate) or disposed a tensor it did not make
 * (the caller's). Both are checked tensor by tensor, so disposing a caller's tensor cannot hide
 * a leak, and `tf.memory().numTensors` must not grow either. Works for synchronous and
 * asynchronous functions.
 *
 * @param fn - The code under test. Tensors it returns are treated as its outputs and disposed.
 * @param options - How many caller's tensors `fn` may dispose.
 * @returns The number of tensors `fn` returned.
 *
 * @example
 * ```ts
 * import * as tf from '@tensorflow/tfjs';
 * import { expectNoLeaks } from '@dlkit/test-harness';
 * await expectNoLeaks(() => tf.tidy(() => tf.ones([2]).add(1)));
 * ```
 */
export async function expectNoLeaks(
  fn: () => unknown,
  options: NoLeakOptions = {},
): Promise<number> {
  const before = tf.memory().numTensors;
  const { made, disposedOthers, result } = await watchTensors(fn);
  const outputs = collectTensors(result);
  const afterRun = tf.memory().numTensors;
  const outputIds = new Set(outputs.map((t) => t.id));
  const alive = [...made.values()].filter((t) => !t.isDisposed && !outputIds.has(t.id));
  tf.dispose(outputs);
  const after = tf.memory().numTensors;
  const allowed = options.disposesInputs ?? 0;
  const problems: string[] = [];
  const leaked = Math.max(alive.length, after - before);
  if (leaked > 0) problems.push(`${leaked} tensor(s) leaked${describe(alive)}`);
  if (disposedOthers.length > allowed) {
    problems.push(
      `disposed ${disposedOthers.length} tensor(s) it did not make (the caller's` +
        `${allowed > 0 ? `; ${allowed} allowed` : ''})${describe(disposedOthers)}`,
    );
  }
  if (problems.length > 0) {
    throw new Error(
      `expectNoLeaks: ${problems.join('; ')} ` +
        `(numTensors ${before} before, ${afterRun} after the call, ${after} after disposing ` +
        `its ${outputs.length} returned tensor(s))`,
    );
  }
  return outputs.length;
}

/**
 * Runs `fn` while recording the tensors it makes and the tensors made earlier that it disposes.
 * `Variable.assign` disposes the variable and tracks it again at once: an update in place, which
 * counts as neither.
 */
async function watchTensors(
  fn: () => unknown,
): Promise<{ made: Map<number, tf.Tensor>; disposedOthers: tf.Tensor[]; result: unknown }> {
  const engine = tf.engine() as unknown as WatchedEngine;
  const made = new Map<number, tf.Tensor>();
  const others = new Map<number, tf.Tensor>();
  const { trackTensor, disposeTensor } = engine;
  engine.trackTensor = function (a, backend) {
    if (!others.delete(a.id)) made.set(a.id, a);
    trackTensor.call(this, a, backend);
  };
  engine.disposeTensor = function (a) {
    if (!a.isDisposed && !made.has(a.id)) others.set(a.id, a);
    disposeTensor.call(this, a);
  };
  try {
    const result = await fn();
    return { made, disposedOthers: [...others.values()].filter((t) => t.isDisposed), result };
  } finally {
    engine.trackTensor = trackTensor;
    engine.disposeTensor = disposeTensor;
  }
}

/** ` (shapes [2,3], [4])` for the first few tensors of a list. */
function describe(tensors: tf.Tensor[]): string {
  if (tensors.length === 0) return '';
  const shown = tensors.slice(0, 4).map((t) => `[${t.shape.join(',')}] ${t.dtype}`);
  return ` (${shown.join(', ')}${tensors.length > 4 ? ', …' : ''})`;
}

function collectTensors(value: unknown, seen = new Set<unknown>()): tf.Tensor[] {
  if (value instanceof tf.Tensor) return value.isDisposed ? [] : [value];
  if (typeof value !== 'object' || value === null || seen.has(value)) return [];
  seen.add(value);
  const values = Array.isArray(value) ? value : Object.values(value);
  return values.flatMap((v) => collectTensors(v, seen));
}
