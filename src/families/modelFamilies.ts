import { ConfigError } from '../errors/errors.js';
import { clipFamily } from './clip/clipFamily.js';
import type { FamilyId, ModelConfig, ModelFamily } from './modelFamily.js';
import { siglipFamily } from './siglip/siglipFamily.js';

/** The families stroop implements, by id. */
export const modelFamilies: Readonly<Record<FamilyId, ModelFamily>> = Object.freeze({
  clip: clipFamily,
  siglip: siglipFamily,
});

/** model_types that are close to a supported family but are not it, with what to do instead. */
const knownUnsupported: Readonly<Record<string, string>> = Object.freeze({
  siglip2:
    'SigLIP 2 NaFlex checkpoints (Siglip2Model, variable resolution and aspect ratio) are not supported; the fixed-resolution SigLIP 2 checkpoints (e.g. google/siglip2-base-patch16-224, model_type "siglip") are',
  clip_vision_model: 'this is a vision tower alone; stroop needs the whole CLIPModel (both towers)',
  clip_text_model: 'this is a text tower alone; stroop needs the whole CLIPModel (both towers)',
  siglip_vision_model: 'this is a vision tower alone; stroop needs the whole SiglipModel (both towers)',
  siglip_text_model: 'this is a text tower alone; stroop needs the whole SiglipModel (both towers)',
});

/** `clip (CLIPModel, e.g. openai/...), siglip (...)`, for messages. */
export function describeSupportedFamilies(): string {
  return Object.values(modelFamilies)
    .map((f) => `${f.modelTypes.join('/')} (${f.label}: ${f.architectures.join(', ')}, e.g. ${f.exampleHubId})`)
    .join('; ');
}

/** The family that implements `config` (told by its discriminator). */
export function familyOf(config: ModelConfig): ModelFamily {
  return modelFamilies[config.family];
}

/**
 * The family a parsed `config.json` belongs to, by its `model_type` (a config without one is
 * read as CLIP, as old CLIP configs are).
 *
 * @throws ConfigError naming the model_type and architectures found and the supported families.
 */
export function familyOfConfigJson(json: unknown, source: string): ModelFamily {
  if (typeof json !== 'object' || json === null || Array.isArray(json)) {
    throw new ConfigError(`Invalid model config ${source}: expected a JSON object`, source);
  }
  const { model_type: modelType, architectures } = json as { model_type?: unknown; architectures?: unknown };
  if (modelType === undefined || modelType === null) return modelFamilies.clip;
  const family = Object.values(modelFamilies).find((f) => typeof modelType === 'string' && f.modelTypes.includes(modelType));
  if (family !== undefined) return family;
  const found = `model_type ${JSON.stringify(modelType)}${Array.isArray(architectures) ? ` (architectures: ${architectures.map(String).join(', ')})` : ''}`;
  const why = typeof modelType === 'string' ? knownUnsupported[modelType] : undefined;
  throw new ConfigError(
    `${source}: ${found} is not a model family stroop implements${why === undefined ? '' : `: ${why}`}. Supported model_type values: ${describeSupportedFamilies()}.`,
    source,
  );
}
