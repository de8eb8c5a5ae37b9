import type { ClipConfig } from '../model/clipConfig.js';
import type { SiglipConfig } from './siglip/siglipConfig.js';

/**
 * The architecture of a checkpoint of any family stroop implements, told apart by `family`.
 * Stages that do not care which family it is read only what every family has: `projectionDim`
 * (the embedding width), `vision.imageSize` / `numChannels` / `patchSize` and
 * `text.maxPositionEmbeddings` / `vocabSize`.
 */
export type ModelConfig = ClipConfig | SiglipConfig;

/** The family ids, from the configs' discriminator. */
export type FamilyId = ModelConfig['family'];
