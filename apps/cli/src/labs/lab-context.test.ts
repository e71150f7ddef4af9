// Issue 11: a lab's run called with a bad context trained on guessed defaults or threw a
// TypeError halfway (leaking its data); now it fails at once, naming `<lab id>.run`.
import { describe, expect, it } from 'vitest';
import { labs } from './index.js';

const good = { quick: true, seed: 1, outDir: '.', progress: () => undefined, log: () => undefined };

describe('every lab checks its context first', () => {
  for (const lab of labs) {
    it(`${lab.id}`, async () => {
      await expect(lab.run(undefined as never)).rejects.toThrow(
        `${lab.id}.run: context must be a LabContext object, got undefined`,
      );
      await expect(lab.run({ ...good, quick: 'yes' } as never)).rejects.toThrow(
        `${lab.id}.run: context.quick must be a boolean, got string yes`,
      );
      await expect(lab.run({ ...good, seed: -1 })).rejects.toThrow(
        `${lab.id}.run: context.seed must be an integer >= 0 and <= 4294967295, got -1`,
      );
      await expect(lab.run({ ...good, logs: 1 } as never)).rejects.toThrow(
        `${lab.id}.run: context has an unknown field logs (known: quick, seed, outDir, progress, log)`,
      );
      await expect(lab.run({ ...good, progress: 1 } as never)).rejects.toThrow(
        `${lab.id}.run: context.progress must be a function, got number 1`,
      );
    });
  }
});
