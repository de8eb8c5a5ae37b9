import fs from 'node:fs/promises';
import path from 'node:path';
import { packageRoot } from '../packageRoot.js';
import type { ClipConfig } from './clipConfig.js';
import { clipConfigJson, preprocessorConfigJson } from './clipConfigJson.js';
import type { PreprocessorConfig } from './preprocessorConfig.js';
import type { WeightMap } from './weightMap.js';
import { writeSafetensors } from './writeSafetensors.js';

/** CLIP's full BPE tokenizer files, shipped with stroop. */
export const clipTokenizerDir = path.join(packageRoot, 'models', 'clip-bpe');
const tokenizerFiles = ['vocab.json', 'merges.txt', 'tokenizer_config.json', 'special_tokens_map.json'];

async function writeAtomically(file: string, data: string | Uint8Array): Promise<void> {
  const temp = `${file}.${process.pid}.tmp`;
  await fs.writeFile(temp, data);
  await fs.rename(temp, file);
}

/**
 * Writes a checkpoint in Hugging Face CLIP layout: config.json, preprocessor_config.json,
 * model.safetensors (F32) and CLIP's tokenizer files. Each file appears whole or not at all.
 */
export async function writeClipCheckpoint(outDir: string, config: ClipConfig, preprocessor: PreprocessorConfig, weights: WeightMap): Promise<string[]> {
  await fs.mkdir(outDir, { recursive: true });
  const json = (value: unknown) => `${JSON.stringify(value, null, 2)}\n`;
  await writeAtomically(path.join(outDir, 'config.json'), json(clipConfigJson(config)));
  await writeAtomically(path.join(outDir, 'preprocessor_config.json'), json(preprocessorConfigJson(preprocessor)));
  for (const file of tokenizerFiles) await fs.copyFile(path.join(clipTokenizerDir, file), path.join(outDir, file));
  await writeAtomically(path.join(outDir, 'model.safetensors'), writeSafetensors(weights, { metadata: { format: 'pt' } }));
  return ['config.json', 'preprocessor_config.json', ...tokenizerFiles, 'model.safetensors'];
}
