import { mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { expectNoLeaks } from '@dlkit/test-harness';

// Every ```ts block of the guide pages in docs/strategy/ runs as written (imports included) and
// leaves no tensor behind, so the guides cannot drift from the code.
const docsDir = fileURLToPath(new URL('../../../docs/strategy/', import.meta.url));
const outDir = fileURLToPath(new URL('../.vitest/guides/', import.meta.url));
rmSync(outDir, { recursive: true, force: true });
mkdirSync(outDir, { recursive: true });

const pages = readdirSync(docsDir).filter((f) => f.endsWith('.md'));

describe('docs/strategy guide pages run', () => {
  it('every module has a guide page', () => {
    expect(pages.sort()).toEqual(
      [
        'diagnosis.md',
        'error-analysis.md',
        'learning-curves.md',
        'metrics.md',
        'multitask.md',
        'selection.md',
        'splits.md',
        'transfer.md',
      ].sort(),
    );
  });
  for (const page of pages) {
    const text = readFileSync(join(docsDir, page), 'utf8');
    const blocks = [...text.matchAll(/```ts\n([\s\S]*?)```/g)].map((m) => m[1] as string);
    blocks.forEach((code, n) => {
      it(`${page} block ${n + 1}`, async () => {
        const file = join(outDir, `${page.replace('.md', '')}_${n}.ts`);
        writeFileSync(file, `${code}\nexport {};\n`);
        const log = console.log;
        console.log = () => undefined;
        try {
          await expectNoLeaks(() => import(/* @vite-ignore */ pathToFileURL(file).href));
        } finally {
          console.log = log;
        }
      });
    });
  }
});
