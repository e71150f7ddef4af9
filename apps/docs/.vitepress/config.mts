// The site's VitePress configuration. `scripts/prepare.mjs` writes the sources into `.src/`
// (week pages, guides, API) and `.src/site.json` (the course map this file turns into navigation).
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { defineConfig, type DefaultTheme } from 'vitepress';

interface SiteMap {
  courses: { text: string; link: string; items: DefaultTheme.SidebarItem[] }[];
  guides: { package: string; text: string; link: string }[];
  api: DefaultTheme.SidebarItem[];
}

const src = fileURLToPath(new URL('../.src/', import.meta.url));

function readJson<T>(path: string): T {
  if (!existsSync(src + path)) {
    throw new Error(
      `docs: .src/${path} is missing; build with \`pnpm --filter @dlkit/docs build\``,
    );
  }
  return JSON.parse(readFileSync(src + path, 'utf8')) as T;
}

const site = readJson<SiteMap>('site.json');

/** The course map: Course 1 … Course 5, a page per week. */
const courseSidebar: DefaultTheme.SidebarItem[] = [
  ...site.courses.map((c) => ({ text: c.text, link: c.link, items: c.items, collapsed: false })),
  { text: 'Demos', link: '/demos' },
  { text: 'Labs', link: '/labs' },
  {
    text: 'Tools and data',
    collapsed: true,
    items: site.guides.map((g) => ({
      text: `${g.package}: ${g.text.replace(/^[^:]+: /, '')}`,
      link: g.link,
    })),
  },
];

export default defineConfig({
  title: 'dlkit',
  description: 'The Deep Learning Specialization rebuilt as TypeScript packages on TensorFlow.js.',
  srcDir: '.src',
  outDir: 'dist',
  cacheDir: '.vitepress/cache',
  cleanUrls: true,
  lastUpdated: false,
  ignoreDeadLinks: false,
  markdown: { math: true },
  head: [['link', { rel: 'icon', href: 'data:,' }]],
  vite: {
    resolve: { conditions: ['@dlkit/source'] },
    ssr: { noExternal: ['@dlkit/demos'] },
    build: { chunkSizeWarningLimit: 8000 },
  },
  themeConfig: {
    nav: [
      {
        text: 'Courses',
        items: site.courses.map((c) => ({ text: c.text, link: c.link })),
      },
      { text: 'Demos', link: '/demos' },
      { text: 'Labs', link: '/labs' },
      { text: 'API', link: '/api/' },
    ],
    sidebar: {
      // One package's entries per API page (the whole API in every page's HTML weighed 190 kB).
      ...Object.fromEntries(
        site.api.map((p) => [
          p.link,
          [
            { text: 'API reference', link: '/api/' },
            { ...p, collapsed: false },
          ],
        ]),
      ),
      '/api/': [{ text: 'API reference', link: '/api/', items: site.api }],
      '/': courseSidebar,
    },
    outline: { level: [2, 3] },
    search: { provider: 'local' },
    footer: {
      message:
        "MIT licence. The course is Andrew Ng's Deep Learning Specialization (DeepLearning.AI).",
    },
  },
});
