// Reading vitest's JSON results (`reporters: ['json']`), for scripts/check.mjs and its test.

/**
 * The counts of one project's results file, and the full names of the tests that did not run.
 * A test counts as skipped when vitest reports it `pending`, `skipped` or `todo` (`it.skip`,
 * `it.todo`, `it.skipIf`, `ctx.skip()`); the totals are vitest's own numbers.
 *
 * @param {any} results - The parsed `.vitest/results.json`.
 * @returns {{ passed: number, failed: number, skipped: number, skippedNames: string[] }}
 */
export function countResults(results) {
  const skippedNames = [];
  for (const file of results.testResults ?? []) {
    for (const test of file.assertionResults ?? []) {
      if (['pending', 'skipped', 'todo', 'disabled'].includes(test.status)) {
        skippedNames.push(test.fullName ?? [...(test.ancestorTitles ?? []), test.title].join(' '));
      }
    }
  }
  const counted = (results.numPendingTests ?? 0) + (results.numTodoTests ?? 0);
  return {
    passed: results.numPassedTests ?? 0,
    failed: results.numFailedTests ?? 0,
    skipped: Math.max(counted, skippedNames.length),
    skippedNames,
  };
}

/**
 * The closing line of `pnpm test`.
 *
 * @param {{ passed: number, failed: number, skipped: number }} totals
 * @returns {string} `dlkit: N passed, N failed, N skipped`
 */
export function closingLine({ passed, failed, skipped }) {
  return `dlkit: ${passed} passed, ${failed} failed, ${skipped} skipped`;
}
