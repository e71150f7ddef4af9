import { dlkitProject } from '../../vitest.shared.ts';

// The engines' model parts train small networks on tfjs cpu; the browser test bundles a page and
// drives Chromium, so allow each test three minutes on the shared CPU.
export default dlkitProject(import.meta.url, { testTimeout: 180_000 });
