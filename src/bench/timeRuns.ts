import { spreadOf } from './spreadOf.js';

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
  return { seconds, ...spreadOf(seconds) };
}
