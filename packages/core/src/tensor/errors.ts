/**
 * What went wrong, so callers can branch on it without parsing messages:
 * - `shape`: a tensor's rank or dimensions are not what the function needs;
 * - `dtype`: a tensor's dtype is not accepted;
 * - `value`: an argument's value is out of range, not finite, or of the wrong kind;
 * - `state`: the object is not ready for the call (e.g. predict before fit);
 * - `backend`: a tfjs backend cannot be loaded or lacks a kernel;
 * - `io`: a file is missing, unreadable or corrupt;
 * - `dependency`: an optional package is not installed.
 *
 * @category Tensor basics
 */
export type DlkitErrorKind =
  'shape' | 'dtype' | 'value' | 'state' | 'backend' | 'io' | 'dependency';

function text(value: unknown): string {
  if (typeof value === 'string') return value;
  try {
    return String(value);
  } catch {
    return typeof value;
  }
}

/**
 * The one error type every dlkit package throws. Its message always starts with the function
 * that threw it (`"convForward: aPrev must have shape [m, nH, nW, nC], got [3, 4]"`), and its
 * fields carry the same facts for code.
 *
 * @example
 * ```ts
 * import { DlkitError } from '@dlkit/core';
 * try {
 *   throw new DlkitError('value', 'model', 'learningRate must be > 0, got -1', { argument: 'learningRate' });
 * } catch (e) {
 *   if (e instanceof DlkitError && e.kind === 'value') console.log(e.message);
 * }
 * ```
 *
 * @category Tensor basics
 */
export class DlkitError extends Error {
  /** What went wrong. */
  readonly kind: DlkitErrorKind;
  /** The public function or method that threw, e.g. `convForward` or `DeepNeuralNetwork.fit`. */
  readonly fn: string;
  /** The argument at fault, when there is one. */
  readonly argument: string | undefined;
  /** The message without the function's name: what was expected and what was given. */
  readonly detail: string;

  /**
   * @param kind - What went wrong.
   * @param fn - The public function that throws.
   * @param detail - The rest of the message: what was expected and what was given.
   * @param options - The argument at fault and the underlying cause, if any.
   */
  constructor(
    kind: DlkitErrorKind,
    fn: string,
    detail: string,
    options: { argument?: string; cause?: unknown } = {},
  ) {
    // Never throws while reporting: whatever it is given is written as text.
    super(
      `${text(fn)}: ${text(detail)}`,
      options?.cause === undefined ? undefined : { cause: options.cause },
    );
    this.name = 'DlkitError';
    this.kind = kind;
    this.fn = text(fn);
    this.argument = options?.argument;
    this.detail = text(detail);
  }
}
