import * as tf from '@tensorflow/tfjs';
import {
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  truncateSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DlkitError } from '@dlkit/core';
import { expectNoLeaks, expectTensorsClose } from '@dlkit/test-harness';
import {
  fileSystem,
  fileSystemWithHooks,
  registerFileSystemRouter,
  type SaveStep,
} from './file-system.js';

const root = mkdtempSync(join(tmpdir(), 'dlkit-fs-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
let n = 0;
const freshDir = (): string => join(root, `m${n++}`);

function model(seed: number): tf.Sequential {
  const m = tf.sequential({
    layers: [
      tf.layers.dense({
        inputShape: [3],
        units: 4,
        activation: 'relu',
        kernelInitializer: tf.initializers.glorotUniform({ seed }),
      }),
      tf.layers.dense({
        units: 2,
        kernelInitializer: tf.initializers.glorotUniform({ seed: seed + 1 }),
      }),
    ],
  });
  return m;
}

function weightsOf(m: tf.LayersModel): number[][] {
  return m.getWeights().map((w) => Array.from(w.dataSync()));
}

async function loadError(path: string): Promise<DlkitError> {
  const e = await tf.loadLayersModel(fileSystem(path)).catch((err: unknown) => err);
  expect(e).toBeInstanceOf(DlkitError);
  expect((e as DlkitError).kind).toBe('io');
  return e as DlkitError;
}

describe('fileSystem', () => {
  it('saves and loads a layers model: same weights, same predictions, no leaks', async () => {
    const dir = freshDir();
    const m = model(1);
    const result = await m.save(fileSystem(dir));
    expect(result.modelArtifactsInfo.weightDataBytes).toBe((3 * 4 + 4 + 4 * 2 + 2) * 4);
    const files = readdirSync(dir).sort();
    expect(files).toHaveLength(2);
    expect(files[0]).toBe('model.json');
    expect(files[1]).toMatch(/^weights\..+\.bin$/);
    const json = JSON.parse(readFileSync(join(dir, 'model.json'), 'utf8')) as tf.io.ModelJSON;
    expect(json.weightsManifest[0]?.paths).toEqual([files[1]]);
    expect(json.format).toBe('layers-model');
    const loaded = await tf.loadLayersModel(fileSystem(join(dir, 'model.json')));
    weightsOf(loaded).forEach((w, i) =>
      expectTensorsClose(w, weightsOf(m)[i] ?? [], { rtol: 0, atol: 0 }),
    );
    const x = tf.tensor2d([[1, -2, 0.5]]);
    await expectNoLeaks(() => {
      const [a, b] = [m.predict(x) as tf.Tensor, loaded.predict(x) as tf.Tensor];
      expectTensorsClose(a, b, { rtol: 0, atol: 0 });
      tf.dispose([a, b]);
    });
    tf.dispose(x);
    m.dispose();
    loaded.dispose();
  });

  it('serves file:// URLs through tfjs routers once registered', async () => {
    expect(registerFileSystemRouter()).toBe(true);
    expect(registerFileSystemRouter()).toBe(true);
    const dir = freshDir();
    const m = model(2);
    await m.save(`file://${dir}`);
    const loaded = await tf.loadLayersModel(`file://${dir}/model.json`);
    weightsOf(loaded).forEach((w, i) =>
      expectTensorsClose(w, weightsOf(m)[i] ?? [], { rtol: 0, atol: 0 }),
    );
    // Saving again replaces the checkpoint and removes the old weights file.
    const m2 = model(3);
    await m2.save(`file://${dir}`);
    expect(readdirSync(dir).filter((f) => f.endsWith('.bin'))).toHaveLength(1);
    const again = await tf.loadLayersModel(`file://${dir}`);
    weightsOf(again).forEach((w, i) =>
      expectTensorsClose(w, weightsOf(m2)[i] ?? [], { rtol: 0, atol: 0 }),
    );
    for (const x of [m, m2, loaded, again]) x.dispose();
  });

  const steps: SaveStep[] = [
    'write-weights',
    'sync-weights',
    'write-json',
    'sync-json',
    'rename-json',
    'remove-old-weights',
  ];
  it.each(steps)('a save that dies before %s leaves a loadable checkpoint', async (crashAt) => {
    const dir = freshDir();
    const old = model(10);
    const next = model(20);
    await old.save(fileSystem(dir));
    const crash = new Error(`killed before ${crashAt}`);
    await expect(
      next.save(
        fileSystemWithHooks(dir, {
          beforeStep: (s) => {
            if (s === crashAt) throw crash;
          },
        }),
      ),
    ).rejects.toBe(crash);
    const loaded = await tf.loadLayersModel(fileSystem(dir));
    // Until model.json is renamed the old checkpoint is the one on disk; after it, the new one.
    const expected = crashAt === 'remove-old-weights' ? next : old;
    weightsOf(loaded).forEach((w, i) =>
      expectTensorsClose(w, weightsOf(expected)[i] ?? [], { rtol: 0, atol: 0 }),
    );
    // The next successful save cleans up what the crash left behind.
    await next.save(fileSystem(dir));
    expect(readdirSync(dir).sort()).toHaveLength(2);
    for (const x of [old, next, loaded]) x.dispose();
  });

  it('names the missing file when nothing was saved there', async () => {
    const dir = freshDir();
    const e = await loadError(dir);
    expect(e.message).toBe(`fileSystem.load: cannot read ${dir}/model.json: it does not exist`);
  });

  it('names a corrupt model.json', async () => {
    const dir = freshDir();
    const m = model(4);
    await m.save(fileSystem(dir));
    writeFileSync(join(dir, 'model.json'), '{"modelTopology": {"class_name"');
    const e = await loadError(dir);
    expect(e.message).toBe(
      `fileSystem.load: ${dir}/model.json is not valid JSON (corrupt or truncated)`,
    );
    writeFileSync(join(dir, 'model.json'), '{"format": "layers-model"}');
    expect((await loadError(dir)).message).toBe(
      `fileSystem.load: ${dir}/model.json has no modelTopology: not a tfjs model.json`,
    );
    m.dispose();
  });

  it('names a truncated or missing weights file', async () => {
    const dir = freshDir();
    const m = model(5);
    await m.save(fileSystem(dir));
    const bin = readdirSync(dir).find((f) => f.endsWith('.bin')) as string;
    truncateSync(join(dir, bin), 10);
    expect((await loadError(dir)).message).toBe(
      `fileSystem.load: weights file ${dir}/${bin} has 10 bytes but ${dir}/model.json describes 104 (corrupt or truncated)`,
    );
    rmSync(join(dir, bin));
    expect((await loadError(dir)).message).toBe(
      `fileSystem.load: cannot read weights file ${dir}/${bin}: it does not exist`,
    );
    m.dispose();
  });

  it('makes no tensors while saving and loading', async () => {
    const dir = freshDir();
    const m = model(6);
    expect(await expectNoLeaks(() => m.save(fileSystem(dir)))).toBe(0);
    const before = tf.memory().numTensors;
    const loaded = await tf.loadLayersModel(fileSystem(dir));
    expect(tf.memory().numTensors - before).toBe(loaded.weights.length);
    loaded.dispose();
    m.dispose();
    expect(tf.memory().numTensors).toBe(before - 4);
  });
});
