import { DlkitError, describeValue } from '@dlkit/core';

/** A parsed IDX file: its dimensions and its bytes (a view, not a copy). */
export interface IdxData {
  /** The dimensions, e.g. `[60000, 28, 28]` for MNIST's training images. */
  dims: number[];
  /** The values in row-major order, `dims` multiplied together long. */
  data: Uint8Array;
}

/**
 * Parses an IDX file of unsigned bytes (the format of the original MNIST files): a 4-byte magic
 * number `0x00 0x00 0x08 nDims`, `nDims` big-endian 32-bit sizes, then the values. No copy is
 * made: `data` is a view on `bytes`.
 *
 * @param bytes - The file's contents.
 * @param file - The file's name, for error messages.
 * @returns `{ dims, data }`.
 * @throws DlkitError `io` naming the file when the magic number, the type or the length is wrong.
 *
 * @example
 * ```ts
 * import { parseIdx } from '@dlkit/datasets';
 * const bytes = new Uint8Array([0, 0, 8, 1, 0, 0, 0, 3, 5, 0, 4]);
 * const { dims, data } = parseIdx(bytes, 'labels.idx');
 * console.log(dims, Array.from(data)); // [3] [5, 0, 4]
 * ```
 *
 * @category Data · MNIST
 */
export function parseIdx(bytes: Uint8Array, file = 'IDX data'): IdxData {
  const fn = 'parseIdx';
  if (!(bytes instanceof Uint8Array)) {
    throw new DlkitError('value', fn, `bytes must be a Uint8Array, got ${describeValue(bytes)}`, {
      argument: 'bytes',
    });
  }
  if (typeof file !== 'string') {
    throw new DlkitError('value', fn, `file must be a string, got ${describeValue(file)}`, {
      argument: 'file',
    });
  }
  const fail = (what: string): never => {
    throw new DlkitError('io', fn, `${file} is not a valid IDX file: ${what}`, {
      argument: 'bytes',
    });
  };
  if (bytes.length < 4) fail(`it has ${bytes.length} bytes, fewer than the 4-byte header`);
  if (bytes[0] !== 0 || bytes[1] !== 0) {
    fail(`the magic number must start with two zero bytes, got ${bytes[0]} ${bytes[1]}`);
  }
  if (bytes[2] !== 0x08) {
    fail(
      `only unsigned-byte data (type 0x08) is supported, got type 0x${(bytes[2] as number).toString(16)}`,
    );
  }
  const nDims = bytes[3] as number;
  if (nDims < 1) fail('it declares 0 dimensions');
  const header = 4 + 4 * nDims;
  if (bytes.length < header)
    fail(`it has ${bytes.length} bytes, fewer than its ${header}-byte header`);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const dims: number[] = [];
  let size = 1;
  for (let i = 0; i < nDims; i++) {
    const d = view.getUint32(4 + 4 * i, false);
    dims.push(d);
    size *= d;
  }
  if (bytes.length !== header + size) {
    fail(
      `its header declares dimensions [${dims.join(', ')}] (${size} values) but ${bytes.length - header} value bytes follow`,
    );
  }
  return { dims, data: bytes.subarray(header, header + size) };
}
