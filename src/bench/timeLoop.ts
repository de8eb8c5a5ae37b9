import { performance } from 'node:perf_hooks';

/** Throughput of a run, by wall clock and by this process's CPU time (steadier on a busy machine). */
export interface Throughput {
  readonly images: number;
  readonly seconds: number;
  readonly imagesPerSecond: number;
  /** User + system CPU seconds this process spent. */
  readonly cpuSeconds: number;
  readonly imagesPerCpuSecond: number;
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
