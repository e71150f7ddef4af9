import { fileURLToPath } from 'node:url';
import { runDocExamples } from '@dlkit/test-harness';

runDocExamples(fileURLToPath(new URL('..', import.meta.url)));
