// scripts/check.mjs's reading of vitest's JSON results, on a results file that vitest itself
// writes for a small project with passing, failing, skipped and todo tests.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closingLine, countResults } from '../../../scripts/vitest-results.mjs';

const root = fileURLToPath(new URL('../../..', import.meta.url));
const project = mkdtempSync(join(tmpdir(), 'dlkit-summary-'));
afterAll(() => rmSync(project, { recursive: true, force: true }));

const sample = `
import { describe, expect, it } from 'vitest';
describe('group', () => {
  it('passes', () => expect(1).toBe(1));
  it('fails', () => expect(1).toBe(2));
  it.skip('is skipped', () => {});
  it.skipIf(true)('is skipped by a condition', () => {});
  it.todo('is still to do');
  it('skips itself', (ctx) => ctx.skip());
});
`;

let results: unknown;
beforeAll(() => {
  writeFileSync(join(project, 'sample.test.mjs'), sample);
  writeFileSync(join(project, 'vitest.config.mjs'), 'export default {};\n');
  symlinkSync(join(root, 'node_modules'), join(project, 'node_modules'));
  const out = join(project, 'results.json');
  const run = spawnSync(
    'node',
    [
      join(root, 'node_modules', 'vitest', 'vitest.mjs'),
      'run',
      '--reporter=json',
      `--outputFile=${out}`,
    ],
    { cwd: project, encoding: 'utf8' },
  );
  expect(run.status, run.stderr).toBe(1); // one test fails on purpose
  results = JSON.parse(readFileSync(out, 'utf8'));
}, 600_000);

describe('countResults', () => {
  it('counts passed, failed and every kind of skipped test, with their names', () => {
    const counts = countResults(results);
    expect(counts).toMatchObject({ passed: 1, failed: 1, skipped: 4 });
    expect(counts.skippedNames.sort()).toEqual([
      'group is skipped',
      'group is skipped by a condition',
      'group is still to do',
      'group skips itself',
    ]);
  });

  it('reads a file with no tests as all zeros', () => {
    expect(countResults({ testResults: [] })).toEqual({
      passed: 0,
      failed: 0,
      skipped: 0,
      skippedNames: [],
    });
  });
});

describe('closingLine', () => {
  it('is exactly the line README.md and .ci/run promise', () => {
    expect(closingLine({ passed: 3, failed: 1, skipped: 2 })).toBe(
      'dlkit: 3 passed, 1 failed, 2 skipped',
    );
    const readme = readFileSync(join(root, 'README.md'), 'utf8');
    expect(readme).toContain('`dlkit: N passed, N failed, N skipped`');
    expect(readFileSync(join(root, '.ci', 'run'), 'utf8')).toContain(
      '`dlkit: N passed, N failed, N skipped`',
    );
  });
});
