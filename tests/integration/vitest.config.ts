import { dlkitProject } from '../../vitest.shared.ts';

// The tooling tests run tsc, typedoc and turbo on copies of the workspace: the generator's tsc
// run took 43 s on the shared 2-core machine under load (8 parallel jobs), and two of them more
// than 300 s at load average ~38.
export default dlkitProject(import.meta.url, { testTimeout: 1_200_000 });
