import { dlkitProject } from '../../vitest.shared.ts';

export default dlkitProject(import.meta.url);
