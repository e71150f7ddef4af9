// The search shared by the SIGKILL test and its child process: a cheap stand-in objective whose
// value depends on the setting and on the trial's seed (so a re-run trial must get the same seed).
import type { RandomState } from '@dlkit/core';
import { intUniform, logUniform } from '../src/tuning/search-space.ts';
import type { TrialConfig } from '../src/tuning/search-space.ts';
import type { TrialContext } from '../src/tuning/run-trials.ts';

export const SEARCH = {
  space: { learningRate: logUniform(1e-4, 1), hiddenUnits: intUniform(50, 100) },
  options: { numTrials: 6, metric: 'cost', mode: 'min' as const, seed: 5 },
};

export function objective(
  config: TrialConfig,
  context: TrialContext,
  rng: RandomState,
): Record<string, number> {
  const lr = config['learningRate'] as number;
  const units = config['hiddenUnits'] as number;
  return {
    cost: (Math.log10(lr) + 2) ** 2 + units / 1000 + 0.01 * rng.nextDouble(),
    trial: context.trial,
  };
}
