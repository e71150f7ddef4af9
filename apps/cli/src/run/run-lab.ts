import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { DlkitError, assertNumber } from '@dlkit/core';
import type { Lab, LabPlot, LabProgressEvent, LabResult } from '../labs/lab.js';
import { renderSvg } from '../plots/render-svg.js';
import { assertRecord } from '../plots/spec.js';

/**
 * Options of {@link runLab}.
 *
 * @category Labs
 */
export interface RunLabOptions {
  /** A small, fast run (default false). */
  quick?: boolean;
  /** The seed of everything random in the lab (default 1, as the course's `np.random.seed(1)`). */
  seed?: number;
  /** The folder for the artefacts (default `./dlkit-out/<lab id>`); made if missing. */
  outDir?: string;
  /** Progress of the lab's training (default: ignored). */
  progress?: (event: LabProgressEvent) => void;
  /** The lab's lines of text (default: ignored). */
  log?: (line: string) => void;
}

/**
 * What {@link runLab} did.
 *
 * @category Labs
 */
export interface LabRun extends LabResult {
  /** The lab's id. */
  lab: string;
  /** The absolute output folder. */
  outDir: string;
  /** Every file written into `outDir` (relative paths): plots, `figures.json`, the lab's files. */
  artefacts: string[];
  /** Wall-clock seconds the lab took. */
  seconds: number;
}

const FN = 'runLab';
const PLOT_NAME = /^[a-z0-9][a-z0-9-]{0,63}$/;

function checkLab(lab: unknown): Lab {
  assertRecord(FN, 'lab', lab);
  const l = lab as Lab;
  if (typeof l.id !== 'string' || !PLOT_NAME.test(l.id) || typeof l.run !== 'function') {
    throw new DlkitError(
      'value',
      FN,
      'lab must be a Lab (an id in kebab-case and a run function)',
      {
        argument: 'lab',
      },
    );
  }
  return l;
}

function checkFunction(argument: string, value: unknown): void {
  if (value !== undefined && typeof value !== 'function') {
    throw new DlkitError('value', FN, `${argument} must be a function, got ${typeof value}`, {
      argument,
    });
  }
}

function checkOptions(options: RunLabOptions): Required<RunLabOptions> & { outDir: string } {
  assertRecord(FN, 'options', options);
  const { quick = false, seed = 1, outDir, progress, log } = options;
  if (typeof quick !== 'boolean') {
    throw new DlkitError('value', FN, `options.quick must be a boolean, got ${typeof quick}`, {
      argument: 'options.quick',
    });
  }
  assertNumber(FN, 'options.seed', seed, { integer: true, min: 0, max: 2 ** 32 - 1 });
  if (outDir !== undefined && (typeof outDir !== 'string' || outDir === '')) {
    throw new DlkitError(
      'value',
      FN,
      `options.outDir must be a folder path, got ${typeof outDir}`,
      {
        argument: 'options.outDir',
      },
    );
  }
  checkFunction('options.progress', progress);
  checkFunction('options.log', log);
  return {
    quick,
    seed,
    outDir: outDir ?? '',
    progress: progress ?? (() => undefined),
    log: log ?? (() => undefined),
  };
}

/** Throws unless a lab returned what the contract says (finite figures, plots with file names). */
function checkResult(id: string, result: LabResult): void {
  const fail = (detail: string): never => {
    throw new DlkitError('value', FN, `lab ${id} returned ${detail}`, { argument: 'lab' });
  };
  if (result === null || typeof result !== 'object') fail('no result');
  for (const [name, v] of Object.entries(result.figures ?? fail('no figures'))) {
    if (typeof v !== 'string' && !(typeof v === 'number' && Number.isFinite(v))) {
      fail(`figure ${name} = ${String(v)}, not a finite number or a string`);
    }
  }
  const names = new Set<string>();
  for (const plot of result.plots ?? fail('no plots')) {
    if (!PLOT_NAME.test(plot.name) || names.has(plot.name)) fail(`a bad plot name '${plot.name}'`);
    names.add(plot.name);
  }
}

/** Writes a plot as `<name>.vl.json` and `<name>.svg`; returns the two file names. */
async function writePlot(outDir: string, plot: LabPlot): Promise<string[]> {
  const files = [`${plot.name}.vl.json`, `${plot.name}.svg`];
  writeFileSync(join(outDir, files[0]!), `${JSON.stringify(plot.spec)}\n`);
  writeFileSync(join(outDir, files[1]!), await renderSvg(plot.spec));
  return files;
}

/**
 * Runs a lab as `dlkit run` does, on whatever tfjs backend is active (the CLI first calls
 * `@dlkit/backend`'s `setupBackend()`): makes the output folder, runs the lab, writes each plot
 * as Vega-Lite JSON and rendered SVG, and its figures as `figures.json`.
 *
 * @param lab - A lab, e.g. from {@link findLab}.
 * @param options - Quick run, seed, output folder, progress and log callbacks.
 * @returns The lab's figures, plots and files, the folder and every file written.
 *
 * @example
 * ```ts
 * import { mkdtempSync, rmSync } from 'node:fs';
 * import { tmpdir } from 'node:os';
 * import { join } from 'node:path';
 * import { runLab, type Lab } from '@dlkit/cli';
 * const lab: Lab = {
 *   id: 'hello',
 *   course: 1,
 *   week: 1,
 *   title: 'A lab that measures one figure',
 *   run: async ({ seed }) => ({ figures: { seed }, plots: [], files: [] }),
 * };
 * const outDir = mkdtempSync(join(tmpdir(), 'dlkit-'));
 * const run = await runLab(lab, { seed: 3, outDir });
 * console.log(run.figures.seed, run.artefacts); // 3 [ 'figures.json' ]
 * rmSync(outDir, { recursive: true });
 * ```
 *
 * @category Labs
 */
export async function runLab(lab: Lab, options: RunLabOptions = {}): Promise<LabRun> {
  const { id } = checkLab(lab);
  const o = checkOptions(options);
  const outDir = resolve(o.outDir === '' ? join('dlkit-out', id) : o.outDir);
  try {
    mkdirSync(outDir, { recursive: true });
  } catch (cause) {
    throw new DlkitError('io', FN, `cannot make the output folder ${outDir}: ${String(cause)}`, {
      argument: 'options.outDir',
      cause,
    });
  }
  const started = performance.now();
  const result = await lab.run({
    quick: o.quick,
    seed: o.seed,
    outDir,
    progress: o.progress,
    log: o.log,
  });
  const seconds = (performance.now() - started) / 1000;
  checkResult(id, result);
  const artefacts = [...result.files];
  for (const plot of result.plots) artefacts.push(...(await writePlot(outDir, plot)));
  const summary = {
    lab: id,
    title: lab.title,
    quick: o.quick,
    seed: o.seed,
    seconds,
    figures: result.figures,
  };
  writeFileSync(join(outDir, 'figures.json'), `${JSON.stringify(summary, null, 2)}\n`);
  artefacts.push('figures.json');
  return { ...result, lab: id, outDir, artefacts, seconds };
}
