// The from-scratch RNN and LSTM against torch.nn.RNN and torch.nn.LSTM with mapped weights
// (tests/fixtures/sequence_rnn_torch.py documents the map): forward states and every gradient
// of the loss sum(a * da).
import * as tf from '@tensorflow/tfjs';
import { describe, it } from 'vitest';
import {
  expectFixtureDictClose,
  expectTensorsClose,
  fixtureDict,
  fixtureTensor,
  loadFixture,
  type FixtureTensor,
} from '@dlkit/test-harness';
import {
  disposeCaches,
  lstmBackward,
  lstmForward,
  rnnBackward,
  rnnForward,
  type LstmParameters,
  type RnnParameters,
} from '../index.js';

interface TorchCase {
  x: FixtureTensor;
  a0: FixtureTensor;
  parameters: Record<string, FixtureTensor>;
  a: FixtureTensor;
  da: FixtureTensor;
  gradients: Record<string, FixtureTensor>;
}
const fx = loadFixture<{ rnn: TorchCase[]; lstm: TorchCase[] }>('sequence_rnn_torch');
const TOL = { rtol: 1e-4, atol: 1e-5 };

/** The prediction weights torch's modules do not have (they do not enter `a` or its gradients). */
function withOutput(p: Record<string, tf.Tensor>, nA: number): Record<string, tf.Tensor> {
  return { ...p, Wy: tf.zeros([2, nA]), Wya: tf.zeros([2, nA]), by: tf.zeros([2, 1]) };
}

describe('rnnForward and rnnBackward', () => {
  fx.rnn.forEach((c, i) => {
    it(`equal torch.nn.RNN (tanh) with mapped weights, case ${i}`, () => {
      tf.tidy(() => {
        const nA = c.a0.shape[0] as number;
        const p = withOutput(fixtureDict(c.parameters), nA) as unknown as RnnParameters;
        const { a, caches } = rnnForward(fixtureTensor(c.x), fixtureTensor(c.a0), p);
        expectTensorsClose(a, fixtureTensor(c.a), TOL);
        expectFixtureDictClose({ ...rnnBackward(fixtureTensor(c.da), caches) }, c.gradients, TOL);
        disposeCaches(caches);
      });
    });
  });
});

describe('lstmForward and lstmBackward', () => {
  fx.lstm.forEach((c, i) => {
    it(`equal torch.nn.LSTM with mapped weights, case ${i}`, () => {
      tf.tidy(() => {
        const nA = c.a0.shape[0] as number;
        const p = withOutput(fixtureDict(c.parameters), nA) as unknown as LstmParameters;
        const { a, caches } = lstmForward(fixtureTensor(c.x), fixtureTensor(c.a0), p);
        expectTensorsClose(a, fixtureTensor(c.a), TOL);
        expectFixtureDictClose({ ...lstmBackward(fixtureTensor(c.da), caches) }, c.gradients, TOL);
        disposeCaches(caches);
      });
    });
  });
});
