/** What a lab reports while it trains: the iteration (0-based), the cost and the total. */
export type LabProgress = (iteration: number, cost: number, total: number) => void;

/**
 * A text progress bar for the CLI: redraws one line on a terminal, prints every quarter otherwise.
 *
 * @param label - What is training, shown before the bar.
 * @param write - Where the text goes (default: standard error).
 * @returns The progress callback to hand to a lab.
 */
export function progressBar(
  label: string,
  write: (text: string) => void = (t) => process.stderr.write(t),
): LabProgress {
  const tty = process.stderr.isTTY === true;
  let lastQuarter = -1;
  return (iteration, cost, total) => {
    const done = Math.min(1, (iteration + 1) / total);
    const width = 30;
    const filled = Math.round(done * width);
    const bar = `${label} [${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${(done * 100).toFixed(0).padStart(3)}% cost ${cost.toFixed(6)}`;
    if (tty) {
      write(`\r${bar}`);
      if (iteration + 1 >= total) write('\n');
    } else {
      const quarter = Math.floor(done * 4);
      if (quarter !== lastQuarter) {
        lastQuarter = quarter;
        write(`${bar}\n`);
      }
    }
  };
}
