// One machine-readable line per figure, for `npm run bench` (bench/all.ts): a marker, then
// JSON. Each bench still prints its own human-readable lines around it.
export const BENCH_MARK = "##bench ";

export interface BenchRow {
  /** Stable key, e.g. "apply-homey". */
  id: string;
  figure: string;
  value: number;
  unit: string;
  /** The floor or anchor measured in the same run, when the figure has one. */
  anchor?: string;
  anchorValue?: number;
  /** Anything the table should say beside the figure (a max, a second figure). */
  note?: string;
  target: string;
  ok: boolean;
}

export function benchLine(row: BenchRow): void {
  console.log(BENCH_MARK + JSON.stringify(row));
}
