import * as tf from '@tensorflow/tfjs';
import {
  mkdirSync,
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
  type FileSystemOptions,
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

/** Every file of a folder with its bytes (base64), to show that a call left it untouched. */
function snapshot(dir: string): Record<string, string> {
  return Object.fromEntries(
    readdirSync(dir)
      .sort()
      .map((f) => [f, readFileSync(join(dir, f)).toString('base64')]),
  );
}

/** The shard files a manifest lists. */
function listed(dir: string, json: string): string[] {
  const manifest = JSON.parse(readFileSync(join(dir, json), 'utf8')) as tf.io.ModelJSON;
  return manifest.weightsManifest.flatMap((g) => g.paths);
}

/** The artifacts `model.save` hands to an IOHandler. */
async function artifactsOf(m: tf.LayersModel): Promise<tf.io.ModelArtifacts> {
  let captured: tf.io.ModelArtifacts | undefined;
  await m.save(
    tf.io.withSaveHandler(async (a) => {
      captured = a;
      return { modelArtifactsInfo: tf.io.getModelArtifactsInfoForJSON(a) };
    }),
  );
  return captured as tf.io.ModelArtifacts;
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
    expect(files[1]).toMatch(/^model\.weights\.[0-9a-f]{12}\.bin$/);
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
    'sync-dir',
    'remove-old-weights',
  ];
  it.each(steps)('a save that dies before %s leaves a loadable checkpoint', async (crashAt) => {
    const dir = freshDir();
    const old = model(10);
    const next = model(20);
    await old.save(fileSystem(dir, { shardBytes: 48 }));
    const before = snapshot(dir);
    const crash = new Error(`killed before ${crashAt}`);
    await expect(
      next.save(
        fileSystemWithHooks(
          dir,
          {
            beforeStep: (s) => {
              if (s === crashAt) throw crash;
            },
          },
          { shardBytes: 48 },
        ),
      ),
    ).rejects.toBe(crash);
    const renamed = steps.indexOf(crashAt) > steps.indexOf('rename-json');
    // Until model.json is renamed the old checkpoint is the one on disk, byte for byte (the
    // failed save removed what it wrote); after it, the new one.
    if (!renamed) expect(snapshot(dir)).toEqual(before);
    const loaded = await tf.loadLayersModel(fileSystem(dir));
    const expected = renamed ? next : old;
    weightsOf(loaded).forEach((w, i) =>
      expectTensorsClose(w, weightsOf(expected)[i] ?? [], { rtol: 0, atol: 0 }),
    );
    // A crash after the rename leaves the old shards (which no manifest lists any more) behind.
    const shards = readdirSync(dir).filter((f) => f.endsWith('.bin'));
    expect(shards).toHaveLength(renamed ? 6 : 3);
    for (const x of [old, next, loaded]) x.dispose();
  });

  it('two models saved side by side in one folder both load, and files it does not own survive', async () => {
    const dir = freshDir();
    mkdirSync(dir, { recursive: true });
    const foreign: Record<string, string> = {
      'weights.bin': 'a user file named like tfjs-node weights',
      'weights.1234.bin': 'a user file named like old dlkit weights',
      'a.json.x.tmp': 'a user file named like a temporary manifest',
      'notes.txt': 'anything else',
    };
    for (const [name, text] of Object.entries(foreign)) writeFileSync(join(dir, name), text);
    const [a1, b1, a2, b2] = [model(30), model(31), model(32), model(33)];
    await a1.save(fileSystem(join(dir, 'a.json')));
    await b1.save(fileSystem(join(dir, 'b.json')));
    await a2.save(fileSystem(join(dir, 'a.json')));
    await b2.save(fileSystem(`file://${dir}/b.json`));
    for (const [name, expected] of [
      ['a.json', a2],
      ['b.json', b2],
    ] as const) {
      const loaded = await tf.loadLayersModel(fileSystem(join(dir, name)));
      weightsOf(loaded).forEach((w, i) =>
        expectTensorsClose(w, weightsOf(expected)[i] ?? [], { rtol: 0, atol: 0 }),
      );
      loaded.dispose();
    }
    for (const [name, text] of Object.entries(foreign)) {
      expect(readFileSync(join(dir, name), 'utf8')).toBe(text);
    }
    // Each manifest's shards carry its name; the replaced ones are gone.
    const own = readdirSync(dir).filter((f) => !(f in foreign));
    expect(own.sort()).toEqual(
      ['a.json', 'b.json', ...listed(dir, 'a.json'), ...listed(dir, 'b.json')].sort(),
    );
    expect(listed(dir, 'a.json')[0]).toMatch(/^a\.weights\.[0-9a-f]{12}\.bin$/);
    for (const x of [a1, b1, a2, b2]) x.dispose();
  });

  it('concurrent saves to different files of one folder all survive', async () => {
    const dir = freshDir();
    const names = ['p.json', 'q.json', 'r.json', 's.json'];
    for (let round = 0; round < 3; round++) {
      const models = names.map((_, i) => model(100 + 10 * round + i));
      await Promise.all(
        models.map((m, i) => m.save(fileSystem(join(dir, names[i] as string), { shardBytes: 40 }))),
      );
      for (const [i, name] of names.entries()) {
        const loaded = await tf.loadLayersModel(fileSystem(join(dir, name)));
        weightsOf(loaded).forEach((w, k) =>
          expectTensorsClose(w, weightsOf(models[i] as tf.LayersModel)[k] ?? [], {
            rtol: 0,
            atol: 0,
          }),
        );
        loaded.dispose();
      }
      for (const m of models) m.dispose();
    }
    // Nothing left over: 4 manifests and 3 shards of at most 40 bytes each (104 bytes).
    expect(readdirSync(dir)).toHaveLength(4 + 4 * 3);
  });

  it('loads checkpoints of the earlier naming (weights.<stamp>.bin, tfjs-node weights.bin), and replaces them', async () => {
    const m = model(40);
    const artifacts = await artifactsOf(m);
    for (const legacy of ['weights.lq3k9x-ab12cd.bin', 'weights.bin']) {
      const dir = freshDir();
      mkdirSync(dir, { recursive: true });
      writeFileSync(join(dir, legacy), new Uint8Array(artifacts.weightData as ArrayBuffer));
      const manifest = {
        modelTopology: artifacts.modelTopology,
        format: 'layers-model',
        weightsManifest: [{ paths: [legacy], weights: artifacts.weightSpecs }],
      };
      writeFileSync(join(dir, 'model.json'), JSON.stringify(manifest));
      const loaded = await tf.loadLayersModel(fileSystem(dir));
      weightsOf(loaded).forEach((w, i) =>
        expectTensorsClose(w, weightsOf(m)[i] ?? [], { rtol: 0, atol: 0 }),
      );
      // Saving over it removes the legacy shard, which the replaced manifest listed.
      await loaded.save(fileSystem(dir));
      expect(readdirSync(dir).sort()).toEqual(['model.json', ...listed(dir, 'model.json')].sort());
      loaded.dispose();
    }
    m.dispose();
  });

  it('writes shards of at most shardBytes bytes from weight data in pieces, and reads them back', async () => {
    const dir = freshDir();
    const bytes = Array.from({ length: 20 }, (_, i) => i % 2);
    const pieces = [bytes.slice(0, 3), bytes.slice(3, 13), [], bytes.slice(13)].map(
      (p) => new Uint8Array(p).buffer,
    );
    const artifacts: tf.io.ModelArtifacts = {
      modelTopology: { note: 'any JSON topology' },
      weightSpecs: [{ name: 'mask', shape: [4, 5], dtype: 'bool' }],
      weightData: pieces,
    };
    await fileSystem(dir, { shardBytes: 6 }).save(artifacts);
    const shards = listed(dir, 'model.json');
    expect(shards.map((f) => f.replace(/\.[0-9a-f]{12}\./, '.ID.'))).toEqual([
      'model.weights.ID.1.bin',
      'model.weights.ID.2.bin',
      'model.weights.ID.3.bin',
      'model.weights.ID.4.bin',
    ]);
    expect(shards.map((f) => readFileSync(join(dir, f)).length)).toEqual([6, 6, 6, 2]);
    const back = await fileSystem(dir).load();
    expect(Array.from(new Uint8Array(back.weightData as ArrayBuffer))).toEqual(bytes);
    expect(back.weightSpecs).toEqual(artifacts.weightSpecs);
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

describe('fileSystem with bad input', () => {
  const topology = { class_name: 'Sequential', config: {} };
  const spec = { name: 'w', shape: [2, 3], dtype: 'float32' as const };
  const data = new Float32Array(6).buffer;
  const cases: [string, unknown, string][] = [
    ['NaN', NaN, 'modelArtifacts must be a tfjs ModelArtifacts object, got number NaN'],
    ['a number', 3, 'modelArtifacts must be a tfjs ModelArtifacts object, got number 3'],
    ['null', null, 'modelArtifacts must be a tfjs ModelArtifacts object, got null'],
    ['undefined', undefined, 'modelArtifacts must be a tfjs ModelArtifacts object, got undefined'],
    ['a string', 'x', 'modelArtifacts must be a tfjs ModelArtifacts object, got string "x"'],
    [
      'an array',
      [1],
      'modelArtifacts must be a tfjs ModelArtifacts object, got an array of length 1',
    ],
    ['{}', {}, 'modelArtifacts.modelTopology must be an object, got undefined'],
    [
      'a binary topology',
      { modelTopology: new ArrayBuffer(4) },
      'cannot save a binary model topology; use a layers model',
    ],
    [
      'a string topology',
      { modelTopology: 'graph' },
      'modelArtifacts.modelTopology must be an object, got string "graph"',
    ],
    [
      'weight data without specs',
      { modelTopology: topology, weightData: data },
      'modelArtifacts.weightSpecs must be an array, got undefined',
    ],
    [
      'specs that are not an array',
      { modelTopology: topology, weightSpecs: { w: spec }, weightData: data },
      'modelArtifacts.weightSpecs must be an array, got an object (Object)',
    ],
    [
      'a spec with a negative dimension',
      { modelTopology: topology, weightSpecs: [{ ...spec, shape: [-2, 3] }], weightData: data },
      'modelArtifacts.weightSpecs[0].shape must be an array of non-negative integers, got an array of length 2',
    ],
    [
      'a spec with a NaN dimension',
      { modelTopology: topology, weightSpecs: [{ ...spec, shape: [NaN] }], weightData: data },
      'modelArtifacts.weightSpecs[0].shape must be an array of non-negative integers, got an array of length 1',
    ],
    [
      'a spec with an unknown dtype',
      { modelTopology: topology, weightSpecs: [{ ...spec, dtype: 'float64' }], weightData: data },
      'modelArtifacts.weightSpecs[0].dtype is not a tfjs weight dtype, got string "float64"',
    ],
    [
      'a spec without a name',
      {
        modelTopology: topology,
        weightSpecs: [{ shape: [6], dtype: 'float32' }],
        weightData: data,
      },
      'modelArtifacts.weightSpecs[0].name must be a string, got undefined',
    ],
    [
      'a huge spec',
      { modelTopology: topology, weightSpecs: [{ ...spec, shape: [1e9, 1e9] }], weightData: data },
      'modelArtifacts.weightSpecs describe more than 1099511627776 bytes of weights',
    ],
    [
      'too little weight data',
      { modelTopology: topology, weightSpecs: [spec], weightData: new ArrayBuffer(20) },
      'modelArtifacts.weightData has 20 bytes but modelArtifacts.weightSpecs describe 24',
    ],
    [
      'specs without weight data',
      { modelTopology: topology, weightSpecs: [spec] },
      'modelArtifacts.weightData has 0 bytes but modelArtifacts.weightSpecs describe 24',
    ],
    [
      'weight data that is not bytes',
      { modelTopology: topology, weightSpecs: [spec], weightData: [new Float32Array(6)] },
      'modelArtifacts.weightData[0] must be an ArrayBuffer, got an object (Float32Array)',
    ],
    [
      'a numeric format',
      { modelTopology: topology, format: 1 },
      'modelArtifacts.format must be a string, got number 1',
    ],
    [
      'a string training config',
      { modelTopology: topology, trainingConfig: 'adam' },
      'modelArtifacts.trainingConfig must be an object, got string "adam"',
    ],
  ];

  it.each(cases)(
    'save(%s) is a DlkitError and leaves the saved model as it was',
    async (_, bad, detail) => {
      const dir = freshDir();
      const m = model(50);
      await m.save(fileSystem(dir));
      const before = snapshot(dir);
      const e = await fileSystem(dir)
        .save(bad as tf.io.ModelArtifacts)
        .catch((err: unknown) => err);
      expect(e).toBeInstanceOf(DlkitError);
      expect((e as DlkitError).message).toBe(`fileSystem.save: ${detail}`);
      expect((e as DlkitError).kind).toBe('value');
      expect((e as DlkitError).argument).toBe('modelArtifacts');
      expect(snapshot(dir)).toEqual(before);
      const loaded = await tf.loadLayersModel(fileSystem(dir));
      weightsOf(loaded).forEach((w, i) =>
        expectTensorsClose(w, weightsOf(m)[i] ?? [], { rtol: 0, atol: 0 }),
      );
      m.dispose();
      loaded.dispose();
    },
  );

  it('rejects a tensor and metadata that cannot be JSON, and creates no folder', async () => {
    const dir = freshDir();
    const t = tf.zeros([2]);
    const circular: Record<string, unknown> = {};
    circular['self'] = circular;
    for (const [bad, detail] of [
      [t, 'modelArtifacts must be a tfjs ModelArtifacts object, got an object (Tensor)'],
      [
        { modelTopology: topology, userDefinedMetadata: circular },
        'modelArtifacts cannot be written as JSON: ',
      ],
    ] as const) {
      const e = await fileSystem(dir)
        .save(bad as unknown as tf.io.ModelArtifacts)
        .catch((err: unknown) => err);
      expect(e).toBeInstanceOf(DlkitError);
      expect((e as DlkitError).message.startsWith(`fileSystem.save: ${detail}`)).toBe(true);
    }
    expect(() => readdirSync(dir)).toThrow(/ENOENT/);
    t.dispose();
  });

  const badPaths: [unknown, string][] = [
    [undefined, 'a folder or a .json file path (a string), got undefined'],
    [null, 'a folder or a .json file path (a string), got null'],
    [5, 'a folder or a .json file path (a string), got number 5'],
    [{}, 'a folder or a .json file path (a string), got an object (Object)'],
    ['', 'a non-empty path without NUL characters, got string ""'],
    ['file://', 'a non-empty path without NUL characters, got string "file://"'],
    ['a\0b', 'a non-empty path without NUL characters, got string "a\\u0000b"'],
    ['dir/.json', 'a folder or a .json file with a name before .json, got string "dir/.json"'],
  ];
  it.each(badPaths)('fileSystem(%s) is a DlkitError naming path', (path, detail) => {
    const call = (): unknown => fileSystem(path as string);
    expect(call).toThrow(DlkitError);
    expect(call).toThrow(`fileSystem: path must be ${detail}`);
  });

  const badOptions: [unknown, string][] = [
    [null, 'options must be an object, got null'],
    [4, 'options must be an object, got number 4'],
    [{ shardBytes: 0 }, 'options.shardBytes must be an integer >= 1 and <= 2147483647, got 0'],
    [{ shardBytes: 1.5 }, 'options.shardBytes must be an integer >= 1 and <= 2147483647, got 1.5'],
    [{ shardBytes: NaN }, 'options.shardBytes must be an integer >= 1 and <= 2147483647, got NaN'],
    [
      { shardBytes: '8' },
      'options.shardBytes must be an integer >= 1 and <= 2147483647, got string 8',
    ],
    [{ shards: 2 }, 'options.shards is not an option'],
  ];
  it.each(badOptions)(
    'fileSystem(dir, %o) is a DlkitError naming the option',
    (options, detail) => {
      const call = (): unknown => fileSystem(freshDir(), options as FileSystemOptions);
      expect(call).toThrow(DlkitError);
      expect(call).toThrow(`fileSystem: ${detail}`);
    },
  );

  it('names a model.json whose weightsManifest is malformed', async () => {
    const dir = freshDir();
    mkdirSync(dir, { recursive: true });
    writeFileSync(
      join(dir, 'model.json'),
      JSON.stringify({ modelTopology: {}, weightsManifest: {} }),
    );
    expect((await loadError(dir)).message).toBe(
      `fileSystem.load: ${dir}/model.json: weightsManifest must be an array, got an object (Object)`,
    );
    const weights = [{ name: 'w', shape: [2], dtype: 'float64' }];
    writeFileSync(
      join(dir, 'model.json'),
      JSON.stringify({ modelTopology: {}, weightsManifest: [{ paths: ['x.bin'], weights }] }),
    );
    writeFileSync(join(dir, 'x.bin'), new Uint8Array(16));
    expect((await loadError(dir)).message).toBe(
      `fileSystem.load: ${dir}/model.json: weightsManifest[0].weights[0].dtype is not a tfjs weight dtype, got string "float64"`,
    );
    writeFileSync(
      join(dir, 'model.json'),
      JSON.stringify({ modelTopology: {}, weightsManifest: [{ paths: [3], weights: [] }] }),
    );
    expect((await loadError(dir)).message).toBe(
      `fileSystem.load: ${dir}/model.json: weightsManifest[0].paths must be an array of file names`,
    );
  });
});
