import { DlkitError } from '@dlkit/core';
import { c1Labs } from './c1/index.js';
import { c2Labs } from './c2/index.js';
import { c4Labs } from './c4/index.js';
import type { Lab } from './lab.js';

/**
 * Every lab of the course that dlkit has, in course order (`dlkit labs` lists them). A course
 * adds its labs in `src/labs/c<N>/index.ts` and one line here.
 *
 * @example
 * ```ts
 * import { labs } from '@dlkit/cli';
 * console.log(labs.map((lab) => lab.id).includes('planar-flower')); // true
 * ```
 *
 * @category Labs
 */
export const labs: readonly Lab[] = Object.freeze([...c1Labs, ...c2Labs, ...c4Labs]);

/**
 * The lab `dlkit run <id>` runs.
 *
 * @param id - A lab's id, e.g. `planar-flower`.
 * @returns The lab.
 * @throws DlkitError (`value`) naming the known labs when there is no lab `id`.
 *
 * @example
 * ```ts
 * import { findLab } from '@dlkit/cli';
 * const lab = findLab('planar-flower');
 * console.log(`C${lab.course} W${lab.week}: ${lab.title}`);
 * ```
 *
 * @category Labs
 */
export function findLab(id: string): Lab {
  const lab = typeof id === 'string' ? labs.find((l) => l.id === id) : undefined;
  if (lab === undefined) {
    const got = typeof id === 'string' ? `'${id.slice(0, 60)}'` : typeof id;
    throw new DlkitError(
      'value',
      'findLab',
      `id must be one of ${labs.map((l) => l.id).join(', ')}; got ${got}`,
      { argument: 'id' },
    );
  }
  return lab;
}
