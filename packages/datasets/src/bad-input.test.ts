// Issue 11: options objects with unknown fields, and arguments of the wrong type, get a
// DlkitError naming the function (they were ignored, or threw TypeErrors).
import { describe, expect, it } from 'vitest';
import {
  Vocabulary,
  makeHandSigns,
  makeMoons,
  parseIdx,
  planarFlower,
  readGloveText,
} from './index.js';

describe('datasets reject bad arguments', () => {
  it('rejects unknown option fields and options that are not objects', () => {
    expect(() => makeMoons({ nosie: 0.1 } as never)).toThrow(
      'makeMoons: options has an unknown field nosie (known: layout, m, noise, seed, shuffle)',
    );
    expect(() => planarFlower(null as never)).toThrow(
      'planarFlower: options must be an object of options, got null',
    );
    expect(() => makeHandSigns({ layot: 'images' } as never)).toThrow(
      'makeHandSigns: options has an unknown field layot (known: trainSize, testSize, size, seed, noise, normalize, layout)',
    );
  });

  it('Vocabulary and its factories reject what is not a list of strings', () => {
    expect(() => new Vocabulary(undefined as never)).toThrow(
      'Vocabulary: tokens must be an array of strings, got undefined',
    );
    expect(() => Vocabulary.fromChars(undefined as never)).toThrow(
      'Vocabulary.fromChars: texts must be an array of strings, got undefined',
    );
    const v = new Vocabulary(['a', 'b'], 'a');
    expect(() => v.indexOf(-1 as never)).toThrow(
      'Vocabulary.indexOf: token must be a string, got number -1',
    );
    expect(() => v.decode(undefined as never)).toThrow(
      'Vocabulary.decode: indices must be an iterable of indices, got undefined',
    );
    expect(() => v.encodeBatch([['a']], 1e9, 'a')).toThrow(
      'Vocabulary.encodeBatch: length must be an integer >= 1 and <= 67108864, got 1000000000',
    );
  });

  it('parsers reject input that is not bytes or text', () => {
    expect(() => parseIdx(undefined as never)).toThrow(
      'parseIdx: bytes must be a Uint8Array, got undefined',
    );
    expect(() => readGloveText(undefined as never)).toThrow(
      'readGloveText: text must be a string, got undefined',
    );
  });
});
