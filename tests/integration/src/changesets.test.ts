// The release flow on a throw-away copy: `changeset version` turns the pending changesets into
// version bumps and changelogs, for every public package, without touching private ones.
import { spawnSync } from 'node:child_process';
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  rmSync,
  symlinkSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../../..', import.meta.url));
const copy = mkdtempSync(join(tmpdir(), 'dlkit-changesets-'));
afterAll(() => rmSync(copy, { recursive: true, force: true }));

const manifest = (dir: string) => JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));

describe('changesets', () => {
  it('bumps versions and writes changelogs from the pending changesets', () => {
    for (const f of ['package.json', 'pnpm-workspace.yaml', '.changeset'])
      cpSync(join(root, f), join(copy, f), { recursive: true });
    // The published packages live in packages/ and apps/ (the CLI); each folder as `packages/x`.
    const packages = ['packages', 'apps'].flatMap((d) =>
      readdirSync(join(root, d))
        .map((p) => `${d}/${p}`)
        .filter((p) => existsSync(join(root, p, 'package.json'))),
    );
    for (const p of packages) {
      mkdirSync(join(copy, p), { recursive: true });
      cpSync(join(root, p, 'package.json'), join(copy, p, 'package.json'));
    }
    symlinkSync(join(root, 'node_modules'), join(copy, 'node_modules'));
    const pending = readdirSync(join(copy, '.changeset')).filter(
      (f) => f.endsWith('.md') && f !== 'README.md',
    );
    expect(pending.length).toBeGreaterThan(0);
    const bumped = new Map<string, string>();
    for (const file of pending) {
      const text = readFileSync(join(copy, '.changeset', file), 'utf8');
      const front = /^---\r?\n([\s\S]*?)\r?\n---/.exec(text)?.[1] ?? '';
      const bumps = [
        ...front.matchAll(
          /^\s*['"]?(@dlkit\/[a-z-]+)['"]?\s*:\s*['"]?(patch|minor|major)['"]?\s*$/gm,
        ),
      ];
      // Every pending changeset names at least one bump: one that the pattern misses would
      // otherwise leave the checks below with nothing to check.
      expect(
        bumps.length,
        `${file} names no '@dlkit/<package>': patch|minor|major`,
      ).toBeGreaterThan(0);
      for (const m of bumps) bumped.set(m[1]!, m[2]!);
    }
    expect(bumped.size).toBeGreaterThan(0);
    const before = new Map(
      packages.map((p) => [
        manifest(join(copy, p)).name as string,
        manifest(join(copy, p)).version as string,
      ]),
    );

    const out = spawnSync(
      'node',
      [join(root, 'node_modules', '@changesets', 'cli', 'bin.js'), 'version'],
      { cwd: copy, encoding: 'utf8' },
    );
    expect(out.status, `${out.stdout}${out.stderr}`).toBe(0);

    let checked = 0;
    for (const p of packages) {
      const dir = join(copy, p);
      const { name, version } = manifest(dir);
      if (!bumped.has(name)) continue;
      checked++;
      expect(version, name).not.toBe(before.get(name));
      const changelog = readFileSync(join(dir, 'CHANGELOG.md'), 'utf8');
      expect(changelog).toContain(`## ${version}`);
    }
    expect(checked).toBe(bumped.size); // every bumped name is a workspace package
    expect(readdirSync(join(copy, '.changeset')).filter((f) => pending.includes(f))).toEqual([]);
  });
});
