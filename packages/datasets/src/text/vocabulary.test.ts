import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { expectNoLeaks, fc } from '@dlkit/test-harness';
import { Vocabulary } from './vocabulary.js';

describe('Vocabulary', () => {
  it("orders characters like Python's sorted(set(data)): '\\n' first, then letters", () => {
    const v = Vocabulary.fromChars(['abc\n', 'zebra\n']);
    expect(v.indexToToken).toEqual(['\n', 'a', 'b', 'c', 'e', 'r', 'z']);
    expect(v.tokenToIndex.get('\n')).toBe(0);
    expect(v.tokenToIndex.get('z')).toBe(6);
    expect(v.size).toBe(7);
  });

  it('round-trips any text over its characters (property)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.string({ minLength: 1 }), { minLength: 1, maxLength: 5 }),
        (texts) => {
          const v = Vocabulary.fromChars(texts);
          for (const t of texts) expect(v.decode(v.encode(t))).toBe(t);
        },
      ),
    );
  });

  it('builds word vocabularies and decodes with a separator', () => {
    const v = Vocabulary.fromWords(['i love you', 'you love food'], { specials: ['<pad>'] });
    expect(v.indexToToken).toEqual(['food', 'i', 'love', 'you', '<pad>']);
    expect(v.decode(v.encode(['you', 'love', 'food']), ' ')).toBe('you love food');
  });

  it('maps unknown tokens to the unknown token, or throws without one', () => {
    const v = Vocabulary.fromChars(['ab'], { specials: ['<unk>', '<pad>'], unknown: '<unk>' });
    expect(v.encode('axb')).toEqual([0, 2, 1]);
    expect(() => Vocabulary.fromChars(['ab']).indexOf('x')).toThrow(
      'Vocabulary.indexOf: token "x" is not in the vocabulary',
    );
    expect(() => v.decode([7])).toThrow('Vocabulary.decode: index 7 is outside [0, 4)');
    expect(() => new Vocabulary(['a', 'a'])).toThrow(
      'Vocabulary: tokens must be unique, got "a" twice',
    );
    expect(() => new Vocabulary(['a'], '<unk>')).toThrow(
      'Vocabulary: unknown token "<unk>" is not among the tokens',
    );
  });

  it('encodes a padded int32 batch [m, length], truncating long sequences', () => {
    const v = Vocabulary.fromChars(['abc'], { specials: ['<pad>'] });
    const t = v.encodeBatch(['ab', 'cabca'], 3, '<pad>');
    expect(t.shape).toEqual([2, 3]);
    expect(t.dtype).toBe('int32');
    expect(t.arraySync()).toEqual([
      [0, 1, 3],
      [2, 0, 1],
    ]);
    t.dispose();
    expect(() => v.encodeBatch(['a'], 2, '<eos>')).toThrow(
      'Vocabulary.encodeBatch: padToken "<eos>" is not in the vocabulary',
    );
  });

  it('returns exactly one tensor from encodeBatch', async () => {
    const v = Vocabulary.fromChars(['ab'], { specials: ['<pad>'] });
    expect(await expectNoLeaks(() => v.encodeBatch(['a', 'b'], 4, '<pad>'))).toBe(1);
    expect(tf.memory().numTensors).toBeGreaterThanOrEqual(0);
  });
});
