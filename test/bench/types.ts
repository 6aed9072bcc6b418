/** One measured figure, with the floor it is compared to (measured in the same run) where there is one. */
export interface BenchRow {
  bench: string;
  case: string;
  metric: string;
  unit: string;
  /** Median over runs (or the single value). */
  value: number;
  runs?: { min: number; median: number; max: number; n: number };
  floor?: { label: string; value: number };
  /** value / floor.value */
  ratio?: number;
  target?: string;
  pass?: boolean;
}

export interface BenchOptions {
  /** Tiny sizes and one run: what the test suite uses so no benchmark rots. */
  tiny: boolean;
}

export type Bench = (opts: BenchOptions) => Promise<BenchRow[]>;
