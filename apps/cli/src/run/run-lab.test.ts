import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DlkitError } from '@dlkit/core';
import type { Lab, LabResult } from '../labs/lab.js';
import { lineChartSpec } from '../plots/index.js';
import { runLab } from './run-lab.js';

const root = mkdtempSync(join(tmpdir(), 'dlkit-runlab-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

/** A lab that returns what `result` gives, seeing its context. */
function fakeLab(result: (context: Parameters<Lab['run']>[0]) => LabResult): Lab {
  return { id: 'fake-lab', course: 2, week: 1, title: 'a fake lab', run: async (c) => result(c) };
}

describe('runLab', () => {
  it('passes quick and seed, makes the folder, writes plots, figures and the lab files', async () => {
    const outDir = join(root, 'a', 'b');
    const run = await runLab(
      fakeLab((c) => {
        writeFileSync(join(c.outDir, 'model.json'), '{}');
        c.log('hello');
        c.progress({ label: 'x', step: 1, total: 1 });
        return {
          figures: { seed: c.seed, quick: String(c.quick) },
          plots: [
            {
              name: 'curve',
              spec: lineChartSpec([{ name: 'a', x: [0, 1], y: [2, 1] }], { x: 'x', y: 'y' }),
            },
          ],
          files: ['model.json'],
        };
      }),
      { quick: true, seed: 42, outDir },
    );
    expect(run.outDir).toBe(outDir);
    expect(run.figures).toEqual({ seed: 42, quick: 'true' });
    expect(run.artefacts).toEqual(['model.json', 'curve.vl.json', 'curve.svg', 'figures.json']);
    for (const f of run.artefacts) expect(existsSync(join(outDir, f)), f).toBe(true);
    const summary = JSON.parse(readFileSync(join(outDir, 'figures.json'), 'utf8'));
    expect(summary).toMatchObject({ lab: 'fake-lab', quick: true, seed: 42, figures: run.figures });
    expect(summary.seconds).toBeGreaterThanOrEqual(0);
  });

  it('defaults: seed 1, not quick, ./dlkit-out/<lab>', async () => {
    const cwd = process.cwd();
    process.chdir(root);
    try {
      const run = await runLab(
        fakeLab((c) => ({
          figures: { seed: c.seed, quick: String(c.quick) },
          plots: [],
          files: [],
        })),
      );
      expect(run.figures).toEqual({ seed: 1, quick: 'false' });
      expect(run.outDir).toBe(join(process.cwd(), 'dlkit-out', 'fake-lab'));
    } finally {
      process.chdir(cwd);
    }
  });

  it('rejects a lab whose figures are not finite or whose plot names are not file names', async () => {
    const outDir = join(root, 'bad');
    await expect(
      runLab(
        fakeLab(() => ({ figures: { a: NaN }, plots: [], files: [] })),
        { outDir },
      ),
    ).rejects.toThrow(
      'runLab: lab fake-lab returned figure a = NaN, not a finite number or a string',
    );
    const spec = lineChartSpec([{ name: 'a', x: [0], y: [1] }], { x: 'x', y: 'y' });
    await expect(
      runLab(
        fakeLab(() => ({ figures: {}, plots: [{ name: '../up', spec }], files: [] })),
        { outDir },
      ),
    ).rejects.toThrow("runLab: lab fake-lab returned a bad plot name '../up'");
  });

  it.each([
    [null, {}, 'runLab: lab must be an object, got null'],
    [
      { id: 'Bad Id', run: () => undefined },
      {},
      'runLab: lab must be a Lab (an id in kebab-case and a run function)',
    ],
    ['lab', {}, 'runLab: lab must be an object, got string'],
    [
      undefined,
      { seed: -1 },
      'runLab: options.seed must be an integer >= 0 and <= 4294967295, got -1',
    ],
    [undefined, { seed: 1.5 }, 'runLab: options.seed must be an integer'],
    [undefined, { quick: 'yes' }, 'runLab: options.quick must be a boolean, got string'],
    [undefined, { outDir: 3 }, 'runLab: options.outDir must be a folder path, got number'],
    [undefined, { progress: 'x' }, 'runLab: options.progress must be a function, got string'],
    [undefined, null, 'runLab: options must be an object, got null'],
  ])('rejects bad input %#', async (lab, options, message) => {
    const given = lab === undefined ? fakeLab(() => ({ figures: {}, plots: [], files: [] })) : lab;
    const p = runLab(given as Lab, options as never);
    await expect(p).rejects.toThrow(DlkitError);
    await expect(p).rejects.toThrow(message);
  });

  it('reports an output folder it cannot make as an io error', async () => {
    const file = join(root, 'a-file');
    writeFileSync(file, '');
    const p = runLab(
      fakeLab(() => ({ figures: {}, plots: [], files: [] })),
      { outDir: join(file, 'sub') },
    );
    await expect(p).rejects.toMatchObject({ kind: 'io', fn: 'runLab', argument: 'options.outDir' });
  });
});
