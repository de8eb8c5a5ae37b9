import fs from 'node:fs/promises';
import path from 'node:path';
import type { ClipConfig } from '../model/clipConfig.js';
import { clipConfigJson, preprocessorConfigJson } from '../model/clipConfigJson.js';
import type { PreprocessorConfig } from '../model/preprocessorConfig.js';
import type { WeightMap } from '../model/weightMap.js';
import { writeSafetensors } from '../model/writeSafetensors.js';
import type { ReducedClipTokenizer } from './reducedClipTokenizer.js';

async function writeAtomically(file: string, data: string | Uint8Array): Promise<void> {
  const temp = `${file}.${process.pid}.tmp`;
  await fs.writeFile(temp, data);
  await fs.rename(temp, file);
}

/**
 * Writes a trained model in Hugging Face CLIP layout: config.json, preprocessor_config.json,
 * the reduced tokenizer's files, model.safetensors (F32) and `training.json` (how it was made
 * and what it scored). Each file appears whole or not at all. Returns the file names.
 */
export async function writeTrainedModel(
  outDir: string,
  config: ClipConfig,
  preprocessor: PreprocessorConfig,
  tokenizer: ReducedClipTokenizer,
  weights: WeightMap,
  training: unknown,
): Promise<string[]> {
  await fs.mkdir(outDir, { recursive: true });
  const json = (value: unknown) => `${JSON.stringify(value, null, 2)}\n`;
  const files: Record<string, string | Uint8Array> = {
    'config.json': json(clipConfigJson(config)),
    'preprocessor_config.json': json(preprocessorConfigJson(preprocessor)),
    ...tokenizer.files,
    'model.safetensors': writeSafetensors(weights, { metadata: { format: 'pt' } }),
    'training.json': json(training),
  };
  for (const [name, data] of Object.entries(files)) await writeAtomically(path.join(outDir, name), data);
  return Object.keys(files);
}
