// A real process killed (SIGKILL) at seeded random moments while it saves a 4 MB, 4-shard
// checkpoint over and over: after every kill the folder must load, intact, as the last checkpoint
// the child reported saved or a later one, and the files of another model sharing the folder must
// be untouched. The child runs `writeCheckpoint` (the part of `fileSystem(...).save` that touches
// the disk, after validation), bundled by esbuild without tfjs so that it starts in a fraction of a
// second; the parent loads with `fileSystem(dir).load()`.
import { fork } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RandomState } from '@dlkit/core';
import { fileSystem } from './file-system.js';
import { writeCheckpoint } from './write-checkpoint.js';
import type { CheckpointContent } from './validate-artifacts.js';

const KILLS = 50;
const ELEMENTS = 1 << 20; // float32: 4 MiB of weights
const SHARD_BYTES = 1 << 20; // 4 shards

/** The checkpoint of generation g: weight i is g * 4096 + (i mod 4096), exact in float32. */
const CHILD = `
import { writeCheckpoint } from './write-checkpoint.ts';
const [dir, elements, shardBytes] = process.argv.slice(2);
const n = Number(elements);
const values = new Float32Array(n);
const first = await new Promise((go) => {
  process.once('message', (m) => go(m.first));
  process.send('ready');
});
for (let g = first; ; g++) {
  for (let i = 0; i < n; i++) values[i] = g * 4096 + (i % 4096);
  await writeCheckpoint(
    { dir, json: dir + '/model.json', base: 'model' },
    {
      manifest: { modelTopology: { kill: 'test' }, format: 'layers-model', generatedBy: 'kill test',
        convertedBy: null, userDefinedMetadata: { generation: g } },
      specs: [{ name: 'w', shape: [n], dtype: 'float32' }],
      data: [new Uint8Array(values.buffer)],
    },
    Number(shardBytes),
  );
  process.send({ saved: g });
}
`;

function content(g: number, n: number): CheckpointContent {
  const values = new Float32Array(n).map((_, i) => g * 4096 + (i % 4096));
  return {
    manifest: {
      modelTopology: { kill: 'test' },
      format: 'layers-model',
      generatedBy: 'kill test',
      convertedBy: null,
      userDefinedMetadata: { generation: g },
    },
    specs: [{ name: 'w', shape: [n], dtype: 'float32' }],
    data: [new Uint8Array(values.buffer)],
  };
}

/** Loads the folder and returns the generation whose values every weight holds. */
async function loadedGeneration(dir: string): Promise<number> {
  const artifacts = await fileSystem(dir).load();
  const g = (artifacts.userDefinedMetadata as { generation: number }).generation;
  const w = new Float32Array(artifacts.weightData as ArrayBuffer);
  expect(w.length).toBe(ELEMENTS);
  let wrong = -1;
  for (let i = 0; i < w.length && wrong < 0; i++) if (w[i] !== g * 4096 + (i % 4096)) wrong = i;
  expect(wrong, `weight ${wrong} of generation ${g} holds ${w[wrong]}`).toBe(-1);
  return g;
}

interface Run {
  lastSaved: number;
  /** Milliseconds from the go message to the first completed save, when there was one. */
  firstSaveMs: number | null;
  code: number | null;
  signal: string | null;
  stderr: string;
}

/** A child process that has loaded the writer and waits for the generation to start from. */
interface Child {
  ready: Promise<void>;
  /** Starts saving from generation `first`; kills the child `delay` ms later (if null: after its first save). */
  go(first: number, delay: number | null): Promise<Run>;
}

function startChild(script: string, dir: string): Child {
  const child = fork(script, [dir, String(ELEMENTS), String(SHARD_BYTES)], {
    stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
  });
  let stderr = '';
  child.stderr?.on('data', (d: Buffer) => (stderr += d.toString()));
  const ready = new Promise<void>((resolve) => child.once('message', () => resolve()));
  const go = (first: number, delay: number | null): Promise<Run> =>
    new Promise((done) => {
      const run: Run = {
        lastSaved: first - 1,
        firstSaveMs: null,
        code: null,
        signal: null,
        stderr,
      };
      const start = performance.now();
      child.on('message', (m: unknown) => {
        run.lastSaved = (m as { saved: number }).saved;
        if (run.firstSaveMs === null) {
          run.firstSaveMs = performance.now() - start;
          if (delay === null) child.kill('SIGKILL');
        }
      });
      child.on('close', (code, signal) => done({ ...run, code, signal, stderr }));
      child.send({ first });
      if (delay !== null) setTimeout(() => child.kill('SIGKILL'), delay);
    });
  return { ready, go };
}

const root = mkdtempSync(join(tmpdir(), 'dlkit-kill-'));
const script = join(root, 'child.mjs');
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('fileSystem save killed by SIGKILL', () => {
  beforeAll(async () => {
    const result = await build({
      stdin: {
        contents: CHILD,
        resolveDir: dirname(fileURLToPath(import.meta.url)),
        sourcefile: 'kill-child.ts',
        loader: 'ts',
      },
      bundle: true,
      platform: 'node',
      format: 'esm',
      outfile: script,
      conditions: ['@dlkit/source'],
      metafile: true,
      logLevel: 'error',
    });
    // writeCheckpoint must not need tfjs (the child would then take seconds to start).
    const used = Object.values(result.metafile.outputs).flatMap((o) =>
      Object.entries(o.inputs).filter(([, i]) => i.bytesInOutput > 0),
    );
    expect(used.map(([f]) => f).filter((f) => f.includes('@tensorflow'))).toEqual([]);
  });

  it(`always leaves a loadable checkpoint, ${KILLS} kills at seeded random moments`, async () => {
    const dir = join(root, 'ckpt');
    const rng = new RandomState(11);
    await writeCheckpoint(
      { dir, json: `${dir}/model.json`, base: 'model' },
      content(0, ELEMENTS),
      SHARD_BYTES,
    );
    // Another model and a user file in the same folder, which no save of model.json may touch.
    await writeCheckpoint({ dir, json: `${dir}/other.json`, base: 'other' }, content(7, 8), 16);
    writeFileSync(join(dir, 'weights.bin'), 'a user file');
    const theirs = ['other.json', ...listedShards(dir, 'other.json'), 'weights.bin'];
    const before = Object.fromEntries(theirs.map((f) => [f, readFileSync(join(dir, f))]));
    // How long one save takes here (fsync dominates), so that the kills spread over whole saves.
    const probe = startChild(script, dir);
    await probe.ready;
    const timing = await probe.go(1, null);
    expect(timing.firstSaveMs, timing.stderr).not.toBeNull();
    const span = 1.5 * (timing.firstSaveMs as number);
    let generation = await loadedGeneration(dir);
    let interrupted = 0;
    let next = startChild(script, dir);
    for (let k = 0; k < KILLS; k++) {
      const child = next;
      await child.ready;
      if (k + 1 < KILLS) next = startChild(script, dir); // starts up while this one saves
      const run = await child.go(generation + 1, rng.uniform(0, span));
      expect(run.signal, `child exited by itself (code ${run.code}): ${run.stderr}`).toBe(
        'SIGKILL',
      );
      const loaded = await loadedGeneration(dir);
      // Never older than what the child reported saved; the save in flight may have completed.
      expect(loaded).toBeGreaterThanOrEqual(Math.max(run.lastSaved, generation));
      generation = loaded;
      // Files left by the killed save are its own (model.json.<id>.tmp, model.weights.<id>...);
      // removing them keeps the test's disk use bounded.
      const live = new Set(['model.json', ...listedShards(dir, 'model.json'), ...theirs]);
      const leftovers = readdirSync(dir).filter((f) => !live.has(f));
      for (const f of leftovers) {
        expect(f).toMatch(/^model(\.json\.[0-9a-f]{12}\.tmp|\.weights\.[0-9a-f]{12}\.[1-4]\.bin)$/);
        rmSync(join(dir, f));
      }
      if (leftovers.length > 0) interrupted++;
    }
    for (const f of theirs)
      expect(readFileSync(join(dir, f)).equals(before[f] as Buffer)).toBe(true);
    const other = await fileSystem(join(dir, 'other.json')).load();
    expect(Array.from(new Float32Array(other.weightData as ArrayBuffer))).toEqual(
      Array.from({ length: 8 }, (_, i) => 7 * 4096 + i),
    );
    console.log(
      `${KILLS} kills over ${span.toFixed(0)} ms: ${interrupted} left a save's own files behind, ` +
        `${generation - 1} saves completed`,
    );
  }, 600_000);
});

function listedShards(dir: string, json: string): string[] {
  const manifest = JSON.parse(readFileSync(join(dir, json), 'utf8')) as {
    weightsManifest: { paths: string[] }[];
  };
  return manifest.weightsManifest.flatMap((g) => g.paths);
}
