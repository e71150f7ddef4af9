// `dlkit`: the labs on the command line.
import { parseArgs } from 'node:util';
import { DlkitError } from '@dlkit/core';
import type { Lab } from '../labs/lab.js';
import { findLab, labs } from '../labs/index.js';
import { formatNumber, progressReporter, type Output } from '../run/progress.js';
import { runLab } from '../run/run-lab.js';

/** What the CLI runs against: its two outputs and the backend set-up. */
export interface CliIo {
  /** Figures, lists, progress. */
  stdout: Output;
  /** Errors and usage after an error. */
  stderr: Output;
  /** Picks the fast tfjs backend; returns its name (`@dlkit/backend`'s `setupBackend`). */
  setupBackend: () => Promise<string>;
}

/** Exit codes: 0 done, 1 the lab failed, 2 the command line is wrong. */
export const EXIT = { ok: 0, failed: 1, usage: 2 } as const;

const COURSES: Record<number, string> = {
  1: 'Neural Networks and Deep Learning',
  2: 'Improving Deep Neural Networks',
  3: 'Structuring Machine Learning Projects',
  4: 'Convolutional Neural Networks',
  5: 'Sequence Models',
};

export const USAGE = `usage:
  dlkit labs                                       list the labs by course week
  dlkit run <lab> [--quick] [--out DIR] [--seed N] train a lab, write its plots and figures
  dlkit --help | --version

options of run:
  --quick      a small, fast run (what CI runs)
  --out DIR    where the artefacts go (default ./dlkit-out/<lab>)
  --seed N     the seed of everything random (default 1, as np.random.seed(1))
`;

/** The labs grouped by course and week, as `dlkit labs` prints them. */
export function listLabs(all: readonly Lab[] = labs): string {
  const lines: string[] = [];
  const width = Math.max(...all.map((l) => l.id.length)) + 2;
  let course = 0;
  let week = 0;
  for (const lab of [...all].sort((a, b) => a.course - b.course || a.week - b.week)) {
    if (lab.course !== course) {
      course = lab.course;
      week = 0;
      lines.push(`${lines.length === 0 ? '' : '\n'}Course ${course} · ${COURSES[course]}`);
    }
    if (lab.week !== week) {
      week = lab.week;
      lines.push(`  C${course} W${week}`);
    }
    lines.push(`    ${lab.id.padEnd(width)}${lab.title}`);
  }
  return `${lines.join('\n')}\n`;
}

class UsageError extends Error {}

function parseRun(args: string[]) {
  let parsed;
  try {
    parsed = parseArgs({
      args,
      allowPositionals: true,
      strict: true,
      options: { quick: { type: 'boolean' }, out: { type: 'string' }, seed: { type: 'string' } },
    });
  } catch (e) {
    throw new UsageError((e as Error).message);
  }
  const [id, ...extra] = parsed.positionals;
  if (id === undefined) throw new UsageError('dlkit run needs the name of a lab');
  if (extra.length > 0) throw new UsageError(`unexpected argument '${extra[0]}'`);
  const { quick = false, out, seed } = parsed.values;
  const n = seed === undefined ? 1 : Number(seed);
  if (!/^\d+$/.test(seed ?? '1') || n > 2 ** 32 - 1) {
    throw new UsageError(`--seed must be an integer from 0 to 4294967295, got '${seed}'`);
  }
  return { id, quick, out, seed: n };
}

function figureLines(figures: Record<string, number | string>): string {
  const width = Math.max(...Object.keys(figures).map((k) => k.length), 0) + 2;
  return Object.entries(figures)
    .map(([k, v]) => `  ${k.padEnd(width)}${typeof v === 'number' ? formatNumber(v) : v}\n`)
    .join('');
}

async function runCommand(args: string[], io: CliIo): Promise<number> {
  const { id, quick, out, seed } = parseRun(args);
  let lab: Lab;
  try {
    lab = findLab(id);
  } catch {
    throw new UsageError(`unknown lab '${id}'. The labs:\n\n${listLabs()}`);
  }
  const write = (text: string) => io.stdout.write(text);
  write(`${lab.id} (C${lab.course} W${lab.week}): ${lab.title}${quick ? ' [quick]' : ''}\n`);
  write(`backend: ${await io.setupBackend()}, seed ${seed}\n`);
  const progress = progressReporter(io.stdout);
  try {
    const run = await runLab(lab, {
      quick,
      seed,
      ...(out === undefined ? {} : { outDir: out }),
      progress: (e) => progress.update(e),
      log: (line) => {
        progress.stop();
        write(`${line}\n`);
      },
    });
    progress.stop();
    write(`\nfigures:\n${figureLines(run.figures)}`);
    write(`\nwrote to ${run.outDir} (${run.seconds.toFixed(1)} s):\n`);
    for (const f of run.artefacts) write(`  ${f}\n`);
    return EXIT.ok;
  } finally {
    progress.stop();
  }
}

/**
 * Runs the `dlkit` command line.
 *
 * @param argv - The arguments after `dlkit`.
 * @param io - Outputs and backend set-up.
 * @returns The exit code.
 */
export async function main(argv: readonly string[], io: CliIo, version = ''): Promise<number> {
  const [command, ...rest] = argv;
  try {
    if (command === '--help' || command === '-h' || command === 'help') {
      io.stdout.write(USAGE);
      return EXIT.ok;
    }
    if (command === '--version' || command === '-v') {
      io.stdout.write(`${version}\n`);
      return EXIT.ok;
    }
    if (command === 'labs' && rest.length === 0) {
      io.stdout.write(listLabs());
      return EXIT.ok;
    }
    if (command === 'run') return await runCommand(rest, io);
    throw new UsageError(
      command === undefined ? 'no command' : `unknown command '${argv.join(' ')}'`,
    );
  } catch (e) {
    if (e instanceof UsageError) {
      io.stderr.write(`dlkit: ${e.message}\n\n${USAGE}`);
      return EXIT.usage;
    }
    io.stderr.write(
      `dlkit: ${e instanceof DlkitError ? e.message : String((e as Error)?.stack ?? e)}\n`,
    );
    return EXIT.failed;
  }
}
