import { dlkitProject } from '../../vitest.shared.ts';

// The engines' model parts train small networks on tfjs cpu; the browser test bundles a page and
// drives Chromium, so allow each test ten minutes on the shared CPU (one took over three at load ~38).
export default dlkitProject(import.meta.url, { testTimeout: 600_000 });
