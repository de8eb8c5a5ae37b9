import type { Argv, CommandModule } from 'yargs';
import type { ArgsOf } from '../argsOf.js';
import { benchRender } from '../../bench/benchRender.js';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { benchHubDataset } from '../../bench/benchHubDataset.js';
import { benchEngine, syntheticTokens, type BenchReport, vitB32Config } from '../../bench/benchEngine.js';
import { embeddingAgreement, type EmbeddingAgreement } from '../../bench/embeddingAgreement.js';
import { benchRunner, runnerChecks, type RunnerCheck, formatRunnerReport } from '../../bench/benchRunner.js';
import { createEngine, engineChoices } from '../../engines/engineRegistry.js';
import type { Device, EmbeddingEngine } from '../../engines/embeddingEngine.js';
import { UsageError } from '../../errors/errors.js';
import { clipPreprocessorFor } from '../../families/clip/writeClipCheckpoint.js';
import { randomClipWeights } from '../../families/clip/clipWeights.js';
import type { LoadedModel } from '../../families/modelFamily.js';
import { openModel, type OpenModel } from '../../engines/openModel.js';
import { withJsonOption } from '../sharedOptions.js';

function builder(y: Argv) {
  return withJsonOption(y)
    .option('engine', { type: 'string', default: 'tfjs', choices: engineChoices, describe: 'Inference engine' })
    .option('device', { type: 'string', default: 'auto', choices: ['auto', 'cpu', 'gpu', 'cuda'] as const, describe: 'Where to run' })
    .option('dtype', { type: 'string', default: 'fp32', choices: ['fp32', 'fp16', 'q8'] as const, describe: 'Weights the onnx engine runs' })
    .option('threads', { type: 'number', describe: 'CPU threads (default: one per core)' })
    .option('offline', { type: 'boolean', default: false, describe: 'Use only the Hugging Face cache for hub ids' })
    .option('model', {
      type: 'string',
      describe: 'Model directory; default (tfjs only): a ViT-B/32-shaped CLIP with random weights, built in memory. For onnx: stroop init + stroop export-onnx',
    })
    .option('batch', { type: 'number', array: true, default: [1, 8, 32], describe: 'Batch sizes (repeatable)' })
    .option('runs', { type: 'number', default: 3, describe: 'Timed runs per batch size, after one warm-up (--runner overhead: interleaved rounds; warm: warm re-runs)' })
    .option('budget', { type: 'number', default: 60, describe: 'Seconds of timed runs per batch size at most' })
    .option('text-tokens', { type: 'number', default: 10, describe: 'Positions per benchmark text, sot and eot included' })
    .option('render', { type: 'boolean', default: false, describe: 'Measure the attack renderer (images/s) instead of the engine' })
    .option('preset', { type: 'string', default: 'openai-sticker', describe: 'With --render or --runner: the attack preset' })
    .option('count', { type: 'number', default: 2000, describe: 'With --render: images in the timed loop' })
    .option('runner', {
      type: 'string',
      choices: runnerChecks,
      describe:
        'Measure the suite runner instead, on synthetic images with the largest --batch and --preset: overhead (suite vs engine-only images/s, ' +
        'interleaved --runs rounds), warm (stroop run with an empty cache, then --runs re-runs with the same cache), memory (RSS over a large suite). ' +
        'Without --model: the bundled tiny model, exported to ONNX',
    })
    .option('samples', { type: 'number', describe: 'With --runner: samples in the suite (default 2 x batch; memory: 50000)' })
    .option('images', { type: 'number', default: 1000, describe: 'With --runner memory: distinct images among the samples (the rest are hard links)' })
    .option('size', { type: 'number', default: 224, describe: 'With --runner memory: image side in px' })
    .option('work-dir', { type: 'string', describe: 'With --runner or --hub-dataset: scratch folder to use and keep (default: a temporary one, removed afterwards)' })
    .option('hub-dataset', {
      type: 'boolean',
      default: false,
      describe:
        'Measure peak RSS and time of reading a Hugging Face Parquet dataset instead: a generated SCAM-sized one (--samples rows, default 3486, of 512 px JPEGs) extracted and streamed. Needs the dev dependencies (hyparquet-writer)',
    })
    .example('$0 bench --batch 1 --batch 32 --json', 'Engine throughput on a random ViT-B/32')
    .example('$0 bench --runner overhead --engine onnx --model /tmp/vb32 --batch 32', 'Runner overhead against engine-only images/s')
    .example('$0 bench --runner warm --engine onnx --model /tmp/vb32 --batch 32', 'A warm re-run of an unchanged suite against the first run')
    .example('$0 bench --runner memory', 'RSS over a 50,000-sample suite on the tiny model')
    .example('$0 bench --hub-dataset', 'Peak RSS extracting and streaming a SCAM-sized Parquet dataset (target: under 1.5 GB)');
}

const randomVitB32 = (): LoadedModel => ({
  id: 'random ViT-B/32',
  dir: '',
  config: vitB32Config,
  preprocessor: clipPreprocessorFor(vitB32Config),
  weights: randomClipWeights(vitB32Config, 0),
});

function printTable(model: string, report: BenchReport): void {
  const out = (s: string) => process.stdout.write(`${s}\n`);
  out(`engine ${report.engine}  backend ${report.backend}  model ${model}`);
  out(`image encoder: ${report.image_gflop.toFixed(2)} GFLOP/image`);
  if (report.matmul_gflops !== null && report.ceiling_images_per_s !== null) {
    out(`backend matmul: ${report.matmul_gflops.toFixed(1)} GFLOP/s -> matmul-bound ceiling ${report.ceiling_images_per_s.toFixed(2)} images/s`);
  }
  out('batch  images/s  (min-max)          texts/s  (min-max)      of ceiling');
  for (const r of report.results) {
    const range = (t: { min: number; max: number }) => `${(r.batch / t.max).toFixed(2)}-${(r.batch / t.min).toFixed(2)}`;
    const share = report.ceiling_images_per_s === null ? '' : `${((100 * r.images_per_s) / report.ceiling_images_per_s).toFixed(0)}%`;
    out(`${String(r.batch).padStart(5)}  ${r.images_per_s.toFixed(2).padStart(8)}  ${range(r.image_runs).padEnd(17)}  ${r.texts_per_s.toFixed(1).padStart(8)}  ${range(r.text_runs).padEnd(14)} ${share.padStart(6)}`);
  }
}

/** Embeddings of `engine` (reduced-precision weights) against the same model's fp32 weights, on 32 synthetic images and texts. */
async function agreementWithFp32(engine: EmbeddingEngine, args: { model: string; engine: string; device: string; threads?: number | undefined; offline: boolean; textTokens: number }): Promise<EmbeddingAgreement> {
  const reference = await openModel({ ...args, dtype: 'fp32' });
  try {
    const count = 32;
    return await embeddingAgreement(reference.engine, engine, syntheticTokens(engine, count, args.textTokens), count);
  } finally {
    reference.engine.dispose();
  }
}

function printAgreement(dtype: string, agreement: EmbeddingAgreement): void {
  const spread = (c: { mean: number; min: number }) => `mean ${c.mean.toFixed(5)} (min ${c.min.toFixed(5)})`;
  process.stdout.write(`${dtype} vs fp32 embedding cosine on ${agreement.count} synthetic inputs: images ${spread(agreement.images)}, texts ${spread(agreement.texts)}\n`);
}

/** The default bench subject: a random ViT-B/32 built in memory, on tfjs (no files needed). */
async function openRandomVitB32(args: { device: string; threads?: number | undefined }): Promise<OpenModel> {
  const model = randomVitB32();
  const engine = await createEngine('tfjs', model, { device: args.device as Device, ...(args.threads === undefined ? {} : { threads: args.threads }) });
  return { model, engine };
}

async function benchRendering(args: { preset: string; count: number; json: boolean }): Promise<void> {
  if (!(Number.isInteger(args.count) && args.count >= 1)) throw new UsageError(`--count must be a whole number >= 1, got ${args.count}.`, '--count');
  const result = benchRender({ preset: args.preset, count: args.count, baseline: true });
  if (args.json) {
    process.stdout.write(`${JSON.stringify(result)}\n`);
    return;
  }
  const line = (name: string, t: { imagesPerSecond: number }) => `${name.padEnd(24)} ${t.imagesPerSecond.toFixed(0).padStart(6)} images/s`;
  process.stdout.write(`render ${result.preset} at ${result.width}x${result.height} (spec handling, fonts, hashing included)\n`);
  process.stdout.write(`${line('stroop renderer', result)}\n`);
  if (result.baseline !== undefined) {
    process.stdout.write(`${line('bare node-canvas', result.baseline)}  (ratio ${(result.imagesPerSecond / result.baseline.imagesPerSecond).toFixed(2)})\n`);
  }
}

interface RunnerArgs {
  runner: string;
  model?: string | undefined;
  engine: string;
  dtype: string;
  device: string;
  threads?: number | undefined;
  batch: number[];
  samples?: number | undefined;
  runs: number;
  images: number;
  size: number;
  preset: string;
  workDir?: string | undefined;
  json: boolean;
}

async function benchTheRunner(args: RunnerArgs): Promise<void> {
  const whole = (name: string, value: number | undefined, least: number) => {
    if (value !== undefined && !(Number.isInteger(value) && value >= least)) throw new UsageError(`--${name} must be a whole number >= ${least}, got ${value}.`, `--${name}`);
  };
  whole('samples', args.samples, 1);
  whole('images', args.images, 1);
  whole('size', args.size, 8);
  whole('runs', args.runs, 1);
  const dir = args.model === undefined ? undefined : path.resolve(args.model);
  if (dir !== undefined && !fs.existsSync(dir)) throw new UsageError(`--runner needs a local model directory; '${args.model}' does not exist.`, '--model');
  const report = await benchRunner({
    check: args.runner as RunnerCheck,
    model: { dir, engine: args.engine, dtype: args.dtype, device: args.device, threads: args.threads },
    batch: Math.max(...args.batch),
    samples: args.samples,
    runs: args.runs,
    images: args.images,
    size: args.size,
    preset: args.preset,
    workDir: args.workDir === undefined ? undefined : path.resolve(args.workDir),
    keep: args.workDir !== undefined,
    log: (line) => process.stderr.write(`${line}\n`),
  });
  process.stdout.write(args.json ? `${JSON.stringify(report)}\n` : formatRunnerReport(report));
}

/** SCAM's size: 1,162 scenes, each photographed as SCAM, NoSCAM and SynthSCAM. */
const scamRows = 3 * 1162;

/** SCAM's image side, px. */
const scamSide = 512;

async function benchHubDatasetReading(args: { samples?: number | undefined; workDir?: string | undefined; json: boolean }): Promise<void> {
  const rows = args.samples ?? scamRows;
  const side = scamSide;
  if (!(Number.isInteger(rows) && rows >= 1)) throw new UsageError(`--samples must be a whole number >= 1, got ${rows}.`, '--samples');
  const workDir = args.workDir === undefined ? fs.mkdtempSync(path.join(os.tmpdir(), 'stroop-bench-hub-')) : path.resolve(args.workDir);
  try {
    const report = await benchHubDataset({ workDir, rows, side });
    if (args.json) {
      process.stdout.write(`${JSON.stringify(report)}\n`);
      return;
    }
    const mb = (n: number) => `${n.toFixed(0)} MB`;
    process.stdout.write(
      `hub dataset: ${report.rows} rows of ${side} px images (${report.meanImageKb.toFixed(0)} KB each) in ${report.rowGroups} row groups, Parquet ${mb(report.parquetMb)}\n` +
        `extract ${report.extractSeconds.toFixed(1)} s, manifest + streaming ${report.manifestSeconds.toFixed(2)} s (${report.manifestRows} rows)\n` +
        `RSS ${mb(report.startRssMb)} at start, peak ${mb(report.peakRssMb)} sampled` +
        `${report.processPeakRssMb === null ? '' : `, ${mb(report.processPeakRssMb)} by the kernel (VmHWM)`}; target under 1536 MB\n`,
    );
  } finally {
    if (args.workDir === undefined) fs.rmSync(workDir, { recursive: true, force: true });
  }
}

/** `stroop bench`: engine throughput (images/s, texts/s) and the backend's matmul ceiling. */
export const benchCommand: CommandModule<object, ArgsOf<typeof builder>> = {
  command: 'bench',
  describe: 'Measure engine throughput on a ViT-B/32-sized CLIP (random weights) or a given model',
  builder,
  handler: async (argv) => {
    if (argv.render) {
      await benchRendering(argv);
      return;
    }
    if (argv.hubDataset) {
      await benchHubDatasetReading(argv);
      return;
    }
    const batches = argv.batch.map(Number);
    if (batches.some((b) => !Number.isInteger(b) || b < 1)) throw new UsageError(`--batch takes whole numbers >= 1, got ${batches.join(', ')}.`, '--batch');
    if (!(argv.runs >= 1)) throw new UsageError(`--runs must be >= 1, got ${argv.runs}.`, '--runs');
    if (argv.runner !== undefined) {
      await benchTheRunner({ ...argv, runner: argv.runner, batch: batches });
      return;
    }
    if (argv.model === undefined && argv.engine !== 'tfjs') {
      throw new UsageError(
        `--engine ${argv.engine} needs --model: write one with 'stroop init --config vit-b-32 --out <dir>' then 'stroop export-onnx --model <dir>'.`,
        '--model',
      );
    }
    const { model, engine } = argv.model === undefined ? await openRandomVitB32(argv) : await openModel({ ...argv, model: argv.model });
    try {
      const report = await benchEngine(engine, { batches, runs: argv.runs, budgetSeconds: argv.budget, textTokens: argv.textTokens });
      const agreement = argv.model !== undefined && argv.dtype !== 'fp32' ? await agreementWithFp32(engine, { ...argv, model: argv.model }) : undefined;
      if (argv.json) process.stdout.write(`${JSON.stringify({ model: model.id, ...report, ...(agreement === undefined ? {} : { agreement_with_fp32: agreement }) })}\n`);
      else {
        printTable(model.id, report);
        if (agreement !== undefined) printAgreement(argv.dtype, agreement);
      }
    } finally {
      engine.dispose();
    }
  },
};
