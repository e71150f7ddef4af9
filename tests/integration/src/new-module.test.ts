// The contributor's generator (scripts/new-module.mjs) on a throw-away copy of the workspace.
import { execFileSync, spawnSync } from 'node:child_process';
import {
  appendFileSync,
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as prettier from 'prettier';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addCourseMapRow } from '../../../scripts/new-module.mjs';

const root = fileURLToPath(new URL('../../..', import.meta.url));
const script = join(root, 'scripts', 'new-module.mjs');
let copy: string;

function generate(...args: string[]) {
  return spawnSync('node', [script, ...args], {
    env: { ...process.env, DLKIT_ROOT: copy },
    encoding: 'utf8',
  });
}

describe('scripts/new-module.mjs', () => {
  beforeAll(() => {
    copy = mkdtempSync(join(tmpdir(), 'dlkit-gen-'));
    for (const f of [
      'tsconfig.base.json',
      'tsdoc.json',
      'typedoc.base.json',
      'vitest.shared.ts',
      'package.json',
      '.prettierrc.json',
    ]) {
      cpSync(join(root, f), join(copy, f));
    }
    // Core with its build (turbo builds the packages before this test runs).
    cpSync(join(root, 'packages', 'core'), join(copy, 'packages', 'core'), {
      recursive: true,
      filter: (src) => !src.includes('node_modules'),
    });
    symlinkSync(join(root, 'node_modules'), join(copy, 'node_modules'));
    symlinkSync(
      join(root, 'packages', 'core', 'node_modules'),
      join(copy, 'packages', 'core', 'node_modules'),
    );
  });

  afterAll(() => rmSync(copy, { recursive: true, force: true }));

  it('scaffolds a package from core and a module with its test, barrel export, README row and guide', () => {
    const pkg = generate('package', 'demo', 'A demo package.');
    expect(pkg.status, pkg.stderr).toBe(0);
    const mod = generate('module', 'demo', 'widgets', 'makeWidget', 'C9 W9 · Widgets');
    expect(mod.status, mod.stderr).toBe(0);
    const dir = join(copy, 'packages', 'demo');
    const manifest = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
    expect(manifest.name).toBe('@dlkit/demo');
    expect(manifest.exports['.']['@dlkit/source']).toBe('./src/index.ts');
    expect(manifest.dependencies['@dlkit/core']).toBe('workspace:^');
    expect(readFileSync(join(dir, 'src', 'index.ts'), 'utf8')).toContain(
      "export { makeWidget } from './widgets/make-widget.js';",
    );
    expect(readFileSync(join(dir, 'README.md'), 'utf8')).toContain(
      '| C9 W9 · Widgets | `widgets` | `makeWidget` |',
    );
    expect(existsSync(join(dir, 'src', 'widgets', 'make-widget.test.ts'))).toBe(true);
    expect(existsSync(join(copy, 'docs', 'demo', 'widgets.md'))).toBe(true);
  });

  it('writes code that typechecks against the workspace', () => {
    // What `pnpm install` would link for the new package.
    const modules = join(copy, 'packages', 'demo', 'node_modules');
    mkdirSync(join(modules, '@dlkit'), { recursive: true });
    mkdirSync(join(modules, '@tensorflow'), { recursive: true });
    symlinkSync(join(copy, 'packages', 'core'), join(modules, '@dlkit', 'core'));
    symlinkSync(join(root, 'tests', 'harness'), join(modules, '@dlkit', 'test-harness'));
    symlinkSync(
      join(root, 'packages', 'core', 'node_modules', '@tensorflow', 'tfjs'),
      join(modules, '@tensorflow', 'tfjs'),
    );
    const tsc = join(root, 'node_modules', '.bin', 'tsc');
    const out = spawnSync(
      tsc,
      ['-p', join(copy, 'packages', 'demo', 'tsconfig.json'), '--noEmit'],
      {
        encoding: 'utf8',
        cwd: join(copy, 'packages', 'core'),
      },
    );
    expect(out.status, out.stdout).toBe(0);
  });

  it('is documented well enough for typedoc, which fails on an export without TSDoc', () => {
    const dir = join(copy, 'packages', 'demo');
    const typedoc = (): ReturnType<typeof spawnSync> =>
      spawnSync(
        join(root, 'node_modules', '.bin', 'typedoc'),
        ['--emit', 'none', '--tsconfig', 'tsconfig.json'],
        {
          cwd: dir,
          encoding: 'utf8',
        },
      );
    const documented = typedoc();
    expect(documented.status, `${String(documented.stdout)}${String(documented.stderr)}`).toBe(0);
    appendFileSync(join(dir, 'src', 'index.ts'), 'export const undocumented = 1;\n');
    const bare = typedoc();
    expect(bare.status).not.toBe(0);
    expect(`${String(bare.stdout)}${String(bare.stderr)}`).toMatch(
      /undocumented.*does not have any documentation/,
    );
  });

  it("adds its README row to core's course map, which the old pattern missed", () => {
    const readme = join(copy, 'packages', 'core', 'README.md');
    const out = generate('module', 'core', 'gizmos', 'makeGizmo', 'C1 W9 · Gizmos');
    expect(out.status, out.stderr).toBe(0);
    expect(readFileSync(readme, 'utf8')).toMatch(
      /\| C1 W9 · Gizmos\s*\| `gizmos`\s*\| `makeGizmo`\s*\|/,
    );
  });

  it('on a README without a course map, fails before writing anything', () => {
    const dir = join(copy, 'packages', 'bare');
    mkdirSync(join(dir, 'src'), { recursive: true });
    writeFileSync(join(dir, 'package.json'), '{ "name": "@dlkit/bare" }\n');
    writeFileSync(join(dir, 'README.md'), '# bare\n\nNo table here.\n');
    writeFileSync(join(dir, 'src', 'index.ts'), '');
    const out = generate('module', 'bare', 'things', 'makeThing', 'C9 W1 · Things');
    expect(out.status).toBe(1);
    expect(out.stderr).toMatch(/has no course map table.*nothing was written/);
    expect(existsSync(join(dir, 'src', 'things'))).toBe(false);
    expect(existsSync(join(copy, 'docs', 'bare'))).toBe(false);
    expect(readFileSync(join(dir, 'src', 'index.ts'), 'utf8')).toBe('');
  });

  it.each(['core', 'optimizers', 'strategy', 'cnn', 'sequence', 'backend', 'datasets'])(
    "finds the course map of the real, formatted packages/%s/README.md and keeps it prettier's",
    async (pkg) => {
      const path = join(root, 'packages', pkg, 'README.md');
      const before = readFileSync(path, 'utf8');
      const after = addCourseMapRow(before, 'C9 W9 · Test', 'test-module', 'testExport');
      expect(after, `${pkg}: no course map found`).toBeDefined();
      const lines = after!.split('\n');
      const row = lines.findIndex((l) => l.startsWith('| C9 W9 · Test |'));
      // The row closes the table: a table row above it, no table row below it.
      expect(lines[row - 1]).toMatch(/^\|.*\|\s*$/);
      expect(lines[row + 1] ?? '').not.toMatch(/^\|/);
      expect(after!.length).toBe(
        before.length + '| C9 W9 · Test | `test-module` | `testExport` |\n'.length,
      );
      const options = { ...(await prettier.resolveConfig(path)), filepath: path };
      if (await prettier.check(before, options)) {
        expect(await prettier.check(await prettier.format(after!, options), options)).toBe(true);
      }
    },
  );

  it('runs on a formatted README (cnn, the example in CONTRIBUTING.md) and keeps it formatted', async () => {
    const dir = join(copy, 'packages', 'cnn');
    mkdirSync(join(dir, 'src'), { recursive: true });
    cpSync(join(root, 'packages', 'cnn', 'README.md'), join(dir, 'README.md'));
    cpSync(join(root, 'packages', 'cnn', 'package.json'), join(dir, 'package.json'));
    cpSync(join(root, 'packages', 'cnn', 'src', 'index.ts'), join(dir, 'src', 'index.ts'));
    const out = generate(
      'module',
      'cnn',
      'landmarks',
      'landmarkHeatmaps',
      'C4 W3 · Landmark detection',
    );
    expect(out.status, out.stderr).toBe(0);
    const readme = readFileSync(join(dir, 'README.md'), 'utf8');
    expect(readme).toMatch(
      /\| C4 W3 · Landmark detection\s*\| `landmarks`\s*\| `landmarkHeatmaps`\s*\|/,
    );
    const options = {
      ...(await prettier.resolveConfig(join(root, 'packages', 'cnn', 'README.md'))),
      filepath: join(dir, 'README.md'),
    };
    expect(await prettier.check(readme, options)).toBe(true);
    expect(readFileSync(join(dir, 'src', 'index.ts'), 'utf8')).toContain(
      "export { landmarkHeatmaps } from './landmarks/landmark-heatmaps.js';",
    );
  });

  it('refuses to overwrite and explains bad names', () => {
    const again = generate('module', 'demo', 'widgets', 'makeWidget', 'C9 W9 · Widgets');
    expect(again.status).toBe(1);
    expect(again.stderr).toMatch(/exists already; nothing was written/);
    expect(generate('module', 'demo', 'Bad Name', 'x', 'w').stderr).toMatch(
      /module name 'Bad Name': use a-z, 0-9, -/,
    );
    expect(generate('module', 'nope', 'm', 'x', 'w').stderr).toMatch(/no package packages\/nope/);
    expect(() => execFileSync('node', [script], { stdio: 'pipe' })).toThrow(/usage/);
  });
});
