// loadFaceRecognizer when the optional peer @vladmandic/face-api is not installed (Node's
// resolution mocked to fail as it does then).
import { describe, expect, it, vi } from 'vitest';
import { DlkitError } from '@dlkit/core';

vi.mock('node:module', () => ({
  createRequire: () => ({
    resolve: (id: string) => {
      throw Object.assign(new Error(`Cannot find module '${id}'`), { code: 'MODULE_NOT_FOUND' });
    },
  }),
}));

describe('loadFaceRecognizer without @vladmandic/face-api', () => {
  it("throws a 'dependency' DlkitError naming the package and the install command", async () => {
    const { loadFaceRecognizer } = await import('./load-face-recognizer.js');
    const error = await loadFaceRecognizer().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DlkitError);
    expect((error as DlkitError).kind).toBe('dependency');
    expect((error as DlkitError).message).toBe(
      'loadFaceRecognizer: the face networks come from the optional package @vladmandic/face-api (1.7.x, MIT), which is not installed: run `npm install @vladmandic/face-api@^1.7.15`',
    );
  });
});
