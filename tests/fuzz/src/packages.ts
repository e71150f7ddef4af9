import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type * as tf from '@tensorflow/tfjs';
import * as backend from '@dlkit/backend';
import * as cnn from '@dlkit/cnn';
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
export const PACKAGES = { backend, cnn, core, datasets, optimizers, sequence, strategy } as const;

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
function hiddenMethods(pkg: string): Set<string> {
  const names = new Set<string>();
  for (const text of sources(join(root, 'packages', pkg, 'src'))) {
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
  const hidden = new Map(Object.keys(PACKAGES).map((p) => [p, hiddenMethods(p)]));
  const targets = collectTargets(PACKAGES as never, makeInstance).filter((t) => {
    const pkg = t.id.split('.')[0] ?? '';
    return t.member === undefined || !hidden.get(pkg)?.has(t.member);
  });
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
