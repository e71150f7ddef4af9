// Every built page, read as a file (no browser, so all ~340 take seconds): it has a title, each
// of its links lands on a page, an anchor or an asset of the site, and its formulas are rendered
// by MathJax (none is left as `$$…$$` text). The browser test loads a sample of the same pages.
import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { dist, fileOf, htmlOf, idsOf, linksOf, proseOf, sitePages, titleOf } from './dist.js';

const built = existsSync(fileOf('/') ?? '');

/** A link's target inside the site, or undefined when it leaves the site (or is `data:`/`mailto:`). */
function localTarget(link: string, route: string): URL | undefined {
  if (/^(?:[a-z][a-z0-9+.-]*:|\/\/)/i.test(link)) return undefined; // http:, data:, mailto:, //cdn
  return new URL(link, new URL(route, 'http://site.invalid'));
}

describe.skipIf(!built)(
  `the built site's pages${built ? '' : ` (skipped: ${dist} has no build; turbo's test runs build first)`}`,
  () => {
    const pages = built ? sitePages() : [];
    const html = new Map(pages.map((p) => [p.route, htmlOf(p)]));
    const ids = new Map<string, Set<string>>();

    /** The ids of the page a file holds (read once). */
    function idsIn(file: string): Set<string> {
      let found = ids.get(file);
      if (found === undefined) {
        const page = pages.find((p) => p.file === file);
        found = idsOf(page === undefined ? '' : html.get(page.route)!);
        ids.set(file, found);
      }
      return found;
    }

    it('has the course map, its week pages and the API of every package', () => {
      const routes = pages.map((p) => p.route);
      for (let course = 1; course <= 5; course++) {
        expect(routes).toContain(`/course-${course}/`);
        expect(routes).toContain(`/course-${course}/week-1`);
      }
      expect(routes.filter((r) => /^\/course-\d\/week-\d$/.test(r)).length).toBe(17);
      for (const pkg of [
        'core',
        'optimizers',
        'strategy',
        'cnn',
        'sequence',
        'backend',
        'datasets',
        'cli',
      ])
        expect(routes).toContain(`/api/@dlkit/${pkg}/`);
      expect(routes.filter((r) => r.startsWith('/api/')).length).toBeGreaterThan(100);
      expect(routes).toEqual(expect.arrayContaining(['/', '/demos', '/labs']));
    });

    it('gives every page a title', () => {
      const untitled = pages.filter((p) => titleOf(html.get(p.route)!) === '').map((p) => p.route);
      expect(untitled).toEqual([]);
    });

    it('links only to pages, anchors and files that exist', () => {
      const dead: string[] = [];
      for (const page of pages) {
        for (const link of new Set(linksOf(html.get(page.route)!))) {
          const target = localTarget(link, page.route);
          if (target === undefined) continue;
          const file = fileOf(target.pathname);
          if (file === undefined) dead.push(`${page.route} → ${link} (no such page or file)`);
          else if (target.hash.length > 1 && file.endsWith('.html')) {
            const id = decodeURIComponent(target.hash.slice(1));
            if (!idsIn(file).has(id)) dead.push(`${page.route} → ${link} (no #${id} there)`);
          }
        }
      }
      expect(dead).toEqual([]);
    });

    it('renders the formulas with MathJax: week pages hold them, and no page shows raw TeX', () => {
      const unrendered = pages
        .filter((p) => /\$\$|\\frac\{|\\sum_|\\begin\{/.test(proseOf(html.get(p.route)!)))
        .map((p) => p.route);
      expect(unrendered).toEqual([]);
      // Every week of the maths courses has formulas (not C1 W1, the introduction, nor course 3,
      // on strategy).
      const weeks = pages.filter((p) => /^\/course-[1245]\/week-\d$/.test(p.route));
      const mathWeeks = weeks.filter((p) => p.route !== '/course-1/week-1');
      const withFormulas = weeks.filter((p) => html.get(p.route)!.includes('<mjx-container'));
      expect(mathWeeks.length).toBe(14);
      expect(withFormulas.map((p) => p.route)).toEqual(mathWeeks.map((p) => p.route));
    });
  },
);
