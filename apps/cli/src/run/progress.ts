import cliProgress from 'cli-progress';
import type { LabProgressEvent } from '../labs/lab.js';

/** Where the CLI writes: a stream, a terminal or not. */
export interface Output {
  /** Writes text as is. */
  write: (text: string) => unknown;
  /** True on a terminal (the progress bar redraws in place). */
  isTTY?: boolean;
}

/** Shows a lab's progress events: one bar per label on a terminal, a few plain lines otherwise. */
export interface ProgressReporter {
  /** Shows one event. */
  update: (event: LabProgressEvent) => void;
  /** Ends the current bar. */
  stop: () => void;
}

function describe(event: LabProgressEvent): string {
  const loss = event.loss === undefined ? '' : `loss ${formatNumber(event.loss)}`;
  const metrics = Object.entries(event.metrics ?? {}).map(([k, v]) => `${k} ${formatNumber(v)}`);
  return [loss, ...metrics].filter((s) => s !== '').join(', ');
}

/** A figure as the CLI prints it: 4 significant digits, integers as they are. */
export function formatNumber(v: number): string {
  return Number.isInteger(v) ? String(v) : Number(v.toPrecision(4)).toString();
}

function seconds(s: number): string {
  if (!Number.isFinite(s)) return '?';
  return s < 60
    ? `${Math.round(s)}s`
    : `${Math.floor(s / 60)}m${String(Math.round(s % 60)).padStart(2, '0')}s`;
}

/** Plain lines: one at the start of a label, one at each quarter, one at the end, with an ETA. */
function plainReporter(out: Output, now: () => number): ProgressReporter {
  let label: string | undefined;
  let started = 0;
  let quarter = -1;
  return {
    update(event) {
      if (event.label !== label) {
        label = event.label;
        started = now();
        quarter = -1;
      }
      const done = event.total > 0 ? event.step / event.total : 1;
      const q = Math.floor(done * 4);
      if (q === quarter) return;
      quarter = q;
      const elapsed = (now() - started) / 1000;
      const eta = done > 0 && elapsed > 0 ? (elapsed * (1 - done)) / done : NaN;
      const figures = describe(event);
      out.write(
        `${event.label}: step ${event.step}/${event.total} (${Math.round(done * 100)}%)` +
          `${figures === '' ? '' : `, ${figures}`}, ${done >= 1 ? `${seconds(elapsed)}` : `ETA ${seconds(eta)}`}\n`,
      );
    },
    stop() {
      label = undefined;
    },
  };
}

/** `cli-progress` bars on a terminal: label, bar, step/total, loss and metrics, ETA. */
function barReporter(out: Output): ProgressReporter {
  let label: string | undefined;
  let bar: cliProgress.SingleBar | undefined;
  const stop = () => {
    bar?.stop();
    bar = undefined;
    label = undefined;
  };
  return {
    update(event) {
      if (event.label !== label || bar === undefined) {
        stop();
        label = event.label;
        bar = new cliProgress.SingleBar(
          {
            format: '{label} {bar} {value}/{total} | {figures} | ETA {eta_formatted}',
            stream: out as unknown as NodeJS.WritableStream,
            hideCursor: true,
            clearOnComplete: false,
            etaBuffer: 50,
          },
          cliProgress.Presets.shades_classic,
        );
        bar.start(event.total, 0, { label: event.label, figures: '' });
      }
      bar.update(event.step, { figures: describe(event) });
    },
    stop,
  };
}

/**
 * The CLI's progress display: `cli-progress` bars when `out` is a terminal, plain lines (a few
 * per label) when it is a file or a pipe.
 */
export function progressReporter(
  out: Output,
  now: () => number = () => performance.now(),
): ProgressReporter {
  return out.isTTY === true ? barReporter(out) : plainReporter(out, now);
}
