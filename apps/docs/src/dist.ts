// The built site as files: its pages, the links in their HTML and where a link lands in `dist/`.
// The page checks read these without a browser; the browser test samples the same pages.
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

/** The built site (`vitepress build`'s `outDir`). */
export const dist = join(import.meta.dirname, '..', 'dist');

/** One built page: its clean URL path (`/course-1/week-3`) and its HTML file. */
export interface SitePage {
  route: string;
  file: string;
}

/** Every page in `dist/` but the 404 page (clean URLs: `course-1/week-3.html` → `/course-1/week-3`). */
export function sitePages(dir = dist): SitePage[] {
  return readdirSync(dir).flatMap((name): SitePage[] => {
    const file = join(dir, name);
    if (statSync(file).isDirectory()) return name === 'assets' ? [] : sitePages(file);
    if (!name.endsWith('.html') || (dir === dist && name === '404.html')) return [];
    const path = `/${relative(dist, file).replace(/\\/g, '/')}`;
    const route = path.endsWith('/index.html')
      ? path.slice(0, -'index.html'.length)
      : path.slice(0, -'.html'.length);
    return [{ route, file }];
  });
}

/**
 * The file a site-absolute path (no query, no hash) is served from, as VitePress' server does
 * with clean URLs: the file itself, `<path>.html`, or `<path>/index.html`; undefined when none.
 */
export function fileOf(path: string): string | undefined {
  const local = join(dist, decodeURIComponent(path));
  const candidates = path.endsWith('/')
    ? [join(local, 'index.html')]
    : [local, `${local}.html`, join(local, 'index.html')];
  return candidates.find((f) => existsSync(f) && statSync(f).isFile());
}

/** The `href` and `src` values of a page's elements, decoded from HTML (`&amp;` → `&`). */
export function linksOf(html: string): string[] {
  const links: string[] = [];
  for (const match of html.matchAll(/\s(?:href|src)="([^"]*)"/g)) {
    links.push(
      match[1]!
        .replace(/&amp;/g, '&')
        .replace(/&quot;/g, '"')
        .replace(/&#39;/g, "'"),
    );
  }
  return links;
}

/** The `id`s a page's elements carry (the targets of `#…` links). */
export function idsOf(html: string): Set<string> {
  return new Set([...html.matchAll(/\sid="([^"]*)"/g)].map((m) => m[1]!));
}

/**
 * The page's visible text outside code, scripts and rendered formulas: what a reader sees as
 * prose, where an unrendered `$$` or `\frac` would show.
 */
export function proseOf(html: string): string {
  return html
    .replace(/<(script|style|pre|code|mjx-container|svg)\b[\s\S]*?<\/\1>/g, ' ')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&nbsp;/g, ' ');
}

/** The text of a page's first `<h1>`, without tags (empty when it has none). */
export function titleOf(html: string): string {
  const h1 = /<h1\b[^>]*>([\s\S]*?)<\/h1>/.exec(html);
  return h1 === null
    ? ''
    : h1[1]!
        .replace(/<[^>]+>/g, '')
        .replace(/&ZeroWidthSpace;|\u200b/g, '')
        .trim();
}

/** A page's HTML. */
export function htmlOf(page: SitePage): string {
  return readFileSync(page.file, 'utf8');
}
