import { dlkitProject } from '../../vitest.shared.ts';

// The tooling tests run tsc, typedoc and turbo on copies of the workspace: the generator's tsc
// run took 43 s on the shared 2-core machine under load (8 parallel jobs), against 30 s allowed.
export default dlkitProject(import.meta.url, { testTimeout: 300_000 });
