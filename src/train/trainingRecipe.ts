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

/**
 * stroop-tiny v2 (issue #21), trained by the PyTorch path on the emoji pool (the five emoji
 * training styles; `npm run train:tiny`): v1's model with the artwork set into varied scenes
 * (70% not on white: flat colours, gradients, photo-like noise, faint clutter of other artwork;
 * 40-100% of the side, up to 15% out of frame, turned up to 20 degrees half of the time, one-
 * colour art painted in a contrasting colour), fewer written words (30% on the artwork, 20%
 * alone) so that half of the images teach the object, and, at full variety, 18% of words
 * written as Defense-Prefix writes them and 13% as small stickers (`wordStyles` gives 35% and
 * 25% at an image's variety 1; images draw their variety uniformly below the step's bound);
 * starting easy: artwork on white only for 100 steps, then a growing share in scenes, 80% from
 * step 1,000 on; 3,000 steps.
 * On the whole artwork pool (`--pool artwork`) the same recipe measured worse on both of the
 * demo's sets (docs/training.md).
 */
export function stroopTinyRecipeV2(variant: StroopTinyVariant, steps = 3000): TrainingRecipe {
  const reading = variant === 'reading';
  return {
    ...stroopTinyRecipe(variant),
    steps,
    writtenWordRate: reading ? 0.3 : 0,
    wordOnlyRate: reading ? 0.2 : 0,
    artworkScale: [0.4, 1],
    scene: { backgroundRate: 0.7, rotationDeg: 20, overhang: 0.15, recolourMonochrome: true },
    wordStyles: { overlay: 0.35, sticker: 0.25 },
    curriculum: { fromStep: 100, toStep: 1000, finalShare: 0.8 },
  };
}

/**
 * stroop-tiny v3 (issue #21): v2's recipe at full strength from the first step, on 8 px
 * patches (a 14 x 14 grid), starting from the same variant's v2 weights (the 16 px patch
 * kernel summed to 8 px, the position grid interpolated; scripts/train_tiny_torch.py --init).
 * A sticker's word is about 13 px tall at 112 px, under one 16 px patch; v2 never read it. A
 * new seed, so no batch repeats one of v2's; a fresh warm-up to half v2's peak learning rate.
 */
export function stroopTinyRecipeV3(variant: StroopTinyVariant, steps = 1500): TrainingRecipe {
  const v2 = stroopTinyRecipeV2(variant, steps);
  return {
    ...v2,
    seed: 3,
    learningRate: 5e-4,
    warmupSteps: 50,
    architecture: { ...v2.architecture, vision: { ...v2.architecture.vision, patchSize: 8 } },
    wordsFromStep: 0,
    wordRampSteps: 1,
    wordVarietySteps: 1,
    curriculum: { fromStep: 0, toStep: 1, finalShare: v2.curriculum?.finalShare ?? 0.8 },
    startsFrom: 'v2',
  };
}

/**
 * stroop-tiny v4 (issue #21): v3's recipe, trained on from the v3 weights, with the literature's
 * words drawn by the shipped presets themselves (`drawnAs: 'presets'`: defense-prefix's three
 * faces, 20-40 px, eight colours, anywhere; openai-sticker's Comic Neue label low in the middle)
 * at their shares whatever the variety (35% and 30% of words), and more words alone (30%): v3
 * read neither style even on a blank image, and learnt a single style in 100 steps where it
 * failed to learn v2's widened ones in 450 (docs/training.md). A new seed; peak rate 3e-4.
 */
export function stroopTinyRecipeV4(variant: StroopTinyVariant, steps = 900): TrainingRecipe {
  const v3 = stroopTinyRecipeV3(variant, steps);
  const reading = variant === 'reading';
  return {
    ...v3,
    seed: 4,
    learningRate: 3e-4,
    warmupSteps: 30,
    writtenWordRate: reading ? 0.3 : 0,
    wordOnlyRate: reading ? 0.3 : 0,
    wordStyles: { overlay: 0.35, sticker: 0.3, drawnAs: 'presets' },
    startsFrom: 'v3',
  };
}

/**
 * stroop-tiny v5 (issue #21): v4's recipe, trained on from the v4 weights for twice as long,
 * with most written words drawn as the defense-prefix preset draws them (60%; the sticker 25%,
 * paper labels the rest) and more words alone (40% of images): v4 gave defense-prefix about a
 * tenth of its images alone and did not read it, while a probe that made it half of every
 * batch read it 3% -> 25% in 600 steps (docs/training.md). A new seed; peak rate 4e-4.
 */
export function stroopTinyRecipeV5(variant: StroopTinyVariant, steps = 1800): TrainingRecipe {
  const v4 = stroopTinyRecipeV4(variant, steps);
  const reading = variant === 'reading';
  return {
    ...v4,
    seed: 5,
    learningRate: 4e-4,
    wordOnlyRate: reading ? 0.4 : 0,
    wordStyles: { overlay: 0.6, sticker: 0.25, drawnAs: 'presets' },
    startsFrom: 'v4',
  };
}

/**
 * stroop-tiny v6 (issue #21): v5's recipe, trained on from the v5 weights, with fewer words
 * (20% of images with the word on the artwork, 20% alone; v5 30% and 40%) so that most images
 * teach the object again, and the sticker a larger share of them (30%; defense-prefix 50%):
 * v5 read the sticker almost always but classified new compositions 72.5% (its control 90.6%),
 * and two probes after it found defense-prefix's words learnt no faster for being half of every
 * batch or every other batch (docs/training.md). A new seed; peak rate 3e-4.
 */
export function stroopTinyRecipeV6(variant: StroopTinyVariant, steps = 1200): TrainingRecipe {
  const v5 = stroopTinyRecipeV5(variant, steps);
  const reading = variant === 'reading';
  return {
    ...v5,
    seed: 6,
    learningRate: 3e-4,
    writtenWordRate: reading ? 0.2 : 0,
    wordOnlyRate: reading ? 0.2 : 0,
    wordStyles: { overlay: 0.5, sticker: 0.3, drawnAs: 'presets' },
    startsFrom: 'v5',
  };
}

/**
 * stroop-tiny v7 (issue #21): v6's model and scenes, trained on from the v6 weights for 4,000
 * steps, over three times v6's length, with a little more of each image's words (25% on the
 * artwork, 35% alone; v6 20% and 20%) and most of them drawn as defense-prefix draws them (75%;
 * the sticker 15%, paper labels 10%): every probe after v6 found defense-prefix read in proportion
 * to the words of its style the model saw, and none that kept the objects ran long enough to
 * say where that ends (docs/training.md). A new seed; v6's peak rate, 3e-4.
 */
export function stroopTinyRecipeV7(variant: StroopTinyVariant, steps = 4000): TrainingRecipe {
  const v6 = stroopTinyRecipeV6(variant, steps);
  const reading = variant === 'reading';
  return {
    ...v6,
    seed: 7,
    writtenWordRate: reading ? 0.25 : 0,
    wordOnlyRate: reading ? 0.35 : 0,
    wordStyles: { overlay: 0.75, sticker: 0.15, drawnAs: 'presets' },
    startsFrom: 'v6',
  };
}

/** The recipe of a generation and variant, with the generation's default length unless `steps` is given. */
export function stroopTinyRecipeOf(generation: StroopTinyGeneration, variant: StroopTinyVariant, steps?: number): TrainingRecipe {
  if (generation === 'v1') return steps === undefined ? stroopTinyRecipe(variant) : { ...stroopTinyRecipe(variant), steps };
  const recipes = { v2: stroopTinyRecipeV2, v3: stroopTinyRecipeV3, v4: stroopTinyRecipeV4, v5: stroopTinyRecipeV5, v6: stroopTinyRecipeV6, v7: stroopTinyRecipeV7 };
  return recipes[generation](variant, steps);
}
