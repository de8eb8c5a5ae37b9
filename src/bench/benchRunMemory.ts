import path from 'node:path';
import { defaultMaxPixels } from '../image/decodeImage.js';
import { writeRunReports } from '../reports/writeRunReports.js';
import { runSuite } from '../run/runSuite.js';
import { prepareBenchSuite, type BenchModel } from './benchSuite.js';
import { fitLine, readPeakRss } from './measurements.js';

export interface RunMemoryOptions {
  readonly model: BenchModel;
  readonly batch: number;
  /** Samples of the suite (50,000 for the target). */
  readonly samples: number;
  /** Distinct synthetic images among them; the others are hard links (own ids, own attack seeds). */
  readonly images: number;
  /** Image side, px. */
  readonly size: number;
  readonly presets: readonly string[];
  readonly workDir: string;
  /** How often RSS is sampled besides after every batch, ms. */
  readonly intervalMs: number;
  readonly onProgress?: (samplesDone: number, samplesTotal: number, rssBytes: number) => void;
}

/** RSS after a batch. */
export interface RssPoint {
  readonly seconds: number;
  readonly samplesDone: number;
  readonly rssMb: number;
}

export interface RunMemoryReport {
  readonly samples: number;
  readonly rows: number;
  /** Wall time of the run (not the reports), s. */
  readonly seconds: number;
  /** RSS just before the run, MB (MiB). */
  readonly startRssMb: number;
  /** Highest RSS sampled during the run, MB. */
  readonly peakRssMb: number;
  /** The kernel's peak RSS of the process (Linux VmHWM) after the run, MB, or null elsewhere. */
  readonly processPeakRssMb: number | null;
  /** The same after writing the reports from the log (synchronous, so only the kernel sees its peak). */
  readonly reportsPeakRssMb: number | null;
  /** Least-squares growth of RSS after the first 10% of samples, MB per 10,000 samples. */
  readonly slopeMbPer10k: number;
  /** RSS after each chunk of samples (chunkBatches engine batches), thinned to at most 200 points. */
  readonly points: readonly RssPoint[];
}

const MB = 1024 * 1024;

function thin<T>(items: readonly T[], most: number): T[] {
  if (items.length <= most) return [...items];
  const step = items.length / most;
  return Array.from({ length: most }, (_, i) => items[Math.floor(i * step)] as T).concat(items.slice(-1));
}

/**
 * Memory: runs a large synthetic suite in this process with an empty cache and samples RSS after
 * every batch and every `intervalMs`, then writes the reports from the log (as `stroop run` does)
 * and samples that too. Flat memory shows as a slope near 0 MB per 10k samples.
 */
export async function benchRunMemory(options: RunMemoryOptions): Promise<RunMemoryReport> {
  const { workDir } = options;
  const suite = prepareBenchSuite(workDir, { model: options.model, samples: options.samples, images: options.images, size: options.size, presets: options.presets, batch: options.batch });
  const outDir = path.join(workDir, 'out');
  let peak = 0;
  const sample = () => {
    const rss = process.memoryUsage.rss();
    peak = Math.max(peak, rss);
    return rss;
  };
  const timer = setInterval(sample, options.intervalMs);
  const points: RssPoint[] = [];
  const startRss = sample();
  peak = startRss;
  const start = performance.now();
  try {
    const result = await runSuite(suite.plan, {
      outDir,
      cacheDir: path.join(workDir, 'cache'),
      maxPixels: defaultMaxPixels,
      onProgress: (p) => {
        const rss = sample();
        points.push({ seconds: (performance.now() - start) / 1000, samplesDone: p.samplesDone, rssMb: rss / MB });
        options.onProgress?.(p.samplesDone, p.samplesTotal, rss);
      },
    });
    const seconds = (performance.now() - start) / 1000;
    const processPeak = readPeakRss();
    writeRunReports(outDir, result.manifest, result.logFile);
    const reportsPeak = readPeakRss();
    const steady = points.filter((p) => p.samplesDone >= 0.1 * options.samples);
    const line = fitLine((steady.length >= 2 ? steady : points).map((p) => ({ x: p.samplesDone, y: p.rssMb })));
    const mb = (bytes: number | undefined) => (bytes === undefined ? null : bytes / MB);
    return {
      samples: options.samples,
      rows: result.rowsWritten,
      seconds,
      startRssMb: startRss / MB,
      peakRssMb: peak / MB,
      processPeakRssMb: mb(processPeak),
      reportsPeakRssMb: mb(reportsPeak),
      slopeMbPer10k: line.slope * 10_000,
      points: thin(points, 200),
    };
  } finally {
    clearInterval(timer);
  }
}
