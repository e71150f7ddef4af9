// The committed wasm module (src/wasm/kernels/native-wasm.ts) is what native/build.sh builds
// from native/*.c: a C change without a rebuild fails here (kernel-parity.test.ts checks that the
// embedded bytes match their recorded sha256).
// Building needs Debian's clang-14 and lld-14 (wasm-ld); where they are missing the build check
// reports itself skipped, with the reason in its name. `.ci/run` installs them when it can.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { NATIVE_WASM_SHA256 } from './kernels/native-wasm.js';

const buildScript = fileURLToPath(new URL('../../native/build.sh', import.meta.url));

/** Why native/build.sh cannot run here, or null when clang-14 and its wasm linker are present. */
function missingTools(): string | null {
  const clang = spawnSync('clang-14', ['-print-prog-name=wasm-ld'], { encoding: 'utf8' });
  if (clang.error !== undefined || clang.status !== 0) return 'clang-14 is not installed';
  const linker = clang.stdout.trim();
  if (!linker.startsWith('/') || !existsSync(linker)) return 'wasm-ld (lld-14) is not installed';
  return null;
}

const missing = missingTools();

describe('the native wasm module', () => {
  it.skipIf(missing !== null)(
    missing === null
      ? 'is rebuilt byte for byte from native/*.c by native/build.sh --check'
      : `is rebuilt from native/*.c (skipped: ${missing}; apt-get install clang-14 lld-14)`,
    () => {
      const run = spawnSync('sh', [buildScript, '--check'], { encoding: 'utf8' });
      expect(run.stdout.trim(), run.stderr).toBe(`reproduced: sha256 ${NATIVE_WASM_SHA256}`);
      expect(run.status).toBe(0);
    },
    120_000,
  );
});
