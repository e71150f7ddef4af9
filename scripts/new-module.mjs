#!/usr/bin/env node
// Scaffolds a dlkit package or a module inside one. See CONTRIBUTING.md.
//
//   pnpm new package <name> "<description>"
//   pnpm new module <package> <module> <exportName> "<C4 W1 · Convolution>"
//
// A module is one folder under src/ with one file per concept; this writes the first concept
// (a documented function that throws until written), its failing test, the barrel export,
// the README row and a guide page under docs/<package>/.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = process.env.DLKIT_ROOT ?? join(dirname(fileURLToPath(import.meta.url)), '..');
const [kind, ...args] = process.argv.slice(2);

function fail(message) {
  console.error(`new-module: ${message}`);
  process.exit(1);
}

function write(path, text) {
  if (existsSync(path)) fail(`${path} exists already; nothing was written`);
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, text);
  console.log(`wrote ${path.slice(root.length + 1)}`);
}

const kebab = (s) => s.replace(/([a-z0-9])([A-Z])/g, '$1-$2').toLowerCase();
const validName = /^[a-z][a-z0-9-]*$/;

function newPackage(name, description) {
  if (!name || !validName.test(name))
    fail('usage: new package <name> "<description>" (name: a-z, 0-9, -)');
  if (!description) fail('new package: give a one-line description');
  const dir = join(root, 'packages', name);
  if (existsSync(dir)) fail(`packages/${name} exists already`);
  const core = JSON.parse(readFileSync(join(root, 'packages', 'core', 'package.json'), 'utf8'));
  const pkg = {
    name: `@dlkit/${name}`,
    version: '0.0.0',
    description,
    ...Object.fromEntries(
      [
        'license',
        'author',
        'repository',
        'type',
        'sideEffects',
        'exports',
        'types',
        'files',
        'engines',
        'scripts',
      ]
        .filter((k) => k in core)
        .map((k) => [k, core[k]]),
    ),
    repository: { ...core.repository, directory: `packages/${name}` },
    keywords: ['deep-learning', 'tensorflow', 'tfjs', name],
    peerDependencies: core.peerDependencies,
    dependencies: { '@dlkit/core': 'workspace:^' },
    devDependencies: core.devDependencies,
  };
  write(join(dir, 'package.json'), `${JSON.stringify(pkg, null, 2)}\n`);
  for (const file of [
    'tsconfig.json',
    'tsconfig.build.json',
    'typedoc.json',
    'vitest.config.ts',
    'tsdoc.json',
  ]) {
    write(join(dir, file), readFileSync(join(root, 'packages', 'core', file), 'utf8'));
  }
  write(
    join(dir, 'README.md'),
    `# @dlkit/${name}\n\n${description}\n\n## Install\n\n\`\`\`sh\nnpm install @dlkit/${name} @tensorflow/tfjs\n\`\`\`\n\n` +
      `## Course map\n\n| course week | module | exports |\n|---|---|---|\n`,
  );
  write(
    join(dir, 'src', 'index.ts'),
    `/**\n * ${description}\n *\n * @packageDocumentation\n */\n`,
  );
  write(
    join(dir, 'src', 'examples.test.ts'),
    "import { fileURLToPath } from 'node:url';\nimport { runDocExamples } from '@dlkit/test-harness';\n\n" +
      "runDocExamples(fileURLToPath(new URL('..', import.meta.url)));\n",
  );
  console.log(
    `\nnext: pnpm install, then pnpm new module ${name} <module> <exportName> "<course week>"`,
  );
}

/** The README's course map: header, separator and rows, matched whatever the column padding. */
const courseMapTable =
  /^\|\s*course week\s*\|\s*module\s*\|\s*exports\s*\|[ \t]*\r?\n\|[ \t]*:?-+:?[ \t]*\|[ \t]*:?-+:?[ \t]*\|[ \t]*:?-+:?[ \t]*\|[ \t]*(?:\r?\n\|.*\|[ \t]*)*/m;

/**
 * The README with a row for the new module appended to its course map, or undefined when it has
 * none. Exported for the generator's test.
 */
export function addCourseMapRow(readme, week, moduleName, exportName) {
  const match = courseMapTable.exec(readme);
  if (match === null) return undefined;
  const end = match.index + match[0].length;
  const row = `| ${week} | \`${moduleName}\` | \`${exportName}\` |`;
  return `${readme.slice(0, end)}\n${row}${readme.slice(end)}`;
}

/** Reformats `text` with prettier when `before` was already prettier-formatted (README tables). */
async function keepFormatted(path, before, text) {
  let prettier;
  try {
    prettier = await import('prettier');
  } catch {
    return text; // prettier is a root devDependency; without it the row stays unpadded
  }
  const options = { ...(await prettier.resolveConfig(path)), filepath: path };
  return (await prettier.check(before, options)) ? prettier.format(text, options) : text;
}

async function newModule(pkgName, moduleName, exportName, week) {
  if (!pkgName || !moduleName || !exportName || !week) {
    fail('usage: new module <package> <module> <exportName> "<C4 W1 · Convolution>"');
  }
  if (!validName.test(moduleName)) fail(`module name '${moduleName}': use a-z, 0-9, -`);
  if (!/^[a-z][A-Za-z0-9]*$/.test(exportName)) fail(`export name '${exportName}': use camelCase`);
  if (/[|\n]/.test(week)) fail(`course week '${week}': no '|' or line breaks`);
  const dir = join(root, 'packages', pkgName);
  if (!existsSync(join(dir, 'package.json'))) fail(`no package packages/${pkgName}`);
  const file = kebab(exportName);

  // Everything is checked and composed before the first file is written, so a failure leaves
  // the package as it was.
  const index = join(dir, 'src', 'index.ts');
  if (!existsSync(index)) fail(`packages/${pkgName}/src/index.ts is missing; nothing was written`);
  const indexText = readFileSync(index, 'utf8');
  const readme = join(dir, 'README.md');
  if (!existsSync(readme)) fail(`packages/${pkgName}/README.md is missing; nothing was written`);
  const readmeText = readFileSync(readme, 'utf8');
  const withRow = addCourseMapRow(readmeText, week, moduleName, exportName);
  if (withRow === undefined) {
    fail(
      `packages/${pkgName}/README.md has no course map table ` +
        `('| course week | module | exports |' and its separator); nothing was written`,
    );
  }
  const guide = join(root, 'docs', pkgName, `${moduleName}.md`);
  const files = [
    [join(dir, 'src', moduleName, `${file}.ts`), conceptSource(pkgName, exportName, week)],
    [join(dir, 'src', moduleName, `${file}.test.ts`), conceptTest(exportName, file)],
  ];
  if (!existsSync(guide)) {
    files.push([
      guide,
      `# ${week}: ${moduleName}\n\nTODO: the lecture's idea, the formulas, and a worked example with \`${exportName}\`.\n`,
    ]);
  }
  for (const [path] of files) {
    if (existsSync(path))
      fail(`${path.slice(root.length + 1)} exists already; nothing was written`);
  }
  if (new RegExp(`\\b${exportName}\\b`).test(indexText))
    fail(`packages/${pkgName}/src/index.ts exports ${exportName} already; nothing was written`);
  const readmeOut = await keepFormatted(readme, readmeText, withRow);

  for (const [path, text] of files) write(path, text);
  writeFileSync(index, `${indexText}export { ${exportName} } from './${moduleName}/${file}.js';\n`);
  console.log(`updated packages/${pkgName}/src/index.ts`);
  writeFileSync(readme, readmeOut);
  console.log(`updated packages/${pkgName}/README.md`);
}

function conceptSource(pkgName, exportName, week) {
  return `import * as tf from '@tensorflow/tfjs';
import { DlkitError, assertShape } from '@dlkit/core';

/**
 * TODO: one line saying what ${exportName} computes, with the course's formula.
 *
 * @param x - TODO: the input, shape \`[m, nX]\`.
 * @returns TODO: the output and its shape.
 *
 * @example
 * \`\`\`ts
 * import * as tf from '@tensorflow/tfjs';
 * import { ${exportName} } from '@dlkit/${pkgName}';
 * const x = tf.ones([2, 3]);
 * ${exportName}(x).print();
 * x.dispose();
 * \`\`\`
 *
 * @category ${week}
 */
export function ${exportName}(x: tf.Tensor): tf.Tensor {
  assertShape('${exportName}', 'x', x, ['m', 'nX']);
  return tf.tidy(() => {
    throw new DlkitError('state', '${exportName}', 'is not written yet');
  });
}
`;
}

function conceptTest(exportName, file) {
  return `import * as tf from '@tensorflow/tfjs';
import { describe, it } from 'vitest';
import { expectNoLeaks, expectTensorsClose } from '@dlkit/test-harness';
import { ${exportName} } from './${file}.js';

describe('${exportName}', () => {
  it('matches its reference values', () => {
    // Compare with a fixture from tests/fixtures/ (NumPy/PyTorch) or with tf.grad for a backward.
    expectTensorsClose(${exportName}(tf.ones([2, 3])), tf.zeros([2, 3]));
  });

  it('leaks no tensors', async () => {
    const x = tf.ones([2, 3]);
    await expectNoLeaks(() => ${exportName}(x));
    x.dispose();
  });
});
`;
}

const isMain = process.argv[1] !== undefined && fileURLToPath(import.meta.url) === process.argv[1];
if (!isMain) {
  // imported by the generator's test for addCourseMapRow
} else if (kind === 'package') newPackage(args[0], args[1]);
else if (kind === 'module') await newModule(...args);
else
  fail(
    'usage: new package <name> "<description>" | new module <package> <module> <exportName> "<week>"',
  );
