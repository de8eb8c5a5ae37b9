import type { RunnerBenchReport } from './benchRunner.js';
import type { Spread } from './spreadOf.js';

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
