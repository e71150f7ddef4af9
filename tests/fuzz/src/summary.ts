import { PASSING, type OutcomeKind } from './outcome.js';
import type { FuzzRun } from './run.js';

/** A failing call, as the summary lists it. */
export interface Failure {
  kind: OutcomeKind;
  target: string;
  argument: string;
  bad: string;
  detail: string;
}

/** The failing calls of a run. */
export function failures(run: FuzzRun): Failure[] {
  return run.results
    .filter((r) => !PASSING.includes(r.outcome.kind))
    .map(({ call, outcome }) => ({
      kind: outcome.kind,
      target: call.target,
      argument: call.field === undefined ? call.argument : `${call.argument}.${call.field}`,
      bad: call.bad,
      detail: outcome.detail,
    }));
}

/** Counts of outcomes by kind. */
export function countByKind(run: FuzzRun): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const { outcome } of run.results) counts[outcome.kind] = (counts[outcome.kind] ?? 0) + 1;
  return counts;
}

/**
 * The printed summary: seed, calls, outcomes by kind, failing targets, and each failure (one line
 * per target and kind, with the first example).
 *
 * @param run - The run.
 * @param seed - Its seed.
 * @returns The text.
 */
export function summarize(run: FuzzRun, seed: number): string {
  const lines = [
    `dlkit fuzz: seed ${seed}, ${run.targets} targets (${run.unfuzzed.length} without parameters), ${run.results.length} of ${run.calls} calls, ${run.restarts} restarts`,
  ];
  for (const [kind, n] of Object.entries(countByKind(run)).sort((a, b) => b[1] - a[1]))
    lines.push(`  ${kind}: ${n}`);
  const grouped = new Map<string, { n: number; first: Failure }>();
  for (const f of failures(run)) {
    const key = `${f.kind} · ${f.target}`;
    const g = grouped.get(key);
    if (g === undefined) grouped.set(key, { n: 1, first: f });
    else g.n++;
  }
  lines.push(`failing targets: ${new Set(failures(run).map((f) => f.target)).size}`);
  for (const [key, { n, first }] of [...grouped].sort()) {
    lines.push(`  ${key} ×${n}: ${first.argument} = ${first.bad} → ${first.detail.slice(0, 160)}`);
  }
  return lines.join('\n');
}
