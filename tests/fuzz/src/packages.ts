import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type * as tf from '@tensorflow/tfjs';
import * as backend from '@dlkit/backend';
import * as cli from '@dlkit/cli';
import * as cliPlots from '@dlkit/cli/plots';
import * as cnn from '@dlkit/cnn';
import * as cnnImages from '@dlkit/cnn/images';
import * as core from '@dlkit/core';
import * as datasets from '@dlkit/datasets';
import * as optimizers from '@dlkit/optimizers';
import * as sequence from '@dlkit/sequence';
import * as strategy from '@dlkit/strategy';
import { makeInstance } from './factories.js';
import { paramsOf } from './params.js';
import { collectTargets, type Target } from './targets.js';

/** Every public package with JavaScript exports, by short name. A new export joins the fuzz by
 * being exported; a new package by a line here (and a dependency in package.json). */
export const PACKAGES = {
  backend,
  cli,
  cliPlots,
  cnn,
  cnnImages,
  core,
  datasets,
  optimizers,
  sequence,
  strategy,
} as const;

/** Where each package's sources are, from the repository's root (apps live under `apps/`). */
const SOURCES: Record<keyof typeof PACKAGES, string> = {
  backend: 'packages/backend/src',
  cli: 'apps/cli/src',
  cliPlots: 'apps/cli/src/plots',
  cnn: 'packages/cnn/src',
  cnnImages: 'packages/cnn/src/images',
  core: 'packages/core/src',
  datasets: 'packages/datasets/src',
  optimizers: 'packages/optimizers/src',
  sequence: 'packages/sequence/src',
  strategy: 'packages/strategy/src',
};

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory()
      ? sources(join(dir, e.name))
      : e.name.endsWith('.ts') && !e.name.endsWith('.test.ts')
        ? [readFileSync(join(dir, e.name), 'utf8')]
        : [],
  );
}

/** Methods declared `private` or `protected` in a package's sources: not its public API. */
function hiddenMethods(pkg: keyof typeof PACKAGES): Set<string> {
  const names = new Set<string>();
  for (const text of sources(join(root, SOURCES[pkg]))) {
    for (const m of text.matchAll(
      /(?:private|protected)\s+(?:static\s+)?(?:async\s+)?(?:readonly\s+)?(\w+)\s*[(<]/g,
    ))
      names.add(m[1] as string);
  }
  return names;
}

/**
 * The fuzz's targets: every export of every public package (without private and protected
 * methods), and the methods of a file-system handler pointed at the saved checkpoint, so the
 * fuzz can try to damage it.
 *
 * @param checkpoint - The saved checkpoint's path.
 * @returns The targets in a stable order.
 */
export function fuzzTargets(checkpoint: string): Target[] {
  const hidden = new Map(
    (Object.keys(PACKAGES) as (keyof typeof PACKAGES)[]).map((p) => [p, hiddenMethods(p)]),
  );
  const targets = collectTargets(PACKAGES as never, makeInstance).filter((t) => {
    const pkg = (t.id.split('.')[0] ?? '') as keyof typeof PACKAGES;
    return t.member === undefined || !hidden.get(pkg)?.has(t.member);
  });
  targets.push(...labTargets());
  const handler = (): tf.io.IOHandler => backend.fileSystem(checkpoint);
  const save = handler().save;
  if (save !== undefined) {
    targets.push({
      id: 'backend.fileSystem(checkpoint).save',
      names: ['fileSystem.save', 'fileSystem'],
      params: paramsOf(save as never),
      invoke: (args) => handler().save?.(...(args as [tf.io.ModelArtifacts])),
    });
  }
  return targets;
}

/** The `run` method of every lab in `@dlkit/cli`'s `labs` (a lab is an object, not a class). */
function labTargets(): Target[] {
  // A lab's errors name `<lab id>.run`, the id findLab and `dlkit run` take.
  return cli.labs.map((lab) => {
    const name = `${lab.id}.run`;
    return {
      id: `cli.${name}`,
      names: [name],
      params: paramsOf(lab.run as never),
      invoke: (args) => lab.run(...(args as [never])),
    };
  });
}
