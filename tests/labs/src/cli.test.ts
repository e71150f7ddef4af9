import { describe, expect, it } from 'vitest';
import { labs, parseOptions } from './cli.js';
import { progressBar } from './progress.js';

describe('lab CLI', () => {
  it('knows the course-1 labs', () => {
    expect(Object.keys(labs)).toEqual(['planar-flower', 'hidden-layer-sweep', 'image-classifier']);
  });

  it('parses --name=value options, numbers as numbers', () => {
    expect(parseOptions(['--nH=5', '--numIterations=1e3', '--name=x'])).toEqual({
      nH: 5,
      numIterations: 1000,
      name: 'x',
    });
    expect(() => parseOptions(['nH=5'])).toThrow(
      'lab: cannot read option nH=5; write --name=value',
    );
  });

  it('draws a progress bar that reaches 100%', () => {
    const out: string[] = [];
    const bar = progressBar('nH=4', (t) => out.push(t));
    bar(0, 0.69, 4);
    bar(3, 0.25, 4);
    expect(out.join('')).toContain('nH=4 [##############################] 100% cost 0.250000');
  });
});
