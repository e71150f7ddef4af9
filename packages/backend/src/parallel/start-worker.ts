import type * as NodeWorkerThreads from 'node:worker_threads';
import { DlkitError, nodeImport } from '@dlkit/core';

/**
 * Whether this module runs from its TypeScript source (dlkit's own tests and benches, under the
 * `@dlkit/source` condition) rather than from the published `dist/`.
 */
const fromSource = import.meta.url.endsWith('.ts');

/**
 * The worker's entry beside this module. A variable, not a literal, in `new URL(…)`: bundlers
 * (Vite's worker and asset plugins) would otherwise try to bundle it as a web worker or copy it
 * as an asset into a browser build, where it never runs.
 */
const WORKER_ENTRY = fromSource ? './trainer-worker.ts' : './trainer-worker.js';

/**
 * Starts one worker thread running `trainer-worker`. From `dist/` that is a plain module; from
 * source the worker first registers tsx's loader (a development dependency) so it can import
 * TypeScript, and resolves workspace packages to their sources as the main thread does.
 *
 * @param fn - The public function starting it, for errors.
 * @returns The worker (not yet initialised).
 */
export async function startTrainerWorker(fn: string): Promise<NodeWorkerThreads.Worker> {
  const { Worker } = await nodeImport<typeof NodeWorkerThreads>('node:worker_threads');
  const entry = new URL(WORKER_ENTRY, import.meta.url);
  if (!fromSource) return new Worker(entry);
  let tsx: string;
  try {
    tsx = import.meta.resolve('tsx/esm/api');
  } catch (cause) {
    throw new DlkitError(
      'dependency',
      fn,
      'running from TypeScript sources, the worker threads need the tsx package to load them',
      { cause },
    );
  }
  const code = `const { register } = await import(${JSON.stringify(tsx)});
register();
await import(${JSON.stringify(entry.href)});`;
  return new Worker(code, { eval: true, execArgv: ['--conditions=@dlkit/source'] });
}
