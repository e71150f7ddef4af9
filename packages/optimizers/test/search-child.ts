// A search run in a child process by src/tuning/run-trials.test.ts, which kills it with SIGKILL
// while a trial runs and then runs it again to check that it resumes.
// Usage: node --conditions=@dlkit/source --import tsx test/search-child.ts FILE LOG [HANG_AT_TRIAL]
import { appendFileSync } from 'node:fs';
import { RandomState } from '@dlkit/core';
import { randomSearch } from '../src/tuning/searches.ts';
import { SEARCH, objective } from './search-objective.ts';

const [file, log, hang] = process.argv.slice(2) as [string, string, string | undefined];
await randomSearch(
  SEARCH.space,
  async (config, context) => {
    appendFileSync(log, `${context.trial}\n`);
    process.stdout.write(`started ${context.trial}\n`);
    if (hang === String(context.trial)) {
      // Wait to be killed (the interval keeps the process alive).
      await new Promise(() => setInterval(() => undefined, 1000));
    }
    return objective(config, context, new RandomState(context.seed));
  },
  { ...SEARCH.options, file },
);
process.stdout.write('finished\n');
