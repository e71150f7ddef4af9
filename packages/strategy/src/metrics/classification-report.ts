import { DlkitError, assertNumber, assertOptions } from '@dlkit/core';
import { readLabelPair, resolveClasses, uniqueSorted, type Labels } from './labels.js';
import {
  averagedScores,
  precisionRecallFscoreSupport,
  type Average,
  type ClassificationOptions,
} from './precision-recall-f.js';
import type { MetricWarning } from './warnings.js';

/**
 * Options of {@link classificationReport}.
 *
 * @category C3 W1 · Single number evaluation metric
 */
export interface ClassificationReportOptions extends ClassificationOptions {
  /** A display name per class, in the order of the class set (e.g. `['dog', 'cat']`). */
  targetNames?: readonly string[];
  /** Decimal places in the text table. Default 2. */
  digits?: number;
}

/**
 * One row of a {@link ClassificationReport}.
 *
 * @category C3 W1 · Single number evaluation metric
 */
export interface ReportRow {
  /** The class name (or the average's name, e.g. `macro avg`). */
  name: string;
  /** Precision. */
  precision: number;
  /** Recall. */
  recall: number;
  /** F1 score. */
  f1Score: number;
  /** Number of true examples covered by the row. */
  support: number;
}

/**
 * A class's row of a {@link ClassificationReport}: a {@link ReportRow} with its label.
 *
 * @category C3 W1 · Single number evaluation metric
 */
export interface ClassReportRow extends ReportRow {
  /** The class label. */
  label: number;
}

/**
 * A per-class report: precision, recall, F1 and support for every class and their averages.
 *
 * @category C3 W1 · Single number evaluation metric
 */
export interface ClassificationReport {
  /** One row per class, with its label. */
  classes: ClassReportRow[];
  /** Accuracy, when micro-averaging over all present classes equals it (scikit-learn's rule). */
  accuracy?: number;
  /** The micro average, when it is not the accuracy (a class set narrower than the data's). */
  microAvg?: ReportRow;
  /** The macro average. */
  macroAvg: ReportRow;
  /** The support-weighted average. */
  weightedAvg: ReportRow;
  /** Every warning raised (ill-defined precision or recall), also sent to `onWarning`. */
  warnings: MetricWarning[];
  /** The table laid out as scikit-learn's `classification_report` prints it. */
  text: string;
}

/** Python's `format(x, '.Nf')`: round half to even on exact ties, where JS rounds half up. */
function pyFixed(x: number, digits: number): string {
  // A tie is a value whose exact decimal expansion ends with a 5 right after the kept digits.
  const long = x.toFixed(digits + 25);
  const tail = long.slice(long.length - 25);
  if (tail === `5${'0'.repeat(24)}`) {
    const kept = long.slice(0, long.length - 25);
    const last = Number(kept[kept.length - 1]);
    if (last % 2 === 0) return digits === 0 ? kept.replace(/\.$/, '') : kept;
  }
  return x.toFixed(digits);
}

/**
 * A per-class report of precision, recall, F1 and support with their micro (accuracy), macro and
 * weighted averages, as data and as scikit-learn's `classification_report` text. Ill-defined
 * values (a class never predicted) take `zeroDivision`'s value and are listed in `warnings`.
 *
 * @param yTrue - The true class labels, `[m]`.
 * @param yPred - The predicted class labels, `[m]`.
 * @param options - The class set, class names, digits, `zeroDivision`, `onWarning`.
 * @returns The rows, averages, warnings and text table.
 *
 * @example
 * ```ts
 * import { classificationReport } from '@dlkit/strategy';
 * const report = classificationReport([0, 1, 2, 2, 2], [0, 0, 2, 2, 1], {
 *   targetNames: ['class 0', 'class 1', 'class 2'],
 *   onWarning: () => {},
 * });
 * console.log(report.text);
 * console.log(report.warnings.length); // 0
 * ```
 *
 * @see The guide `docs/strategy/metrics.md`.
 *
 * @category C3 W1 · Single number evaluation metric
 */
export function classificationReport(
  yTrue: Labels,
  yPred: Labels,
  options: ClassificationReportOptions = {},
): ClassificationReport {
  const fn = 'classificationReport';
  assertOptions(fn, 'options', options, [
    'targetNames',
    'digits',
    'labels',
    'zeroDivision',
    'onWarning',
  ]);
  const digits = assertNumber(fn, 'digits', options.digits ?? 2, {
    integer: true,
    min: 0,
    max: 20,
  });
  const [t, p] = readLabelPair(fn, yTrue, yPred);
  const labels = resolveClasses(fn, options.labels, { yTrue: t, yPred: p });
  const names = options.targetNames ?? labels.map(String);
  if (names.length !== labels.length) {
    throw new DlkitError(
      'value',
      fn,
      `targetNames has ${names.length} names for ${labels.length} classes`,
      { argument: 'targetNames' },
    );
  }
  const warnings: MetricWarning[] = [];
  const sub: ClassificationOptions = {
    labels,
    onWarning: (w) => {
      warnings.push({ ...w, fn });
      options.onWarning?.({ ...w, fn });
    },
  };
  if (options.zeroDivision !== undefined) sub.zeroDivision = options.zeroDivision;
  const per = precisionRecallFscoreSupport(t, p, sub);
  const classes = labels.map((label, i) => ({
    label,
    name: names[i] as string,
    precision: per.precision[i] as number,
    recall: per.recall[i] as number,
    f1Score: per.fScore[i] as number,
    support: per.support[i] as number,
  }));
  const total = per.support.reduce((s, v) => s + v, 0);
  const present = uniqueSorted(t, p);
  const microIsAccuracy =
    options.labels === undefined ||
    (labels.length === present.length && present.every((l) => labels.includes(l)));
  const avg = (average: Average, name: string): ReportRow => {
    const s = averagedScores(fn, t, p, 1, ['precision', 'recall', 'f-score'], {
      ...sub,
      average,
      onWarning: () => {},
    });
    return { name, precision: s.precision, recall: s.recall, f1Score: s.fScore, support: total };
  };
  const micro = avg('micro', microIsAccuracy ? 'accuracy' : 'micro avg');
  const macroAvg = avg('macro', 'macro avg');
  const weightedAvg = avg('weighted', 'weighted avg');

  const width = Math.max(...names.map((n) => n.length), 'weighted avg'.length, digits);
  const col = (s: string) => s.padStart(9);
  const line = (r: ReportRow) =>
    `${r.name.padStart(width)}  ${col(pyFixed(r.precision, digits))} ${col(pyFixed(r.recall, digits))} ${col(pyFixed(r.f1Score, digits))} ${col(String(r.support))}\n`;
  let text = `${''.padStart(width)}  ${['precision', 'recall', 'f1-score', 'support'].map(col).join(' ')}\n\n`;
  for (const r of classes) text += line(r);
  text += '\n';
  if (microIsAccuracy) {
    text += `${'accuracy'.padStart(width)}  ${col('')} ${col('')} ${col(pyFixed(micro.f1Score, digits))} ${col(String(total))}\n`;
  } else {
    text += line(micro);
  }
  text += line(macroAvg) + line(weightedAvg);

  const report: ClassificationReport = { classes, macroAvg, weightedAvg, warnings, text };
  if (microIsAccuracy) report.accuracy = micro.f1Score;
  else report.microAvg = micro;
  return report;
}
