import type { ClipConfig } from '../families/clip/clipConfig.js';
import type { SceneAugmentation } from './composeTrainingImage.js';
import type { WordStyleShares } from './writtenWordStyles.js';

/** How stroop trains a small CLIP on the emoji dataset. Plain data; see stroopTinyRecipe. */
export interface TrainingRecipe {
  /** Names the model in its files and in the log. */
  readonly name: string;
  /** Seeds the weights, the batches, the augmentation and the written words. */
  readonly seed: number;
  /** Optimiser steps. */
  readonly steps: number;
  /** Image/caption pairs per step, each of a different class, in [2, class count]. */
  readonly batchSize: number;
  /** Adam's peak learning rate, reached after `warmupSteps` and decayed to 0 by a cosine. */
  readonly learningRate: number;
  readonly warmupSteps: number;
  /** Architecture; image size must equal `datasetImageSize`. */
  readonly architecture: ClipConfig;
  /** How many of CLIP's BPE merges the tokenizer keeps (vocabulary = 512 + merges + 2). */
  readonly tokenizerMerges: number;
  /** Side of the emoji images the model is trained and evaluated on, px. */
  readonly datasetImageSize: number;
  /** Captions: templates with `{}` where the class name goes, one drawn per pair. */
  readonly templates: readonly string[];
  /** Fraction of training images with their caption's class name written on the artwork, in [0, 1]. */
  readonly writtenWordRate: number;
  /** Fraction of training images that show the class name without its artwork, in [0, 1]. */
  readonly wordOnlyRate: number;
  /**
   * Of those, the share in [0, 1] written over the artwork of another class (the rest are on a
   * plain background): the caption follows the word, not the picture, as web captions quote the
   * sign or label in a photo. Without them the word and the artwork always agree in training,
   * and the model, which can tell the class from either, never learns to let the word win
   * (measured: the word alone read 87% of the time, over a held-out artwork it won 12.5%).
   */
  readonly wordOverOtherArtworkShare: number;
  /**
   * Steps of artwork alone before any word is written: the text tower first learns to tell
   * the class names apart from the artwork, so that a written word has a caption to match.
   */
  readonly wordsFromStep: number;
  /**
   * Steps, from `wordsFromStep`, over which the two word rates grow linearly from 0 to their
   * values. Switching words in at once makes the loss jump and can collapse the image tower to
   * one embedding for every image (the loss then sits at ln(batch)); a ramp avoids it.
   */
  readonly wordRampSteps: number;
  /**
   * Steps, from `wordsFromStep`, over which the written words grow from one plain style to
   * full variety (see writtenWordSpec); each image draws a variety between 0 and the current
   * bound, so plain words stay in the mix.
   */
  readonly wordVarietySteps: number;
  /** Random scale of the artwork inside the image, as [min, max] of its side, in (0, 1]. */
  readonly artworkScale: readonly [number, number];
  /** Mirror the artwork left-right half of the time (before any word is written). */
  readonly mirror: boolean;
  /**
   * Strength in [0, 1] of the artwork's colour jitter (gamma, colourfulness, grey, hue; see
   * jitterColours), so that colours tell less of the style; 0 leaves the colours as drawn.
   */
  readonly colourJitter: number;
  /** v2: set the artwork into varied scenes (backgrounds, turns, crops, recoloured icons); absent, on white. */
  readonly scene?: SceneAugmentation;
  /** v2: shares of the literature's word styles (overlay words, small stickers); absent, paper labels only. */
  readonly wordStyles?: WordStyleShares;
  /**
   * v2: start easy. Each image is easy (a starter artwork, the emoji training styles, on white
   * as v1 draws it) or hard (any artwork of the pool, set into a scene); the hard share grows
   * from 0 at `fromStep` to `finalShare` at `toStep` and stays there. A small ViT trained from
   * scratch on the whole artwork pool sits at chance for hundreds of steps; on the emoji styles
   * it leaves it in 40.
   */
  readonly curriculum?: { readonly fromStep: number; readonly toStep: number; readonly finalShare: number };
  /**
   * v3 to v7: the generation whose weights (the same variant's) training starts from instead of
   * a fresh init; a trainer given larger patches resizes them (scripts/train_tiny_torch.py --init).
   */
  readonly startsFrom?: StroopTinyGeneration;
  /** Steps between held-out checks printed to the log; 0 = only at the end. */
  readonly evalEvery: number;
}

/** Which stroop-tiny to train: the reading model, or the control that never sees written words. */
export type StroopTinyVariant = 'reading' | 'control';

export const stroopTinyVariants: readonly StroopTinyVariant[] = ['reading', 'control'];

/**
 * Which generation of the recipe: v1, v2 (issue #21: varied scenes, the literature's word
 * styles), v3 (v2 on 8 px patches), v4 (the presets' own word styles), v5 (v4 with most
 * words drawn as defense-prefix draws them, and longer), v6 (v5 with fewer words, more objects)
 * or v7 (v6 trained on for long, most words defense-prefix's).
 */
export type StroopTinyGeneration = 'v1' | 'v2' | 'v3' | 'v4' | 'v5' | 'v6' | 'v7';

export const stroopTinyGenerations: readonly StroopTinyGeneration[] = ['v1', 'v2', 'v3', 'v4', 'v5', 'v6', 'v7'];

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
