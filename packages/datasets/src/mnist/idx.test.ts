import { describe, expect, it } from 'vitest';
import { parseIdx } from './idx.js';

const header = (type: number, dims: number[]): number[] => [
  0,
  0,
  type,
  dims.length,
  ...dims.flatMap((d) => [(d >>> 24) & 255, (d >>> 16) & 255, (d >>> 8) & 255, d & 255]),
];

describe('parseIdx', () => {
  it('reads dimensions big-endian and returns a view on the values', () => {
    const bytes = new Uint8Array([...header(8, [2, 3]), 1, 2, 3, 4, 5, 255]);
    const { dims, data } = parseIdx(bytes, 'x.idx');
    expect(dims).toEqual([2, 3]);
    expect(Array.from(data)).toEqual([1, 2, 3, 4, 5, 255]);
    expect(data.buffer).toBe(bytes.buffer); // no copy
  });

  it('reads sizes above 65535 (big-endian, 4 bytes)', () => {
    const bytes = new Uint8Array(4 + 4 + 70000);
    bytes.set(header(8, [70000]));
    expect(parseIdx(bytes).dims).toEqual([70000]);
  });

  it('names the file and what is wrong when it is corrupt', () => {
    expect(() => parseIdx(new Uint8Array([0, 0]), 'a.idx')).toThrow(
      'parseIdx: a.idx is not a valid IDX file: it has 2 bytes, fewer than the 4-byte header',
    );
    expect(() => parseIdx(new Uint8Array([31, 139, 8, 0]), 'b.gz')).toThrow(
      'parseIdx: b.gz is not a valid IDX file: the magic number must start with two zero bytes, got 31 139',
    );
    expect(() => parseIdx(new Uint8Array(header(0x0d, [1]).concat([0, 0, 0, 0])), 'f.idx')).toThrow(
      'only unsigned-byte data (type 0x08) is supported, got type 0xd',
    );
    expect(() => parseIdx(new Uint8Array([...header(8, [2, 2]), 1, 2, 3]), 'c.idx')).toThrow(
      'parseIdx: c.idx is not a valid IDX file: its header declares dimensions [2, 2] (4 values) but 3 value bytes follow',
    );
    expect(() => parseIdx(new Uint8Array([0, 0, 8, 3, 0, 0]), 'd.idx')).toThrow(
      'it has 6 bytes, fewer than its 16-byte header',
    );
  });
});
