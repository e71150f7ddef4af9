// The API reference's entries by `@category`, read from the package index pages that typedoc
// (typedoc-plugin-markdown) wrote: each category is a heading followed by a list of links. A
// package with several entry points (`@dlkit/cli` and `@dlkit/cli/plots`) has an index page that
// lists its modules, each with its own index page; a module that only re-exports adds nothing.
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

/**
 * @typedef {{ package: string, name: string, link: string }} ApiEntry
 * `link` is the page's URL on the site (`/api/@dlkit/core/functions/relu`).
 */

/**
 * Reads `api/@dlkit/<package>/index.md` of every package.
 * @param {string} apiDir the typedoc output folder (`.src/api`)
 * @returns {{ categories: Map<string, ApiEntry[]>, packages: { package: string, groups: [string, ApiEntry[]][] }[] }}
 *   category title → entries of every package, in source order; and each package's groups
 */
export function apiCategories(apiDir) {
  const scope = join(apiDir, '@dlkit');
  if (!existsSync(scope)) throw new Error(`prepare: typedoc wrote no ${scope}`);
  const categories = new Map();
  const packages = [];
  for (const pkg of readdirSync(scope).sort()) {
    const index = join(scope, pkg, 'index.md');
    if (!existsSync(index)) continue;
    const groups = readPackage(join(scope, pkg), pkg);
    packages.push({ package: pkg, groups });
    for (const [title, entries] of groups) {
      categories.set(title, [...(categories.get(title) ?? []), ...entries]);
    }
  }
  return { categories, packages };
}

/** The groups of a package's index page, or of its modules' index pages when it has several. */
function readPackage(dir, pkg) {
  const text = readFileSync(join(dir, 'index.md'), 'utf8');
  const modules = [...text.matchAll(/^- \[[^\]]+\]\(([\w.-]+)\/index\.md\)$/gm)].map((m) => m[1]);
  const own = readIndex(text, pkg, '').filter(([, entries]) =>
    entries.some((e) => !modules.some((m) => e.link.endsWith(`/${m}/index`))),
  );
  if (own.length > 0 || modules.length === 0) return own;
  return modules.flatMap((module) => {
    const file = join(dir, module, 'index.md');
    return existsSync(file) ? readIndex(readFileSync(file, 'utf8'), pkg, `${module}/`) : [];
  });
}

/** Headings followed by `- [name](relative.md)` items, outside code fences. */
function readIndex(text, pkg, prefix) {
  const result = [];
  let current;
  let fenced = false;
  for (const line of text.split('\n')) {
    if (line.startsWith('```')) fenced = !fenced;
    if (fenced) continue;
    const heading = /^#{2,4} (.+)$/.exec(line);
    if (heading !== null) {
      current = { title: heading[1].trim(), entries: [] };
      result.push(current);
      continue;
    }
    const item = /^- \[(.+?)\]\(((?!https?:)[^)]+)\.md\)$/.exec(line);
    if (item !== null && current !== undefined) {
      current.entries.push({
        package: pkg,
        name: item[1].replace(/\\_/g, '_'),
        link: `/api/@dlkit/${pkg}/${prefix}${item[2]}`,
      });
    }
  }
  return result.filter((c) => c.entries.length > 0).map((c) => [c.title, c.entries]);
}
