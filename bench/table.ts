/** One line of the results: a measure of a scenario on both servers. */
export interface ResultRow {
  scenario: string;
  measure: string;
  selaras: string;
  reference: string;
}

/** Formats a number of milliseconds. */
export const ms = (value: number) => `${value < 10 ? value.toFixed(2) : value.toFixed(1)} ms`;
/** Formats a number of bytes as kilobytes. */
export const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;

/** The p-th percentile (0–100) of a list of numbers. */
export function percentile(values: number[], p: number): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[index];
}

/** The median of a list of numbers. */
export const median = (values: number[]) => percentile(values, 50);

const HEADERS = ['Scenario', 'Measure', 'Selaras', 'Reference (@y/websocket-server 0.1.1)'];
const cells = (row: ResultRow) => [row.scenario, row.measure, row.selaras, row.reference];

/** The rows as a plain-text table for the terminal. */
export function textTable(rows: ResultRow[]): string {
  const all = [HEADERS, ...rows.map(cells)];
  const widths = HEADERS.map((_, i) => Math.max(...all.map((r) => r[i].length)));
  const line = (r: string[]) => r.map((c, i) => c.padEnd(widths[i])).join('  ');
  return [
    line(HEADERS),
    widths.map((w) => '-'.repeat(w)).join('  '),
    ...rows.map((r) => line(cells(r))),
  ].join('\n');
}

/** The rows as a Markdown table. */
export function markdownTable(rows: ResultRow[]): string {
  const line = (r: string[]) => `| ${r.join(' | ')} |`;
  return [line(HEADERS), line(HEADERS.map(() => '---')), ...rows.map((r) => line(cells(r)))].join(
    '\n',
  );
}
