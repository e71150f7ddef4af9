import { dlkitProject } from '../../vitest.shared.ts';

// The fuzz runs its calls in a child process with a watchdog (FUZZ_TIMEOUTS); the test waits
// for all of them: ~20 s on an idle machine, minutes on a loaded one.
export default dlkitProject(import.meta.url, { testTimeout: 1_800_000 });
