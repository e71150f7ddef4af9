// Build-time data: the committed results of the labs. `labs/labs.json` lists each lab's id, course
// week and the command that produced it; `labs/<id>/` is that command's output folder
// (`dlkit run <id> --out apps/docs/labs/<id>`): `figures.json` and one `<plot>.vl.json` per plot.
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export interface LabEntry {
  id: string;
  title: string;
  course: number;
  week: number;
  command: string;
  seconds: number;
  figures: Record<string, number | string>;
  plots: { name: string; spec: Record<string, unknown> }[];
}

interface Listed {
  id: string;
  course: number;
  week: number;
  command: string;
}

const dir = fileURLToPath(new URL('../../labs/', import.meta.url));

function readJson<T>(path: string): T {
  return JSON.parse(readFileSync(path, 'utf8')) as T;
}

function readLab(listed: Listed): LabEntry {
  const folder = `${dir}${listed.id}/`;
  const summary = readJson<{
    title: string;
    seconds: number;
    figures: Record<string, number | string>;
  }>(`${folder}figures.json`);
  const plots = readdirSync(folder)
    .filter((f) => f.endsWith('.vl.json'))
    .sort()
    .map((f) => ({
      name: f.slice(0, -'.vl.json'.length),
      spec: readJson<Record<string, unknown>>(folder + f),
    }));
  return {
    ...listed,
    title: summary.title,
    seconds: summary.seconds,
    figures: summary.figures,
    plots,
  };
}

export default {
  watch: ['../../labs/**/*.json'],
  load(): LabEntry[] {
    const index = `${dir}labs.json`;
    if (!existsSync(index)) return [];
    return readJson<Listed[]>(index).map(readLab);
  },
};
