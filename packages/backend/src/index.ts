/**
 * Fast TensorFlow.js training in Node and the browser with no native install: backend selection, training kernels, a file-system IOHandler, data-parallel training on worker threads.
 *
 * @packageDocumentation
 */
export {
  setupBackend,
  backendCandidates,
  type BackendName,
  type SetupBackendOptions,
} from './setup/setup-backend.js';
export { loadWasmBackend } from './wasm/load-wasm.js';
export {
  registerWasmTrainingKernels,
  wasmKernelStats,
  resetWasmKernelStats,
  type WasmKernelStats,
} from './wasm/register-kernels.js';
export {
  fileSystem,
  registerFileSystemRouter,
  type FileSystemHandler,
  type FileSystemOptions,
} from './io/file-system.js';
export {
  createDataParallelTrainer,
  type DataParallelTrainer,
  type DataParallelOptions,
} from './parallel/data-parallel-trainer.js';
export {
  fitDataParallel,
  type FitDataParallelOptions,
  type FitDataParallelResult,
} from './parallel/fit-data-parallel.js';
export { PARALLEL_LOSSES, type ParallelLoss } from './parallel/parallel-loss.js';
