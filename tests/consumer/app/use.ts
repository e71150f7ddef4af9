// A user's TypeScript, checked with moduleResolution bundler and nodenext: the public types
// must resolve from the installed packages and must be real types (not any).
import type * as tf from '@tensorflow/tfjs';
import {
  DlkitError,
  RandomState,
  assertShape,
  type DlkitErrorKind,
  type Parameters,
} from '@dlkit/core';
import { updateParametersWithGd } from '@dlkit/optimizers';
import { accuracy, type Labels } from '@dlkit/strategy';
import { zeroPad } from '@dlkit/cnn';
import { positionalEncoding } from '@dlkit/sequence';
import { setupBackend, type BackendName } from '@dlkit/backend';
import { planarFlower, type PlanarData } from '@dlkit/datasets';

export async function typed(): Promise<number> {
  const kind: DlkitErrorKind = new DlkitError('value', 'f', 'x').kind;
  const rng: RandomState = new RandomState(1);
  const W: tf.Tensor = rng.randn(2, 3);
  const shape: number[] = assertShape('f', 'W', W, ['n', 'm']);
  const parameters: Parameters = updateParametersWithGd({ W }, { dW: W }, 0.1);
  const labels: Labels = [1, 0];
  const data: PlanarData = planarFlower({ m: 4, layout: 'rows' });
  const X4: tf.Tensor4D = zeroPad(data.X.reshape([1, 2, 2, 2]), 1);
  const pe: tf.Tensor3D = positionalEncoding(2, 2);
  const backend: BackendName = await setupBackend({ backend: 'cpu' });
  // @ts-expect-error accuracy returns a number: a string target must be rejected
  const wrong: string = accuracy(labels, labels);
  // @ts-expect-error the options are typed: an unknown layout must be rejected
  planarFlower({ layout: 'diagonal' });
  return [kind, shape, parameters, X4, pe, backend, wrong].length + accuracy(labels, labels);
}
