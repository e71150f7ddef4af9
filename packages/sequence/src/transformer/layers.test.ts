import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import {
  expectDlkitError,
  expectNoLeaks,
  expectTensorsClose,
  fixtureTensor,
  loadFixture,
  type FixtureTensor,
} from '@dlkit/test-harness';
import { createLookAheadMask, createPaddingMask } from './masks.js';
import { MultiHeadAttention } from './multi-head-attention.js';
import { EncoderLayer } from './encoder-layer.js';
import { Encoder } from './encoder.js';
import { DecoderLayer } from './decoder-layer.js';
import { Decoder } from './decoder.js';
import { Transformer } from './transformer.js';

type T = FixtureTensor;
interface Fixture {
  multiHeadAttention: {
    numHeads: number;
    keyDim: number;
    weights: Record<string, T>;
  } & Record<
    | 'query'
    | 'key'
    | 'value'
    | 'mask'
    | 'output'
    | 'scores'
    | 'causalMask'
    | 'selfOutput'
    | 'selfScores',
    T
  >;
  encoderLayer: {
    embeddingDim: number;
    numHeads: number;
    fullyConnectedDim: number;
    weights: Record<string, T>;
  } & Record<'x' | 'mask' | 'output', T>;
  decoderLayer: {
    embeddingDim: number;
    numHeads: number;
    fullyConnectedDim: number;
    weights: Record<string, T>;
  } & Record<
    | 'x'
    | 'encOutput'
    | 'lookAheadMask'
    | 'paddingMask'
    | 'out3'
    | 'attnWeightsBlock1'
    | 'attnWeightsBlock2',
    T
  >;
  encoder: {
    numLayers: number;
    embeddingDim: number;
    numHeads: number;
    fullyConnectedDim: number;
    inputVocabSize: number;
    maximumPositionEncoding: number;
    weights: Record<string, T>;
  } & Record<'ids' | 'mask' | 'output', T>;
}
const fx = loadFixture<Fixture>('sequence_transformer');
const CLOSE = { rtol: 1e-4, atol: 1e-5 };

/** Loads PyTorch's mapped weights into a built layer by name (`<layer>/<path>`), all of them. */
function setWeightsByName(layer: tf.layers.Layer, weights: Record<string, T>): void {
  const names = layer.weights.map((w) => w.originalName.slice(layer.name.length + 1));
  expect(names.slice().sort()).toEqual(Object.keys(weights).sort());
  const values = names.map((n) => fixtureTensor(weights[n]!));
  layer.setWeights(values);
  tf.dispose(values);
}

const t = fixtureTensor;

describe('MultiHeadAttention', () => {
  const c = fx.multiHeadAttention;
  const make = (): MultiHeadAttention => {
    const mha = new MultiHeadAttention({ numHeads: c.numHeads, keyDim: c.keyDim, seed: 1 });
    tf.tidy(() => {
      mha.apply([t(c.query), t(c.value), t(c.key)]);
    });
    setWeightsByName(mha, c.weights);
    return mha;
  };

  it('equals PyTorch nn.MultiheadAttention with mapped weights (cross-attention with a padding mask)', () => {
    const mha = make();
    tf.tidy(() => {
      const [out, scores] = mha.apply([t(c.query), t(c.value), t(c.key)], {
        attentionMask: t(c.mask),
        returnAttentionScores: true,
      }) as tf.Tensor[];
      expectTensorsClose(out!, t(c.output), CLOSE);
      expectTensorsClose(scores!, t(c.scores), CLOSE);
    });
    mha.dispose();
  });

  it('equals PyTorch for causal self-attention (look-ahead mask), through attend', () => {
    const mha = make();
    tf.tidy(() => {
      const q = t(c.query);
      const r = mha.attend(q, q, { key: q, attentionMask: t(c.causalMask) });
      expectTensorsClose(r.attentionOutput, t(c.selfOutput), CLOSE);
      expectTensorsClose(r.attentionScores, t(c.selfScores), CLOSE);
    });
    mha.dispose();
  });

  it('has scores that sum to 1 over the keys, ~0 on masked keys, and masked values do not matter', () => {
    const mha = make();
    tf.tidy(() => {
      const [q, k, v, mask] = [c.query, c.key, c.value, c.mask].map(t) as tf.Tensor[];
      const r = mha.attend(q!, v!, { key: k!, attentionMask: mask! });
      expectTensorsClose(tf.sum(r.attentionScores, -1), tf.ones([2, c.numHeads, 3]), {
        atol: 1e-5,
      });
      // Example 0 attends to its first 2 keys only.
      expect(
        tf.max(r.attentionScores.slice([0, 0, 0, 2], [1, -1, -1, 2])).dataSync()[0],
      ).toBeLessThan(1e-12);
      const shift = tf.concat([tf.zeros([1, 2, 8]), tf.fill([1, 2, 8], 30)], 1);
      const v2 = tf.add(v!, tf.concat([shift, tf.zeros([1, 4, 8])], 0));
      const r2 = mha.attend(q!, v2, {
        key: tf.add(k!, tf.concat([shift, tf.zeros([1, 4, 8])], 0)),
        attentionMask: mask!,
      });
      expectTensorsClose(r2.attentionOutput, r.attentionOutput, { atol: 1e-5 });
    });
    mha.dispose();
  });

  it('returns the documented tensors and leaks nothing', async () => {
    const mha = make();
    const q = t(c.query);
    const mask = t(c.causalMask);
    expect(await expectNoLeaks(() => mha.apply(q, { attentionMask: mask }) as tf.Tensor)).toBe(1);
    expect(
      await expectNoLeaks(() => {
        const r = mha.attend(q, q, { attentionMask: mask });
        return [r.attentionOutput, r.attentionScores];
      }),
    ).toBe(2);
    tf.dispose([q, mask]);
    mha.dispose();
  });

  it('rejects a mask that does not broadcast to the scores, and bad arguments', () => {
    const mha = make();
    tf.tidy(() => {
      const q = t(c.query);
      expectDlkitError(
        () => mha.attend(q, q, { attentionMask: tf.ones([2, 1, 4]) }),
        'MultiHeadAttention.attend: options.attentionMask must broadcast to the attention scores [2, 2, 3, 3], got [2, 1, 1, 4]',
      );
      expectDlkitError(
        () => mha.apply([q, tf.zeros([3, 4, 8])]),
        'MultiHeadAttention.apply: value must have shape [batch, S, dValue] with batch = 2 (from query), got [3, 4, 8]',
      );
      expectDlkitError(
        () => mha.apply([q, tf.ones([2, 4, 8])], { attentionMask: tf.ones([2, 3, 5]) }),
        'MultiHeadAttention.apply: kwargs.attentionMask must broadcast to the attention scores [2, 2, 3, 4], got [2, 1, 3, 5]',
      );
      expectDlkitError(
        () => mha.attend(q, tf.tensor3d([[[NaN, 0, 0, 0, 0, 0, 0, 0]]])),
        /MultiHeadAttention.attend: value must be finite, got NaN/,
      );
      expectDlkitError(
        () => mha.attend(q, tf.zeros([2, 4, 5])),
        'MultiHeadAttention.attend: value must have shape [*, *, 8], got [2, 4, 5]',
      );
    });
    expectDlkitError(
      () => new MultiHeadAttention({ numHeads: 0, keyDim: 4 }),
      /MultiHeadAttention: args.numHeads must be an integer >= 1/,
    );
    mha.dispose();
  });
});

describe('EncoderLayer', () => {
  const c = fx.encoderLayer;
  it('equals PyTorch nn.TransformerEncoderLayer (post-norm, relu, eps 1e-6) with mapped weights', () => {
    const layer = new EncoderLayer(c.embeddingDim, c.numHeads, c.fullyConnectedDim, 0.1, 1e-6, {
      seed: 1,
    });
    tf.tidy(() => {
      layer.apply(t(c.x));
    });
    setWeightsByName(layer, c.weights);
    tf.tidy(() => expectTensorsClose(layer.forward(t(c.x), false, t(c.mask)), t(c.output), CLOSE));
    layer.dispose();
  });

  it('leaks nothing, also while training with dropout', async () => {
    const layer = new EncoderLayer(8, 2, 16, 0.5, 1e-6, { seed: 1 });
    const x = tf.randomNormal([2, 5, 8], 0, 1, 'float32', 1);
    const mask = tf.ones([2, 1, 5]);
    layer.forward(x).dispose();
    expect(await expectNoLeaks(() => layer.forward(x, true, mask))).toBe(1);
    expect(await expectNoLeaks(() => layer.apply(x, { attentionMask: mask }) as tf.Tensor)).toBe(1);
    tf.dispose([x, mask]);
    layer.dispose();
  });

  it('rejects a numHeads that does not divide embeddingDim, and a mask that does not broadcast', () => {
    expectDlkitError(
      () => new EncoderLayer(10, 3, 16),
      'EncoderLayer: numHeads must divide embeddingDim (each head gets embeddingDim / numHeads), got embeddingDim = 10 and numHeads = 3; or give options.keyDim',
    );
    const layer = new EncoderLayer(10, 3, 16, 0.1, 1e-6, { keyDim: 10 });
    tf.tidy(() => {
      const x = tf.zeros([2, 4, 10]);
      expect(layer.forward(x).shape).toEqual([2, 4, 10]);
      expectDlkitError(
        () => layer.forward(x, false, tf.ones([2, 1, 5])),
        'EncoderLayer.forward: mask must broadcast to the attention scores [2, 3, 4, 4], got [2, 1, 1, 5]',
      );
      expectDlkitError(
        () => layer.forward(tf.zeros([2, 4, 8])),
        /EncoderLayer.forward: x must have shape \[batch, seqLen, 10\]/,
      );
    });
    layer.dispose();
  });
});

describe('DecoderLayer', () => {
  const c = fx.decoderLayer;
  it('equals PyTorch nn.TransformerDecoderLayer with mapped weights, with both blocks’ attention weights', () => {
    const layer = new DecoderLayer(c.embeddingDim, c.numHeads, c.fullyConnectedDim, 0.1, 1e-6, {
      seed: 1,
    });
    tf.tidy(() => {
      layer.apply([t(c.x), t(c.encOutput)]);
    });
    setWeightsByName(layer, c.weights);
    tf.tidy(() => {
      const r = layer.forward(t(c.x), t(c.encOutput), false, t(c.lookAheadMask), t(c.paddingMask));
      expectTensorsClose(r.out3, t(c.out3), CLOSE);
      expectTensorsClose(r.attnWeightsBlock1, t(c.attnWeightsBlock1), CLOSE);
      expectTensorsClose(r.attnWeightsBlock2, t(c.attnWeightsBlock2), CLOSE);
    });
    layer.dispose();
  });

  it('returns three tensors from forward, one from apply, and leaks nothing', async () => {
    const layer = new DecoderLayer(8, 2, 16, 0.2, 1e-6, { seed: 2 });
    const x = tf.randomNormal([1, 3, 8], 0, 1, 'float32', 1);
    const enc = tf.randomNormal([1, 4, 8], 0, 1, 'float32', 2);
    const la = createLookAheadMask(3);
    tf.dispose(Object.values(layer.forward(x, enc)));
    expect(await expectNoLeaks(() => Object.values(layer.forward(x, enc, true, la, null)))).toBe(3);
    expect(
      await expectNoLeaks(() => layer.apply([x, enc], { lookAheadMask: la }) as tf.Tensor),
    ).toBe(1);
    tf.dispose([x, enc, la]);
    layer.dispose();
  });
});

describe('Encoder', () => {
  const c = fx.encoder;
  it('equals PyTorch (embedding · sqrt(d) + positional encoding, then the encoder layers) with mapped weights', () => {
    const encoder = new Encoder(
      c.numLayers,
      c.embeddingDim,
      c.numHeads,
      c.fullyConnectedDim,
      c.inputVocabSize,
      c.maximumPositionEncoding,
      0.1,
      1e-6,
      { seed: 1 },
    );
    const ids = t({ ...c.ids, dtype: 'int32' });
    tf.tidy(() => {
      encoder.apply(ids);
    });
    setWeightsByName(encoder, c.weights);
    tf.tidy(() => {
      const mask = createPaddingMask(ids);
      expectTensorsClose(mask, t(c.mask));
      expectTensorsClose(encoder.forward(ids, false, mask), t(c.output), CLOSE);
    });
    ids.dispose();
    encoder.dispose();
  });

  it('rejects ids outside the vocabulary and sequences longer than the positional encoding', () => {
    const encoder = new Encoder(1, 4, 2, 8, 5, 3, 0, 1e-6, { seed: 1 });
    tf.tidy(() => {
      expectDlkitError(
        () => encoder.forward(tf.tensor2d([[1, 5]], undefined, 'int32')),
        'Encoder.forward: x must hold token ids in [0, 4], got 5 at flat index 1',
      );
      expectDlkitError(
        () => encoder.forward(tf.tensor2d([[1, 2, 3, 4]], undefined, 'int32')),
        /Encoder.forward: x must have between 1 and 3 positions/,
      );
    });
    // Never built (every call was rejected), so there is nothing to dispose.
  });
});

describe('Decoder and Transformer', () => {
  it("Decoder returns x and the notebook's attention-weight dictionary, and leaks nothing", async () => {
    const decoder = new Decoder(2, 8, 2, 16, 9, 6, 0.1, 1e-6, { seed: 3 });
    const ids = tf.tensor2d(
      [
        [1, 4, 2],
        [1, 8, 0],
      ],
      undefined,
      'int32',
    );
    const enc = tf.randomNormal([2, 5, 8], 0, 1, 'float32', 4);
    const la = createLookAheadMask(3);
    const first = decoder.forward(ids, enc, false, la, null);
    expect(Object.keys(first.attentionWeights)).toEqual([
      'decoder_layer1_block1_self_att',
      'decoder_layer1_block2_decenc_att',
      'decoder_layer2_block1_self_att',
      'decoder_layer2_block2_decenc_att',
    ]);
    expect(first.attentionWeights['decoder_layer2_block2_decenc_att']!.shape).toEqual([2, 2, 3, 5]);
    tf.dispose([first.x, ...Object.values(first.attentionWeights)]);
    expect(
      await expectNoLeaks(() => {
        const r = decoder.forward(ids, enc, true, la, null);
        return [r.x, ...Object.values(r.attentionWeights)];
      }),
    ).toBe(5);
    tf.dispose([ids, enc, la]);
    decoder.dispose();
  });

  it('Transformer: probabilities per position; the look-ahead mask keeps later target tokens from earlier outputs', () => {
    const model = new Transformer(2, 8, 2, 16, 10, 7, 8, 6, 0.1, 1e-6, { seed: 5 });
    tf.tidy(() => {
      const source = tf.tensor2d([[3, 4, 5, 6, 0]], undefined, 'int32');
      const pad = createPaddingMask(source);
      const la = createLookAheadMask(4);
      const a = model.forward(
        source,
        tf.tensor2d([[1, 2, 3, 4]], undefined, 'int32'),
        false,
        pad,
        la,
        pad,
      );
      const b = model.forward(
        source,
        tf.tensor2d([[1, 2, 6, 5]], undefined, 'int32'),
        false,
        pad,
        la,
        pad,
      );
      expectTensorsClose(tf.sum(a.finalOutput, -1), tf.ones([1, 4]), { atol: 1e-5 });
      // Positions 0 and 1 cannot see target tokens 2 and 3 ...
      expectTensorsClose(
        b.finalOutput.slice([0, 0, 0], [1, 2, 7]),
        a.finalOutput.slice([0, 0, 0], [1, 2, 7]),
        {
          atol: 1e-6,
        },
      );
      // ... position 2 can.
      const diff = tf.abs(
        tf.sub(
          b.finalOutput.slice([0, 2, 0], [1, 1, 7]),
          a.finalOutput.slice([0, 2, 0], [1, 1, 7]),
        ),
      );
      expect(tf.max(diff).dataSync()[0]).toBeGreaterThan(1e-4);
      // The padded source token gets no encoder-decoder attention.
      const w = a.attentionWeights['decoder_layer1_block2_decenc_att']!;
      expect(tf.max(w.slice([0, 0, 0, 4], [1, -1, -1, 1])).dataSync()[0]).toBeLessThan(1e-12);
    });
    model.dispose();
  });

  it('Transformer.forward returns 1 + 2·numLayers tensors and leaks nothing', async () => {
    const model = new Transformer(1, 4, 1, 8, 6, 6, 5, 5, 0.1, 1e-6, { seed: 1 });
    const s = tf.tensor2d([[1, 2, 3]], undefined, 'int32');
    const g = tf.tensor2d([[1, 4]], undefined, 'int32');
    const first = model.forward(s, g);
    tf.dispose([first.finalOutput, ...Object.values(first.attentionWeights)]);
    expect(
      await expectNoLeaks(() => {
        const r = model.forward(s, g, true);
        return [r.finalOutput, ...Object.values(r.attentionWeights)];
      }),
    ).toBe(3);
    expect(await expectNoLeaks(() => model.apply([s, g]) as tf.Tensor)).toBe(1);
    tf.dispose([s, g]);
    model.dispose();
  });
});

describe('serialization', () => {
  it('saves and loads a tf.model holding MultiHeadAttention, EncoderLayer and a Transformer', async () => {
    const x = tf.input({ shape: [5, 8] });
    const encoded = new EncoderLayer(8, 2, 16, 0.1, 1e-6, { seed: 1 }).apply(
      x,
    ) as tf.SymbolicTensor;
    const attended = new MultiHeadAttention({
      numHeads: 2,
      keyDim: 3,
      outputShape: 6,
      seed: 2,
    }).apply([encoded, x]) as tf.SymbolicTensor;
    const source = tf.input({ shape: [5], dtype: 'int32' });
    const target = tf.input({ shape: [3], dtype: 'int32' });
    const probs = new Transformer(1, 8, 2, 16, 9, 7, 5, 3, 0.1, 1e-6, { seed: 3 }).apply([
      source,
      target,
    ]) as tf.SymbolicTensor;
    const model = tf.model({ inputs: [x, source, target], outputs: [attended, probs] });

    let saved: tf.io.ModelArtifacts | undefined;
    await model.save(
      tf.io.withSaveHandler(async (artifacts) => {
        saved = artifacts;
        return { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON' } };
      }),
    );
    const loaded = await tf.loadLayersModel(tf.io.fromMemory(saved!));
    expect(loaded.layers.map((l) => l.getClassName())).toEqual(
      expect.arrayContaining(['DlkitEncoderLayer', 'DlkitMultiHeadAttention', 'DlkitTransformer']),
    );
    expect(loaded.weights.length).toBe(model.weights.length);
    tf.tidy(() => {
      const inputs = [
        tf.randomNormal([2, 5, 8], 0, 1, 'float32', 7),
        tf.tensor2d(
          [
            [1, 2, 3, 0, 0],
            [4, 5, 6, 7, 8],
          ],
          undefined,
          'int32',
        ),
        tf.tensor2d(
          [
            [1, 2, 3],
            [1, 6, 0],
          ],
          undefined,
          'int32',
        ),
      ];
      const before = model.predict(inputs) as tf.Tensor[];
      const after = loaded.predict(inputs) as tf.Tensor[];
      expect(before[0]!.shape).toEqual([2, 5, 6]);
      expect(before[1]!.shape).toEqual([2, 3, 7]);
      expectTensorsClose(after[0]!, before[0]!, { atol: 1e-6 });
      expectTensorsClose(after[1]!, before[1]!, { atol: 1e-6 });
    });
    model.dispose();
    loaded.dispose();
  });
});
