/**
 * `pnpm bench`: trains the five workloads of issue 3 with random data, after warm-up, on dlkit's
 * backend (setupBackend: wasm + dlkit kernels here), plain tfjs `cpu`, and PyTorch CPU with 1 and
 * 2 threads, and prints a Markdown table plus one JSON line per measurement.
 *
 * The dlkit engine runs each workload on dlkit's stack (its LSTM layer and Adam, with fused
 * kernels); `tfjs-stack-<backend>` runs tf.layers' LSTM and `tf.train.adam` on the same backend;
 * `tfjs-cpu` is plain tfjs (tf.layers, `tf.train.adam`, `cpu` backend). See workloads.ts.
 *
 * Options: --workloads mlp,lenet5 --seconds 3 (per engine and workload) --cpu-steps 2 (at least, on
 * tfjs `cpu`) --cpu-warmup 1 (steps on tfjs `cpu`) --fast-steps 10 (at least, on dlkit's backend)
 * --warmup 5 (steps on dlkit's backend) --workers 1 (worker threads of the data-parallel engine,
 * 0 to leave it out) --no-cpu --no-torch --no-tfjs-stack --profile
 */
import * as tf from '@tensorflow/tfjs';
import { spawnSync } from 'node:child_process';
import { cpus, totalmem } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  createDataParallelTrainer,
  resetWasmKernelStats,
  setupBackend,
  wasmKernelStats,
} from '@dlkit/backend';
import { WORKLOADS, WORKLOAD_NAMES, type Stack, type WorkloadName } from './workloads.js';

const here = dirname(fileURLToPath(import.meta.url));
const args = process.argv.slice(2);
const flag = (name: string): boolean => args.includes(`--${name}`);
const option = (name: string, fallback: string): string => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 && args[i + 1] !== undefined ? (args[i + 1] as string) : fallback;
};
const workloads = option('workloads', WORKLOAD_NAMES.join(',')).split(',') as WorkloadName[];
const seconds = Number(option('seconds', '3'));
const cpuSteps = Number(option('cpu-steps', '2'));
// Steps on dlkit's backend: warm-up, then at least this many timed (fewer for a heavy row such as
// resnet18 on a loaded machine).
const fastSteps = Number(option('fast-steps', '10'));
const warmup = Number(option('warmup', '5'));
// Warm-up steps on tfjs `cpu` (0 for a row whose one step takes minutes there, such as resnet18).
const cpuWarmup = Number(option('cpu-warmup', '1'));
// Worker threads of the data-parallel engine (`dlkit-<backend>-workers`); 0 leaves it out.
const workerCount = Number(option('workers', '1'));

interface Result {
  workload: string;
  engine: string;
  steps: number;
  ms_per_step: number;
  samples_per_s: number;
  /** CPU time of the process per step (user + system, all threads). */
  cpu_ms_per_step?: number;
  /** Samples per second of CPU time: the throughput an otherwise idle core would give (1 thread). */
  samples_per_cpu_s?: number;
  peak_rss_mb: number;
  tensors_before?: number;
  tensor_drift?: number;
  cpu_fallbacks?: number;
  torch?: string;
  /** Worker threads beside the main thread (the data-parallel engine). */
  workers?: number;
  error?: string;
}

let peakRss = 0;
const sampleRss = (): void => {
  peakRss = Math.max(peakRss, process.memoryUsage().rss);
};

interface TimedRun {
  warmup: number;
  seconds: number;
  minSteps: number;
  maxSteps: number;
}

/**
 * Times `step` after `opts.warmup` untimed steps: wall and CPU time (the whole process, worker
 * threads included), the tensor count's drift and peak RSS.
 */
async function timeSteps(
  workload: string,
  engine: string,
  batch: number,
  step: () => void | Promise<void>,
  opts: TimedRun,
): Promise<Result> {
  for (let i = 0; i < opts.warmup; i++) await step();
  resetWasmKernelStats();
  const before = tf.memory().numTensors;
  let maxSeen = before;
  let steps = 0;
  const cpu0 = process.cpuUsage();
  const start = performance.now();
  let elapsed = 0;
  for (;;) {
    await step();
    steps++;
    maxSeen = Math.max(maxSeen, tf.memory().numTensors);
    sampleRss();
    elapsed = (performance.now() - start) / 1000;
    if ((elapsed >= opts.seconds && steps >= opts.minSteps) || steps >= opts.maxSteps) break;
  }
  const cpu = process.cpuUsage(cpu0);
  const cpuMs = (cpu.user + cpu.system) / 1000 / steps;
  const after = tf.memory().numTensors;
  const fallbacks = Object.values(wasmKernelStats().cpuFallbacks).reduce((a, b) => a + b, 0);
  const ms = (elapsed * 1000) / steps;
  return {
    workload,
    engine,
    steps,
    ms_per_step: round(ms),
    samples_per_s: round((batch / ms) * 1000, 1),
    cpu_ms_per_step: round(cpuMs),
    samples_per_cpu_s: round((batch / cpuMs) * 1000, 1),
    peak_rss_mb: round(peakRss / 2 ** 20, 1),
    tensors_before: before,
    tensor_drift: Math.max(maxSeen, after) - before,
    cpu_fallbacks: fallbacks,
  };
}

async function measureTfjs(
  engine: string,
  name: WorkloadName,
  stack: Stack,
  opts: TimedRun,
): Promise<Result> {
  const w = WORKLOADS[name](stack);
  const step = (): void => {
    const loss = w.step();
    loss.dataSync();
    loss.dispose();
  };
  try {
    return await timeSteps(name, engine, w.batch, step, opts);
  } finally {
    w.dispose();
  }
}

/**
 * dlkit's stack trained by `createDataParallelTrainer` with `workers` worker threads beside
 * this one; undefined for a workload that is not a `LayersModel`.
 */
async function measureParallel(
  engine: string,
  name: WorkloadName,
  workers: number,
  opts: TimedRun,
): Promise<Result | undefined> {
  const w = WORKLOADS[name]('dlkit');
  const spec = w.parallel;
  if (spec === undefined) {
    w.dispose();
    return undefined;
  }
  const trainer = await createDataParallelTrainer(spec.model, {
    workers,
    loss: spec.loss,
    optimizer: spec.optimizer,
    imports: spec.imports,
  });
  const step = async (): Promise<void> => {
    await trainer.trainStep(spec.x, spec.y);
  };
  try {
    return { ...(await timeSteps(name, engine, w.batch, step, opts)), workers: trainer.workers };
  } finally {
    await trainer.dispose();
    w.dispose();
  }
}

function measureTorch(name: WorkloadName, threads: number): Result {
  const env = {
    ...process.env,
    OMP_NUM_THREADS: String(threads),
    OPENBLAS_NUM_THREADS: String(threads),
    MKL_NUM_THREADS: String(threads),
  };
  const r = spawnSync(
    '/usr/bin/python3',
    [join(here, '..', 'torch', 'workloads.py'), name, String(threads), String(seconds)],
    {
      env,
      encoding: 'utf8',
    },
  );
  const line = r.stdout.trim().split('\n').at(-1) ?? '';
  try {
    return JSON.parse(line) as Result;
  } catch {
    return {
      workload: name,
      engine: `torch-${threads}t`,
      steps: 0,
      ms_per_step: NaN,
      samples_per_s: NaN,
      peak_rss_mb: NaN,
      error: (r.stderr || r.error?.message || 'no output').slice(-300),
    };
  }
}

function round(v: number, digits = 3): number {
  const f = 10 ** digits;
  return Math.round(v * f) / f;
}

async function profileStep(name: WorkloadName): Promise<void> {
  const w = WORKLOADS[name]('dlkit');
  for (let i = 0; i < 3; i++) w.step().dispose();
  await tf
    .profile(() => {
      w.step().dispose();
    })
    .then((info) => {
      const byKernel = new Map<string, { ms: number; n: number }>();
      let total = 0;
      for (const k of info.kernels) {
        const ms = typeof k.kernelTimeMs === 'number' ? k.kernelTimeMs : 0;
        const e = byKernel.get(k.name) ?? { ms: 0, n: 0 };
        e.ms += ms;
        e.n += 1;
        total += ms;
        byKernel.set(k.name, e);
      }
      const top = [...byKernel.entries()].sort((a, b) => b[1].ms - a[1].ms).slice(0, 12);
      console.log(
        `\nprofile ${name}: ${info.kernels.length} kernels, ${total.toFixed(1)} ms in kernels`,
      );
      for (const [k, e] of top)
        console.log(
          `  ${k.padEnd(36)} ${e.ms.toFixed(2).padStart(8)} ms  ${String(e.n).padStart(5)} calls  ${((100 * e.ms) / total).toFixed(1)}%`,
        );
      w.dispose();
    });
}

async function main(): Promise<void> {
  const torchVersion = spawnSync(
    '/usr/bin/python3',
    ['-c', 'import torch; print(torch.__version__)'],
    { encoding: 'utf8' },
  ).stdout.trim();
  const blas = spawnSync('readlink', ['-f', '/usr/lib/x86_64-linux-gnu/libblas.so.3'], {
    encoding: 'utf8',
  }).stdout.trim();
  const machine = {
    cpu: cpus()[0]?.model ?? 'unknown',
    cores: cpus().length,
    mem_gb: round(totalmem() / 2 ** 30, 1),
    node: process.version,
    tfjs: tf.version.tfjs,
    torch: torchVersion || 'not found',
    blas,
  };
  console.log(JSON.stringify({ machine }));
  const results: Result[] = [];
  for (const name of workloads) {
    const fast = await setupBackend();
    peakRss = 0;
    const fastRun = { warmup, seconds, minSteps: fastSteps, maxSteps: 10_000 };
    results.push(await measureTfjs(`dlkit-${fast}`, name, 'dlkit', fastRun));
    console.log(JSON.stringify(results.at(-1)));
    if (workerCount > 0) {
      peakRss = 0;
      const r = await measureParallel(`dlkit-${fast}-workers`, name, workerCount, fastRun);
      if (r !== undefined) {
        results.push(r);
        console.log(JSON.stringify(r));
      }
    }
    if (!flag('no-tfjs-stack')) {
      // tf.layers' LSTM and tf.train.adam on dlkit's backend: what the backend gives alone.
      peakRss = 0;
      results.push(await measureTfjs(`tfjs-stack-${fast}`, name, 'tfjs', fastRun));
      console.log(JSON.stringify(results.at(-1)));
    }
    if (flag('profile')) await profileStep(name);
    if (!flag('no-cpu')) {
      await tf.setBackend('cpu');
      peakRss = 0;
      results.push(
        await measureTfjs('tfjs-cpu', name, 'tfjs', {
          warmup: cpuWarmup,
          seconds,
          minSteps: cpuSteps,
          maxSteps: 10_000,
        }),
      );
      console.log(JSON.stringify(results.at(-1)));
    }
    if (!flag('no-torch')) {
      for (const threads of [1, 2]) {
        results.push(measureTorch(name, threads));
        console.log(JSON.stringify(results.at(-1)));
      }
    }
  }
  // Table: throughput per engine and dlkit's ratios.
  const engines = [...new Set(results.map((r) => r.engine))];
  const header = [
    'workload',
    ...engines.map((e) => `${e} samples/s`),
    'dlkit / best torch',
    'dlkit / tfjs-cpu',
    'tfjs stack on dlkit backend / tfjs-cpu',
    'dlkit / torch-1t (CPU time)',
    'dlkit / tfjs-cpu (CPU time)',
    'dlkit workers / best torch',
    'dlkit workers / torch-1t (CPU time)',
    'tensor drift',
    'peak RSS MB',
  ];
  const rows: string[][] = [];
  for (const name of workloads) {
    const of = (e: string): Result | undefined =>
      results.find((r) => r.workload === name && r.engine === e);
    const dl = results.find(
      (r) => r.workload === name && r.engine.startsWith('dlkit-') && r.workers === undefined,
    );
    const dw = results.find((r) => r.workload === name && r.workers !== undefined);
    const backendOnly = results.find(
      (r) => r.workload === name && r.engine.startsWith('tfjs-stack-'),
    );
    const torchBest = Math.max(
      ...results
        .filter((r) => r.workload === name && r.engine.startsWith('torch-'))
        .map((r) => r.samples_per_s)
        .filter((v) => Number.isFinite(v)),
      0,
    );
    const cpu = of('tfjs-cpu');
    const ratioTorch = dl && torchBest > 0 ? dl.samples_per_s / torchBest : NaN;
    const ratioCpu = dl && cpu ? dl.samples_per_s / cpu.samples_per_s : NaN;
    const ratioBackendOnly =
      backendOnly && cpu ? backendOnly.samples_per_s / cpu.samples_per_s : NaN;
    const t1 = of('torch-1t');
    const ratioWorkers = dw && torchBest > 0 ? dw.samples_per_s / torchBest : NaN;
    const ratioWorkersCpuTime =
      dw?.samples_per_cpu_s !== undefined && t1?.samples_per_cpu_s !== undefined
        ? dw.samples_per_cpu_s / t1.samples_per_cpu_s
        : NaN;
    const ratioCpuTime =
      dl?.samples_per_cpu_s !== undefined && t1?.samples_per_cpu_s !== undefined
        ? dl.samples_per_cpu_s / t1.samples_per_cpu_s
        : NaN;
    const ratioCpuTimeVsCpu =
      dl?.samples_per_cpu_s !== undefined && cpu?.samples_per_cpu_s !== undefined
        ? dl.samples_per_cpu_s / cpu.samples_per_cpu_s
        : NaN;
    console.log(
      JSON.stringify({
        workload: name,
        summary: true,
        dlkit_vs_best_torch: round(ratioTorch),
        dlkit_vs_tfjs_cpu: round(ratioCpu, 1),
        tfjs_stack_on_dlkit_backend_vs_tfjs_cpu: round(ratioBackendOnly, 1),
        dlkit_vs_torch_1t_cpu_time: round(ratioCpuTime),
        dlkit_vs_tfjs_cpu_cpu_time: round(ratioCpuTimeVsCpu, 1),
        dlkit_workers_vs_best_torch: round(ratioWorkers),
        dlkit_workers_vs_torch_1t_cpu_time: round(ratioWorkersCpuTime),
      }),
    );
    rows.push([
      name,
      ...engines.map((e) => String(of(e)?.samples_per_s ?? '')),
      Number.isFinite(ratioTorch) ? `${ratioTorch.toFixed(2)}x` : 'n/a',
      Number.isFinite(ratioCpu) ? `${ratioCpu.toFixed(0)}x` : 'n/a',
      Number.isFinite(ratioBackendOnly) ? `${ratioBackendOnly.toFixed(0)}x` : 'n/a',
      Number.isFinite(ratioCpuTime) ? `${ratioCpuTime.toFixed(2)}x` : 'n/a',
      Number.isFinite(ratioCpuTimeVsCpu) ? `${ratioCpuTimeVsCpu.toFixed(0)}x` : 'n/a',
      Number.isFinite(ratioWorkers) ? `${ratioWorkers.toFixed(2)}x` : 'n/a',
      Number.isFinite(ratioWorkersCpuTime) ? `${ratioWorkersCpuTime.toFixed(2)}x` : 'n/a',
      String(dl?.tensor_drift ?? ''),
      String(dl?.peak_rss_mb ?? ''),
    ]);
  }
  console.log(`\n| ${header.join(' | ')} |\n|${header.map(() => '---').join('|')}|`);
  for (const r of rows) console.log(`| ${r.join(' | ')} |`);
}

await main();
