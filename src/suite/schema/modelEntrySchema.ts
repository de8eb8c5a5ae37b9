import { z } from 'zod';
import type { Device, Dtype } from '../../engines/engineOptions.js';
import { idSchema, oneOf, pathString, wholeNumberIn } from './schemaParts.js';

/** Engines a suite may name (`auto` and the ids of the engine registry). */
export const suiteEngines = ['auto', 'tfjs', 'onnx'] as const;
/** Weight precisions a suite may name. */
export const suiteDtypes = ['fp32', 'fp16', 'q8'] as const satisfies readonly Dtype[];
/** Devices a suite may name. */
export const suiteDevices = ['auto', 'cpu', 'gpu', 'cuda'] as const satisfies readonly Device[];

/** One model of a suite, as written. */
export const modelEntrySchema = z
  .strictObject({
    id: idSchema.optional().describe('Names the model in reports; default: the last segment of `path` (the repo name for a hub id).'),
    path: pathString('a model folder or a hub id org/name[@revision]').describe(
      'A model folder in Hugging Face CLIP layout (relative to the suite file; start it with ./ or ../ to make it unambiguous) or a hub id org/name[@revision].',
    ),
    engine: oneOf(suiteEngines).default('auto').describe('Inference engine; auto = onnx when the model has ONNX files, else tfjs.'),
    dtype: oneOf(suiteDtypes).default('fp32').describe('Weights the onnx engine runs: fp16 and q8 read *_fp16.onnx / *_quantized.onnx.'),
    device: oneOf(suiteDevices).default('auto').describe('Where to run; gpu (= cuda) never falls back to the CPU.'),
    threads: wholeNumberIn(1, 1024).optional().describe('CPU threads; default one per core.'),
  })
  .describe('A CLIP-style model to audit.');

export type ModelEntry = z.output<typeof modelEntrySchema>;
