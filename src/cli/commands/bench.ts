import type { Argv, CommandModule } from 'yargs';
import type { ArgsOf } from '../argsOf.js';
import { benchEngine, type BenchReport } from '../../bench/benchEngine.js';
import { vitB32Config } from '../../bench/vitB32Config.js';
import { createEngine } from '../../engines/engineRegistry.js';
import type { Device } from '../../engines/engineOptions.js';
import { UsageError } from '../../errors/UsageError.js';
import { loadClipModel } from '../../model/loadClipModel.js';
import { clipPreprocessorFor } from '../../model/clipPreprocessorFor.js';
import { randomClipWeights } from '../../model/randomClipWeights.js';
import type { ClipModel } from '../../model/clipModel.js';
import { engineIds } from '../../engines/engineRegistry.js';
import { withJsonOption } from '../sharedOptions.js';

function builder(y: Argv) {
  return withJsonOption(y)
    .option('engine', { type: 'string', default: 'tfjs', choices: engineIds, describe: 'Inference engine' })
    .option('device', { type: 'string', default: 'auto', choices: ['auto', 'cpu', 'gpu'] as const, describe: 'Where to run' })
    .option('threads', { type: 'number', describe: 'CPU threads for backends that support them' })
    .option('model', { type: 'string', describe: 'Model directory; default: a ViT-B/32-shaped CLIP with random weights, built in memory' })
    .option('batch', { type: 'number', array: true, default: [1, 8, 32], describe: 'Batch sizes (repeatable)' })
    .option('runs', { type: 'number', default: 3, describe: 'Timed runs per batch size, after one warm-up' })
    .option('budget', { type: 'number', default: 60, describe: 'Seconds of timed runs per batch size at most' })
    .option('text-tokens', { type: 'number', default: 10, describe: 'Positions per benchmark text, sot and eot included' })
    .example('$0 bench --batch 1 --batch 32 --json', 'Engine throughput on a random ViT-B/32');
}

const randomVitB32 = (): ClipModel => ({
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

/** `stroop bench`: engine throughput (images/s, texts/s) and the backend's matmul ceiling. */
export const benchCommand: CommandModule<object, ArgsOf<typeof builder>> = {
  command: 'bench',
  describe: 'Measure engine throughput on a ViT-B/32-sized CLIP (random weights) or a given model',
  builder,
  handler: async (argv) => {
    const batches = argv.batch.map(Number);
    if (batches.some((b) => !Number.isInteger(b) || b < 1)) throw new UsageError(`--batch takes whole numbers >= 1, got ${batches.join(', ')}.`, '--batch');
    if (!(argv.runs >= 1)) throw new UsageError(`--runs must be >= 1, got ${argv.runs}.`, '--runs');
    const model = argv.model === undefined ? randomVitB32() : await loadClipModel(argv.model);
    const engine = await createEngine(argv.engine, model, {
      device: argv.device as Device,
      ...(argv.threads === undefined ? {} : { threads: argv.threads }),
    });
    try {
      const report = await benchEngine(engine, { batches, runs: argv.runs, budgetSeconds: argv.budget, textTokens: argv.textTokens });
      if (argv.json) process.stdout.write(`${JSON.stringify({ model: model.id, ...report })}\n`);
      else printTable(model.id, report);
    } finally {
      engine.dispose();
    }
  },
};
