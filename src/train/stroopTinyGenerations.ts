import { stroopTinyRecipe, type StroopTinyGeneration, type StroopTinyVariant, type TrainingRecipe } from './trainingRecipe.js';
import type { WordStyleShares } from './writtenWordStyles.js';

/*
 * The generations of stroop-tiny's recipe after v1 (issue #21), each trained on from the one
 * before it: what `npm run train:tiny` runs stage by stage (scripts/trainTiny.sh), and what
 * scripts/emitTrainingBatches.js streams with --generation. v1 is stroopTinyRecipe.
 */

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
 * A generation's written words: on the artwork of `onArtwork` of the images and alone on `alone`,
 * drawn at `wordStyles`' shares, for the reading model; none for the control, which is the same
 * recipe without words.
 */
function writtenWords(variant: StroopTinyVariant, onArtwork: number, alone: number, wordStyles: WordStyleShares): Pick<TrainingRecipe, 'writtenWordRate' | 'wordOnlyRate' | 'wordStyles'> {
  const reading = variant === 'reading';
  return { writtenWordRate: reading ? onArtwork : 0, wordOnlyRate: reading ? alone : 0, wordStyles };
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
  return {
    ...stroopTinyRecipeV3(variant, steps),
    seed: 4,
    learningRate: 3e-4,
    warmupSteps: 30,
    ...writtenWords(variant, 0.3, 0.3, { overlay: 0.35, sticker: 0.3, drawnAs: 'presets' }),
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
  return {
    ...stroopTinyRecipeV4(variant, steps),
    seed: 5,
    learningRate: 4e-4,
    ...writtenWords(variant, 0.3, 0.4, { overlay: 0.6, sticker: 0.25, drawnAs: 'presets' }),
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
  return {
    ...stroopTinyRecipeV5(variant, steps),
    seed: 6,
    learningRate: 3e-4,
    ...writtenWords(variant, 0.2, 0.2, { overlay: 0.5, sticker: 0.3, drawnAs: 'presets' }),
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
  return {
    ...stroopTinyRecipeV6(variant, steps),
    seed: 7,
    ...writtenWords(variant, 0.25, 0.35, { overlay: 0.75, sticker: 0.15, drawnAs: 'presets' }),
    startsFrom: 'v6',
  };
}

/** The recipe of a generation and variant, with the generation's default length unless `steps` is given. */
export function stroopTinyRecipeOf(generation: StroopTinyGeneration, variant: StroopTinyVariant, steps?: number): TrainingRecipe {
  if (generation === 'v1') return steps === undefined ? stroopTinyRecipe(variant) : { ...stroopTinyRecipe(variant), steps };
  const recipes = { v2: stroopTinyRecipeV2, v3: stroopTinyRecipeV3, v4: stroopTinyRecipeV4, v5: stroopTinyRecipeV5, v6: stroopTinyRecipeV6, v7: stroopTinyRecipeV7 };
  return recipes[generation](variant, steps);
}
