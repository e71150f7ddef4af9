import { dlkitProject } from '../../vitest.shared.ts';

// Labs train real (small) networks: allow each test two minutes on the shared CPU.
export default dlkitProject(import.meta.url, { testTimeout: 120_000 });
