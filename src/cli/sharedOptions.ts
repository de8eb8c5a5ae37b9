import type { Argv } from 'yargs';
import { engineChoices } from '../engines/engineRegistry.js';

import { defaultMaxPixels } from '../image/decodeImage.js';

/** Pillow's default decompression-bomb limit, in pixels (the decoders' default). */
export const DEFAULT_MAX_PIXELS = defaultMaxPixels;

/** --model, --engine, --device: how every model-using command picks its model and runtime. */
export function withModelOptions<T>(y: Argv<T>) {
  return y
    .option('model', {
      type: 'string',
      demandOption: true,
      describe:
        'A model directory in Hugging Face layout (CLIPModel or SiglipModel), or a hub id org/name[@revision] downloaded once into the Hugging Face cache ' +
        '(HF_HOME / HF_HUB_CACHE; HF_TOKEN for gated repos, HF_ENDPOINT for mirrors)',
    })
    .option('offline', { type: 'boolean', default: false, describe: 'Use only the Hugging Face cache for hub ids (also HF_HUB_OFFLINE=1)' })
    .option('engine', { type: 'string', default: 'auto', choices: engineChoices, describe: 'Inference engine; auto = onnx when the model has ONNX files, else tfjs' })
    .option('device', {
      type: 'string',
      default: 'auto',
      choices: ['auto', 'cpu', 'gpu', 'cuda'] as const,
      describe: 'Where to run; gpu (= cuda) never falls back to the CPU',
    })
    .option('dtype', { type: 'string', default: 'fp32', choices: ['fp32', 'fp16', 'q8'] as const, describe: 'Weights the onnx engine runs (fp16 and q8 read *_fp16.onnx / *_quantized.onnx)' })
    .option('threads', { type: 'number', describe: 'CPU threads (default: one per core)' });
}

/** --max-pixels: refuse larger images before decoding them. */
export function withImageOptions<T>(y: Argv<T>) {
  return y.option('max-pixels', { type: 'number', default: DEFAULT_MAX_PIXELS, describe: 'Refuse images with more pixels than this, before decoding' });
}

/** --json: machine-readable output on stdout. */
export function withJsonOption<T>(y: Argv<T>) {
  return y.option('json', { type: 'boolean', default: false, describe: 'Print JSON on stdout' });
}
