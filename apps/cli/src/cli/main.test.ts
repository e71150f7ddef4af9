import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { labs } from '../labs/index.js';
import { EXIT, listLabs, main, USAGE } from './main.js';

const root = mkdtempSync(join(tmpdir(), 'dlkit-cli-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
const packageDir = fileURLToPath(new URL('../..', import.meta.url));

/** Runs `dlkit argv` in this process with captured outputs. */
async function dlkit(...argv: string[]) {
  const stdout: string[] = [];
  const stderr: string[] = [];
  let backend = 0;
  const code = await main(argv, {
    stdout: { write: (t: string) => stdout.push(t) },
    stderr: { write: (t: string) => stderr.push(t) },
    setupBackend: async () => {
      backend++;
      return 'test-backend';
    },
  });
  return { code, stdout: stdout.join(''), stderr: stderr.join(''), backend };
}

describe('dlkit labs', () => {
  it('lists every lab under its course and week', async () => {
    const { code, stdout } = await dlkit('labs');
    expect(code).toBe(EXIT.ok);
    const lines = stdout.trimEnd().split('\n');
    expect(lines[0]).toBe('Course 1 · Neural Networks and Deep Learning');
    for (const lab of labs) {
      const at = lines.findIndex((l) => l.trim().startsWith(`${lab.id} `));
      expect(at, lab.id).toBeGreaterThan(0);
      expect(lines[at]).toContain(lab.title);
      // The nearest week heading above the lab is its own.
      const heading = lines
        .slice(0, at)
        .reverse()
        .find((l) => /^ {2}C\d W\d$/.test(l));
      expect(heading?.trim(), lab.id).toBe(`C${lab.course} W${lab.week}`);
    }
    expect(lines.filter((l) => l.startsWith('    '))).toHaveLength(labs.length);
  });

  it('groups labs of several courses, sorted by course then week', () => {
    const lab = (id: string, course: 1 | 2, week: 1 | 2 | 3) => ({
      id,
      course,
      week,
      title: id,
      run: async () => ({ figures: {}, plots: [], files: [] }),
    });
    const text = listLabs([lab('c', 2, 1), lab('a', 1, 3), lab('b', 1, 2)]);
    expect(text).toBe(
      [
        'Course 1 · Neural Networks and Deep Learning',
        '  C1 W2',
        '    b  b',
        '  C1 W3',
        '    a  a',
        '',
        'Course 2 · Improving Deep Neural Networks',
        '  C2 W1',
        '    c  c',
        '',
      ].join('\n'),
    );
  });
});

describe('dlkit bad usage', () => {
  it.each([
    [[], 'dlkit: no command'],
    [['train'], "dlkit: unknown command 'train'"],
    [['labs', 'extra'], "dlkit: unknown command 'labs extra'"],
    [['run'], 'dlkit: dlkit run needs the name of a lab'],
    [['run', 'planar-flower', 'more'], "dlkit: unexpected argument 'more'"],
    [['run', 'planar-flower', '--fast'], "Unknown option '--fast'"],
    [
      ['run', 'planar-flower', '--seed', 'x'],
      "dlkit: --seed must be an integer from 0 to 4294967295, got 'x'",
    ],
    [['run', 'planar-flower', '--seed', '-1'], "dlkit: Option '--seed' argument is ambiguous"],
    [['run', 'planar-flower', '--out'], "Option '--out <value>' argument missing"],
  ])('dlkit %j exits 2 with the usage', async (argv, message) => {
    const r = await dlkit(...argv);
    expect(r.code).toBe(EXIT.usage);
    expect(r.stderr).toContain(message);
    expect(r.stderr).toContain(USAGE);
    expect(r.backend).toBe(0);
  });

  it('an unknown lab exits 2 and lists the labs', async () => {
    const r = await dlkit('run', 'planar-flowr');
    expect(r.code).toBe(EXIT.usage);
    expect(r.stderr).toContain("dlkit: unknown lab 'planar-flowr'. The labs:");
    expect(r.stderr).toContain(listLabs());
  });

  it('--help prints the usage and exits 0', async () => {
    const r = await dlkit('--help');
    expect([r.code, r.stdout]).toEqual([EXIT.ok, USAGE]);
  });
});

describe('the dlkit binary', () => {
  it('runs planar-flower --quick as a child process: plain progress lines, figures, artefacts', () => {
    const out = join(root, 'pf');
    const r = spawnSync(
      process.execPath,
      [
        '--conditions=@dlkit/source',
        '--import',
        'tsx',
        'src/bin.ts',
        'run',
        'planar-flower',
        '--quick',
        '--seed',
        '1',
        '--out',
        out,
      ],
      { cwd: packageDir, encoding: 'utf8', timeout: 590_000 },
    );
    expect(r.status, r.stderr).toBe(0);
    const summary = JSON.parse(readFileSync(join(out, 'figures.json'), 'utf8'));
    expect(summary).toMatchObject({ lab: 'planar-flower', quick: true, seed: 1 });
    expect(r.stdout).toMatch(/^planar-flower \(C1 W3\): .* \[quick\]\nbackend: \w+, seed 1\n/);
    // Not a terminal: a few plain lines, ending at 100%.
    expect(r.stdout).toMatch(/4 hidden units: step 1000\/1000 \(100%\), loss 0\.\d+, \d+s\n/);
    const accuracy = /\n {2}accuracy +(\S+)\n/.exec(r.stdout)?.[1];
    expect(Number(accuracy)).toBeCloseTo(summary.figures.accuracy, 4);
    expect(r.stdout).toContain(`wrote to ${out}`);
    for (const f of ['cost.svg', 'decision-boundary.svg', 'parameters.json', 'figures.json']) {
      expect(r.stdout).toContain(`\n  ${f}\n`);
    }
  });
});
