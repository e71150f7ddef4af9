import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { rename } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DlkitError } from '../tensor/errors.js';
import { writeFileAtomically, type AtomicIo } from './write-file-atomically.js';

/** The DlkitError `call` rejects with, checked for its kind, function and argument. */
async function expectDlkitError(
  call: () => Promise<unknown>,
  want: { kind: string; fn: string; argument: string },
): Promise<DlkitError> {
  const e = await call().then(
    () => undefined,
    (error: unknown) => error,
  );
  expect(e).toBeInstanceOf(DlkitError);
  const error = e as DlkitError;
  expect({ kind: error.kind, fn: error.fn, argument: error.argument }).toEqual(want);
  return error;
}

const dir = mkdtempSync(join(tmpdir(), 'dlkit-atomic-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let count = 0;
const newFile = (): string => join(dir, `file-${count++}.bin`);
const leftovers = (): string[] => readdirSync(dir).filter((name) => name.endsWith('.tmp'));

/** Node's operations, failing at `step` (a torn temporary file when it is the write). */
function failingAt(step: keyof AtomicIo): AtomicIo {
  const boom = (): never => {
    throw new Error(`injected crash in ${step}`);
  };
  return {
    async writeSync(path, data) {
      if (step === 'writeSync') {
        writeFileSync(path, typeof data === 'string' ? data.slice(0, 2) : data.slice(0, 2));
        boom();
      }
      writeFileSync(path, data, { flag: 'wx' });
    },
    async rename(from, to) {
      if (step === 'rename') boom();
      await rename(from, to);
    },
    async syncDir() {
      if (step === 'syncDir') boom();
    },
    async remove(path) {
      rmSync(path, { force: true });
    },
  };
}

describe('writeFileAtomically', () => {
  it('writes text and bytes, replacing what was there, and leaves no temporary file', async () => {
    const file = newFile();
    await writeFileAtomically(file, 'old text');
    expect(readFileSync(file, 'utf8')).toBe('old text');
    await writeFileAtomically(file, new Uint8Array([1, 2, 3, 250]));
    expect([...readFileSync(file)]).toEqual([1, 2, 3, 250]);
    expect(leftovers()).toEqual([]);
  });

  it('concurrent writes to one file each land whole; the file holds one of them', async () => {
    const file = newFile();
    const texts = Array.from({ length: 8 }, (_, i) => `writer ${i} `.repeat(2000));
    await Promise.all(texts.map((text) => writeFileAtomically(file, text)));
    expect(texts).toContain(readFileSync(file, 'utf8'));
    expect(leftovers()).toEqual([]);
  });

  for (const step of ['writeSync', 'rename'] as const) {
    it(`a failure in ${step} keeps the old file, removes the temporary one and names the argument`, async () => {
      const file = newFile();
      writeFileSync(file, 'saved before');
      const e = await expectDlkitError(
        () =>
          writeFileAtomically(file, 'new contents', {
            argument: 'options.file',
            io: failingAt(step),
          }),
        { kind: 'io', fn: 'writeFileAtomically', argument: 'options.file' },
      );
      expect(e.message).toContain(`injected crash in ${step}`);
      expect(readFileSync(file, 'utf8')).toBe('saved before');
      expect(leftovers()).toEqual([]);
    });
  }

  it('a failure flushing the folder is reported after the new file is in place', async () => {
    const file = newFile();
    writeFileSync(file, 'saved before');
    await expectDlkitError(() => writeFileAtomically(file, 'new', { io: failingAt('syncDir') }), {
      kind: 'io',
      fn: 'writeFileAtomically',
      argument: 'path',
    });
    expect(readFileSync(file, 'utf8')).toBe('new');
  });

  it('an unwritable path is an io error naming the path', async () => {
    const file = join(dir, 'no-such-folder', 'x.txt');
    const e = await expectDlkitError(() => writeFileAtomically(file, 'x'), {
      kind: 'io',
      fn: 'writeFileAtomically',
      argument: 'path',
    });
    expect(e.message).toContain(file);
  });

  it('rejects a bad path, data, argument name or io before touching the disk', async () => {
    const file = newFile();
    const bad: [() => Promise<void>, string][] = [
      [() => writeFileAtomically('', 'x'), 'path'],
      [() => writeFileAtomically(file, 42 as unknown as string), 'data'],
      [() => writeFileAtomically(file, 'x', { argument: '' }), 'options.argument'],
      [() => writeFileAtomically(file, 'x', { io: {} as AtomicIo }), 'options.io'],
      [() => writeFileAtomically(file, 'x', { extra: 1 } as object), 'options.extra'],
    ];
    for (const [call, argument] of bad) {
      await expectDlkitError(call, { kind: 'value', fn: 'writeFileAtomically', argument });
    }
    expect(readdirSync(dir)).not.toContain(file.split('/').pop());
  });
});
