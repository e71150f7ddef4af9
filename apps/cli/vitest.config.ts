import { dlkitProject } from '../../vitest.shared.ts';

// Labs train real (small) networks, on the fast backend as `dlkit run` does; allow each test
// three minutes on the shared CPU.
export default dlkitProject(import.meta.url, { backend: 'fast', testTimeout: 180_000 });
