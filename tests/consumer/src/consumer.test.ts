// The consumer test: every public @dlkit package is packed, installed with npm into a fresh
// project outside the workspace (as a user would, peers included), and used from Node ESM,
// from TypeScript (bundler and nodenext resolution) and from a browser bundle in Chromium.
import { spawnSync, type SpawnSyncReturns } from 'node:child_process';
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { extname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build, transform } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumSkipReason, launchChromium } from '@dlkit/test-harness';

const root = fileURLToPath(new URL('../../..', import.meta.url));
const appSource = fileURLToPath(new URL('../app/', import.meta.url));
const budgets = JSON.parse(
  readFileSync(new URL('../budgets.json', import.meta.url), 'utf8'),
) as Record<string, number>;
const keep = process.env['DLKIT_CONSUMER_KEEP'] === '1';

interface Packed {
  name: string;
  dir: string;
  tarball: string;
  bytes: number;
}

// The published packages: packages/* and the public apps (@dlkit/cli).
const publicPackages = ['packages', 'apps']
  .flatMap((parent) => readdirSync(join(root, parent)).map((name) => join(root, parent, name)))
  .filter((dir) => existsSync(join(dir, 'package.json')))
  .map((dir) => ({ dir, manifest: JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) }))
  .filter(({ manifest }) => manifest.private !== true);

let work = '';
const packed: Packed[] = [];

function run(command: string, args: string[], cwd: string): SpawnSyncReturns<string> {
  const result = spawnSync(command, args, { cwd, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (result.error) throw result.error;
  return result;
}

function succeed(command: string, args: string[], cwd: string): string {
  const r = run(command, args, cwd);
  if (r.status !== 0) {
    throw new Error(
      `${command} ${args.join(' ')} (in ${cwd}) exited ${r.status}:\n${r.stdout}\n${r.stderr}`,
    );
  }
  return r.stdout;
}

/**
 * A fresh npm project in `dir` depending on `deps`, installed with npm. With `offline`, the npm
 * cache is the only source: no registry is asked. No install scripts run.
 */
function npmProject(dir: string, deps: Record<string, string>, offline: boolean): void {
  mkdirSync(dir, { recursive: true });
  writeFileSync(
    join(dir, 'package.json'),
    JSON.stringify(
      { name: 'dlkit-consumer-app', private: true, type: 'module', dependencies: deps },
      null,
      2,
    ),
  );
  succeed(
    'npm',
    [
      'install',
      '--no-audit',
      '--no-fund',
      offline ? '--offline' : '--prefer-offline',
      '--ignore-scripts',
      '--loglevel=error',
    ],
    dir,
  );
}

/** The peers a user installs beside the dlkit tarballs. */
const peers = { '@tensorflow/tfjs': '4.22.0' };

/** The packages' own registry dependencies (vega, cli-progress, …), cached before packing. */
const registryDependencies = Object.fromEntries(
  publicPackages.flatMap(({ manifest }) =>
    Object.entries((manifest.dependencies ?? {}) as Record<string, string>).filter(
      ([name]) => !name.startsWith('@dlkit/'),
    ),
  ),
);

beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), 'dlkit-consumer-'));
  // Before packing: make sure the npm cache holds the peers (the registry is asked only here,
  // and only for what the cache lacks). Every install after packing is --offline.
  npmProject(join(work, 'warm-cache'), { ...peers, ...registryDependencies }, false);
  const tarballs = join(work, 'tarballs');
  mkdirSync(tarballs);
  for (const { dir, manifest } of publicPackages) {
    const out = succeed('pnpm', ['pack', '--pack-destination', tarballs], dir);
    const tarball = out
      .trim()
      .split('\n')
      .map((l) => l.trim())
      .reverse()
      .find((l) => l.endsWith('.tgz'));
    if (tarball === undefined)
      throw new Error(`pnpm pack printed no tarball for ${manifest.name}:\n${out}`);
    packed.push({ name: manifest.name, dir, tarball, bytes: statSync(tarball).size });
  }
  const app = join(work, 'app');
  cpSync(appSource, app, { recursive: true });
  npmProject(
    app,
    { ...Object.fromEntries(packed.map((p) => [p.name, `file:${p.tarball}`])), ...peers },
    true,
  );
}, 2_400_000);

afterAll(() => {
  if (!keep && work !== '') rmSync(work, { recursive: true, force: true });
});

describe('packed packages', () => {
  it('exist for every public package, have no install scripts and stay within their size budgets', () => {
    expect(packed.map((p) => p.name).sort()).toEqual(
      Object.keys(budgets)
        .filter((k) => k.startsWith('@'))
        .sort(),
    );
    const rows = packed.map((p) => {
      const manifest = JSON.parse(
        succeed('tar', ['-xzOf', p.tarball, 'package/package.json'], work),
      );
      for (const hook of ['preinstall', 'install', 'postinstall']) {
        expect(
          manifest.scripts?.[hook],
          `${p.name} must not have a ${hook} script`,
        ).toBeUndefined();
      }
      expect(JSON.stringify(manifest), `${p.name} must not keep workspace: ranges`).not.toContain(
        'workspace:',
      );
      return { name: p.name, bytes: p.bytes, budget: budgets[p.name] ?? 0 };
    });
    console.log(
      [
        'package                packed bytes   budget',
        ...rows.map(
          (r) =>
            `${r.name.padEnd(22)} ${String(r.bytes).padStart(12)} ${String(r.budget).padStart(8)}`,
        ),
      ].join('\n'),
    );
    for (const r of rows)
      expect(r.bytes, `${r.name} is over its size budget`).toBeLessThanOrEqual(r.budget);
  });

  it('pass a publish dry run', () => {
    const out = run('pnpm', ['-r', 'publish', '--dry-run', '--no-git-checks'], root);
    expect(out.status, out.stderr).toBe(0);
    for (const p of packed) expect(`${out.stdout}${out.stderr}`).toContain(`+ ${p.name}@`);
  });
});

describe('a fresh npm project', () => {
  it('imports every package from Node ESM and trains a tiny model', () => {
    const out = succeed('node', ['train.mjs'], join(work, 'app'));
    const result = JSON.parse(out.trim().split('\n').at(-1) ?? '{}');
    expect(['tensorflow', 'wasm', 'cpu']).toContain(result.backend);
    expect(result.accuracyAfter).toBeGreaterThanOrEqual(0.95);
    expect(result.accuracyAfter).toBeGreaterThan(result.accuracyBefore);
    expect(result.flower).toEqual([
      [2, 10],
      [1, 10],
    ]);
    expect(result.padded).toEqual([1, 4, 4, 1]);
    expect(result.pe).toEqual([1, 4, 6]);
    expect(result.errorKind).toBe('shape');
    expect(result.parallelWorkers).toBe(1);
    expect(result.parallelLossFell).toBe(true);
  });

  it("runs each package README's example as written", async () => {
    for (const p of packed) {
      const readme = readFileSync(join(p.dir, 'README.md'), 'utf8');
      const code = /## Example\n\n```ts\n([\s\S]*?)```/.exec(readme)?.[1];
      expect(code, `${p.name}'s README has no ## Example with a ts block`).toBeDefined();
      const js = await transform(code ?? '', { loader: 'ts', format: 'esm' });
      const file = join(work, 'app', `readme-${p.name.replace('@dlkit/', '')}.mjs`);
      writeFileSync(file, js.code);
      const out = run('node', [file], join(work, 'app'));
      expect(out.status, `${p.name} README example:\n${out.stderr}`).toBe(0);
    }
  });

  it('runs the packed dlkit binary: lists every lab, then a quick lab writes its artefacts', () => {
    const app = join(work, 'app');
    const labs = run('npx', ['--no-install', 'dlkit', 'labs'], app);
    expect(labs.status, labs.stderr).toBe(0);
    expect(labs.stdout).toContain('Course 1 · Neural Networks and Deep Learning');
    for (const id of ['planar-flower', 'hidden-layer-sweep', 'image-classifier']) {
      expect(labs.stdout).toContain(`    ${id} `);
    }
    const bad = run('npx', ['--no-install', 'dlkit', 'run', 'no-such-lab'], app);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain("unknown lab 'no-such-lab'");
    const out = join(work, 'lab-out');
    const lab = run(
      'npx',
      ['--no-install', 'dlkit', 'run', 'planar-flower', '--quick', '--out', out],
      app,
    );
    expect(lab.status, lab.stderr).toBe(0);
    const summary = JSON.parse(readFileSync(join(out, 'figures.json'), 'utf8'));
    // The course's figures: about 90% for the network, below 60% for logistic regression.
    expect(summary.figures.accuracy).toBeGreaterThan(0.88);
    expect(summary.figures.logisticAccuracy).toBeLessThan(0.6);
    for (const f of ['cost.svg', 'decision-boundary.svg', 'decision-boundary.vl.json']) {
      expect(readFileSync(join(out, f), 'utf8').length, f).toBeGreaterThan(1000);
    }
    expect(readFileSync(join(out, 'cost.svg'), 'utf8')).toMatch(/^<svg[\s\S]*<\/svg>$/);
  });

  it.each(['bundler', 'nodenext'])(
    'typechecks against the public types with moduleResolution %s',
    (mode) => {
      const tsc = join(root, 'node_modules', 'typescript', 'bin', 'tsc');
      const out = run('node', [tsc, '-p', `tsconfig.${mode}.json`], join(work, 'app'));
      expect(out.status, `${out.stdout}${out.stderr}`).toBe(0);
    },
  );

  it.skipIf(chromiumSkipReason !== undefined)(
    `runs a bundled browser entry in headless Chromium${chromiumSkipReason === undefined ? '' : ` (skipped: ${chromiumSkipReason})`}`,
    async () => {
      const app = join(work, 'app');
      await build({
        entryPoints: [join(app, 'browser.ts')],
        bundle: true,
        format: 'esm',
        platform: 'browser',
        outfile: join(app, 'dist', 'browser.js'),
        absWorkingDir: app,
        logLevel: 'silent',
      });
      const types: Record<string, string> = { '.html': 'text/html', '.js': 'text/javascript' };
      const server: Server = createServer((req, res) => {
        const path = join(
          app,
          new URL(req.url ?? '/', 'http://x').pathname.replace(/^\/$/, '/index.html'),
        );
        if (!path.startsWith(app) || !existsSync(path)) {
          res.writeHead(404).end();
          return;
        }
        res.writeHead(200, { 'content-type': types[extname(path)] ?? 'application/octet-stream' });
        res.end(readFileSync(path));
      });
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      const address = server.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      const browser = await launchChromium({ timeout: 120_000 });
      try {
        const page = await browser.context.newPage();
        const errors: string[] = [];
        page.on('pageerror', (e) => errors.push(String(e)));
        await page.goto(`http://127.0.0.1:${port}/index.html`);
        await page.waitForFunction(() => 'dlkitResult' in window, undefined, { timeout: 120_000 });
        const result = await page.evaluate(
          () => (window as unknown as { dlkitResult: Record<string, unknown> }).dlkitResult,
        );
        console.log(`browser backend: ${String(result['backend'])}`);
        expect(errors).toEqual([]);
        expect(result['error']).toBeUndefined();
        expect(['webgpu', 'webgl', 'wasm', 'cpu']).toContain(result['backend']);
        expect(result['firstRandn']).toBeCloseTo(1.6243454, 6); // np.random.seed(1); np.random.randn()
        expect(result['relu']).toEqual([0, 2]);
        expect(result['step']).toEqual([0.5, 0.5]);
        expect(result['accuracy']).toBeCloseTo(2 / 3, 12);
        expect(result['flower']).toEqual([2, 6]);
        expect(result['padded']).toEqual([1, 5, 5, 1]);
        expect(result['pe']).toEqual([1, 3, 4]);
      } finally {
        await browser.close();
        server.close();
      }
    },
  );
});

describe('the consumer checks catch a broken package', () => {
  it('fails when an exports entry points at a missing file', () => {
    const core = packed.find((p) => p.name === '@dlkit/core');
    if (core === undefined) throw new Error('@dlkit/core was not packed');
    const unpacked = join(work, 'broken-core');
    mkdirSync(unpacked);
    succeed('tar', ['-xzf', core.tarball, '-C', unpacked], work);
    const manifestPath = join(unpacked, 'package', 'package.json');
    const manifest = JSON.parse(readFileSync(manifestPath, 'utf8'));
    manifest.exports['.'].default = './dist/missing.js';
    writeFileSync(manifestPath, JSON.stringify(manifest));
    const brokenTarball = join(work, 'broken-core.tgz');
    succeed('tar', ['-czf', brokenTarball, '-C', unpacked, 'package'], work);
    const app = join(work, 'broken-app');
    npmProject(app, { '@dlkit/core': `file:${brokenTarball}`, ...peers }, true);
    writeFileSync(
      join(app, 'check.mjs'),
      "import { RandomState } from '@dlkit/core';\nconsole.log(typeof RandomState);\n",
    );
    const out = run('node', ['check.mjs'], app);
    expect(out.status).not.toBe(0);
    expect(out.stderr).toMatch(/ERR_MODULE_NOT_FOUND|Cannot find module/);
  });
});
