/**
 * A warning from a metric whose value is not defined by its formula for the given data (such as
 * the precision of a class that is never predicted: 0/0). The metric still returns a defined
 * value (see `ZeroDivision`) and reports what it did through this warning, never a silent NaN.
 *
 * @category C3 W1 · Single number evaluation metric
 */
export interface MetricWarning {
  /** The function that warns, e.g. `precisionScore`. */
  fn: string;
  /** What was ill-defined and the value used instead. */
  message: string;
  /** The class labels concerned, when the warning is about classes. */
  labels?: number[];
}

/**
 * How a metric reports warnings. Without `onWarning`, warnings go to `console.warn`.
 *
 * @category C3 W1 · Single number evaluation metric
 */
export interface WarningOptions {
  /** Receives each warning instead of `console.warn`. */
  onWarning?: (warning: MetricWarning) => void;
}

/**
 * The value a ratio takes when its denominator is 0, as scikit-learn's `zero_division`:
 * `'warn'` (the default) uses 0 and emits a `MetricWarning`; `0` or `1` use that value silently.
 *
 * @category C3 W1 · Single number evaluation metric
 */
export type ZeroDivision = 'warn' | 0 | 1;

/** Sends a warning to `onWarning` or `console.warn`. @internal */
export function emitWarning(options: WarningOptions | undefined, warning: MetricWarning): void {
  if (options?.onWarning) options.onWarning(warning);
  else console.warn(`${warning.fn}: ${warning.message}`);
}
