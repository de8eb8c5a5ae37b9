import fs from 'node:fs/promises';
import path from 'node:path';
import { packageRoot } from '../../packageRoot.js';
import { randomWeights } from '../../model/randomWeights.js';
import { writeSafetensors } from '../../model/writeSafetensors.js';
import { writeFileAtomically } from '../../util/writeFileAtomically.js';
import type { SiglipArchitecture } from './siglipArchitectures.js';
import { siglipConfigJson, siglipPreprocessorConfigJson, siglipPreprocessorFor } from './siglipConfigJson.js';
import { expectedSiglipWeightShapes } from './siglipWeightShapes.js';

/** The stand-in tokenizers shipped with stroop for random-weight checkpoints (see its README). */
export const siglipTokenizerDir = path.join(packageRoot, 'models', 'siglip-tokenizers');
const tokenizerFiles = { spiece: ['spiece.model', 'tokenizer_config.json'], 'gemma-bpe': ['tokenizer.json', 'tokenizer_config.json'] } as const;

/**
 * Writes a SigLIP checkpoint of `architecture` with seeded random weights in Hugging Face layout:
 * config.json, preprocessor_config.json (SiglipImageProcessor), the stand-in tokenizer of its
 * kind and model.safetensors (F32; logit_scale log(10), logit_bias -10, transformers' initial
 * values). Each file appears whole or not at all.
 * @returns the names of the files written.
 */
export async function writeSiglipCheckpoint(outDir: string, architecture: SiglipArchitecture, seed: number): Promise<string[]> {
  const { config } = architecture;
  await fs.mkdir(outDir, { recursive: true });
  const json = (value: unknown) => new TextEncoder().encode(`${JSON.stringify(value, null, 2)}\n`);
  await writeFileAtomically(path.join(outDir, 'config.json'), json(siglipConfigJson(config)));
  await writeFileAtomically(path.join(outDir, 'preprocessor_config.json'), json(siglipPreprocessorConfigJson(siglipPreprocessorFor(config))));
  const tokenizer = tokenizerFiles[architecture.tokenizer];
  for (const file of tokenizer) await fs.copyFile(path.join(siglipTokenizerDir, architecture.tokenizer, file), path.join(outDir, file));
  const weights = randomWeights(expectedSiglipWeightShapes(config), seed, { logit_scale: config.logitScaleInitValue, logit_bias: config.logitBiasInitValue });
  await writeFileAtomically(path.join(outDir, 'model.safetensors'), writeSafetensors(weights, { metadata: { format: 'pt' } }));
  return ['config.json', 'preprocessor_config.json', ...tokenizer, 'model.safetensors'];
}
