import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { benchRunMemory, type RunMemoryReport } from './benchRunMemory.js';
import { benchRunnerOverhead, type RunnerOverheadReport } from './benchRunnerOverhead.js';
import { benchWarmCache, type WarmCacheReport } from './benchWarmCache.js';
import { tinyOnnxModel, type BenchModel } from './benchSuite.js';
import type { Spread } from './measurements.js';

/** The runner checks `stroop bench --runner` knows. */
export const runnerChecks = ['overhead', 'warm', 'memory'] as const;
export type RunnerCheck = (typeof runnerChecks)[number];

export interface RunnerBenchOptions {
  readonly check: RunnerCheck;
  /** A local model directory; undefined = the bundled tiny model, exported to ONNX in the work folder. */
  readonly model: Omit<BenchModel, 'dir'> & { readonly dir: string | undefined };
  readonly batch: number;
  /** Samples of the suite; undefined = 2 x batch (overhead, warm) or 50,000 (memory). */
  readonly samples: number | undefined;
  /** Overhead: interleaved rounds; warm: warm re-runs. */
  readonly runs: number;
  /** Memory: distinct images among the samples. */
  readonly images: number;
  /** Memory: image side, px. */
  readonly size: number;
  readonly preset: string;
  /** Scratch folder; undefined = a new one under the OS temp folder, removed afterwards unless `keep`. */
  readonly workDir: string | undefined;
  readonly keep: boolean;
  /** One line of progress at a time (the caller decides where it goes). */
  readonly log: (line: string) => void;
}

/** What a runner check measured, tagged with the check and the model it ran. */
export type RunnerBenchReport = { readonly model: string; readonly engine: string; readonly workDir: string } & (
  | ({ readonly check: 'overhead' } & RunnerOverheadReport)
  | ({ readonly check: 'warm' } & WarmCacheReport)
  | ({ readonly check: 'memory' } & RunMemoryReport)
);

/**
 * `stroop bench --runner <check>`: runs one runner benchmark on synthetic data in a scratch
 * folder (see benchRunnerOverhead, benchWarmCache, benchRunMemory) and returns its figures.
 */
export async function benchRunner(options: RunnerBenchOptions): Promise<RunnerBenchReport> {
  const workDir = options.workDir ?? fs.mkdtempSync(path.join(os.tmpdir(), `stroop-bench-${options.check}-`));
  fs.mkdirSync(workDir, { recursive: true });
  try {
    const dir = options.model.dir ?? (await tinyOnnxModel(path.join(workDir, 'model')));
    const model: BenchModel = { ...options.model, dir, engine: options.model.dir === undefined ? 'onnx' : options.model.engine };
    const presets = [options.preset];
    const base = { model: dir, engine: model.engine, workDir };
    const { log, batch } = options;
    switch (options.check) {
      case 'overhead': {
        const samples = options.samples ?? 2 * batch;
        const onRound = (round: number, engine: number, run: number) =>
          log(`round ${round}/${options.runs}: engine-only ${engine.toFixed(2)} images/s, suite ${run.toFixed(2)} images/s (ratio ${(run / engine).toFixed(3)})`);
        return { check: 'overhead', ...base, ...(await benchRunnerOverhead({ model, batch, samples, presets, rounds: options.runs, workDir, onRound })) };
      }
      case 'warm': {
        const samples = options.samples ?? 2 * batch;
        const onRun = (name: string, seconds: number) => log(`${name}: ${seconds.toFixed(2)} s`);
        return { check: 'warm', ...base, ...(await benchWarmCache({ model, batch, samples, presets, warmRuns: options.runs, workDir, onRun })) };
      }
      case 'memory': {
        const samples = options.samples ?? 50_000;
        let lastLog = 0;
        const onProgress = (done: number, total: number, rss: number) => {
          if (done - lastLog < total / 20 && done !== total) return;
          lastLog = done;
          log(`${done}/${total} samples, RSS ${(rss / 2 ** 20).toFixed(0)} MB`);
        };
        const report = await benchRunMemory({ model, batch, samples, images: options.images, size: options.size, presets, workDir, intervalMs: 1000, onProgress });
        return { check: 'memory', ...base, ...report };
      }
      default: {
        const unknown: never = options.check;
        throw new RangeError(`Unknown runner check '${String(unknown)}'. Valid checks: ${runnerChecks.join(', ')}.`);
      }
    }
  } finally {
    if (options.workDir === undefined && !options.keep) fs.rmSync(workDir, { recursive: true, force: true });
  }
}

const fixed = (value: number, digits: number) => value.toFixed(digits);
const spread = (s: Spread, digits: number) => `${fixed(s.median, digits)} (${fixed(s.min, digits)}-${fixed(s.max, digits)})`;
const verdict = (ok: boolean) => (ok ? 'meets' : 'MISSES');

/** The human-readable lines of a runner benchmark: figures as median (min-max) and each against its target. */
export function formatRunnerReport(report: RunnerBenchReport): string {
  const lines = [`runner ${report.check}: model ${report.model} (engine ${report.engine})`];
  switch (report.check) {
    case 'overhead': {
      const images = report.runs[0]?.images ?? 0;
      lines.push(
        `${report.samples} samples, ${images} images per suite run, batch ${report.batch}, ${report.rounds} interleaved rounds; images/s as median (min-max)`,
        `engine only (stroop bench):   ${spread(report.engineImagesPerSecond, 2)}`,
        `suite, sample loop:           ${spread(report.runImagesPerSecond, 2)}`,
        `suite, whole run:             ${spread(report.runWholeImagesPerSecond, 2)}  (setup ${spread(report.setupSeconds, 2)} s)`,
        `ratio suite/engine, per round: loop ${spread(report.ratio, 3)}, whole run ${spread(report.wholeRatio, 3)}`,
        `target loop ratio >= 0.90: ${verdict(report.ratio.median >= 0.9)}`,
      );
      break;
    }
    case 'warm':
      lines.push(
        `${report.samples} samples; stroop run as a whole process (start, model, run, reports)`,
        `cold (empty cache):       ${fixed(report.coldSeconds, 2)} s`,
        `warm (new --out, same cache): ${spread(report.warmSeconds, 2)} s`,
        `speed-up ${fixed(report.ratio, 1)}x; results identical to the cold run: ${report.identical ? 'yes' : 'NO'}`,
        `target >= 20x: ${verdict(report.ratio >= 20 && report.identical)}`,
      );
      break;
    case 'memory': {
      const kernel = report.processPeakRssMb === null ? 'n/a' : `${fixed(report.processPeakRssMb, 0)} MB`;
      const reports = report.reportsPeakRssMb === null ? 'n/a' : `${fixed(report.reportsPeakRssMb, 0)} MB`;
      lines.push(
        `${report.samples} samples, ${report.rows} rows in ${fixed(report.seconds, 0)} s (${fixed(report.samples / report.seconds, 1)} samples/s)`,
        `RSS: ${fixed(report.startRssMb, 0)} MB before, peak ${fixed(report.peakRssMb, 0)} MB during the run (kernel peak ${kernel}; with the reports ${reports})`,
        `growth after the first 10%: ${fixed(report.slopeMbPer10k, 2)} MB per 10,000 samples`,
        `target peak < 1536 MB: ${verdict(Math.max(report.peakRssMb, report.reportsPeakRssMb ?? 0) < 1536)}`,
      );
      break;
    }
  }
  return `${lines.join('\n')}\n`;
}
