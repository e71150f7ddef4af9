import { dlkitProject } from '../../vitest.shared.ts';

// 'fast': the shared setup file calls setupBackend() (wasm with dlkit's kernels here); the parity
// suites switch between wasm and the cpu reference themselves.
export default dlkitProject(import.meta.url, { backend: 'fast' });
