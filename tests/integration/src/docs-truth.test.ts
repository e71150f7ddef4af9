// What the packages say about themselves (npm description, README course map) against what
// their sources hold, so a description cannot list a feature that does not exist.
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../../..', import.meta.url));
const packages = readdirSync(join(root, 'packages')).filter((p) =>
  existsSync(join(root, 'packages', p, 'src', 'index.ts')),
);
/** Packages whose course is not complete yet: their description lists exactly what exists. */
const inProgress = ['cnn', 'sequence'];

/** The module folders of a package's src/. */
function modules(pkg: string): string[] {
  const src = join(root, 'packages', pkg, 'src');
  return readdirSync(src)
    .filter((f) => statSync(join(src, f)).isDirectory())
    .sort();
}

/** `a (x, y), b (z)` → `['a', 'b']`: the names before each top-level parenthesis. */
function listedModules(list: string): string[] {
  const names: string[] = [];
  let depth = 0;
  let item = '';
  for (const ch of `${list},`) {
    if (ch === '(') depth++;
    if (ch === ')') depth--;
    if (ch === ',' && depth === 0) {
      names.push(item.trim().split(/\s/)[0]!.replace(/\.$/, ''));
      item = '';
    } else item += ch;
  }
  return names.filter((n) => n !== '').sort();
}

describe('npm descriptions', () => {
  it.each(inProgress)('of %s list exactly its modules after "so far:"', (pkg) => {
    const { description } = JSON.parse(
      readFileSync(join(root, 'packages', pkg, 'package.json'), 'utf8'),
    ) as { description: string };
    const list = /so far: (.*)$/.exec(description)?.[1];
    expect(list, `${pkg}: "${description}" does not say what exists so far`).toBeDefined();
    expect(listedModules(list!)).toEqual(modules(pkg));
  });
});

describe('README course maps', () => {
  it.each(packages)('of %s name only modules that exist', (pkg) => {
    const readme = readFileSync(join(root, 'packages', pkg, 'README.md'), 'utf8');
    const lines = readme.split('\n');
    const start = lines.findIndex((l) => /^\|\s*course week\s*\|/.test(l));
    expect(start, `${pkg}: no course map`).toBeGreaterThanOrEqual(0);
    const end = lines.findIndex((l, i) => i > start && !l.startsWith('|'));
    const rows = lines.slice(start + 2, end === -1 ? undefined : end);
    const named = rows
      .map((r) => r.split('|')[2] ?? '')
      .flatMap((cell) => [...cell.matchAll(/`([a-z][a-z0-9-]*)`/g)].map((m) => m[1]!));
    for (const m of named) expect(modules(pkg), `${pkg}: README names module ${m}`).toContain(m);
  });
});

describe('tests/README.md', () => {
  it('names every project that does not default to cpu', () => {
    const text = readFileSync(join(root, 'tests', 'README.md'), 'utf8');
    for (const pkg of packages) {
      const config = readFileSync(join(root, 'packages', pkg, 'vitest.config.ts'), 'utf8');
      const backend = /backend: '([a-z]+)'/.exec(config)?.[1];
      if (backend !== undefined && backend !== 'cpu') {
        expect(text).toContain(`packages/${pkg}`);
        expect(text).toContain(`backend: '${backend}'`);
      }
    }
  });
});
