// loadPretrainedMobileNetV2 when the optional peer nsfwjs is not installed (mocked away).
import { describe, expect, it, vi } from 'vitest';
import { DlkitError } from '@dlkit/core';

vi.mock('nsfwjs/models/mobilenet_v2', () => {
  throw new Error("Cannot find package 'nsfwjs'");
});

describe('loadPretrainedMobileNetV2 without nsfwjs', () => {
  it("throws a 'dependency' DlkitError naming the package and the install command", async () => {
    const { loadPretrainedMobileNetV2 } = await import('./pretrained.js');
    const error = await loadPretrainedMobileNetV2().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DlkitError);
    expect((error as DlkitError).kind).toBe('dependency');
    expect((error as DlkitError).message).toBe(
      'loadPretrainedMobileNetV2: the pretrained MobileNetV2 comes from the optional package nsfwjs (4.x, MIT), which is not installed: run `npm install nsfwjs@^4.4.0`',
    );
  });
});
