import { readFileSync } from 'node:fs';
import type * as NodeFs from 'node:fs';
import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';
import { nodeImport } from './node-import.js';

describe('nodeImport', () => {
  it('returns the Node built-in module', async () => {
    const fs = await nodeImport<typeof NodeFs>('node:fs');
    expect(fs.readFileSync).toBe(readFileSync);
  });

  it('is left alone by a browser bundler', async () => {
    const out = await build({
      stdin: {
        contents:
          "import { nodeImport } from './node-import.ts';\nexport const fs = () => nodeImport('node:fs/promises');\n",
        resolveDir: new URL('.', import.meta.url).pathname,
        loader: 'ts',
      },
      bundle: true,
      platform: 'browser',
      format: 'esm',
      write: false,
      logLevel: 'silent',
    });
    expect(out.errors).toEqual([]);
    expect(out.outputFiles[0]?.text).toContain('import(');
  });
});
