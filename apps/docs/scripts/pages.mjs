// The generated pages: a course's overview, a week's page, a guide outside the weeks.
import { posix } from 'node:path';

const repoUrl = 'https://github.com/dlkit/dlkit/blob/main';

/** The week's `C<n> W<n>` categories of the API, in package order. */
function weekCategories(categories, course, week) {
  const prefix = new RegExp(`^C${course} W${week}\\b`);
  return [...categories].filter(([title]) => prefix.test(title));
}

/** A table category → exports, each linked into the API. */
function exportsTable(entries) {
  if (entries.length === 0) return '';
  const rows = entries.map(([title, list]) => {
    const links = list.map((e) => `[\`${e.name}\`](${e.link})`).join(', ');
    const packages = [...new Set(list.map((e) => `\`@dlkit/${e.package}\``))].join(', ');
    return `| ${title} | ${packages} | ${links} |`;
  });
  return ['| topic | package | exports |', '| --- | --- | --- |', ...rows, ''].join('\n');
}

/**
 * Rewrites the relative links of a markdown text that lives in the repository folder `baseDir`
 * (`docs/core`, `packages/backend`): a guide → its place on the site; any other file of the
 * repository → its page on GitHub. External links, absolute paths and anchors are left alone.
 */
export function rewriteLinks(body, baseDir, placement) {
  return mapOutsideFences(body, (line) =>
    line.replace(/\]\(([^)\s]+)\)/g, (whole, target) => {
      if (/^(https?:|mailto:|#|\/)/.test(target)) return whole;
      const [path, anchor] = target.split('#');
      const resolved = posix.normalize(posix.join(baseDir, path));
      const guide = resolved.startsWith('docs/')
        ? placement.byRel.get(resolved.slice(5))
        : undefined;
      const hash = anchor === undefined ? '' : `#${anchor}`;
      if (guide !== undefined)
        return `](${anchor === undefined ? guide.url : guide.url.split('#')[0] + hash})`;
      return `](${repoUrl}/${resolved}${hash})`;
    }),
  );
}

/** Applies `fn` to every line outside ``` fences. */
function mapOutsideFences(text, fn) {
  let fenced = false;
  return text
    .split('\n')
    .map((line) => {
      if (/^\s*(```|~~~)/.test(line)) {
        fenced = !fenced;
        return line;
      }
      return fenced ? line : fn(line);
    })
    .join('\n');
}

/** Demotes every heading by one level (the guide's H1 becomes the week page's H2). */
function demoteHeadings(body) {
  return mapOutsideFences(body, (line) => (/^#{1,5} /.test(line) ? `#${line}` : line));
}

/** Escapes text for a YAML double-quoted string. */
function yaml(text) {
  return JSON.stringify(text);
}

/** The page of one course: its weeks, with what each has. */
export function coursePage(course, categories, placement) {
  const rows = course.weeks.map((w) => {
    const guides = placement.byWeek.get(`${course.course}-${w.week}`) ?? [];
    const exports = weekCategories(categories, course.course, w.week).reduce(
      (n, [, l]) => n + l.length,
      0,
    );
    return `| [Week ${w.week} · ${w.title}](./week-${w.week}) | ${guides.length} | ${exports} |`;
  });
  return [
    '---',
    `title: ${yaml(`Course ${course.course} · ${course.title}`)}`,
    '---',
    '',
    `# Course ${course.course} · ${course.title}`,
    '',
    `The code of this course is in [\`@dlkit/${course.package}\`](/api/@dlkit/${course.package}/) (\`npm install @dlkit/${course.package} @tensorflow/tfjs\`).`,
    'Each week has a page: the idea, the guides with the notebook → dlkit name map and a worked example,',
    'the exports that implement it (linked into the API), a demo that trains in your browser and the lab results where there are some.',
    '',
    '| week | guides | exports |',
    '| --- | --- | --- |',
    ...rows,
    '',
  ].join('\n');
}

/** The page of one week. */
export function weekPage(course, week, categories, placement) {
  const guides = placement.byWeek.get(`${course.course}-${week.week}`) ?? [];
  const entries = weekCategories(categories, course.course, week.week);
  const parts = [
    '---',
    `title: ${yaml(`C${course.course} W${week.week} · ${week.title}`)}`,
    '---',
    '',
    `# Course ${course.course} · Week ${week.week}: ${week.title}`,
    '',
    week.lead,
    '',
    `<WeekDemos :course="${course.course}" :week="${week.week}" />`,
    '',
  ];
  if (entries.length > 0) {
    parts.push('## In dlkit {#in-dlkit}', '', exportsTable(entries));
  } else {
    parts.push(
      '::: info Not in dlkit yet',
      'No export of the packages names this week yet.',
      ':::',
      '',
    );
  }
  for (const guide of guides) {
    parts.push(
      `## ${guide.title} {#${guide.package}-${guide.module}}`,
      '',
      `<p class="guide-source">Guide <code>docs/${guide.rel}</code></p>`,
      '',
      demoteHeadings(rewriteLinks(guide.body, `docs/${guide.package}`, placement)).trim(),
      '',
    );
  }
  parts.push(`<LabResults :course="${course.course}" :week="${week.week}" />`, '');
  return parts.join('\n');
}

/** The page of a guide that belongs to no week. */
export function guidePage(guide, placement) {
  return [
    '---',
    `title: ${yaml(guide.title)}`,
    '---',
    '',
    `# ${guide.title}`,
    '',
    rewriteLinks(guide.body, `docs/${guide.package}`, placement).trim(),
    '',
  ].join('\n');
}
