/**
 * The reviewed list of bad calls that dlkit accepts on purpose. An entry names the target (its
 * fuzz id, or a pattern), the argument and the bad values, and says why accepting them is right.
 * Anything accepted that no entry covers is a failure of the fuzz.
 */
export interface Acceptance {
  /** Fuzz ids (`core.relu`, `core.DeepNeuralNetwork#fit`) or a pattern over them. */
  target: string | RegExp;
  /** The argument's name (or a pattern over names), or `'*'`. */
  argument: string | RegExp;
  /** The bad values' labels (see `values.ts`), or `'*'`. */
  bad: readonly string[] | '*';
  /** Only when the parameter has a default value in the source. */
  onlyWithDefault?: boolean;
  /** Why accepting it is right. */
  why: string;
}

export const ACCEPTANCES: readonly Acceptance[] = [
  {
    target: /.*/,
    argument: '*',
    bad: ['missing'],
    onlyWithDefault: true,
    why: 'the parameter has a default value: leaving it out is the documented way to use the default',
  },
  {
    target: /.*/,
    argument: 'options',
    bad: ['empty object'],
    why: 'an empty options object asks for every default, as leaving the options out does',
  },
  {
    target: 'core.new DlkitError',
    argument: '*',
    bad: '*',
    why: 'an error constructor must not throw while reporting another error; it formats whatever it is given',
  },
  {
    target: 'core.formatShape',
    argument: 'shape',
    bad: ['empty array', 'array of NaN', 'huge shape [1e9, 1e9]'],
    why: 'formatShape writes any array of sizes for a message, including the wrong ones being reported',
  },
  {
    target: /^core\.(relu|sigmoid|tanh|leakyRelu|softmax)(Backward)?$/,
    argument: '*',
    bad: ['tensor with NaN'],
    why: 'activations are element-wise steps of every training iteration: NaN in gives NaN out, and checking would read every tensor back each step (training entry points check their data once)',
  },
  {
    target: /^core\.RandomState#(randint|uniform|normal|uniformArray|normalArray)$/,
    argument: '*',
    bad: ['-1', '0.5', 'huge size 1e9'],
    why: "these are values of a distribution's bounds or parameters (np.random.uniform(-1, 1e9) is valid), not sizes",
  },
  {
    target: /^core\.RandomState#(shuffle|permutation)$/,
    argument: 'x',
    bad: [
      'array of NaN',
      'empty array',
      'int32 tensor',
      'bool tensor',
      'tensor with NaN',
      'huge shape [1e9, 1e9]',
    ],
    why: 'shuffle and permutation reorder any array or tensor without reading its values, as NumPy does',
  },
  {
    target:
      /^core\.(assertNumber|assertFinite|assertTensor|assertShape|assertDtype|describeValue|tanh|relu|sigmoid|leakyRelu)$/,
    argument: '*',
    bad: [
      '0.5',
      'scalar tensor',
      'rank-5 tensor',
      '-1',
      'missing',
      'null',
      'string',
      'empty object',
      'function',
    ],
    onlyWithDefault: false,
    why: 'a valid value for these: check helpers accept what passes their check (0.5 is a finite number, a rank-5 tensor is a tensor), describeValue writes any value, element-wise activations take any shape',
  },
  {
    target: /^optimizers\.(adam|new (Adam|AdamW|Momentum|Rmsprop)Optimizer)$/,
    argument: '*',
    bad: ['0.5'],
    why: 'a learning rate, beta, rho, epsilon or weight decay of 0.5 is a valid (if unusual) hyperparameter',
  },
  {
    target: /^optimizers\.(adam|new (Adam|AdamW|Momentum|Rmsprop)Optimizer)$/,
    argument: /^(learningRate|epsilon|weightDecay)$/,
    bad: ['huge size 1e9'],
    why: 'learningRate, epsilon and weightDecay are unbounded non-negative hyperparameters (tfjs and PyTorch take 1e9), not sizes',
  },
  {
    target: /^optimizers\.(adam|new (Adam|AdamW)Optimizer)$/,
    argument: 'epsilon',
    bad: ['null', 'missing'],
    why: "epsilon is optional (`number | null`): left out or null it is for the the backend's epsilon, as in tfjs' adam",
  },
  {
    target: /^(optimizers\.(AdamOptimizer|SlotOptimizer)#applyGradients|datasets\.Vocabulary\.from(Chars|Words))$/,
    argument: '*',
    bad: ['empty array'],
    why: 'no gradients is a no-op step, and no texts an empty vocabulary, as in tfjs and the course',
  },
  {
    target: 'core.asCallerAsync',
    argument: 'body',
    bad: ['function'],
    why: 'a function is exactly what body must be',
  },
  {
    target: 'core.hasKernel',
    argument: '*',
    bad: '*',
    why: 'hasKernel answers whether a kernel is registered: for anything that is not a registered kernel name it answers false',
  },
];
