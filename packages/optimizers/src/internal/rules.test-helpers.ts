// Shared by the scratch-rule tests (momentum, RMSprop, AdamW): the fixture's layout.
import { loadFixture, type FixtureTensor } from '@dlkit/test-harness';

/** A dictionary as the fixture scripts write it. */
export type Dict = Record<string, FixtureTensor>;

/** `tests/fixtures/optimizers_scratch_rules.json`. */
export interface RulesFixture {
  parameters: Dict;
  grads: Dict[];
  momentum: {
    beta: number;
    learning_rate: number;
    trajectory: { parameters: Dict; state: Dict[] }[];
  };
  rmsprop: {
    beta: number;
    learning_rate: number;
    epsilon: number;
    trajectory: { parameters: Dict; state: Dict[] }[];
  };
  adamw: {
    learning_rate: number;
    beta1: number;
    beta2: number;
    epsilon: number;
    weight_decay: number;
    trajectory: { parameters: Dict; state: Dict[] }[];
  };
  lr_decay: {
    lr0: number;
    epoch: number;
    decay_rate: number;
    interval: number;
    update_lr: number;
    schedule_lr_decay: number;
  }[];
}

/** Loads the scratch-rules fixture. */
export const rulesFixture = (): RulesFixture =>
  loadFixture<RulesFixture>('optimizers_scratch_rules');

/** float32 against float64 over 20 steps: the moments and parameters stay within these. */
export const RULE_TOLERANCE = { rtol: 1e-4, atol: 1e-6 };
