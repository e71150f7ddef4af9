import { fileURLToPath } from 'node:url';
import { runDocExamples } from './index.ts';

runDocExamples(fileURLToPath(new URL('..', import.meta.url)));
