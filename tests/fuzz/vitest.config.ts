import { dlkitProject } from '../../vitest.shared.ts';

// The fuzz runs its calls in a child process with a watchdog; the test waits for all of them.
export default dlkitProject(import.meta.url, { testTimeout: 300_000 });
