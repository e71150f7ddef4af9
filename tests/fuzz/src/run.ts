import { fork, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { Outcome } from './outcome.js';
import type { PlannedCall } from './plan.js';

/** Options of {@link runFuzz}. */
export interface FuzzOptions {
  /** The plan's seed. */
  seed: number;
  /** The saved checkpoint the fuzz's file-system calls point at. */
  checkpoint: string;
  /** How long one call may run before it counts as a hang (ms). */
  callTimeoutMs: number;
  /** How long the child may take to import every package (ms). */
  startTimeoutMs: number;
}

/**
 * The watchdog's limits, the same in the test and the CLI. A hang never answers, so a generous
 * limit costs nothing when nothing hangs, and a loaded 2-core machine (load average ~40 while
 * other builds run) needs it: the child's start imports every package through tsx and took
 * more than 120 s there, and the slowest legitimate default call (`makeHandSigns()`, ~2 s
 * alone) took more than 60 s in a fresh-clone run at load ~30 with a CPU hog beside it.
 */
export const FUZZ_TIMEOUTS = { callTimeoutMs: 300_000, startTimeoutMs: 600_000 } as const;

/** Everything the fuzz saw. */
export interface FuzzRun {
  calls: number;
  /** The planned calls, in order. */
  plan: PlannedCall[];
  targets: number;
  /** Targets without parameters, so without a bad argument to pass. */
  unfuzzed: string[];
  results: { call: PlannedCall; outcome: Outcome }[];
  /** How many times the child was restarted after a hang. */
  restarts: number;
}

const childScript = fileURLToPath(new URL('./child.ts', import.meta.url));
const tsx = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;

type Message =
  | { type: 'ready'; plan: PlannedCall[]; targets: number; unfuzzed: string[] }
  | { type: 'outcome'; call: PlannedCall; outcome: Outcome }
  | { type: 'done' };

/**
 * Runs the planned calls in a child process (its working folder a fresh temporary one), with a
 * watchdog on every call: a call that does not finish in time is recorded as a hang, the child
 * is killed and a new one carries on with the next call.
 *
 * @param options - Seed, checkpoint and time limits.
 * @returns Every call and its outcome.
 */
export async function runFuzz(options: FuzzOptions): Promise<FuzzRun> {
  const run: FuzzRun = { calls: -1, plan: [], targets: 0, unfuzzed: [], results: [], restarts: 0 };
  const cwd = mkdtempSync(join(tmpdir(), 'dlkit-fuzz-'));
  let start = 0;
  for (;;) {
    const finished = await runChild(options, start, cwd, run);
    if (finished) return run;
    start = run.results.length;
    run.restarts++;
    if (start >= run.calls) return run;
  }
}

/** One child's run from `start`; resolves true when it finished the plan, false after a hang. */
function runChild(
  options: FuzzOptions,
  start: number,
  cwd: string,
  run: FuzzRun,
): Promise<boolean> {
  return new Promise((resolve, reject) => {
    const child: ChildProcess = fork(
      childScript,
      [String(options.seed), String(start), options.checkpoint],
      {
        cwd,
        execArgv: ['--import', tsx, '--conditions=@dlkit/source'],
        stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
      },
    );
    let stderr = '';
    child.stderr?.on('data', (d: Buffer) => (stderr = (stderr + d.toString()).slice(-4000)));
    let timer: NodeJS.Timeout | undefined;
    const arm = (ms: number, onTimeout: () => void): void => {
      clearTimeout(timer);
      timer = setTimeout(onTimeout, ms);
    };
    let settled = false;
    const fail = (kind: 'hang' | 'crash', detail: string): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      const index = run.results.length;
      const call = run.plan[index];
      child.kill('SIGKILL');
      if (call === undefined) {
        reject(new Error(`fuzz child failed before its first call (${detail}):\n${stderr}`));
        return;
      }
      run.results.push({ call, outcome: { index, kind, detail } });
      resolve(false);
    };
    const hang = (): void => fail('hang', `no answer within ${options.callTimeoutMs} ms`);
    arm(options.startTimeoutMs, () => {
      settled = true;
      child.kill('SIGKILL');
      reject(new Error(`fuzz child did not start in ${options.startTimeoutMs} ms:\n${stderr}`));
    });
    child.on('message', (m: Message) => {
      if (m.type === 'ready') {
        run.calls = m.plan.length;
        run.plan = m.plan;
        run.targets = m.targets;
        run.unfuzzed = m.unfuzzed;
        arm(options.callTimeoutMs, hang);
      } else if (m.type === 'outcome') {
        run.results.push({ call: m.call, outcome: m.outcome });
        arm(options.callTimeoutMs, hang);
      } else {
        settled = true;
        clearTimeout(timer);
        resolve(true);
      }
    });
    child.on('exit', (code, signal) => {
      if (!settled) fail('crash', `the process exited (${code ?? signal}): ${stderr.slice(-300)}`);
    });
  });
}
