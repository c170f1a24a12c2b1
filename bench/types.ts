/** One line of the benchmark report: a budget an issue names, what was measured, and whether it holds. */
export interface BudgetRow {
  /** Which requirement it measures, e.g. "#2 first screen JS". */
  name: string;
  /** The budget in words, e.g. "<= 60 KB gzip". */
  budget: string;
  /** The figure measured, or null when it could not be measured (say why in `note`). */
  measured: number | null;
  unit: string;
  ok: boolean;
  note?: string;
}

export type BenchSection = () => Promise<BudgetRow[]>;
