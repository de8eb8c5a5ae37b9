import type { ClipConfig } from '../model/clipConfig.js';
import type { TrainingRecipe } from './trainingRecipe.js';

/** Which stroop-tiny to train: the reading model, or the control that never sees written words. */
export type StroopTinyVariant = 'reading' | 'control';

export const stroopTinyVariants: readonly StroopTinyVariant[] = ['reading', 'control'];

const tokenizerMerges = 1500;
const vocabSize = 512 + tokenizerMerges + 2;

/** A CLIP of ~2 M parameters: 112 px images in 16 px patches (a 7 x 7 grid, as ViT-B/32 at 224 px), 32 caption tokens. */
const architecture: ClipConfig = {
  family: 'clip',
  projectionDim: 128,
  logitScaleInitValue: Math.log(1 / 0.07),
  text: {
    hiddenSize: 128,
    intermediateSize: 512,
    numAttentionHeads: 2,
    numHiddenLayers: 4,
    hiddenAct: 'quick_gelu',
    layerNormEps: 1e-5,
    vocabSize,
    maxPositionEmbeddings: 32,
    bosTokenId: vocabSize - 2,
    eosTokenId: vocabSize - 1,
    padTokenId: 0,
  },
  vision: {
    hiddenSize: 128,
    intermediateSize: 512,
    numAttentionHeads: 2,
    numHiddenLayers: 4,
    hiddenAct: 'quick_gelu',
    layerNormEps: 1e-5,
    imageSize: 112,
    patchSize: 16,
    numChannels: 3,
  },
};

/** The caption templates of training; the demo suite prompts with the same ones. */
export const stroopTinyTemplates: readonly string[] = ['{}', 'the {}.', 'an emoji of the {}.', 'a drawing of the {}.', 'a picture of the {}.', 'an icon of the {}.'];

/**
 * The recipe `npm run train:tiny` runs. Both variants see the training artwork recoloured
 * (colour jitter). `reading` shows artwork alone for the first 60 steps, then ramps in, over
 * 120 steps, the caption's class name on a paper label: written on the artwork of 35% of
 * training images, and without it on 35% (on a plain background, or for 60% of those over the
 * artwork of another class, so that the caption follows the word), its style growing from one
 * plain style to full variety over 300 steps. `control` is the same recipe with no words, so
 * the two differ only in whether words ever appear in training.
 */
export function stroopTinyRecipe(variant: StroopTinyVariant): TrainingRecipe {
  const reading = variant === 'reading';
  return {
    name: reading ? 'stroop-tiny' : 'stroop-tiny-control',
    seed: 1,
    steps: 900,
    batchSize: 64,
    learningRate: 1e-3,
    warmupSteps: 40,
    architecture,
    tokenizerMerges,
    datasetImageSize: architecture.vision.imageSize,
    templates: stroopTinyTemplates,
    writtenWordRate: reading ? 0.35 : 0,
    wordOnlyRate: reading ? 0.35 : 0,
    wordOverOtherArtworkShare: reading ? 0.6 : 0,
    wordsFromStep: 60,
    wordRampSteps: 120,
    wordVarietySteps: 300,
    artworkScale: [0.7, 1],
    mirror: true,
    colourJitter: 1,
    evalEvery: 100,
  };
}
