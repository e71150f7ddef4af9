/**
 * A problem {@link diagnose} can name, in the order the course's orthogonalization chain fixes
 * them: fit the training set (avoidable bias), then the training distribution beyond it
 * (variance), then the dev distribution (data mismatch), then the test set (overfitting to dev).
 *
 * @category C3 W2 · Bias and variance with mismatched data distributions
 */
export type Problem = 'avoidable-bias' | 'variance' | 'data-mismatch' | 'dev-overfitting';

/**
 * The course's remedies for each problem: knobs that act on that problem and as little as
 * possible on the others (orthogonalization).
 *
 * @see The guide `docs/strategy/diagnosis.md`.
 *
 * @category C3 W2 · Bias and variance with mismatched data distributions
 */
export const REMEDIES: Readonly<Record<Problem, readonly string[]>> = {
  'avoidable-bias': [
    'train a bigger model',
    'train longer, or use a better optimization algorithm (momentum, RMSprop, Adam)',
    'search for a better architecture or hyperparameters (e.g. a CNN or RNN)',
  ],
  variance: [
    'get more training data',
    'regularize (L2, dropout, data augmentation)',
    'search for a better architecture or hyperparameters',
  ],
  'data-mismatch': [
    'carry out manual error analysis to understand how the training and dev/test sets differ',
    'make the training data more similar to dev/test (e.g. artificial data synthesis: add car noise to clean speech)',
    'collect more training data similar to the dev/test sets',
  ],
  'dev-overfitting': ['get a bigger dev set'],
};

/** Human-readable names of the problems. @internal */
export const PROBLEM_NAMES: Record<Problem, string> = {
  'avoidable-bias': 'avoidable bias',
  variance: 'variance',
  'data-mismatch': 'data mismatch',
  'dev-overfitting': 'overfitting to the dev set',
};
