import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { fileSystem } from '@dlkit/backend';

/** A checkpoint saved before the fuzz: where it is and the weights it holds. */
export interface Checkpoint {
  path: string;
  weights: number[][];
}

/** Saves a small model with known weights through `fileSystem` into a fresh temporary folder. */
export async function saveCheckpoint(): Promise<Checkpoint> {
  const path = join(mkdtempSync(join(tmpdir(), 'dlkit-fuzz-checkpoint-')), 'model');
  const model = tf.sequential({
    layers: [
      tf.layers.dense({
        units: 2,
        inputShape: [3],
        kernelInitializer: 'ones',
        biasInitializer: 'zeros',
      }),
    ],
  });
  model.setWeights([tf.tensor2d([1, 2, 3, 4, 5, 6], [3, 2]), tf.tensor1d([0.5, -0.5])]);
  const weights = model.getWeights().map((w) => Array.from(w.dataSync()));
  await model.save(fileSystem(path));
  model.dispose();
  return { path, weights };
}

/** Loads the checkpoint back; returns its weights (throws if it no longer loads). */
export async function loadCheckpointWeights(path: string): Promise<number[][]> {
  const model = await tf.loadLayersModel(fileSystem(path));
  const weights = model.getWeights().map((w) => Array.from(w.dataSync()));
  model.dispose();
  return weights;
}
