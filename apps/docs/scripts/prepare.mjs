#!/usr/bin/env node
// Assembles the site's sources in `.src/` (generated, git-ignored) before VitePress builds it:
//   1. the API reference of every package, by typedoc with typedoc-plugin-markdown, into `.src/api/`;
//   2. one page per course week: the week's idea, its guides from `docs/` (the single source of
//      guides; each guide is placed on the week its title names), the exports whose `@category`
//      is that week (linked into the API), its demos and its lab results;
//   3. the guides that belong to no week (backends, data sets, tensor basics) under `/guides/`;
//   4. the hand-written pages of `pages/` (home, demos, labs);
//   5. `.src/site.json`, the navigation the VitePress config reads.
// `--skip-api` keeps an existing `.src/api/` (for quick edits of the guides).
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { courses } from './course.mjs';
import { apiCategories } from './api-categories.mjs';
import { apiSidebar, injectCourseMaps, nameEntryPoints, repairAnchors } from './api-pages.mjs';
import { readGuides, placeGuides } from './guides.mjs';
import { coursePage, weekPage, guidePage } from './pages.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const app = join(here, '..');
const repo = join(app, '..', '..');
const src = join(app, '.src');
const skipApi = process.argv.includes('--skip-api');

/** Runs typedoc (markdown output, validation as errors) into `.src/api/`. */
function buildApi() {
  const result = spawnSync('pnpm', ['exec', 'typedoc', '--options', 'typedoc.json'], {
    cwd: app,
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  if (result.status !== 0) throw new Error(`prepare: typedoc failed (exit ${result.status})`);
}

/** Copies tfjs-backend-wasm's `.wasm` files (the demos' wasm fallback) to `/tfjs-wasm/`. */
function copyWasm() {
  const require = createRequire(join(repo, 'apps', 'demos', 'package.json'));
  const dist = join(dirname(require.resolve('@tensorflow/tfjs-backend-wasm/package.json')), 'dist');
  const files = readdirSync(dist).filter((f) => f.endsWith('.wasm'));
  if (files.length === 0) throw new Error(`prepare: no .wasm files in ${dist}`);
  for (const f of files) cpSync(join(dist, f), join(src, 'public', 'tfjs-wasm', f));
}

/** Clears `.src/` except, with `--skip-api`, the API pages. */
function clearSources() {
  if (!existsSync(src)) return;
  for (const entry of readdirSync(src)) {
    if (skipApi && entry === 'api') continue;
    rmSync(join(src, entry), { recursive: true, force: true });
  }
}

/** Writes `text` to `.src/<path>`, making folders. */
function write(path, text) {
  const file = join(src, path);
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, text);
}

function main() {
  clearSources();
  mkdirSync(src, { recursive: true });
  const rebuild = !skipApi || !existsSync(join(src, 'api'));
  if (rebuild) buildApi();
  const { categories, packages } = apiCategories(join(src, 'api'));
  const guides = readGuides(join(repo, 'docs'));
  const placement = placeGuides(guides, courses);
  if (rebuild) {
    injectCourseMaps(join(src, 'api'), repo, packages, placement);
    repairAnchors(join(src, 'api'));
    nameEntryPoints(join(src, 'api'));
  }
  const nav = { courses: [], guides: [], api: apiSidebar(packages) };
  for (const course of courses) {
    write(`course-${course.course}/index.md`, coursePage(course, categories, placement));
    const items = [];
    for (const week of course.weeks) {
      const path = `course-${course.course}/week-${week.week}`;
      write(`${path}.md`, weekPage(course, week, categories, placement));
      items.push({ text: `W${week.week} · ${week.title}`, link: `/${path}` });
    }
    nav.courses.push({
      text: `Course ${course.course} · ${course.title}`,
      link: `/course-${course.course}/`,
      items,
    });
  }
  for (const guide of placement.unplaced) {
    write(`${guide.url.slice(1)}.md`, guidePage(guide, placement));
    nav.guides.push({ package: guide.package, text: guide.title, link: guide.url });
  }
  cpSync(join(app, 'pages'), src, { recursive: true });
  copyWasm();
  write('site.json', `${JSON.stringify(nav, null, 2)}\n`);
  const weeks = courses.reduce((n, c) => n + c.weeks.length, 0);
  console.log(
    `prepare: ${weeks} week pages, ${guides.length} guides (${placement.unplaced.length} outside the weeks), ` +
      `${[...categories.values()].reduce((n, c) => n + c.length, 0)} categorised API entries`,
  );
}

main();
