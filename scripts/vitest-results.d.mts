/** One project's counts from vitest's JSON results, and the names of the tests that did not run. */
export interface ProjectCounts {
  passed: number;
  failed: number;
  skipped: number;
  skippedNames: string[];
}
export function countResults(results: unknown): ProjectCounts;
export function closingLine(totals: { passed: number; failed: number; skipped: number }): string;
