// The emojifier lab's confusion matrices: counted by @dlkit/strategy's confusionMatrix, drawn as
// a Vega-Lite heatmap with the counts written in the cells, and written out as text.
import { confusionMatrix } from '@dlkit/strategy';
import { EMOJI_CLASSES } from '@dlkit/datasets';
import type { LabPlot } from '../lab.js';

/** Rows are true classes, columns predicted ones, in the order of `EMOJI_CLASSES`. */
export function emojiConfusion(yTrue: readonly number[], yPred: readonly number[]): number[][] {
  return confusionMatrix([...yTrue], [...yPred], { labels: EMOJI_CLASSES.map((c) => c.label) })
    .matrix;
}

/** The matrix as aligned text lines, with a header of the predicted classes. */
export function confusionText(matrix: number[][]): string[] {
  const names = EMOJI_CLASSES.map((c) => c.name);
  const width = Math.max(...names.map((n) => n.length));
  const cell = (s: string | number): string => String(s).padStart(width);
  return [
    `${' '.repeat(width)} | ${names.map(cell).join(' ')}  (predicted)`,
    ...matrix.map((row, i) => `${cell(names[i]!)} | ${row.map(cell).join(' ')}`),
  ];
}

/** A heatmap of the matrix, the count in each cell. */
export function confusionPlot(name: string, title: string, matrix: number[][]): LabPlot {
  const names = EMOJI_CLASSES.map((c) => c.name);
  const values = matrix.flatMap((row, i) =>
    row.map((count, j) => ({ true: names[i], predicted: names[j], count })),
  );
  return {
    name,
    spec: {
      $schema: 'https://vega.github.io/schema/vega-lite/v5.json',
      title,
      width: 300,
      height: 300,
      data: { values },
      encoding: {
        x: { field: 'predicted', type: 'nominal', sort: names, axis: { labelAngle: -30 } },
        y: { field: 'true', type: 'nominal', sort: names },
      },
      layer: [
        {
          mark: 'rect',
          encoding: { color: { field: 'count', type: 'quantitative', scale: { scheme: 'blues' } } },
        },
        {
          mark: { type: 'text', fontSize: 12 },
          encoding: { text: { field: 'count', type: 'quantitative' } },
        },
      ],
    },
  };
}
