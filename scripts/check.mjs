#!/usr/bin/env node
// `pnpm test`: every check of every workspace package through turbo (lint, typecheck, vitest,
// typedoc validation, publint and attw on the packed package), then one table, the names of the
// tests that were skipped, and the closing line `dlkit: N passed, N failed, N skipped`.
// A failed lint, typecheck or typedoc task counts as one failure; vitest tests count one each.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync, rmSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { closingLine, countResults } from './vitest-results.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const tasks = ['lint', 'typecheck', 'test', 'docs:api', 'check:package'];
const extra = process.argv.slice(2);

// Workspace package folders (those of pnpm-workspace.yaml that have a package.json).
const dirs = ['packages', 'apps', 'tests']
  .flatMap((d) =>
    existsSync(join(root, d)) ? readdirSync(join(root, d)).map((n) => join(d, n)) : [],
  )
  .concat(['bench'])
  .filter((d) => existsSync(join(root, d, 'package.json')));

// Results from an earlier run must not be counted if this run's vitest dies before writing.
for (const d of dirs) rmSync(join(root, d, '.vitest'), { recursive: true, force: true });

const started = Date.now();
const turbo = spawnSync(
  'pnpm',
  [
    'exec',
    'turbo',
    'run',
    ...tasks,
    '--continue',
    '--output-logs=errors-only',
    '--summarize',
    ...extra,
  ],
  {
    cwd: root,
    stdio: 'inherit',
    env: { ...process.env, FORCE_COLOR: process.env.FORCE_COLOR ?? '0' },
  },
);

const runsDir = join(root, '.turbo', 'runs');
const newest = existsSync(runsDir)
  ? readdirSync(runsDir)
      .filter((f) => f.endsWith('.json'))
      .map((f) => join(runsDir, f))
      .filter((f) => statSync(f).mtimeMs >= started - 1000)
      .sort((a, b) => statSync(b).mtimeMs - statSync(a).mtimeMs)[0]
  : undefined;
if (newest === undefined) {
  console.error('check: turbo wrote no run summary; it did not run');
  console.log(closingLine({ passed: 0, failed: 1, skipped: 0 }));
  process.exit(1);
}
const summary = JSON.parse(readFileSync(newest, 'utf8'));

const rows = new Map();
let passed = 0;
let failed = 0;
let skipped = 0;
const skippedNames = [];
for (const t of summary.tasks) {
  const row = rows.get(t.package) ?? { dir: t.directory };
  rows.set(t.package, row);
  const ok = t.execution?.exitCode === 0;
  const cached = t.cache?.status === 'HIT' ? ' (cached)' : '';
  if (t.task !== 'test') {
    row[t.task] = (ok ? 'ok' : 'FAILED') + cached;
    if (ok) passed++;
    else failed++;
    continue;
  }
  const file = join(root, t.directory, '.vitest', 'results.json');
  if (existsSync(file)) {
    const r = countResults(JSON.parse(readFileSync(file, 'utf8')));
    row.test = `${r.passed} passed, ${r.failed} failed, ${r.skipped} skipped${cached}`;
    passed += r.passed;
    failed += r.failed;
    skipped += r.skipped;
    skippedNames.push(...r.skippedNames.map((n) => `${t.package}: ${n}`));
    if (!ok && r.failed === 0) {
      row.test += ' + run FAILED';
      failed++;
    }
  } else {
    row.test = ok ? 'no vitest results' : 'FAILED (no results)';
    if (!ok) failed++;
  }
}

const pad = (s, n) => String(s ?? '-').padEnd(n);
console.log(`\n${pad('package', 28)}${tasks.map((t) => pad(t, t === 'test' ? 34 : 18)).join('')}`);
for (const [name, row] of [...rows].sort()) {
  console.log(`${pad(name, 28)}${tasks.map((t) => pad(row[t], t === 'test' ? 34 : 18)).join('')}`);
}
console.log(`\nchecks took ${((Date.now() - started) / 1000).toFixed(1)} s`);
if (skippedNames.length > 0) {
  console.log(`\nskipped (${skippedNames.length}):`);
  for (const name of skippedNames) console.log(`  - ${name}`);
}
console.log(closingLine({ passed, failed, skipped }));
process.exit(failed > 0 || turbo.status !== 0 ? 1 : 0);
