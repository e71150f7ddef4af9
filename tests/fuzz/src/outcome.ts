/** What one bad call did. */
export type OutcomeKind =
  | 'rejected'
  | 'accepted (documented)'
  | 'accepted (undocumented)'
  | 'DlkitError naming another function'
  | 'DlkitError naming no argument'
  | 'other error'
  | 'leak'
  | 'hang'
  | 'crash'
  | 'setup';

/** The kinds that pass. */
export const PASSING: readonly OutcomeKind[] = ['rejected', 'accepted (documented)'];

/** One call's outcome, as the child process reports it. */
export interface Outcome {
  /** The call's index in the plan. */
  index: number;
  kind: OutcomeKind;
  /** The error's message, the function it named, the tensors leaked, the acceptance's reason. */
  detail: string;
}
