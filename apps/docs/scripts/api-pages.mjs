// Additions to typedoc's API pages: each package page gets its README's course map (course week
// → module → exports, the exports linked to their pages), and the API sidebar groups each
// package's entries by `@category`, i.e. by course week.
import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { rewriteLinks } from './pages.mjs';

/** The `## Course map` section of a README (its table), or undefined. */
export function courseMapSection(readme) {
  const match = /^## Course map\s*\n([\s\S]*?)(?=^## |(?![\s\S]))/m.exec(readme);
  return match === null ? undefined : match[1].trim();
}

/** Links every `` `name` `` (or `` `namespace.name` ``) of a table to its API page. */
function linkExports(table, entries) {
  const links = new Map(entries.map((e) => [e.name, e.link]));
  return table.replace(/(?<!\[)`([A-Za-z_][\w.]*)`/g, (whole, name) => {
    const link = links.get(name) ?? links.get(name.split('.')[0]);
    return link === undefined ? whole : `[\`${name}\`](${link})`;
  });
}

/** The package's folder in the repository: `packages/<pkg>`, or `apps/<pkg>` (`@dlkit/cli`). */
function packageFolder(repo, pkg) {
  return ['packages', 'apps'].map((d) => `${d}/${pkg}`).find((d) => existsSync(join(repo, d)));
}

/** Puts each package's course map under the H1 of its API page. */
export function injectCourseMaps(apiDir, repo, packages, placement) {
  for (const { package: pkg, groups } of packages) {
    const folder = packageFolder(repo, pkg);
    const readme = folder === undefined ? '' : join(repo, folder, 'README.md');
    const index = join(apiDir, '@dlkit', pkg, 'index.md');
    if (!existsSync(readme)) continue;
    const table = courseMapSection(readFileSync(readme, 'utf8'));
    if (table === undefined) throw new Error(`prepare: ${folder}/README.md has no "## Course map"`);
    const entries = groups.flatMap(([, list]) => list);
    const page = readFileSync(index, 'utf8');
    const heading = `# @dlkit/${pkg}\n`;
    const at = page.indexOf(heading);
    if (at < 0) throw new Error(`prepare: ${index} has no "${heading.trim()}"`);
    const linked = rewriteLinks(linkExports(table, entries), folder, placement);
    const section = `\n## Course map\n\n${linked}\n\nInstall: \`npm install @dlkit/${pkg} @tensorflow/tfjs\`.\n`;
    const end = at + heading.length;
    writeFileSync(index, page.slice(0, end) + section + page.slice(end));
  }
}

/** The API sidebar: package → category → entries. */
export function apiSidebar(packages) {
  return packages.map(({ package: pkg, groups }) => ({
    text: `@dlkit/${pkg}`,
    link: `/api/@dlkit/${pkg}/`,
    collapsed: true,
    items: groups.map(([title, entries]) => ({
      text: title,
      collapsed: true,
      items: entries.map((e) => ({ text: e.name, link: e.link })),
    })),
  }));
}

/** Every `.md` file under `dir`. */
function markdownFiles(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return markdownFiles(path);
    return entry.name.endsWith('.md') ? [path] : [];
  });
}

/**
 * Repairs the one kind of dead anchor typedoc-plugin-markdown writes: a link to an inherited
 * member whose name has an `_` at its end (`iterations_`) or start (`_refCount`) drops the `_`
 * (`#property-iterations`, `#property-refcount`) while the target's anchor keeps it
 * (`<a id="property-iterations_">`, `<a id="property-_refcount">`). A link is changed only
 * when its anchor is missing from the target page and the anchor with the `_` is there.
 */
export function repairAnchors(apiDir) {
  const ids = new Map();
  const idsOf = (file) => {
    if (!ids.has(file)) {
      const text = existsSync(file) ? readFileSync(file, 'utf8') : '';
      ids.set(file, new Set([...text.matchAll(/<a id="([^"]+)"><\/a>/g)].map((m) => m[1])));
    }
    return ids.get(file);
  };
  let repaired = 0;
  for (const file of markdownFiles(apiDir)) {
    const text = readFileSync(file, 'utf8');
    const fixed = text.replace(/\]\(([^()#\s]*\.md)#([\w-]+)\)/g, (whole, target, anchor) => {
      const found = idsOf(join(dirname(file), target));
      if (found.has(anchor)) return whole;
      // `iterations_` (a trailing underscore) or `_refCount` (a leading one, after the kind).
      const fix = [`${anchor}_`, anchor.replace(/^([a-z]+-)/, '$1_')].find((a) => found.has(a));
      if (fix === undefined) return whole;
      repaired++;
      return `](${target}#${fix})`;
    });
    if (fixed !== text) writeFileSync(file, fixed);
  }
  return repaired;
}

/**
 * Names the entry points of a package that has several (`@dlkit/cli`, `@dlkit/cli/plots`) by
 * their import paths instead of typedoc's module names (`index`, `plots`), in the package's
 * module list and in each module page's title and breadcrumb.
 */
export function nameEntryPoints(apiDir) {
  const scope = join(apiDir, '@dlkit');
  for (const pkg of readdirSync(scope)) {
    const index = join(scope, pkg, 'index.md');
    if (!existsSync(index)) continue;
    const page = readFileSync(index, 'utf8');
    const modules = [...page.matchAll(/^- \[([\w.-]+)\]\(\1\/index\.md\)$/gm)].map((m) => m[1]);
    const name = (module) => (module === 'index' ? `@dlkit/${pkg}` : `@dlkit/${pkg}/${module}`);
    let renamed = page;
    for (const module of modules) {
      renamed = renamed.replace(
        `- [${module}](${module}/index.md)`,
        `- [\`${name(module)}\`](${module}/index.md)`,
      );
      const file = join(scope, pkg, module, 'index.md');
      if (!existsSync(file)) continue;
      const text = readFileSync(file, 'utf8')
        .replace(new RegExp(`^# ${module}$`, 'm'), `# ${name(module)}`)
        .replace(new RegExp(`\\) / ${module}$`, 'm'), `) / ${name(module)}`);
      writeFileSync(file, text);
    }
    if (renamed !== page) writeFileSync(index, renamed);
  }
}
