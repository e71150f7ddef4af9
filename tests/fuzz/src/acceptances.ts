/**
 * The reviewed list of bad calls that dlkit accepts on purpose. An entry names the target (its
 * fuzz id, or a pattern), the argument and the bad values, and says why accepting them is right.
 * Anything accepted that no entry covers is a failure of the fuzz.
 */
export interface Acceptance {
  /** Fuzz ids (`core.relu`, `core.DeepNeuralNetwork#fit`) or a pattern over them. */
  target: string | RegExp;
  /** The argument's name, or `'*'`. */
  argument: string;
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
    target: 'core.hasKernel',
    argument: '*',
    bad: '*',
    why: 'hasKernel answers whether a kernel is registered: for anything that is not a registered kernel name it answers false',
  },
];
