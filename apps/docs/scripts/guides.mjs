// The guides of `docs/<package>/<module>.md` and where the site puts them: on the course week
// their title names ("# C1 W4 · …", "… (C2 W1, …)": the first `C<n> W<n>` wins), or, when the
// title names no week (backends, data sets, tensor basics), on a page of their own under /guides/.
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

/**
 * @typedef {object} Guide
 * @property {string} package  the folder under docs/ (`core`)
 * @property {string} module   the file's stem (`deep`)
 * @property {string} rel      the path under docs/ (`core/deep.md`)
 * @property {string} title    the H1's text
 * @property {string} body     everything after the H1
 * @property {number | undefined} course
 * @property {number | undefined} week
 * @property {string} url      where the site shows it (`/course-1/week-4#core-deep`, `/guides/backend/io`)
 */

/** Reads every `docs/<package>/<module>.md` (not `docs/README.md`). */
export function readGuides(docsDir) {
  const guides = [];
  for (const pkg of readdirSync(docsDir).sort()) {
    const dir = join(docsDir, pkg);
    if (!statSync(dir).isDirectory()) continue;
    for (const file of readdirSync(dir).sort()) {
      if (!file.endsWith('.md')) continue;
      guides.push(readGuide(pkg, file, readFileSync(join(dir, file), 'utf8')));
    }
  }
  return guides;
}

/** Splits one guide into title and body and finds its week. */
function readGuide(pkg, file, text) {
  const match = /^# (.+)\r?\n/.exec(text);
  if (match === null)
    throw new Error(`prepare: docs/${pkg}/${file} does not start with "# <title>"`);
  const title = match[1].trim();
  const week = /\bC([1-5])\s*W([1-4])\b/.exec(title);
  const module = file.slice(0, -'.md'.length);
  const course = week === null ? undefined : Number(week[1]);
  const weekNumber = week === null ? undefined : Number(week[2]);
  const url =
    week === null
      ? `/guides/${pkg}/${module}`
      : `/course-${course}/week-${weekNumber}#${pkg}-${module}`;
  return {
    package: pkg,
    module,
    rel: `${pkg}/${file}`,
    title,
    body: text.slice(match[0].length),
    course,
    week: weekNumber,
    url,
  };
}

/**
 * Groups the guides by week; fails on a guide that names a week the course does not have.
 * @returns {{ byWeek: Map<string, Guide[]>, unplaced: Guide[], byRel: Map<string, Guide> }}
 */
export function placeGuides(guides, courses) {
  const weeks = new Set(courses.flatMap((c) => c.weeks.map((w) => `${c.course}-${w.week}`)));
  const byWeek = new Map();
  const unplaced = [];
  for (const guide of guides) {
    if (guide.course === undefined) {
      unplaced.push(guide);
      continue;
    }
    const key = `${guide.course}-${guide.week}`;
    if (!weeks.has(key))
      throw new Error(
        `prepare: docs/${guide.rel} names C${guide.course} W${guide.week}, which the course does not have`,
      );
    byWeek.set(key, [...(byWeek.get(key) ?? []), guide]);
  }
  return { byWeek, unplaced, byRel: new Map(guides.map((g) => [g.rel, g])) };
}
