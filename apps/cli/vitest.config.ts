import { dlkitProject } from '../../vitest.shared.ts';

// Labs train real (small) networks: allow each test three minutes on the shared CPU.
export default dlkitProject(import.meta.url, { testTimeout: 180_000 });
