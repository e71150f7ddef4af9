/** The README with a course-map row for a new module, or undefined when it has no course map. */
export function addCourseMapRow(
  readme: string,
  week: string,
  moduleName: string,
  exportName: string,
): string | undefined;
