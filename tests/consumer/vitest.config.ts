import { dlkitProject } from '../../vitest.shared.ts';

// Packing, installing with npm and bundling take minutes on a 2-core machine.
export default dlkitProject(import.meta.url, { testTimeout: 1_800_000 });
