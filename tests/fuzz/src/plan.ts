import type { Param } from './params.js';
import { FuzzRandom } from './random.js';
import type { Target } from './targets.js';
import { BAD_FIELD_VALUES, BAD_VALUES } from './values.js';

/** One bad call: which target, which argument gets which bad value. */
export interface PlannedCall {
  /** Its position in the plan. */
  index: number;
  /** The target's fuzz id. */
  target: string;
  /** The bad argument's position. */
  position: number;
  /** The bad argument's name. */
  argument: string;
  /** The bad value's label (`values.ts`). */
  bad: string;
  /** For a bad options field: the field. */
  field?: string;
}

/** How many bad values each argument position gets. */
const PER_POSITION = 6;
/** Arguments after the fourth are not fuzzed (no export has more that matter). */
const MAX_POSITIONS = 4;

function optionsLike(param: Param): boolean {
  return param.fields.length > 0 || /^(options|config|args|opts|hooks)$/.test(param.name);
}

function planTarget(rng: FuzzRandom, target: Target): Omit<PlannedCall, 'index'>[] {
  const calls: Omit<PlannedCall, 'index'>[] = [];
  target.params.slice(0, MAX_POSITIONS).forEach((param, position) => {
    const base = { target: target.id, position, argument: param.name };
    const picks = rng.sample(BAD_VALUES, PER_POSITION).map((v) => v.label);
    if (position === 0 && !picks.includes('missing')) picks[0] = 'missing';
    for (const bad of picks) calls.push({ ...base, bad });
    if (!optionsLike(param)) return;
    if (!picks.includes('object with an unknown field'))
      calls.push({ ...base, bad: 'object with an unknown field' });
    for (const field of rng.sample(param.fields, 3)) {
      const value = BAD_FIELD_VALUES[rng.below(BAD_FIELD_VALUES.length)];
      calls.push({ ...base, bad: value?.label ?? 'NaN', field });
    }
  });
  return calls;
}

/** FNV-1a of a target's id: its own stream of choices, whatever other targets exist. */
function idHash(id: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < id.length; i++) h = Math.imul(h ^ id.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

/**
 * The fuzz's calls, a pure function of the targets and the seed: each declared argument of each
 * target (up to the fourth) gets {@link PER_POSITION} bad values, the first one always `missing`;
 * an options argument also gets an unknown field and bad values for up to three of its fields.
 * Each target draws from its own generator (the seed mixed with its id), so adding an export
 * changes no other export's calls.
 *
 * @param targets - From `collectTargets`.
 * @param seed - The seed (printed by the summary).
 * @returns The calls in order.
 */
export function planCalls(targets: readonly Target[], seed: number): PlannedCall[] {
  return targets
    .flatMap((t) => planTarget(new FuzzRandom((seed ^ idHash(t.id)) >>> 0), t))
    .map((c, index) => ({ ...c, index }));
}
