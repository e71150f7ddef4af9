// Issue 11: the from-scratch functions' options objects are checked for unknown fields.
import { describe, expect, it } from 'vitest';
import { initializeParameters } from './network.js';

describe('framework bad input', () => {
  it('initializeParameters rejects an unknown option', () => {
    expect(() => initializeParameters({ layerdims: [2, 2, 2, 1] } as never)).toThrow(
      'initializeParameters: options has an unknown field layerdims (known: layerDims, seed)',
    );
  });
});
