import type { Argv } from 'yargs';
import { engineIds } from '../engines/engineRegistry.js';

/** Pillow's default decompression-bomb limit, in pixels. */
export const DEFAULT_MAX_PIXELS = 89_478_485;

/** --model, --engine, --device: how every model-using command picks its model and runtime. */
export function withModelOptions<T>(y: Argv<T>) {
  return y
    .option('model', { type: 'string', demandOption: true, describe: 'Model directory in Hugging Face CLIP layout (config.json, model.safetensors, tokenizer files)' })
    .option('engine', { type: 'string', default: 'tfjs', choices: engineIds, describe: 'Inference engine' })
    .option('device', { type: 'string', default: 'auto', choices: ['auto', 'cpu', 'gpu'] as const, describe: 'Where to run; gpu never falls back to cpu' })
    .option('threads', { type: 'number', describe: 'CPU threads for backends that support them (default: one per core)' });
}

/** --max-pixels: refuse larger images before decoding them. */
export function withImageOptions<T>(y: Argv<T>) {
  return y.option('max-pixels', { type: 'number', default: DEFAULT_MAX_PIXELS, describe: 'Refuse images with more pixels than this, before decoding' });
}

/** --json: machine-readable output on stdout. */
export function withJsonOption<T>(y: Argv<T>) {
  return y.option('json', { type: 'boolean', default: false, describe: 'Print JSON on stdout' });
}
