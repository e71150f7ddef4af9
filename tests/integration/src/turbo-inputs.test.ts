// turbo caches each project's test run by the hash of its inputs: a file a test reads but the
// inputs leave out lets a cached green result outlive the change that would break it.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../../..', import.meta.url));

interface DryTask {
  taskId: string;
  task: string;
  directory: string;
  inputs: Record<string, string>;
}

/** The files (relative to the repository root) each test task's cache key is made of. */
function testInputs(): Map<string, string[]> {
  const run = spawnSync(
    'pnpm',
    ['exec', 'turbo', 'run', 'test', '--dry=json', '--filter=@dlkit/*'],
    { cwd: root, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 },
  );
  expect(run.status, run.stderr).toBe(0);
  const tasks = (JSON.parse(run.stdout) as { tasks: DryTask[] }).tasks;
  return new Map(
    tasks
      .filter((t) => t.task === 'test')
      .map((t) => [
        t.taskId,
        Object.keys(t.inputs).map((f) => join(t.directory, f).replace(/\\/g, '/')),
      ]),
  );
}

describe('turbo test inputs', () => {
  const inputs = testInputs();

  it('exist for every vitest project', () => {
    expect([...inputs.keys()]).toEqual(
      expect.arrayContaining([
        '@dlkit/core#test',
        '@dlkit/integration#test',
        '@dlkit/consumer#test',
      ]),
    );
  });

  it.each(['docs/', 'scripts/', '.changeset/', 'tests/harness/src/', 'tests/fixtures/'])(
    'of every package outside tests/consumer include %s',
    (dir) => {
      for (const [task, files] of inputs) {
        if (task === '@dlkit/consumer#test') continue;
        expect(
          files.some((f) => f.startsWith(dir)),
          `${task} leaves out ${dir}`,
        ).toBe(true);
      }
    },
  );

  it("of the consumer test include every package's README, which it packs and runs", () => {
    const files = inputs.get('@dlkit/consumer#test')!;
    for (const pkg of [
      'core',
      'optimizers',
      'strategy',
      'cnn',
      'sequence',
      'backend',
      'datasets',
    ]) {
      expect(files, pkg).toContain(`packages/${pkg}/README.md`);
    }
  });
});
