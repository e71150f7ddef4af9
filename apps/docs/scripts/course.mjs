// The Deep Learning Specialization's five courses and their weeks: the site's navigation.
// Each week's `lead` is the idea in a few sentences (KaTeX-free LaTeX, rendered by MathJax);
// the guides, exports, demos and labs of the week are found from the packages themselves.

/** @typedef {{ week: number, title: string, lead: string }} Week */
/** @typedef {{ course: number, title: string, package: string, weeks: Week[] }} Course */

/** @type {Course[]} */
export const courses = [
  {
    course: 1,
    title: 'Neural Networks and Deep Learning',
    package: 'core',
    weeks: [
      {
        week: 1,
        title: 'Introduction to deep learning',
        lead: 'What a neural network is, supervised learning, and why deep learning took off now: data, computation and algorithms (ReLU instead of sigmoid made gradient descent fast). The week has no programming assignment; the code starts in week 2.',
      },
      {
        week: 2,
        title: 'Logistic regression as a neural network',
        lead: 'Logistic regression is a network of one neuron: $\\hat y = \\sigma(w^\\top x + b)$, trained by gradient descent on the cross-entropy cost $J = -\\frac{1}{m}\\sum_i \\big(y^{(i)}\\log a^{(i)} + (1-y^{(i)})\\log(1-a^{(i)})\\big)$, with $dw = \\frac{1}{m} X (A - Y)^\\top$ and $db = \\frac{1}{m}\\sum (A - Y)$. Vectorised over the $m$ examples in the columns of $X$, there is no loop over examples.',
      },
      {
        week: 3,
        title: 'Shallow neural network',
        lead: 'One hidden layer: $Z^{[1]} = W^{[1]}X + b^{[1]}$, $A^{[1]} = \\tanh(Z^{[1]})$, $A^{[2]} = \\sigma(W^{[2]}A^{[1]} + b^{[2]})$. Backward propagation is the chain rule layer by layer, $dZ^{[1]} = W^{[2]\\top} dZ^{[2]} \\odot (1 - A^{[1]2})$, and random initialisation breaks the symmetry between hidden units. On the planar flower, four hidden units draw a boundary that logistic regression cannot.',
      },
      {
        week: 4,
        title: 'Deep neural network',
        lead: 'The same layer stacked $L$ times: $[\\text{LINEAR} \\to \\text{RELU}] \\times (L-1) \\to \\text{LINEAR} \\to \\text{SIGMOID}$. Forward propagation keeps a cache per layer; backward propagation walks the caches back from $dA^{[L]}$, giving $dW^{[l]} = \\frac{1}{m} dZ^{[l]} A^{[l-1]\\top}$ for every layer.',
      },
    ],
  },
  {
    course: 2,
    title: 'Improving Deep Neural Networks',
    package: 'optimizers',
    weeks: [
      {
        week: 1,
        title: 'Practical aspects of deep learning',
        lead: 'Train/dev/test sets, bias and variance, and the tools against overfitting: L2 regularisation adds $\\frac{\\lambda}{2m}\\sum_l \\lVert W^{[l]}\\rVert_F^2$ to the cost, inverted dropout keeps each unit with probability $k$ and divides by $k$. Initialisation (zeros, large random, He: $\\sqrt{2/n^{[l-1]}}$) decides whether training starts at all, and gradient checking compares backward propagation with $\\frac{J(\\theta+\\varepsilon) - J(\\theta-\\varepsilon)}{2\\varepsilon}$.',
      },
      {
        week: 2,
        title: 'Optimization algorithms',
        lead: 'Mini-batch gradient descent, exponentially weighted averages, and the optimisers built on them: momentum $v = \\beta v + (1-\\beta)\\,dW$, RMSprop $s = \\beta_2 s + (1-\\beta_2)\\,dW^2$, and Adam, which combines both with bias correction: $W \\leftarrow W - \\alpha\\, \\hat v / (\\sqrt{\\hat s} + \\varepsilon)$. Learning-rate decay shrinks $\\alpha$ as training goes.',
      },
      {
        week: 3,
        title: 'Hyperparameter tuning, batch normalization and programming frameworks',
        lead: 'Search hyperparameters at random and on a log scale, coarse to fine. Batch normalisation normalises $Z^{[l]}$ per mini-batch and learns $\\gamma$ and $\\beta$: $\\tilde z = \\gamma\\, \\frac{z - \\mu}{\\sqrt{\\sigma^2 + \\varepsilon}} + \\beta$. Softmax generalises logistic regression to $C$ classes, and a framework (here TensorFlow.js) computes the gradients.',
      },
    ],
  },
  {
    course: 3,
    title: 'Structuring Machine Learning Projects',
    package: 'strategy',
    weeks: [
      {
        week: 1,
        title: 'ML strategy (1)',
        lead: 'Orthogonalisation, a single number evaluation metric ($F_1 = \\frac{2PR}{P + R}$), optimising and satisficing metrics, dev and test sets from the distribution you care about, and human-level performance as a proxy for Bayes error: avoidable bias is the gap from human-level to training error, variance the gap from training to dev error.',
      },
      {
        week: 2,
        title: 'ML strategy (2)',
        lead: 'Error analysis (count the mistakes by cause before fixing any), incorrectly labelled data, training and testing on different distributions (the training-dev set separates variance from data mismatch), transfer learning, multi-task learning and end-to-end learning.',
      },
    ],
  },
  {
    course: 4,
    title: 'Convolutional Neural Networks',
    package: 'cnn',
    weeks: [
      {
        week: 1,
        title: 'Foundations of convolutional neural networks',
        lead: 'A convolution slides an $f \\times f$ filter over the image with stride $s$ and padding $p$; the output has $n_H = \\lfloor \\frac{n_H^{prev} + 2p - f}{s} \\rfloor + 1$ rows. Pooling keeps the maximum or the mean of each window. Layouts are channels-last: $[m, n_H, n_W, n_C]$.',
      },
      {
        week: 2,
        title: 'Deep convolutional models: case studies',
        lead: "Classic networks, residual networks (a skip connection $a^{[l+2]} = g(z^{[l+2]} + a^{[l]})$ makes very deep networks trainable), $1 \\times 1$ convolutions, MobileNet's depthwise-separable convolutions, and transfer learning from pretrained weights.",
      },
      {
        week: 3,
        title: 'Object detection',
        lead: 'Localisation, landmarks, sliding windows and YOLO: a grid of anchor boxes predicts a score and a box per anchor; boxes are filtered by score, then by non-max suppression on intersection over union $\\text{IoU} = \\frac{|A \\cap B|}{|A \\cup B|}$. Semantic segmentation labels every pixel with a U-Net.',
      },
      {
        week: 4,
        title: 'Special applications: face recognition and neural style transfer',
        lead: 'Face verification with an encoding trained by the triplet loss $\\max(\\lVert f(A) - f(P)\\rVert^2 - \\lVert f(A) - f(N)\\rVert^2 + \\alpha, 0)$, and neural style transfer, which minimises $J = \\alpha J_{content} + \\beta J_{style}$ with Gram matrices of the activations.',
      },
    ],
  },
  {
    course: 5,
    title: 'Sequence Models',
    package: 'sequence',
    weeks: [
      {
        week: 1,
        title: 'Recurrent neural networks',
        lead: 'An RNN cell reads one time step and carries a state: $a^{\\langle t\\rangle} = \\tanh(W_{aa} a^{\\langle t-1\\rangle} + W_{ax} x^{\\langle t\\rangle} + b_a)$. GRUs and LSTMs add gates so the gradient survives long sequences; a character-level language model samples one character at a time and clips its gradients.',
      },
      {
        week: 2,
        title: 'Natural language processing and word embeddings',
        lead: 'Words as vectors (GloVe), where similarity is the cosine $\\frac{u \\cdot v}{\\lVert u\\rVert \\lVert v\\rVert}$ and analogies are arithmetic ($e_{king} - e_{man} + e_{woman} \\approx e_{queen}$); debiasing projects out a bias direction. Emojify classifies sentences from their averaged embeddings, then with an LSTM.',
      },
      {
        week: 3,
        title: 'Sequence models and the attention mechanism',
        lead: "Sequence-to-sequence models, beam search, the BLEU score, and attention: the context for output step $t$ is $\\sum_{t'} \\alpha^{\\langle t, t'\\rangle} a^{\\langle t'\\rangle}$ with softmax weights $\\alpha$. The notebook translates human-readable dates into ISO dates; the trigger-word notebook detects a word in audio.",
      },
      {
        week: 4,
        title: 'Transformer network',
        lead: 'Self-attention without recurrence: $\\text{Attention}(Q, K, V) = \\text{softmax}\\big(\\frac{QK^\\top}{\\sqrt{d_k}}\\big)V$, with several heads, positional encodings $PE_{(pos, 2i)} = \\sin(pos / 10000^{2i/d})$, masks for padding and look-ahead, and encoder and decoder layers stacked into a Transformer.',
      },
    ],
  },
];
