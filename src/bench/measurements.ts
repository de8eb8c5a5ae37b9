/** Timing, statistics and memory readings the benchmarks share. */

import fs from 'node:fs';
import { performance } from 'node:perf_hooks';

/** Median, minimum and maximum of some measurements. */
export interface Spread {
  readonly median: number;
  readonly min: number;
  readonly max: number;
}

/** Wall-clock seconds of each timed run, after `warmup` untimed ones. */
export interface RunTimes {
  readonly seconds: readonly number[];
  readonly median: number;
  readonly min: number;
  readonly max: number;
}

/** Throughput of a run, by wall clock and by this process's CPU time (steadier on a busy machine). */
export interface Throughput {
  readonly images: number;
  readonly seconds: number;
  readonly imagesPerSecond: number;
  /** User + system CPU seconds this process spent. */
  readonly cpuSeconds: number;
  readonly imagesPerCpuSecond: number;
}

/** A least-squares line y = intercept + slope * x. */
export interface Line {
  readonly slope: number;
  readonly intercept: number;
}

/** The spread of `values` (at least one; the median of an even count is the mean of the middle two). */
export function spreadOf(values: readonly number[]): Spread {
  if (values.length === 0) throw new RangeError('spreadOf needs at least one value.');
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  const median = sorted.length % 2 === 1 ? (sorted[mid] as number) : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
  return { median, min: sorted[0] as number, max: sorted[sorted.length - 1] as number };
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

/** Times `count` calls of `step(i)`. */
export function timeLoop(count: number, step: (i: number) => void): Throughput {
  const cpuStart = process.cpuUsage();
  const start = performance.now();
  for (let i = 0; i < count; i++) step(i);
  const seconds = (performance.now() - start) / 1000;
  const cpu = process.cpuUsage(cpuStart);
  const cpuSeconds = (cpu.user + cpu.system) / 1e6;
  return { images: count, seconds, imagesPerSecond: count / seconds, cpuSeconds, imagesPerCpuSecond: count / cpuSeconds };
}

/**
 * Fits y = a + b x by ordinary least squares to at least two points with distinct x.
 * @throws RangeError for fewer than two points or when every x is the same.
 */
export function fitLine(points: ReadonlyArray<{ readonly x: number; readonly y: number }>): Line {
  if (points.length < 2) throw new RangeError(`A line needs at least two points, got ${points.length}.`);
  const n = points.length;
  const meanX = points.reduce((s, p) => s + p.x, 0) / n;
  const meanY = points.reduce((s, p) => s + p.y, 0) / n;
  let sxx = 0;
  let sxy = 0;
  for (const p of points) {
    sxx += (p.x - meanX) ** 2;
    sxy += (p.x - meanX) * (p.y - meanY);
  }
  if (sxx === 0) throw new RangeError('A line needs points with at least two distinct x values.');
  const slope = sxy / sxx;
  return { slope, intercept: meanY - slope * meanX };
}

/**
 * The process's peak resident set so far in bytes (Linux `VmHWM` in /proc/self/status), or
 * undefined where the kernel does not report it.
 */
export function readPeakRss(statusFile = '/proc/self/status'): number | undefined {
  try {
    const match = /^VmHWM:\s+(\d+)\s+kB$/m.exec(fs.readFileSync(statusFile, 'utf8'));
    return match === null ? undefined : Number(match[1]) * 1024;
  } catch {
    return undefined;
  }
}
