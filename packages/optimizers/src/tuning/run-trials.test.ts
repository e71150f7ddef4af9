import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { rename as renameFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { DlkitError, RandomState } from '@dlkit/core';
import { runTrials } from './run-trials.js';
import { coarseToFine, randomSearch } from './searches.js';
import { logUniform } from './search-space.js';
import { sampleSearchSpace } from './sample-search-space.js';
import type { AtomicIo } from '@dlkit/core';
import { SEARCH, objective } from '../../test/search-objective.js';

const dir = mkdtempSync(join(tmpdir(), 'dlkit-trials-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let files = 0;
const newFile = (): string => join(dir, `search${files++}.json`);
const child = fileURLToPath(new URL('../../test/search-child.ts', import.meta.url));
const pkg = fileURLToPath(new URL('../..', import.meta.url));

/** The same search, uninterrupted, in this process. */
async function reference(): Promise<unknown> {
  return randomSearch(
    SEARCH.space,
    (config, context) => objective(config, context, new RandomState(context.seed)),
    SEARCH.options,
  );
}

/** Runs the child; resolves with its stdout and how it ended. Kills it once it starts `killAt`. */
function runChild(
  file: string,
  log: string,
  killAt?: number,
): Promise<{ stdout: string; signal: NodeJS.Signals | null; code: number | null }> {
  return new Promise((resolve, reject) => {
    const args = ['--conditions=@dlkit/source', '--import', 'tsx', child, file, log];
    if (killAt !== undefined) args.push(String(killAt));
    const p = spawn(process.execPath, args, { cwd: pkg, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    p.stdout.on('data', (d: Buffer) => {
      stdout += d.toString();
      if (killAt !== undefined && stdout.includes(`started ${killAt}\n`)) p.kill('SIGKILL');
    });
    p.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    p.on('error', reject);
    p.on('exit', (code, signal) => {
      if (code !== 0 && signal === null) reject(new Error(`child failed (${code}): ${stderr}`));
      else resolve({ stdout, signal, code });
    });
  });
}

describe('runTrials resumes a search killed with SIGKILL', () => {
  it('keeps the finished trials, re-runs only the interrupted one and the rest, same results', async () => {
    const file = newFile();
    const log = join(dir, 'started.log');
    const killed = await runChild(file, log, 3);
    expect(killed.signal).toBe('SIGKILL');
    expect(killed.stdout).not.toContain('finished');
    const saved = JSON.parse(readFileSync(file, 'utf8')) as { trials: { trial: number }[] };
    expect(saved.trials.map((t) => t.trial)).toEqual([0, 1, 2]);

    const resumed = await runChild(file, log);
    expect(resumed.code).toBe(0);
    expect(resumed.stdout).toContain('finished');
    // Trials 0-3 started in the first run; the second starts 3 (interrupted) to 5 only.
    expect(readFileSync(log, 'utf8').trim().split('\n').map(Number)).toEqual([0, 1, 2, 3, 3, 4, 5]);
    const final = JSON.parse(readFileSync(file, 'utf8')) as { trials: unknown[] };
    const ref = (await reference()) as { trial: number }[];
    const byTrial = [...ref].sort((a, b) => a.trial - b.trial);
    expect(final.trials).toEqual(byTrial);
    const temporary = readdirSync(dir).filter(
      (n) => n.startsWith(basename(file)) && n.endsWith('.tmp'),
    );
    expect(temporary).toEqual([]);
  }, 600_000);
});

describe('runTrials writes atomically', () => {
  const failing = (step: 'writeSync' | 'rename' | 'syncDir', atCall: number): AtomicIo => {
    let calls = 0;
    const boom = (): never => {
      throw new Error(`injected crash in ${step}`);
    };
    return {
      async writeSync(path, text) {
        if (step === 'writeSync' && ++calls === atCall) {
          writeFileSync(path, text.slice(0, text.length >> 1)); // a torn temporary file
          boom();
        }
        writeFileSync(path, text);
      },
      async rename(from, to) {
        if (step === 'rename' && ++calls === atCall) boom();
        await renameFile(from, to);
      },
      async syncDir() {
        if (step === 'syncDir' && ++calls === atCall) boom();
      },
      async remove(path) {
        rmSync(path, { force: true });
      },
    };
  };

  for (const step of ['writeSync', 'rename', 'syncDir'] as const) {
    it(`a crash in ${step} after two trials loses nothing that was saved, and the rerun completes`, async () => {
      const file = newFile();
      const configs = sampleSearchSpace(SEARCH.space, 5, 2);
      const ran: number[] = [];
      const obj = (c: (typeof configs)[number], ctx: { trial: number; seed: number }) => {
        ran.push(ctx.trial);
        return objective(c, ctx, new RandomState(ctx.seed));
      };
      const opts = { metric: 'cost', seed: 2, file };
      await expect(runTrials(configs, obj, { ...opts, io: failing(step, 3) })).rejects.toThrow(
        `runTrials: cannot write ${file}: injected crash in ${step}`,
      );
      const onDisk = JSON.parse(readFileSync(file, 'utf8')) as { trials: { trial: number }[] };
      // The third save failed; the file holds the second (or the third when only the folder sync failed).
      expect(onDisk.trials.map((t) => t.trial)).toEqual(step === 'syncDir' ? [0, 1, 2] : [0, 1]);
      const again = await runTrials(configs, obj, opts);
      expect(ran).toEqual(step === 'syncDir' ? [0, 1, 2, 3, 4] : [0, 1, 2, 2, 3, 4]);
      const clean = await runTrials(
        configs,
        (c, ctx) => objective(c, ctx, new RandomState(ctx.seed)),
        {
          metric: 'cost',
          seed: 2,
        },
      );
      expect(again).toEqual(clean);
    });
  }
});

describe('runTrials', () => {
  it('gives each trial a seed fixed by the search seed, and sorts by the metric', async () => {
    const configs = sampleSearchSpace(SEARCH.space, 4, 9);
    const seen: number[] = [];
    const a = await runTrials(
      configs,
      (_c, { seed }) => {
        seen.push(seed);
        return { acc: new RandomState(seed).nextDouble() };
      },
      { metric: 'acc', mode: 'max', seed: 4 },
    );
    const rs = new RandomState(4);
    expect(seen).toEqual([0, 1, 2, 3].map(() => rs.randint(0, 2 ** 31 - 1)));
    const accs = a.map((t) => t.metrics['acc']!);
    expect(accs).toEqual([...accs].sort((x, y) => y - x));
  });

  it('refuses a file that holds another search, corrupt files and bad metrics', async () => {
    const file = newFile();
    const configs = sampleSearchSpace(SEARCH.space, 2, 1);
    await runTrials(configs, () => ({ cost: 1 }), { metric: 'cost', file });
    await expect(
      runTrials(configs, () => ({ cost: 1 }), { metric: 'cost', file, seed: 2 }),
    ).rejects.toThrow(
      `runTrials: ${file} holds a different search (other settings, seed or metric); use another file to start a new one`,
    );
    const corrupt = newFile();
    writeFileSync(corrupt, '{"format": "dlkit-tri');
    await expect(
      runTrials(configs, () => ({ cost: 1 }), { metric: 'cost', file: corrupt }),
    ).rejects.toThrow(`runTrials: ${corrupt} is not a trial file (invalid JSON)`);
    await expect(
      runTrials(configs, () => ({ cost: Number.NaN }), { metric: 'cost' }),
    ).rejects.toThrow(
      'runTrials: the objective of trial 0 must return metrics as finite numbers (cost is NaN)',
    );
    await expect(runTrials(configs, () => ({ acc: 1 }), { metric: 'cost' })).rejects.toThrow(
      'runTrials: the objective of trial 0 must return metrics as finite numbers including cost',
    );
    await expect(runTrials([], () => ({ cost: 1 }), { metric: 'cost' })).rejects.toThrow(
      'runTrials: configs.length must be an integer >= 1 and <= 100000, got 0',
    );
    await expect(runTrials(configs, null as never, { metric: 'cost' })).rejects.toThrow(
      'runTrials: objective must be a function, got null',
    );
    await expect(
      runTrials(configs, () => ({ cost: 1 }), { metric: 'cost', mode: 'best' as never }),
    ).rejects.toThrow("runTrials: mode must be 'min' or 'max', got best");
    await expect(runTrials(configs, () => ({ cost: 1 }), null as never)).rejects.toThrow(
      DlkitError,
    );
  });
});

describe('coarseToFine resumes in the round it stopped in', () => {
  it('re-runs nothing of a finished round, and ends as an uninterrupted search', async () => {
    const file = newFile();
    const space = { learningRate: logUniform(1e-5, 1) };
    const cost = (c: Record<string, unknown>): number =>
      (Math.log10(c['learningRate'] as number) + 3) ** 2;
    const options = { numTrials: 6, rounds: 3, metric: 'cost', seed: 11 };
    let calls = 0;
    const crashing = (c: Record<string, unknown>): Record<string, number> => {
      if (++calls === 9) throw new Error('power cut'); // the third trial of round 1
      return { cost: cost(c) };
    };
    await expect(coarseToFine(space, crashing, { ...options, file })).rejects.toThrow('power cut');
    let resumedCalls = 0;
    const resumed = await coarseToFine(
      space,
      (c) => {
        resumedCalls++;
        return { cost: cost(c) };
      },
      { ...options, file },
    );
    // Round 0 (6 trials) and two trials of round 1 were saved: 18 - 8 trials remain.
    expect(resumedCalls).toBe(10);
    const clean = await coarseToFine(space, (c) => ({ cost: cost(c) }), options);
    expect(resumed).toEqual(clean);
  });
});
