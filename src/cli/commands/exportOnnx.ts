import fs from 'node:fs/promises';
import path from 'node:path';
import type { Argv, CommandModule } from 'yargs';
import { UsageError } from '../../errors/errors.js';
import { quantizeRangeForCpu, weightLimitOf, type QuantizeRange } from '../../export/quantization.js';
import { writeOnnxExport } from '../../families/exportModelOnnx.js';
import { loadModel } from '../../families/loadModel.js';
import { stroopVersion } from '../../packageRoot.js';
import type { ArgsOf } from '../argsOf.js';
import { withJsonOption } from '../sharedOptions.js';

function builder(y: Argv) {
  return withJsonOption(y)
    .option('model', { type: 'string', demandOption: true, describe: 'Model directory in Hugging Face CLIP or SigLIP layout (config.json, safetensors weights)' })
    .option('out', { type: 'string', describe: 'Directory to write onnx/*.onnx into (default: the model directory)' })
    .option('quantize', { type: 'boolean', default: false, describe: 'Also write int8 graphs (onnx/*_quantized.onnx, for --dtype q8)' })
    .option('quantize-range', {
      type: 'string',
      choices: ['auto', 'full', 'reduced'] as const,
      default: 'auto',
      describe:
        'int8 weight range with --quantize: full (+-127; CPUs with VNNI, ARM, GPUs), reduced (+-63; x86 without VNNI, where full range saturates); auto: what this CPU needs',
    })
    .option('fused-ops', {
      type: 'boolean',
      default: false,
      describe: "Use ONNX Runtime's com.microsoft fused operators (attention, skip layer norm, gelu); no faster on CPU, ORT only",
    })
    .example('$0 export-onnx --model models/clip-vit-base-patch32 --quantize', 'Write fp32 and int8 ONNX graphs next to the weights');
}

/**
 * `--out` must be a directory stroop can write, or a path it can create one at. Checked before
 * the (slow) export, so a typo fails in a second with exit code 2.
 */
async function requireWritableDirectory(dir: string): Promise<void> {
  const stat = await fs.stat(dir).catch(() => undefined);
  if (stat !== undefined && !stat.isDirectory()) throw new UsageError(`--out '${dir}' is a file; give a directory to write onnx/*.onnx into.`, '--out');
  try {
    await fs.mkdir(dir, { recursive: true });
    await fs.access(dir, fs.constants.W_OK);
  } catch (error) {
    throw new UsageError(`--out '${dir}' is not a writable directory (${(error as NodeJS.ErrnoException).code ?? (error as Error).message}).`, '--out');
  }
}

/** `stroop export-onnx`: ONNX graphs (Optimum / transformers.js layout) from a safetensors checkpoint. */
export const exportOnnxCommand: CommandModule<object, ArgsOf<typeof builder>> = {
  command: 'export-onnx',
  describe: 'Export a CLIP or SigLIP checkpoint to ONNX (onnx/vision_model.onnx, onnx/text_model.onnx)',
  builder,
  handler: async (argv) => {
    if (argv.model.trim() === '') throw new UsageError('--model is empty; give a model directory.', '--model');
    const outDir = argv.out ?? argv.model;
    if (outDir.trim() === '') throw new UsageError('--out is empty; give a directory or leave it out to write into the model directory.', '--out');
    const model = await loadModel(argv.model);
    await requireWritableDirectory(outDir);
    const choice = argv.quantizeRange === 'auto' ? quantizeRangeForCpu() : { range: argv.quantizeRange as QuantizeRange, reason: 'asked for' };
    const written = await writeOnnxExport(model, outDir, {
      quantize: argv.quantize,
      fusedOps: argv.fusedOps,
      weightLimit: weightLimitOf(choice.range),
      producerVersion: stroopVersion,
    });
    if (argv.json) {
      process.stdout.write(`${JSON.stringify({ model: model.id, files: written, ...(argv.quantize ? { quantizeRange: choice.range } : {}) })}\n`);
      return;
    }
    if (argv.quantize) process.stdout.write(`int8 weights: ${choice.range} range (${choice.reason})\n`);
    for (const file of written) {
      const relative = path.relative(process.cwd(), file.path);
      const shown = relative.startsWith('..') || path.isAbsolute(relative) ? file.path : relative;
      process.stdout.write(`wrote ${shown} (${(file.bytes / 1e6).toFixed(1)} MB)\n`);
    }
  },
};
