import fs from 'node:fs';
import path from 'node:path';
import { openModel } from '../engines/openModel.js';
import { defaultMaxPixels } from '../image/decodeImage.js';
import { runSuite } from '../run/runSuite.js';
import { modelFingerprint } from '../store/fingerprints.js';
import { syntheticPixels } from './benchEngine.js';
import { prepareBenchSuite, type BenchModel } from './benchSuite.js';
import { spreadOf, timeRuns, type Spread } from './measurements.js';

export interface RunnerOverheadOptions {
  readonly model: BenchModel;
  /** Images per engine call, in both measurements. */
  readonly batch: number;
  /** Samples of the suite, each a distinct synthetic image; every sample embeds 1 + presets images. */
  readonly samples: number;
  readonly presets: readonly string[];
  /** Interleaved rounds (engine-only, then the suite), >= 1. */
  readonly rounds: number;
  /** Scratch folder (datasets, caches, outputs). */
  readonly workDir: string;
  readonly onRound?: (round: number, engineImagesPerSecond: number, runImagesPerSecond: number) => void;
}

/** One suite run of the overhead benchmark. */
export interface OverheadRun {
  /** Model images embedded (clean + attacked). */
  readonly images: number;
  /** Opening the model, fingerprinting it, class prompts: before the first sample, s. */
  readonly setupSeconds: number;
  /** From the first sample to the last row written, s. */
  readonly loopSeconds: number;
}

export interface RunnerOverheadReport {
  readonly batch: number;
  readonly samples: number;
  readonly rounds: number;
  /** Engine-only images/s per round (the median of its calls, as `stroop bench` reports it). */
  readonly engineImagesPerSecond: Spread;
  /** Suite images/s per round over the sample loop (model already open, prompts embedded). */
  readonly runImagesPerSecond: Spread;
  /** Suite images/s per round over the whole run, setup included. */
  readonly runWholeImagesPerSecond: Spread;
  /** Each run's setup before the first sample, s. */
  readonly setupSeconds: Spread;
  /** Per round, suite images/s over the loop / engine-only images/s. The target is a median >= 0.9. */
  readonly ratio: Spread;
  /** The same with the run's setup included (its share shrinks as suites grow). */
  readonly wholeRatio: Spread;
  readonly runs: readonly OverheadRun[];
}

/** Engine-only throughput: `calls` timed calls of a full batch after one warm-up, as `stroop bench`. */
async function engineImagesPerSecond(model: BenchModel, batch: number, calls: number): Promise<number> {
  const { engine } = await openModel({ model: model.dir, engine: model.engine, device: model.device, dtype: model.dtype, threads: model.threads });
  try {
    const { imageSize, numChannels } = engine.config.vision;
    const pixels = syntheticPixels(batch * numChannels * imageSize * imageSize);
    const times = await timeRuns(() => engine.embedImages(pixels, batch), calls, 1, Infinity);
    return batch / times.median;
  } finally {
    engine.dispose();
  }
}

async function timeSuiteRun(plan: Parameters<typeof runSuite>[0], cacheDir: string, outDir: string): Promise<OverheadRun> {
  const start = performance.now();
  let loopStart: number | undefined;
  const result = await runSuite(plan, { outDir, cacheDir, maxPixels: defaultMaxPixels, onProgress: () => (loopStart ??= performance.now()) });
  const end = performance.now();
  const first = loopStart ?? start;
  return { images: result.work.imagesEmbedded, setupSeconds: (first - start) / 1000, loopSeconds: (end - first) / 1000 };
}

/**
 * Runner overhead: engine-only images/s against a suite's images/s (clean + attacked images
 * embedded per second) with the same model, engine and batch size, over synthetic images,
 * interleaved round by round so that load on the machine hits both alike. Every suite run starts
 * from an empty embedding cache (only the model files' hashes are kept, as on any second run).
 */
export async function benchRunnerOverhead(options: RunnerOverheadOptions): Promise<RunnerOverheadReport> {
  const { model, batch, samples, rounds, workDir } = options;
  const suite = prepareBenchSuite(workDir, { model, samples, images: samples, size: 224, presets: options.presets, batch });
  const hashMemo = path.join(workDir, 'file-hashes.json');
  await modelFingerprint(model.dir, hashMemo);
  const calls = Math.max(1, Math.round((samples * (1 + options.presets.length)) / batch));
  const engineRates: number[] = [];
  const runs: OverheadRun[] = [];
  for (let round = 1; round <= rounds; round++) {
    engineRates.push(await engineImagesPerSecond(model, batch, calls));
    const cacheDir = path.join(workDir, `cache-${round}`);
    fs.mkdirSync(cacheDir, { recursive: true });
    fs.copyFileSync(hashMemo, path.join(cacheDir, 'file-hashes.json'));
    const run = await timeSuiteRun(suite.plan, cacheDir, path.join(workDir, `out-${round}`));
    runs.push(run);
    options.onRound?.(round, engineRates[engineRates.length - 1] as number, run.images / run.loopSeconds);
  }
  const loopRates = runs.map((r) => r.images / r.loopSeconds);
  const wholeRates = runs.map((r) => r.images / (r.setupSeconds + r.loopSeconds));
  const perRound = (rates: number[]) => spreadOf(rates.map((rate, i) => rate / (engineRates[i] as number)));
  return {
    batch,
    samples,
    rounds,
    engineImagesPerSecond: spreadOf(engineRates),
    runImagesPerSecond: spreadOf(loopRates),
    runWholeImagesPerSecond: spreadOf(wholeRates),
    setupSeconds: spreadOf(runs.map((r) => r.setupSeconds)),
    ratio: perRound(loopRates),
    wholeRatio: perRound(wholeRates),
    runs,
  };
}
