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
    target: 'core.asCaller',
    argument: 'body',
    bad: ['function'],
    why: 'body is documented to be a function: running it on behalf of fn is what asCaller does',
  },
  {
    target: 'core.RandomState#uniform',
    argument: 'size',
    bad: ['empty array'],
    why: "size [] is a scalar's shape, as NumPy's uniform(size=()) gives a 0-d array",
  },
  {
    target: 'cnn.createMaskFromWindow',
    argument: 'x',
    bad: ['int32 tensor'],
    why: 'the mask x == max(x) is as well defined for integer windows as for float ones',
  },
  {
    target: 'cnn.colorMask',
    argument: 'mask',
    bad: ['int32 tensor'],
    why: "the fuzz's int32 [3, 4] tensor of 0s and 1s is a valid [nH, nW] class mask: colorMask colours it",
  },
  {
    target: 'optimizers.randomMiniBatches',
    argument: 'Y',
    bad: ['bool tensor'],
    why: 'randomMiniBatches reorders the columns of Y without reading them: boolean labels shuffle like any others',
  },
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
    target:
      /^core\.(basics\.)?(relu|sigmoid|sigmoidDerivative|tanh|leakyRelu|softmax|categoricalCrossEntropy(WithLogits)?)(Backward)?$/,
    argument: '*',
    bad: ['tensor with NaN'],
    why: 'activations are element-wise steps of every training iteration: NaN in gives NaN out, and checking would read every tensor back each step (training entry points check their data once)',
  },
  {
    target:
      /^core\.RandomState#(randint|uniform|normal|uniformArray|normalArray|nextInterval|binomial)$/,
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
      'rank-5 tensor',
      'int32 tensor',
      'bool tensor',
      'tensor with NaN',
      'huge shape [1e9, 1e9]',
    ],
    why: 'shuffle and permutation reorder any array or tensor without reading its values, as NumPy does',
  },
  {
    target:
      /^core\.(assertNumber|assertFinite|assertTensor|assertShape|assertShapeSize|assertDtype|assertString|describeValue|tanh|relu|sigmoid|sigmoidDerivative|leakyRelu)$/,
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
      'empty array',
      'huge shape [1e9, 1e9]',
      'tensor with NaN',
      'int32 tensor',
    ],
    onlyWithDefault: false,
    why: 'a valid value for these: check helpers accept what passes their check (0.5 is a finite number, a rank-5 tensor is a tensor, [] is the shape of a scalar, an int32 tensor is finite, NaN passes unless finite is asked for, a string is a string), describeValue writes any value, element-wise activations take any shape',
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
    target:
      /^(optimizers\.(AdamOptimizer|SlotOptimizer)#applyGradients|datasets\.Vocabulary\.from(Chars|Words))$/,
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
    target: 'core.describeValue',
    argument: 'value',
    bad: '*',
    why: 'describeValue writes any value for an error message, including the bad ones being reported',
  },
  {
    target: 'core.hasKernel',
    argument: '*',
    bad: '*',
    why: 'hasKernel answers whether a kernel is registered: for anything that is not a registered kernel name it answers false',
  },
  {
    target: /^core\.RandomState#(randint|uniform|normal|choice)$/,
    argument: /^(size|high)$/,
    bad: ['missing'],
    why: 'size and high are optional, as in NumPy: without size one number comes back, without high randint(low) draws from [0, low)',
  },
  {
    target: 'core.RandomState#choice',
    argument: '*',
    bad: ['array of NaN', 'empty array'],
    why: 'choice picks elements without reading them (np.random.choice([nan, nan]) is valid), and size [] is the shape of one draw, as in NumPy',
  },
  {
    target: /^(core\.(new RandomState|RandomState#seed)|strategy\.permutation)$/,
    argument: /^(seed|rng)$/,
    bad: ['huge size 1e9'],
    why: '1e9 is a valid seed: seeds are any integer in [0, 2**32 - 1], as np.random.seed takes',
  },
  {
    target: 'core.basics.softmax',
    argument: 'x',
    bad: ['int32 tensor'],
    why: "the notebook's softmax takes any numeric array (NumPy computes an integer array's softmax in floats)",
  },
  {
    target: /^strategy\.(splitIndices|splitSizes)$/,
    argument: 'sizes',
    bad: ['object with an unknown field'],
    why: "sizes maps split names of the user's choosing to sizes: { notAnOption: 1 } is one split named notAnOption holding every example",
  },
  {
    target: /^datasets\.Vocabulary#(decode|indexOf)$/,
    argument: '*',
    bad: ['empty array', 'string'],
    why: 'decoding no indices gives no tokens, and indexOf of a token not in the vocabulary answers the unknown token’s index, as documented',
  },
  {
    target: 'backend.fileSystem',
    argument: 'path',
    bad: ['string'],
    why: 'any non-empty string is a valid relative path: fileSystem only makes a handler and touches the disk at save or load',
  },
  {
    target: /^(cnn\.createMaskFromWindow|core\.layerSizes|optimizers\.randomMiniBatches)$/,
    argument: '*',
    bad: ['tensor with NaN'],
    why: 'these read only shapes (layerSizes), reorder without reading (randomMiniBatches), or are an element-wise step of every backward pass (createMaskFromWindow): NaN in gives NaN out, as in the notebooks',
  },
  {
    target: 'datasets.Vocabulary#encode',
    argument: 'tokens',
    bad: ['string'],
    why: 'a string is documented input: encode reads it as its characters',
  },
  {
    target: 'optimizers.framework.sigmoid',
    argument: 'z',
    bad: [
      '0.5',
      '-1',
      'huge size 1e9',
      'int32 tensor',
      'bool tensor',
      'scalar tensor',
      'rank-5 tensor',
    ],
    why: "the notebook's sigmoid(z) takes a number as well as a tensor of any numeric dtype, which it casts to float32 (sigmoid(0.5) is its own test)",
  },
  {
    target: /^optimizers\.(new LearningRateScheduler|learningRateScheduler)$/,
    argument: 'learningRateSchedule',
    bad: ['function'],
    why: 'a function of the step returning a rate is exactly what a schedule is',
  },
  {
    target: 'strategy.fbetaScore',
    argument: 'beta',
    bad: ['0.5', 'huge size 1e9'],
    why: "beta is any positive weight of recall against precision: F0.5 is a standard score (scikit-learn's fbeta_score takes any beta > 0)",
  },
  {
    target: 'optimizers.randomMiniBatches',
    argument: 'miniBatchSize',
    bad: ['huge size 1e9'],
    why: 'a batch size above m is valid in the notebook: no complete batch, then one batch of all m examples; nothing of that size is made',
  },
  {
    target: 'sequence.new OneHotArgmax',
    argument: 'args',
    bad: ['empty object'],
    why: "every field of a layer's arguments is optional: new OneHotArgmax({}) is new OneHotArgmax()",
  },
  {
    target: 'sequence.OneHotArgmax#call',
    argument: 'inputs',
    bad: ['tensor with NaN'],
    why: "the layer is one step of the inference model's graph (run Ty times a prediction): reading its input back to look for NaN would sync the backend at every step; predictAndSample checks the model's inputs once",
  },
  {
    target: 'sequence.characterModel.getSample',
    argument: 'sampleIx',
    bad: ['empty array'],
    why: "no indices is the empty text, as the notebook's get_sample ''.join(...) gives",
  },
  {
    target: 'core.RandomState#choice',
    argument: 'a',
    bad: ['huge shape [1e9, 1e9]'],
    why: "an array a is the candidates, as NumPy's choice(a): [1e9, 1e9] draws one of its two numbers",
  },
  {
    target: 'core.RandomState#normal',
    argument: 'size',
    bad: ['empty array'],
    why: "size [] is NumPy's size=(): one draw in a 0-d array",
  },
  {
    target: /^core\.(basicSigmoid|basics\.sigmoid)$/,
    argument: 'x',
    bad: ['-1', '0.5', 'huge size 1e9', 'scalar tensor', 'int32 tensor'],
    why: "the Python-basics notebook's sigmoid takes a number (basicSigmoid) or any numeric tensor (basics.sigmoid): these are valid inputs",
  },
  {
    target: /^(core|sequence)\.disposeCaches$/,
    argument: 'caches',
    bad: ['empty array'],
    why: 'no caches: nothing to dispose',
  },
  {
    target: 'core.leakyReluBackward',
    argument: 'alpha',
    bad: ['0.5'],
    why: 'a leaky slope of 0.5 is valid (alpha in [0, 1))',
  },
  {
    target: 'core.normalizeRows',
    argument: 'x',
    bad: ['int32 tensor'],
    why: 'integer rows are cast to float32 before dividing by their norms (documented)',
  },
  {
    target: 'optimizers.SlotOptimizer#applyGradients',
    argument: 'variableGradients',
    bad: ['empty object'],
    why: "no gradients: a step that updates nothing, as tfjs's optimizers do",
  },
  {
    target: 'optimizers.randomMiniBatches',
    argument: 'Y',
    bad: ['int32 tensor'],
    why: 'integer labels are valid labels; mini-batches keep their dtype',
  },
  {
    target: 'strategy.fbetaScore',
    argument: 'beta',
    bad: ['Infinity'],
    why: 'beta = Infinity is the limit F-infinity = recall, as fFromPrecisionRecall documents',
  },
];
