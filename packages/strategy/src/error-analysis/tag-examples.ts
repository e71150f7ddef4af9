import { DlkitError } from '@dlkit/core';
import type { TaggedError } from './error-analysis.js';

/**
 * Tags examples by rules instead of by hand, when metadata already says what applies (an image
 * marked blurry by its camera, a clip recorded in a car): each category's rule is asked about each
 * example. Hand tags can be added to the result before {@link errorAnalysis}.
 *
 * @param ids - The examples to tag, e.g. the indices from {@link misclassified}.
 * @param rules - One predicate per category.
 * @returns One `TaggedError` per id, with the categories whose rule holds, in rule order.
 *
 * @example
 * ```ts
 * import { errorAnalysis, misclassified, tagExamples } from '@dlkit/strategy';
 * const blurry = [false, true, true, false];
 * const errors = misclassified([1, 0, 1, 1], [1, 1, 0, 0]);
 * const tagged = tagExamples(errors, { blurry: (i) => blurry[i as number] === true });
 * console.log(errorAnalysis(tagged, { devError: 0.1 }).categories);
 * ```
 *
 * @see The guide `docs/strategy/error-analysis.md`.
 *
 * @category C3 W2 · Carrying out error analysis
 */
export function tagExamples<Id extends string | number>(
  ids: readonly Id[],
  rules: Record<string, (id: Id) => boolean>,
): TaggedError[] {
  const fn = 'tagExamples';
  if (!Array.isArray(ids)) {
    throw new DlkitError('value', fn, 'ids must be an array of example ids', { argument: 'ids' });
  }
  const entries = Object.entries(rules ?? {});
  if (entries.length === 0) {
    throw new DlkitError('value', fn, 'rules must name at least one category', {
      argument: 'rules',
    });
  }
  for (const [name, rule] of entries) {
    if (typeof rule !== 'function') {
      throw new DlkitError('value', fn, `rules.${name} must be a function (id) => boolean`, {
        argument: 'rules',
      });
    }
  }
  return ids.map((id) => ({
    id,
    tags: entries.filter(([, rule]) => rule(id)).map(([name]) => name),
  }));
}
