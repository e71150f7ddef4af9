import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, it } from 'vitest';
import { expectNoLeaks } from './leaks.ts';

/** One `@example` block found in a TSDoc comment. */
export interface DocExample {
  /** The source file, relative to the package folder. */
  file: string;
  /** 1-based line of the `@example` tag. */
  line: number;
  /** The TypeScript code inside the example's code fence. */
  code: string;
  /**
   * Whether the code fence says `ts noexec` after its backticks: code that can only run in a particular
   * place (a test file). Such examples are reported as skipped, never silently dropped.
   */
  noexec: boolean;
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name);
    if (e.isDirectory()) return sourceFiles(path);
    return e.name.endsWith('.ts') && !e.name.endsWith('.test.ts') ? [path] : [];
  });
}

/**
 * Finds every `@example` code block in the TSDoc comments of the `.ts` files under `srcDir`.
 *
 * @param packageDir - The package folder.
 * @param srcDir - The folder to scan, relative to `packageDir` (default `src`).
 * @returns The examples in file order.
 *
 * @example
 * ```ts
 * import { extractDocExamples } from '@dlkit/test-harness';
 * console.log(extractDocExamples(process.cwd()).length >= 0);
 * ```
 */
export function extractDocExamples(packageDir: string, srcDir = 'src'): DocExample[] {
  const examples: DocExample[] = [];
  for (const path of sourceFiles(join(packageDir, srcDir))) {
    const lines = readFileSync(path, 'utf8').split('\n');
    for (let i = 0; i < lines.length; i++) {
      if (!/^\s*\*\s*@example\b/.test(lines[i] ?? '')) continue;
      let j = i + 1;
      while (j < lines.length && !/^\s*\*\s*```/.test(lines[j] ?? '')) j++;
      const noexec = /```\w*\s+noexec\b/.test(lines[j] ?? '');
      const code: string[] = [];
      for (j++; j < lines.length && !/^\s*\*\s*```/.test(lines[j] ?? ''); j++) {
        code.push((lines[j] ?? '').replace(/^\s*\* ?/, ''));
      }
      examples.push({
        file: relative(packageDir, path),
        line: i + 1,
        code: code.join('\n'),
        noexec,
      });
      i = j;
    }
  }
  return examples;
}

/**
 * Declares one vitest test per `@example` of a package: each example is written to
 * `<package>/.examples/` and imported, so it runs exactly as a user would paste it, and must
 * leave no tensor behind. Call it from a `*.test.ts` file of the package.
 *
 * @param packageDir - The package folder (e.g. `fileURLToPath(new URL('..', import.meta.url))`).
 *
 * @example
 * ```ts noexec
 * // src/examples.test.ts — vitest allows describe() only in a test file, so this one is not run.
 * import { fileURLToPath } from 'node:url';
 * import { runDocExamples } from '@dlkit/test-harness';
 * runDocExamples(fileURLToPath(new URL('..', import.meta.url)));
 * ```
 */
export function runDocExamples(packageDir: string): void {
  const examples = extractDocExamples(packageDir);
  const outDir = join(packageDir, '.examples');
  rmSync(outDir, { recursive: true, force: true });
  mkdirSync(outDir, { recursive: true });
  describe('TSDoc @example blocks run', () => {
    it('the package has examples', () => {
      if (examples.length === 0)
        throw new Error(`runDocExamples: no @example in ${packageDir}/src`);
    });
    for (const [n, ex] of examples.entries()) {
      (ex.noexec ? it.skip : it)(`${ex.file}:${ex.line}`, async () => {
        const file = join(outDir, `${ex.file.replace(/[\\/]/g, '_')}.${n}.ts`);
        writeFileSync(file, `${ex.code}\nexport {};\n`);
        const log = console.log;
        console.log = () => undefined;
        try {
          await expectNoLeaks(() => import(/* @vite-ignore */ pathToFileURL(file).href));
        } finally {
          console.log = log;
        }
      });
    }
  });
}
