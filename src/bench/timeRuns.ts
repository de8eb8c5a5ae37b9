/** Wall-clock seconds of each timed run, after `warmup` untimed ones. */
export interface RunTimes {
  readonly seconds: readonly number[];
  readonly median: number;
  readonly min: number;
  readonly max: number;
}

/**
 * Times `fn` `runs` times after `warmup` calls, stopping early once `budgetSeconds` of
 * timed runs have passed (at least one timed run always happens).
 */
export async function timeRuns(fn: () => Promise<unknown>, runs: number, warmup: number, budgetSeconds: number): Promise<RunTimes> {
  for (let i = 0; i < warmup; i++) await fn();
  const seconds: number[] = [];
  let spent = 0;
  while (seconds.length < runs && (seconds.length === 0 || spent < budgetSeconds)) {
    const start = performance.now();
    await fn();
    const s = (performance.now() - start) / 1000;
    seconds.push(s);
    spent += s;
  }
  const sorted = [...seconds].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  const median = sorted.length % 2 === 1 ? (sorted[mid] ?? 0) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
  return { seconds, median, min: sorted[0] ?? 0, max: sorted[sorted.length - 1] ?? 0 };
}
